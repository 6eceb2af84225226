from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms.cache import memo
from cms.limites import limitar
from regiones.models import Region

from .models import ConsultaBusqueda
from .query import FACETS, BadSearchRequest, parse_request, search
from .tipos import kind_label, state_label

FACET_LABELS = {"region": "Región", "tipo": "Tipo", "organismo": "Institución",
                "tema": "Tema", "anio": "Año"}  # fmt: skip


def rate_limited(request, scope, limit=None):
    """Count this request against the client's per-minute limit (cms.limites, shared by
    every server). Over it, raises ``Limitado``: a Spanish 429 with Retry-After."""
    limitar(request, scope, limit or settings.SEARCH_API_RATE_LIMIT)
    return False


def _site_and_region(request):
    def lookup():
        site = Site.find_for_request(request)
        return site, Region.for_site(site)

    # Two queries a search saved: sites and regions change only with a purge.
    return memo(("sitio", request.get_host(), request.get_port()), lookup)


def _region_names():
    return memo("nombres-regiones", lambda: dict(Region.objects.values_list("slug", "nombre")))


def _value_labels():
    """Facet values are what the index stores (region slugs, kind codes); people read
    names."""
    return {"region": _region_names()}


def _label(name, value, labels):
    if name == "tipo":
        return kind_label(value)
    return labels.get(name, {}).get(value, value)


def labelled_facets(facets):
    """{facet: [{value, label, count, selected}]} for the page and the API alike."""
    labels = _value_labels()
    return {
        name: [{**v, "label": _label(name, v["value"], labels)} for v in values]
        for name, values in facets.items()
    }


def labelled_results(results):
    """Each result with its kind, state and region in words, its own date as a date, and
    the other regions where the same item is published."""
    regions = _region_names()
    for item in results:
        item["kind_label"] = kind_label(item.get("kind"))
        item["estado_label"] = state_label(item.get("estado", ""))
        item["region_label"] = regions.get(item.get("region"), item.get("region"))
        for copy in item.get("tambien_en", []):
            copy["region_label"] = regions.get(copy["region"], copy["region"])
        try:
            item["fecha"] = date.fromisoformat(str(item.get("date") or "")[:10])
        except ValueError:
            item["fecha"] = None
    return results


def _context(request):
    site, region = _site_and_region(request)
    # Spanish unless the page the visitor came from (or the request) names another language.
    locale = settings.LANGUAGE_CODE
    return site, region, locale


def _record(search_request, result):
    if not search_request.q:
        return
    ConsultaBusqueda.registrar(search_request.q, search_request.region, result.total, result.engine)


def _run(request):
    site, region, locale = _context(request)
    search_request = parse_request(
        request.GET,
        region=region.slug if region else "",
        site_id=site.pk if site else None,
        locale=locale,
    )
    result = search(search_request)
    _record(search_request, result)
    return search_request, result


@require_GET
def buscar(request):
    rate_limited(request, "buscar-pagina", settings.SEARCH_PAGE_RATE_LIMIT)
    site, region, _ = _context(request)
    try:
        search_request, result = _run(request)
    except BadSearchRequest as error:
        return render(
            request,
            "search/buscar.html",
            {"error": str(error), "region_actual": region},
            status=400,
        )
    labelled = labelled_facets(result.facets)
    facets = [
        {"name": name, "label": FACET_LABELS[name], "values": labelled.get(name, [])}
        for name in FACETS
    ]
    labelled_results(result.results)
    query_without_page = request.GET.copy()
    query_without_page.pop("pagina", None)
    return render(
        request,
        "search/buscar.html",
        {
            "busqueda": search_request,
            "resultado": result,
            "facetas": facets,
            "query_string": query_without_page.urlencode(),
            "paginas": range(1, (result.pages or 0) + 1),
        },
    )
