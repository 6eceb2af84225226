"""The public site's frame: the menu's registries, breadcrumbs and the tab title."""

from django import template
from django.utils import translation

from cms.cache import memo
from cms.plugins import is_enabled_for_region
from cms.traducciones.idiomas import locale_activo, region_de_pagina

register = template.Library()


def _host(request):
    return (request.get_host(), request.get_port()) if request is not None else None


def region_de_pagina_recordada(page):
    """The page's region, looked up once per home page and page-cache generation (regions,
    sites and homes change only with a purge): the frame asks for it several times."""
    from wagtail.models import Page

    if page is None or not getattr(page, "pk", None):
        return None
    inicio = page.path[: 2 * Page.steplen]
    return memo(("region-de-inicio", inicio), lambda: region_de_pagina(page))


def _region(context, page):
    return region_de_pagina_recordada(page) or context.get("region_actual")


@register.simple_tag(takes_context=True)
def registros_sitio(context, page=None):
    """The site's public registries (directory, agreements, media…): the plugin pages under the
    region's home, only where the plugin is switched on for that region and the page is public."""
    region = _region(context, page)
    if region is None or region.home_page is None:
        return []
    locale_id = getattr(page, "locale_id", None) if page is not None else None
    if locale_id is None:
        locale = locale_activo()
        locale_id = locale.pk if locale else None
    request = context.get("request")
    # The header and the footer both show them, on every page: once per region, language
    # and host (relative or absolute URLs) per page-cache generation (a publish, a plugin
    # switch or a restriction purges it).
    return memo(
        ("registros-sitio", region.pk, locale_id, _host(request)),
        lambda: _registros(region, locale_id, request),
    )


def _registros(region, locale_id, request):
    from cms.plugins import PluginPageMixin
    from cms.visibilidad import paginas_publicas, versiones_publicas

    hijos = [
        hijo
        for hijo in paginas_publicas(region.home_page.get_children()).specific().order_by("path")
        if isinstance(hijo, PluginPageMixin) and is_enabled_for_region(hijo.plugin_label, region)
    ]
    # Each in the language being read where that translation is public, else as it is.
    return [
        {"titulo": local.title, "url": local.get_url(request), "slug": hijo.plugin_label}
        for hijo, local in zip(hijos, versiones_publicas(hijos, locale_id), strict=True)
    ]


@register.simple_tag(takes_context=True)
def migas(context, page=None):
    """Breadcrumbs from the site's home down to the page being read; the page itself is a link
    only when the URL shows one of its sub-pages (an institution inside the directory)."""
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or request is None:
        return []
    ancestros, url = memo(("migas", page.pk, _host(request)), lambda: _ancestros(page, request))
    items = list(ancestros)
    if items and url and request.path != url:
        items.append({"titulo": page.title, "url": url})
    return items


def _ancestros(page, request):
    """The page's public ancestors from the site's home down (Wagtail serves a live page below
    an unpublished or expired one: that one is left out). A view restriction on an ancestor
    also guards the page itself, so whoever reads the page may see that ancestor."""
    from cms.visibilidad import paginas_publicas

    ancestros = list(
        paginas_publicas(page.get_ancestors().filter(depth__gte=2), salvo_restricciones=True)
    )
    items = [
        {"titulo": "Inicio" if a.depth == 2 else a.title, "url": a.get_url(request)}
        for a in ancestros
    ]
    return items, page.get_url(request)


@register.simple_tag(takes_context=True)
def nombre_sitio(context):
    region = context.get("region_actual")
    if region is not None and region.site is not None:
        return region.site.site_name
    red = context.get("red")
    return getattr(red, "siglas", None) or "Red SNT"


@register.filter
def partir_faceta(valores, cuantos=5):
    """A long facet shortened: the first values (and every selected one) shown, the rest behind
    «ver más»; ``abierto`` when a selected value had to stay among the rest."""
    valores = list(valores or [])
    cuantos = int(cuantos)
    if len(valores) <= cuantos + 2:
        return {"primeros": valores, "resto": []}
    primeros = [v for v in valores[:cuantos]]
    resto = [v for v in valores[cuantos:] if not v.get("selected")]
    primeros += [v for v in valores[cuantos:] if v.get("selected")]
    return {"primeros": primeros, "resto": resto}


@register.simple_tag
def paginas_compactas(actual, total, alrededor=1):
    """Page numbers for a compact pager: the first, the last and the ones around the current
    page; None where numbers are skipped."""
    actual, total = int(actual or 1), int(total or 0)
    quedan = {1, total} | set(range(actual - alrededor, actual + alrededor + 1))
    numeros, anterior = [], 0
    for n in sorted(q for q in quedan if 1 <= q <= total):
        if n - anterior > 1:
            numeros.append(None)
        numeros.append(n)
        anterior = n
    return numeros


def _directorio_de(region, request):
    """The URL of the region's public directory, or "" where it is off or absent."""
    for registro in registros_sitio({"region_actual": region, "request": request}):
        if registro["slug"] == "directorio":
            return registro["url"]
    return ""


@register.simple_tag(takes_context=True)
def presentacion_region(context, region):
    """What a regional home says about its region: its states (each to the directory filtered
    by that state), its institutions in force and what the rest of the network shares."""
    if region is None or region.es_nacional:
        return None
    request = context.get("request")
    # Institutions, states and curated pages change only with a purge (public apps; what
    # expires with the date alone is bounded by memo()'s TIMEOUT, as a cached page is): once
    # per region, host and language (the status labels are translated) per generation.
    return memo(
        ("presentacion-region", region.pk, _host(request), translation.get_language()),
        lambda: _presentacion(region, request),
    )


def _presentacion(region, request):
    from cms.curaduria import PropuestaRed
    from cms.visibilidad import paginas_publicas
    from regiones.models import OrganismoGarante

    directorio = _directorio_de(region, request)
    entidades = [
        {"nombre": e.nombre, "url": f"{directorio}?entidad={e.slug}" if directorio else ""}
        for e in region.entidades.order_by("nombre")
    ]
    organismos = [
        {
            "nombre": o.nombre,
            "siglas": o.siglas,
            "estado": o.estado,
            "estado_label": o.get_estado_display(),
            "entidad": o.entidad.nombre if o.entidad_id else "",
            "url": f"{directorio}{o.clave}/" if directorio else "",
        }
        for o in OrganismoGarante.objects.de_region(region)
        .vigentes()
        .select_related("entidad")
        .order_by("entidad__nombre", "nombre")
    ]
    compartido = []
    propuestas = PropuestaRed.objects.vigentes().exclude(region=region).select_related("region")
    publicas = set(
        paginas_publicas()
        .filter(pk__in=[p.pagina_id for p in propuestas[:12]])
        .values_list("pk", flat=True)
    )
    for propuesta in propuestas[:12]:
        if propuesta.pagina_id in publicas and len(compartido) < 3:
            pagina = propuesta.pagina.specific
            compartido.append(
                {
                    "titulo": pagina.title,
                    "url": pagina.get_url(request),
                    "region": propuesta.region.nombre if propuesta.region_id else "",
                    "entrada": getattr(pagina, "entrada", "") or "",
                }
            )
    return {
        "entidades": entidades,
        "organismos": organismos,
        "directorio": directorio,
        "compartido": compartido,
    }
