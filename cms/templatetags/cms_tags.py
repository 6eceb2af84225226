from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def url_absoluta(context, url):
    """An absolute URL on the current site's host (unchanged if already absolute)."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def url_pagina(context, numero, parametro="pagina"):
    """The current query string with another page number."""
    request = context["request"]
    params = request.GET.copy()
    params[parametro] = numero
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.inclusion_tag("cms/includes/compartir.html", takes_context=True)
def compartir(context, page):
    request = context.get("request")
    url = page.get_full_url(request) if request is not None else page.full_url
    return {"url": url, "titulo": page.title}


@register.filter
def publicas(paginas):
    """The public pages of a page queryset (cms.visibilidad): a plugin's section switched off
    in its region, a restricted or expired page are left out."""
    from cms.visibilidad import paginas_publicas

    return paginas_publicas(paginas)
