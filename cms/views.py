import sys

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from media.health import storage_health
from search.engine import get_engine


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
    checks = {
        "database": database_health(),
        "search": get_engine().health(),
        "storage": storage_health(),
    }
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


def _site_or_404(request):
    from django.http import Http404
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


@require_GET
def sitemap(request):
    """The sitemap of the site that answers on this host (never another region's), in every
    language the site offers, with hreflang alternates."""
    from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

    from cms.traducciones.sitemap import SitemapMultilingue

    _site_or_404(request)
    return wagtail_sitemap(request, sitemaps={"paginas": SitemapMultilingue})


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for on their own: the committed icon."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("cms/favicon.ico"))


@require_GET
def robots_txt(request):
    site = _site_or_404(request)
    lineas = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {site.root_url}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lineas), content_type="text/plain; charset=utf-8")


def serve_ics(request, ruta):
    """Serve "<page path>/<file>.ics" through Wagtail's routing as "<page path>/<file>.ics/"."""
    from wagtail.views import serve

    return serve(request, f"{ruta}/")


# Seconds a client (or a proxy) should wait before retrying when the database is away.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: a lost database connection is a temporary outage (503 and a Spanish page
    that promises nothing was lost), anything else is a server error (500).

    Both pages are static templates: rendering them must not need the database."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        # Its inline <style> carries the request's nonce (Content-Security-Policy).
        nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
        response = HttpResponse(
            loader.get_template("503.html").render({"csp_nonce": nonce}), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
