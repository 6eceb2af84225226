"""Content-Security-Policy for every response, with django-csp.

Two policies:

- **Public sites**: strict. Scripts and styles only from the site itself (no inline script,
  no inline style: the templates use none; the only exception is the static 503 page, whose
  ``<style>`` carries a nonce), images and audio from the site and the media storage,
  frames only from the video providers editors may embed, no plugins, no ``<base>``,
  forms posting only to the site, and the page framed only by the site itself (the admin's
  preview). Cached pages carry no nonce, so the same header fits every copy.
- **Admin** (``/admin/``): Wagtail's admin still writes inline scripts and styles, so those
  are allowed there, and nothing else is loosened: no plugins, no ``<base>``, no framing by
  other sites, forms posting only to the site.

The media origins come from the storage settings, so a bucket, an S3-compatible endpoint
or a CDN for renditions is allowed wherever it is configured.

A response without a nonce (every public page, cached or not) carries one of two fixed
headers: each is built once per process and settings (any setting changed forgets them), not
on every response, where building it cost about a third of a cached page's hit. A response
whose template asked for a nonce, or that carries its own policy changes, is built per
response by django-csp as before.
"""

from urllib.parse import urlsplit

from csp.constants import HEADER, NONCE, NONE, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

ADMIN_PREFIX = "/admin/"


def _origen(url):
    if not url:
        return None
    partes = urlsplit(url if "//" in url else f"https://{url}")
    return f"{partes.scheme}://{partes.netloc}" if partes.netloc else None


def origenes_de_medios():
    """Where images, documents and audio are served from besides the site itself."""
    origenes = []
    bucket = getattr(settings, "AWS_STORAGE_BUCKET_NAME", None)
    if bucket:
        endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
        region = getattr(settings, "AWS_S3_REGION_NAME", None) or "us-east-1"
        origenes.append(_origen(endpoint) or f"https://{bucket}.s3.{region}.amazonaws.com")
        if not endpoint:
            origenes.append(f"https://{bucket}.s3.amazonaws.com")
        origenes.append(_origen(getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)))
    origenes.append(_origen(getattr(settings, "SNT_PUBLIC_MEDIA_DOMAIN", None)))
    return [o for o in dict.fromkeys(origenes) if o]


def _origen_admin():
    """The admin's own address: the editors' toolbar on public pages loads from it."""
    return _origen(getattr(settings, "WAGTAILADMIN_BASE_URL", None))


def _comunes():
    medios = origenes_de_medios()
    return {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *medios],
        "media-src": [SELF, *medios],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


def politica_publica():
    """The directives of the public sites' policy."""
    admin = [o for o in [_origen_admin()] if o]
    return {
        **_comunes(),
        "script-src": [SELF, *admin],
        "style-src": [SELF, NONCE, *admin],
        "frame-src": [SELF, *getattr(settings, "SNT_CSP_FRAME_SRC", [])],
    }


def politica_admin():
    """The directives of the admin's policy."""
    comunes = _comunes()
    return {
        **comunes,
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [*comunes["img-src"], "blob:"],
        "frame-src": [SELF, *getattr(settings, "SNT_CSP_FRAME_SRC", [])],
    }


def es_admin(request):
    return request.path_info.startswith(ADMIN_PREFIX)


# es_admin(request) -> the header of a response without a nonce or changes of its own.
_CABECERAS = {}
# What a view or decorator of django-csp sets on a response to change its policy.
_AJUSTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_EXENTOS_EN_DEBUG = (404, 500)


@receiver(setting_changed)
def _olvidar_cabeceras(**kwargs):
    _CABECERAS.clear()


def cabecera_fija(admin):
    """The policy header of a response with no nonce and no changes of its own."""
    cabecera = _CABECERAS.get(admin)
    if cabecera is None:
        politica = politica_admin() if admin else politica_publica()
        cabecera = _CABECERAS[admin] = build_policy(config=politica)
    return cabecera


class PoliticaDeContenidoMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by where the request goes."""

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY", None)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or any(hasattr(response, nombre) for nombre in _AJUSTES)
        ):
            return super().process_response(request, response)
        # django-csp's own steps for such a response, with the header built once.
        if response.status_code in _EXENTOS_EN_DEBUG and settings.DEBUG:
            return response
        if not getattr(response, "_csp_exempt", False) and HEADER not in response:
            response[HEADER] = cabecera_fija(es_admin(request))
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = politica_admin() if es_admin(request) else politica_publica()
        return parts
