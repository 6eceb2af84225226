"""Public views: the media page's routes. The network-wide open data (API and CSV) is in
``api.py``; the *pages* are per site: a region's page shows its outlets and agreements,
the national one all of them.
"""

from regiones.models import Region

from .datos import FiltroInvalido, convenios_publicos, leer_filtros, medios_publicos
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
