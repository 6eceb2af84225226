from django import template

from cms.lenguaje import revisar_pagina

register = template.Library()


@register.simple_tag
def hallazgos_lenguaje(page):
    """Inclusive-language findings of the page being previewed (editors only see them)."""
    specific = getattr(page, "specific_deferred", page)
    try:
        return revisar_pagina(specific)
    except Exception:  # a preview must render even if a rule is broken
        return []
