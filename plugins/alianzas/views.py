"""Public views: the registry page's routes. The network-wide open data (API and CSV) is
in ``api.py``; the registry *pages* are per site: a region's page lists that region's
agreements, the national one all of them.
"""

from urllib.parse import urlencode

from cms.ciclo import ESTADOS_PUBLICOS, etiqueta
from cms.models import paginar
from regiones.models import Region

from .datos import FiltroInvalido, convenios_publicos, leer_filtros
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
