"""Public views: the registry page's routes and the network-wide open data.

The API and the CSV download answer with every public agreement of the network on every
site (filter by ``region``); the registry *pages* are per site: a region's page lists that
region's agreements, the national one all of them.
"""

import csv
import io
from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from cms.ciclo import ESTADOS_PUBLICOS, etiqueta
from cms.models import paginar
from regiones.models import Region

from .datos import (
    CSV_COLUMNAS,
    FiltroInvalido,
    PaginasConvenios,
    convenio_a_dict,
    convenio_a_fila,
    convenios_publicos,
    leer_filtros,
)
from .models import Convenio, Organizacion


def _es_nacional(region):
    return region is None or region.es_nacional


def _url_con(request, **cambios):
    params = {k: v for k, v in request.GET.items() if v}
    for key, value in cambios.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return "?" + urlencode(params) if params else "?"


def listado_context(page, request):
    region = page.region()
    nacional = _es_nacional(region)
    campos = ("region", "estado", "tipo") if nacional else ("estado", "tipo")
    error, status = "", 200
    try:
        filtros = leer_filtros(request.GET, campos)
    except FiltroInvalido as exc:
        error, status, filtros = str(exc), 400, {}
    convenios = paginar(request, convenios_publicos(filtros, region))
    return (
        {
            "region": region,
            "es_nacional": nacional,
            "convenios": convenios,
            "filtros": filtros,
            "hay_filtros": bool(filtros),
            "error_filtro": error,
            "estados": [(str(e), etiqueta(e)) for e in ESTADOS_PUBLICOS],
            "tipos": Convenio.Tipo.choices,
            "regiones_filtro": Region.objects.order_by("orden") if nacional else [],
            "url_pagina_anterior": _url_con(
                request, pagina=convenios.previous_page_number() if convenios.has_previous() else ""
            ),
            "url_pagina_siguiente": _url_con(
                request, pagina=convenios.next_page_number() if convenios.has_next() else ""
            ),
        },
        status,
    )


def convenio_context(page, request, pk):
    convenio = convenios_publicos(region_sitio=page.region()).filter(pk=pk).first()
    if convenio is None:
        return None
    return {
        "convenio": convenio,
        "organizaciones": list(convenio.organizaciones.all()),
        "organismos": list(convenio.organismos.all()),
        "compromisos": list(convenio.compromisos.all()),
        "documentos": list(convenio.documentos.all()),
    }


def organizacion_context(page, request, pk):
    organizacion = Organizacion.objects.prefetch_related("entidades", "temas").filter(pk=pk).first()
    if organizacion is None:
        return None
    return {
        "organizacion": organizacion,
        "convenios": list(
            convenios_publicos(region_sitio=page.region()).filter(organizaciones=organizacion)
        ),
    }


# --- Open data ----------------------------------------------------------------------------


def _filtros_o_error(request):
    try:
        return leer_filtros(request.GET), None
    except FiltroInvalido as exc:
        return None, str(exc)


@require_GET
def api_convenios(request):
    """``GET /api/v1/convenios``: public agreements of the whole network as JSON."""
    filtros, error = _filtros_o_error(request)
    if error:
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    paginas = PaginasConvenios()
    resultados = [
        convenio_a_dict(
            c, paginas.url_convenio(c, request, completa=True), request.build_absolute_uri
        )
        for c in convenios_publicos(filtros)
    ]
    return JsonResponse(
        {"total": len(resultados), "resultados": resultados},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def datos_csv(request):
    """``GET /datos/convenios.csv``: the same data as a spreadsheet (UTF-8 with BOM)."""
    filtros, error = _filtros_o_error(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    paginas = PaginasConvenios()
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(CSV_COLUMNAS)
    for convenio in convenios_publicos(filtros):
        escritor.writerow(
            convenio_a_fila(convenio, paginas.url_convenio(convenio, request, completa=True))
        )
    response = HttpResponse("\ufeff" + salida.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="convenios.csv"'
    return response
