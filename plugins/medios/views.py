"""Public views: the media page's routes and the network-wide open data.

The API and the CSV download answer with every outlet of the network on every site
(filter by ``region``, ``tipo`` or ``ambito``), each with its public agreements; the
*pages* are per site: a region's page shows its outlets and agreements, the national one
all of them.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from regiones.models import Region

from .datos import (
    CSV_COLUMNAS,
    FiltroInvalido,
    PaginasMedios,
    convenios_publicos,
    leer_filtros,
    medio_a_dict,
    medio_a_fila,
    medios_publicos,
)
from .models import MedioOficial


def listado_context(page, request):
    region = page.region()
    nacional = region is None or region.es_nacional
    campos = ("region", "tipo", "ambito") if nacional else ("tipo", "ambito")
    error, status = "", 200
    try:
        filtros = leer_filtros(request.GET, campos)
    except FiltroInvalido as exc:
        error, status, filtros = str(exc), 400, {}
    return (
        {
            "region": region,
            "es_nacional": nacional,
            "medios": list(medios_publicos(filtros, region)),
            "convenios": list(convenios_publicos(region)),
            "filtros": filtros,
            "hay_filtros": bool(filtros),
            "error_filtro": error,
            "tipos": MedioOficial.Tipo.choices,
            "ambitos": MedioOficial.Ambito.choices,
            "regiones_filtro": Region.objects.order_by("orden") if nacional else [],
        },
        status,
    )


def medio_context(page, request, pk):
    medio = medios_publicos(region_sitio=page.region()).filter(pk=pk).first()
    if medio is None:
        return None
    return {"medio": medio, "convenios": medio.convenios_publicos}


def convenio_context(page, request, pk):
    convenio = convenios_publicos(page.region()).filter(pk=pk).first()
    if convenio is None:
        return None
    return {
        "convenio": convenio,
        "organismos": list(convenio.organismos.all()),
        "documentos": list(convenio.documentos.all()),
    }


# --- Open data ----------------------------------------------------------------------------


def _filtros_o_error(request):
    try:
        return leer_filtros(request.GET), None
    except FiltroInvalido as exc:
        return None, str(exc)


@require_GET
def api_medios(request):
    """``GET /api/v1/medios``: the network's official media and their public agreements."""
    filtros, error = _filtros_o_error(request)
    if error:
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    paginas = PaginasMedios()
    resultados = [
        medio_a_dict(
            m,
            paginas.url_medio(m, request, completa=True),
            lambda c: paginas.url_convenio(c, request, completa=True),
        )
        for m in medios_publicos(filtros)
    ]
    return JsonResponse(
        {"total": len(resultados), "resultados": resultados},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def datos_csv(request):
    """``GET /datos/medios.csv``: the same outlets as a spreadsheet (UTF-8 with BOM)."""
    filtros, error = _filtros_o_error(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    paginas = PaginasMedios()
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(CSV_COLUMNAS)
    for medio in medios_publicos(filtros):
        escritor.writerow(medio_a_fila(medio, paginas.url_medio(medio, request, completa=True)))
    response = HttpResponse("\ufeff" + salida.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="medios.csv"'
    return response
