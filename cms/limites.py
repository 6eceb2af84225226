"""Request limits per client, shared by every application process (django-ratelimit on the
"limites" cache: Redis when REDIS_URL is set, so the count is the same on every server).

Who the client is: ``REMOTE_ADDR``, unless ``SNT_TRUSTED_PROXIES`` says how many proxies
of our own stand in front of the application (nginx: 1). Each of them appends the address
it received the connection from to ``X-Forwarded-For``, so the client is the entry that
many places from the end; whatever a client writes into the header itself comes before it
and is ignored. The header is believed only when the connection comes from a proxy's network
(``SNT_TRUSTED_PROXY_NETWORKS``, loopback and private networks by default, or a Unix socket):
a client reaching the application directly would otherwise get a new count with each address
it writes. The address is only hashed into a cache key, never stored.

Over the limit a view raises ``Limitado``; django-ratelimit's middleware answers with
``demasiadas_consultas``: a Spanish 429 (JSON under /api/, a page elsewhere) with
``Retry-After``. If the cache is unreachable the request goes through (a limit is not
worth an error page).
"""

import ipaddress
import logging

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

logger = logging.getLogger(__name__)

MENSAJE = "Demasiadas consultas. Espere un minuto e intente de nuevo."


class Limitado(Ratelimited):
    def __init__(self, segundos):
        super().__init__(MENSAJE)
        self.segundos = max(1, int(segundos))


def _desde_un_proxy(remote):
    if not remote:
        return True  # a Unix socket: only this host reaches it
    try:
        direccion = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(
        direccion in ipaddress.ip_network(red, strict=False)
        for red in getattr(settings, "SNT_TRUSTED_PROXY_NETWORKS", ())
    )


def direccion_cliente(request):
    """The client's address as the trusted proxies forwarded it (RATELIMIT_IP_META_KEY)."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = int(getattr(settings, "SNT_TRUSTED_PROXIES", 0) or 0)
    if hops <= 0 or not _desde_un_proxy(remote):
        return remote or "0.0.0.0"
    remote = remote or "0.0.0.0"
    chain = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(chain) < hops:
        return remote
    return chain[-hops]


def limitar(request, grupo, por_minuto):
    """Count this request in the client's window for ``grupo``; raise Limitado past
    ``por_minuto`` requests in the current minute."""
    try:
        uso = get_usage(request, group=grupo, key="ip", rate=f"{int(por_minuto)}/m", increment=True)
    except Exception:
        logger.warning("Límite de consultas sin caché disponible; se deja pasar", exc_info=True)
        return
    if uso and uso["should_limit"]:
        raise Limitado(uso["time_left"])


def demasiadas_consultas(request, exception):
    """RATELIMIT_VIEW."""
    segundos = getattr(exception, "segundos", 60)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": MENSAJE, "estado": 429}, status=429, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(request, "429.html", {"segundos": segundos}, status=429)
    response["Retry-After"] = str(segundos)
    response["Cache-Control"] = "no-store"
    return response
