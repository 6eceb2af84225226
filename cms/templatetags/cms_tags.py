from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
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


# static path -> its URL, per process: the storage's manifest of hashed names is read once
# when the process starts, so a path's URL cannot change while it runs (a changed setting
# forgets them, as Django's own storage does).
_ESTATICOS = {}


def _olvidar_estaticos(**kwargs):
    _ESTATICOS.clear()


setting_changed.connect(_olvidar_estaticos, dispatch_uid="cms_tags.estaticos")


@register.simple_tag
def estatico(ruta):
    """``{% static ruta %}`` looked up once per process: on every page the stylesheet and
    icons cost a look-up in the manifest of hashed names and a URL quoting each time."""
    url = _ESTATICOS.get(ruta)
    if url is None:
        url = _ESTATICOS[ruta] = static(ruta)
    return url


@register.simple_tag(takes_context=True)
def url_del_padre(context, page):
    """``{% pageurl page.get_parent %}`` while the parent is public ("" otherwise: Wagtail
    serves a live page below an unpublished or expired one), found once per page, host and
    generation (moving, renaming or publishing a page purges): a news item links each of its
    topics to its listing. A view restriction on the parent also guards the page itself."""
    from cms.cache import memo

    request = context.get("request")
    host = (request.get_host(), request.get_port()) if request is not None else None
    return memo(
        ("url-del-padre", page.pk, host, translation.get_language()),
        lambda: _url_del_padre(page, request),
    )


def _url_del_padre(page, request):
    from cms.visibilidad import paginas_publicas

    padre = page.get_ancestors().filter(depth=page.depth - 1)
    padre = paginas_publicas(padre, salvo_restricciones=True).first()
    return padre.get_url(request=request) if padre is not None else ""


@register.filter
def campo(objeto, nombre):
    """``objeto.nombre``, or None when its type has no such field: what ``{% if
    objeto.nombre %}`` decides, without Django's lookup of a missing attribute listing every
    attribute of the object (``dir()`` of a page model, ~0.2 ms) each time a card asks a page
    type for a field it lacks (an event's closing date, a news item's start)."""
    return getattr(objeto, nombre, None)


@register.filter
def publicas(paginas):
    """The public pages of a page queryset (cms.visibilidad): a plugin's section switched off
    in its region, a restricted or expired page are left out."""
    from cms.visibilidad import paginas_publicas

    return paginas_publicas(paginas)


@register.filter
def publica(pagina):
    """The page while it is public (cms.visibilidad), else None: what a public page may say
    of another page it names (an adaptation's original campaign)."""
    from cms.visibilidad import es_pagina_publica

    return pagina if es_pagina_publica(pagina) else None


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
