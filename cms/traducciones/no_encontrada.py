"""The public 404, always in Spanish; under a language prefix it says the page is not
available in that language and links to the Spanish page when there is one."""

from django.http import HttpResponseNotFound
from django.template import loader
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.visibilidad import paginas_publicas

from .idiomas import locale_activo, nombre_idioma


def pagina_en_espanol(request, codigo):
    """The public Spanish page (cms.visibilidad) at the request's path without its language
    prefix, or None."""
    prefijo = f"/{codigo}/"
    if not request.path.startswith(prefijo):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    ruta = request.path[len(prefijo) - 1 :]
    url_path = site.root_page.url_path + ruta.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return paginas_publicas(
        Page.objects.filter(url_path=url_path, locale=Locale.get_default(), alias_of__isnull=True)
    ).first()


def no_encontrada(request, exception=None):
    locale = locale_activo()
    default = Locale.get_default()
    contexto = {}
    if locale is not None and locale.pk != default.pk:
        contexto["idioma_pedido"] = nombre_idioma(locale)
        espanol = pagina_en_espanol(request, translation.get_language())
        if espanol is not None:
            contexto["pagina_espanol"] = espanol.get_url(request)
    with translation.override(default.language_code):
        html = loader.render_to_string("404.html", contexto, request=request)
    return HttpResponseNotFound(html)
