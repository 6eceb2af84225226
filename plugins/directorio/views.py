"""Public views: the directory page's routes and the network-wide open data.

The API and the CSV download are open data of the whole network: every site answers with
every institution (filterable by ``region``), so the same address gives the same data on
any host. The directory *pages* are per site: a region's page lists that region only.
"""

import csv
import io
from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from regiones.models import OrganismoGarante, Region

from .datos import FiltroInvalido, PaginasDirectorio, cuentas_publicas, leer_filtros, organismos
from .datos import organismo_a_dict as _organismo_a_dict
from .models import CuentaSocial

EXTINTA = OrganismoGarante.Estado.EXTINTA


# --- Directory page -----------------------------------------------------------------------


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
    """Context and HTTP status for the directory's list."""
    region = page.region()
    nacional = _es_nacional(region)
    campos = ("region", "plataforma") if nacional else ("plataforma",)
    error, status = "", 200
    try:
        filtros = leer_filtros(request.GET, campos)
    except FiltroInvalido as exc:
        error, status, filtros = str(exc), 400, {}
    historial = request.GET.get("historial") == "1"
    todos = list(organismos(filtros, OrganismoGarante.objects.for_region(region)))
    vigentes = [o for o in todos if o.estado != EXTINTA]
    extintas = [o for o in todos if o.estado == EXTINTA]
    grupos = []
    if nacional and not filtros.get("region"):
        for r in Region.objects.order_by("orden"):
            miembros = [o for o in vigentes if o.region_id == r.pk]
            if miembros:
                grupos.append((r, miembros))
    elif vigentes:
        grupos.append((filtros.get("region") or region, vigentes))
    return {
        "region": region,
        "es_nacional": nacional,
        "error_filtro": error,
        "filtros": filtros,
        "grupos": grupos,
        "total_vigentes": len(vigentes),
        "historial": historial,
        "extintas": extintas if historial else [],
        "total_extintas": len(extintas),
        "regiones_filtro": Region.objects.order_by("orden") if nacional else [],
        "plataformas": CuentaSocial.Plataforma.choices,
        "url_historial": _url_con(request, historial="1"),
        "url_sin_historial": _url_con(request, historial=None),
        "hay_filtros": bool(filtros),
    }, status


def institucion_context(page, request, clave):
    region = page.region()
    alcance = OrganismoGarante.objects.for_region(region)
    organismo = organismos({}, alcance).filter(clave=clave).first()
    if organismo is None:
        return None
    try:
        area = organismo.area_comunicacion
    except OrganismoGarante.area_comunicacion.RelatedObjectDoesNotExist:
        area = None
    paginas = PaginasDirectorio()

    def enlace(otro):
        if alcance.filter(pk=otro.pk).exists():
            return page.get_url(request) + page.reverse_subpage(
                "institucion", kwargs={"clave": otro.clave}
            )
        return paginas.url_organismo(otro, request)

    sucesor = organismo.sucesor
    antecesores = [(a, enlace(a)) for a in organismo.antecesores.order_by("nombre")]
    return {
        "region": region,
        "organismo": organismo,
        "area": area,
        "cuentas": cuentas_publicas(organismo),
        "sucesor": sucesor,
        "url_sucesor": enlace(sucesor) if sucesor else "",
        "antecesores": antecesores,
        "extinta": organismo.estado == EXTINTA,
        "en_extincion": organismo.estado == OrganismoGarante.Estado.EN_EXTINCION,
        "sitio": (area.sitio if area else "") or organismo.sitio_web,
    }


# --- Open data ----------------------------------------------------------------------------


def _abiertos(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def api_organismos(request):
    """GET /api/v1/directorio/organismos?region=&estado=&plataforma="""
    try:
        filtros = leer_filtros(request.GET)
    except FiltroInvalido as exc:
        return _abiertos(
            JsonResponse({"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
        )
    datos = [_organismo_a_dict(o) for o in organismos(filtros)]
    return _abiertos(
        JsonResponse(
            {"total": len(datos), "organismos": datos},
            json_dumps_params={"ensure_ascii": False},
        )
    )


COLUMNAS_CSV = [
    "clave",
    "nombre",
    "siglas",
    "tipo",
    "entidad",
    "region",
    "estado",
    "fecha_extincion",
    "sucesor",
    "sitio_web",
    "cuentas",
]


@require_GET
def datos_csv(request):
    """GET /datos/directorio.csv: one row per institution, UTF-8 without BOM."""
    try:
        filtros = leer_filtros(request.GET)
    except FiltroInvalido as exc:
        return _abiertos(
            HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNAS_CSV)
    for organismo in organismos(filtros):
        fila = _organismo_a_dict(organismo)
        fila["entidad"] = fila["entidad"] or ""
        fila["fecha_extincion"] = fila["fecha_extincion"] or ""
        fila["sucesor"] = fila["sucesor"] or ""
        fila["cuentas"] = " | ".join(c.url for c in cuentas_publicas(organismo))
        writer.writerow([fila[col] for col in COLUMNAS_CSV])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directorio.csv"'
    return _abiertos(response)
