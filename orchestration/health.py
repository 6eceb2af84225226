"""/healthz: the state of the database, the search engine and the storage.

It asks every layer (``search.engine``, ``media.health``), so it lives above them all."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from media.health import storage_health
from search.engine import get_engine
from search.indexer import mapping_health


def database_health():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"state": "down", "vendor": connection.vendor, "detail": exc.__class__.__name__}
    return {"state": "ok", "vendor": connection.vendor}


#: The overall state as anonymous callers read it.
ESTADOS = {"ok": "ok", "degraded": "degradado", "down": "sin servicio"}
#: The header that carries ``SNT_HEALTHZ_TOKEN`` (monitoring without a session).
HEALTHZ_TOKEN_HEADER = "X-Healthz-Token"


def sees_health_details(request):
    """Details (database vendor, engine, storage backend, exception classes) are for the
    monitoring token and for logged-in staff; anyone else learns only the overall state.

    The user is read only when a session cookie came with the request: with the database
    away, reading it would fail, and the health check must still answer."""
    token = getattr(settings, "SNT_HEALTHZ_TOKEN", "")
    sent = request.headers.get(HEALTHZ_TOKEN_HEADER, "")
    if token and sent and constant_time_compare(token, sent):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        user = request.user
        return bool(user.is_authenticated and user.is_active and user.is_staff)
    except DatabaseError:
        return False


@never_cache
@require_GET
def healthz(request):
    engine = get_engine()
    search = engine.health()
    if search["state"] != "down":
        search.update(mapping_health(engine))
    checks = {"database": database_health(), "search": search, "storage": storage_health()}
    states = {check["state"] for check in checks.values()}
    if checks["database"]["state"] != "ok":
        overall = "down"
    elif states == {"ok"}:
        overall = "ok"
    else:
        overall = "degraded"
    status = 200 if checks["database"]["state"] == "ok" else 503
    body = {"estado": ESTADOS[overall]}
    if sees_health_details(request):
        body.update({"state": overall, "checks": checks})
    return JsonResponse(body, status=status)
