from django import template
from django.utils import translation
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


class FragmentoRecordadoNode(template.Node):
    def __init__(self, nombre, partes, nodelist):
        self.nombre, self.partes, self.nodelist = nombre, partes, nodelist

    def render(self, context):
        from cms.cache import memo

        request = context.get("request")
        host = (request.get_host(), request.get_port()) if request is not None else None
        idioma = translation.get_language()  # of the interface ({% trans %} in the block)
        valores = tuple(p.resolve(context) for p in self.partes)
        clave = ("fragmento", self.nombre, host, idioma, *valores)
        return memo(clave, lambda: self.nodelist.render(context))


@register.tag
def fragmento_recordado(parser, token):
    """``{% fragmento_recordado "pie" region_actual.pk idioma %}…{% endfragmento_recordado %}``:
    the block rendered once per name, host and values given, per page-cache generation
    (cms.cache.memo: whatever public changes purges it). Only for blocks that depend on
    nothing else: the values given must name everything the block shows."""
    partes = token.split_contents()
    if len(partes) < 2:
        raise template.TemplateSyntaxError("fragmento_recordado needs a name")
    nodelist = parser.parse(("endfragmento_recordado",))
    parser.delete_first_token()
    nombre = partes[1].strip("\"'")
    return FragmentoRecordadoNode(nombre, [parser.compile_filter(p) for p in partes[2:]], nodelist)
