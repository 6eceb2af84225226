from django import template

from cms.lenguaje import agrupar, revisar_pagina

register = template.Library()


@register.simple_tag
def hallazgos_lenguaje(page):
    """Inclusive-language findings of the page being previewed, grouped per field."""
    specific = getattr(page, "specific_deferred", page)
    try:
        return agrupar(revisar_pagina(specific))
    except Exception:  # a preview must render even if a rule is broken
        return []


@register.simple_tag
def url_revision_lenguaje(page, request):
    """Where the editor's Checks panel sends the page form to be checked ("" elsewhere)."""
    from wagtail.models import Page

    from cms.lenguaje_admin import url_revision

    if not isinstance(page, Page):
        return ""
    return url_revision(page, request)


@register.filter
def total_hallazgos(grupos):
    return sum(len(grupo["hallazgos"]) for grupo in grupos)
