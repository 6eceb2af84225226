"""The public site's frame: the menu's registries, breadcrumbs and the tab title."""

from django import template

from cms.plugins import is_enabled_for_region
from cms.traducciones.idiomas import locale_activo, region_de_pagina

register = template.Library()


def _region(context, page):
    region = region_de_pagina(page) if page is not None and getattr(page, "pk", None) else None
    return region or context.get("region_actual")


@register.simple_tag(takes_context=True)
def registros_sitio(context, page=None):
    """The site's public registries (directory, agreements, media…): the plugin pages under the
    region's home, only where the plugin is switched on for that region and the page is public."""
    from cms.plugins import PluginPageMixin
    from cms.visibilidad import paginas_publicas

    region = _region(context, page)
    if region is None or region.home_page is None:
        return []
    locale = page.locale if page is not None and getattr(page, "locale_id", None) else None
    locale = locale or locale_activo()
    registros = []
    for hijo in paginas_publicas(region.home_page.get_children()).specific().order_by("path"):
        label = getattr(hijo, "plugin_label", None)
        if not isinstance(hijo, PluginPageMixin) or not is_enabled_for_region(label, region):
            continue
        local = hijo
        if locale is not None and hijo.locale_id != locale.pk:
            local = hijo.get_translations().live().filter(locale=locale).first() or hijo
        registros.append(
            {"titulo": local.title, "url": local.get_url(context.get("request")), "slug": label}
        )
    return registros


@register.simple_tag(takes_context=True)
def migas(context, page=None):
    """Breadcrumbs from the site's home down to the page being read; the page itself is a link
    only when the URL shows one of its sub-pages (an institution inside the directory)."""
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or request is None:
        return []
    ancestros = list(page.get_ancestors().filter(depth__gte=2))
    if not ancestros:
        return []
    items = []
    for n, ancestro in enumerate(ancestros):
        titulo = "Inicio" if n == 0 else ancestro.title
        items.append({"titulo": titulo, "url": ancestro.get_url(request)})
    url = page.get_url(request)
    if url and request.path != url:
        items.append({"titulo": page.title, "url": url})
    return items


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
    from cms.curaduria import PropuestaRed
    from cms.visibilidad import paginas_publicas
    from regiones.models import OrganismoGarante

    if region is None or region.es_nacional:
        return None
    request = context.get("request")
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
        for o in OrganismoGarante.objects.for_region(region)
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
