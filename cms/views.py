import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.views.decorators.http import require_GET


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
