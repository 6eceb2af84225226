"""Language switcher, hreflang alternates and localized section links for the public site."""

from django import template
from django.utils import translation

from cms.cache import memo
from cms.traducciones.idiomas import alternativas, locale_activo

from .sitio_tags import _host, region_de_pagina_recordada

register = template.Library()


@register.filter
def bcp47(codigo):
    """ "es-mx" -> "es-MX" (the casing of language tags in HTML and hreflang)."""
    partes = (codigo or "").split("-")
    return "-".join([partes[0].lower()] + [p.upper() if len(p) == 2 else p for p in partes[1:]])


@register.simple_tag(takes_context=True)
def idiomas_de_pagina(context, page):
    """The page in every language its site offers (see traducciones.idiomas.alternativas)."""
    if page is None or not getattr(page, "pk", None):
        return []
    request = context.get("request")
    # Per page, host and page-cache generation (publishing a translation purges it).
    return memo(("alternativas", page.pk, _host(request)), lambda: alternativas(page, request))


@register.simple_tag(takes_context=True)
def idioma_de_pagina(context, page=None):
    """The language code the page (or, without one, the request) is in."""
    if page is not None and getattr(page, "locale_id", None):
        return memo(("idioma", page.locale_id), lambda: page.locale.language_code)
    locale = locale_activo()
    return locale.language_code if locale else translation.get_language()


@register.simple_tag(takes_context=True)
def secciones_sitio(context, page=None):
    """The site's listings (noticias, eventos…) public in the language being read
    (cms.visibilidad.versiones_publicas: live is not enough)."""
    from cms.models import INDICES
    from cms.visibilidad import versiones_publicas

    region = region_de_pagina_recordada(page) or context.get("region_actual")
    if region is None or region.home_page is None:
        return []
    locale = page.locale if page is not None and getattr(page, "locale_id", None) else None
    locale = locale or locale_activo()
    indices = list(region.home_page.get_children().filter(slug__in=INDICES).order_by("path"))
    secciones = []
    for indice, local in zip(
        indices, versiones_publicas(indices, locale, respaldo=False), strict=True
    ):
        if local is not None:
            url = local.get_url(context.get("request"))
            secciones.append({"titulo": local.title, "url": url, "slug": indice.slug})
    return secciones


@register.filter
def traducidas(alternativas):
    """The switcher's entries: only the languages the page is really published in."""
    return [alterna for alterna in alternativas if alterna["url"]]


@register.simple_tag(takes_context=True)
def envio_a_moderacion(context, page):
    """The workflow a translation can be submitted to by this person (who cannot publish it),
    or None (cms.traducciones.moderacion)."""
    from cms.traducciones.moderacion import flujo_para_enviar

    request = context.get("request")
    return flujo_para_enviar(page, request.user) if request else None
