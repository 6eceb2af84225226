"""The directory's open data: the institutions of the network and «¿Dónde ejerzo hoy mi
derecho?», as JSON lists (``/api/v1/directorio/…``) and CSV files (``/datos/…``).

The same on every site: every institution of the network, filterable by ``region``. The
contract (envelope, errors, CSV convention) is ``cms.api``'s.
"""

from cms import api
from regiones.hoy import PNT_URL, donde_ejercer
from regiones.models import EntidadFederativa, OrganismoGarante

from .datos import FiltroInvalido, PaginasDirectorio, leer_filtros, organismo_a_dict, organismos
from .models import CuentaSocial

FUENTE_RED = {
    "title": "Sistema Nacional de Transparencia: directorio de sus integrantes",
    "path": "https://snt.org.mx/",
}

ORGANISMOS = api.conjunto(
    nombre="directorio",
    titulo="Directorio de los organismos garantes y demás integrantes del SNT",
    descripcion=(
        "Una fila por institución: su estado (vigente, en extinción, extinta), quién la "
        "sucede, qué derechos garantiza, sus fuentes, su sitio y sus cuentas públicas."
    ),
    archivo="directorio.csv",
    clave="clave",
    fuentes=(FUENTE_RED,),
    campos=(
        api.Campo("clave", "Identificador estable de la institución.", requerido=True),
        api.Campo("nombre", "Nombre oficial.", requerido=True),
        api.Campo("siglas", "Siglas, si las tiene."),
        api.Campo("tipo", "Tipo de integrante.", valores=tuple(OrganismoGarante.Tipo.values)),
        api.Campo("entidad", "Entidad federativa (vacía para los integrantes federales)."),
        api.Campo("region", "Región del SNT (identificador).", requerido=True),
        api.Campo("estado", "Estado de la institución.", valores=tuple(OrganismoGarante.Estado)),
        api.Campo("fecha_extincion", "Fecha de extinción, si la tiene.", "date"),
        api.Campo("sucesor", "Clave de la institución que la sucede."),
        api.Campo(
            "sucesor_datos", "Clave de quien la sucede en protección de datos, si es distinta."
        ),
        api.Campo("derechos", "Derechos que garantiza.", valores=tuple(OrganismoGarante.Derechos)),
        api.Campo("fuentes_estado", "Fuentes de su estado.", lista=""),
        api.Campo("fecha_fuente_estado", "Fecha de consulta de esas fuentes."),
        api.Campo("sitio_web", "Sitio web oficial."),
        api.Campo("cuentas", "Cuentas públicas en redes sociales (direcciones).", lista="url"),
        api.Campo("url", "Su página en el directorio de su región."),
    ),
)

DONDE_EJERCER = api.conjunto(
    nombre="donde-ejercer",
    titulo="¿Dónde ejerzo hoy mi derecho?",
    descripcion=(
        "Para cada entidad federativa y cada derecho (acceso a la información, protección de "
        "datos personales), la institución que lo garantiza hoy, siguiendo la cadena de "
        "sucesores, y las que lo garantizaron antes."
    ),
    archivo="donde-ejercer.csv",
    fuentes=(FUENTE_RED,),
    campos=(
        api.Campo("entidad", "Entidad federativa.", requerido=True),
        api.Campo("region", "Región del SNT (identificador).", requerido=True),
        api.Campo("derecho", "Derecho.", valores=("acceso", "datos"), requerido=True),
        api.Campo("clave", "Clave de la institución que lo garantiza hoy."),
        api.Campo("nombre", "Su nombre."),
        api.Campo("siglas", "Sus siglas."),
        api.Campo("estado", "Su estado.", valores=tuple(OrganismoGarante.Estado)),
        api.Campo("desde", "Inicio de funciones.", "date"),
        api.Campo("opera_hasta", "Último día de funciones, si está en extinción.", "date"),
        api.Campo("sitio_web", "Su sitio web."),
        api.Campo("solicitud_pnt", "Dónde presentar una solicitud."),
        api.Campo("url", "Su página en el directorio."),
        api.Campo("fuentes", "Fuentes de su estado.", lista=""),
        api.Campo("fecha_fuente", "Fecha de consulta de esas fuentes."),
        api.Campo("antes", "Quién lo garantizó antes, del más reciente al más antiguo."),
    ),
)


def _filtros(request, campos=("region", "estado", "plataforma")):
    try:
        return leer_filtros(request.GET, campos)
    except FiltroInvalido as exc:
        raise api.ParametroInvalido(str(exc)) from None


def _organismos(request):
    paginas = PaginasDirectorio()

    def serializar(organismo):
        return {
            **organismo_a_dict(organismo),
            "url": paginas.url_organismo(organismo, request, completa=True),
        }

    return organismos(_filtros(request)).order_by("region__orden", "nombre", "pk"), serializar


# --- ¿Dónde ejerzo hoy mi derecho? -------------------------------------------------------


def _respuestas(request):
    """Answers for every state, or the ones of ``?region=`` / ``?entidad=``."""
    filtros = _filtros(request, ("region",))
    entidades = EntidadFederativa.objects.select_related("region").order_by("nombre")
    slug = request.GET.get("entidad", "").strip()
    if slug:
        # A state that exists but is not in the region asked for selects nothing.
        if not entidades.filter(slug=slug).exists():
            raise api.ParametroInvalido(
                f"La entidad «{slug}» no existe. Use el identificador de la entidad, por "
                "ejemplo «jalisco» o «ciudad-de-mexico».",
                "entidad",
            )
        entidades = entidades.filter(slug=slug)
    if filtros.get("region") is not None:
        entidades = entidades.filter(region=filtros["region"])
    paginas = PaginasDirectorio()
    return donde_ejercer(entidades), (
        lambda organismo: paginas.url_organismo(organismo, request, completa=True)
    )


@api.endpoint
def api_donde_ejercer(request):
    """GET /api/v1/directorio/donde-ejercer?region=&entidad="""
    respuestas, url = _respuestas(request)

    def serializar(r):
        return {
            "entidad": r.entidad.nombre,
            "slug": r.entidad.slug,
            "region": r.entidad.region.slug,
            "misma_autoridad": r.misma,
            "acceso": r.acceso.as_dict(url),
            "datos": r.datos.as_dict(url),
        }

    fecha = respuestas[0].acceso.hoy if respuestas else None
    return api.lista(
        request,
        respuestas,
        serializar,
        fecha=fecha.isoformat() if fecha else None,
        solicitudes=PNT_URL,
    )


def _filas_donde_ejercer(respuestas, url):
    for r in respuestas:
        for respuesta in r.respuestas:
            dato = respuesta.as_dict(url)
            organismo = dato["organismo"] or {}
            yield {
                "entidad": r.entidad.nombre,
                "region": r.entidad.region.slug,
                "derecho": respuesta.derecho,
                **{
                    k: organismo.get(k)
                    for k in ("clave", "nombre", "siglas", "estado", "desde", "opera_hasta")
                },
                "sitio_web": organismo.get("sitio_web"),
                "solicitud_pnt": dato["solicitud_pnt"],
                "url": organismo.get("url"),
                "fuentes": organismo.get("fuentes") or [],
                "fecha_fuente": organismo.get("fecha_fuente"),
                "antes": " ".join(h["texto"] for h in dato["historia"]),
            }


@api.endpoint
def datos_donde_ejercer_csv(request):
    """GET /datos/donde-ejercer.csv: one row per state and right."""
    respuestas, url = _respuestas(request)
    return api.respuesta_csv(DONDE_EJERCER, _filas_donde_ejercer(respuestas, url))


_FILTROS = {
    "region": ("Región del SNT (identificador).", api.valores_region),
    "estado": ("Estado de la institución.", lambda: list(OrganismoGarante.Estado.values)),
    "plataforma": (
        "Solo las instituciones con una cuenta pública en esa red social.",
        lambda: list(CuentaSocial.Plataforma.values),
    ),
}
_FILTROS_HOY = {
    "region": _FILTROS["region"],
    "entidad": (
        "Entidad federativa (identificador, por ejemplo «jalisco»).",
        lambda: list(EntidadFederativa.objects.order_by("slug").values_list("slug", flat=True)),
    ),
}
api_organismos, datos_csv = api.publicar(
    ORGANISMOS,
    "/api/v1/directorio/organismos",
    _organismos,
    resumen="Instituciones de la red",
    etiqueta="Directorio",
    parametros=_FILTROS,
)
_RESPUESTA = {
    "type": "object",
    "required": ["derecho", "organismo", "solicitud_pnt", "historia"],
    "properties": {
        "derecho": {"enum": ["acceso", "datos"]},
        "organismo": {"type": ["object", "null"]},
        "solicitud_pnt": {"type": ["string", "null"]},
        "historia": {"type": "array", "items": {"type": "object"}},
    },
}
api.documentar(
    ruta="/api/v1/directorio/donde-ejercer",
    resumen="¿Dónde ejerzo hoy mi derecho?",
    descripcion=DONDE_EJERCER.descripcion,
    etiqueta="Directorio",
    parametros=_FILTROS_HOY,
    elemento={
        "type": "object",
        "required": ["entidad", "slug", "region", "misma_autoridad", "acceso", "datos"],
        "properties": {
            "entidad": {"type": "string"},
            "slug": {"type": "string"},
            "region": {"type": "string"},
            "misma_autoridad": {"type": "boolean"},
            "acceso": _RESPUESTA,
            "datos": _RESPUESTA,
        },
    },
    extra={
        "fecha": {"type": ["string", "null"], "format": "date"},
        "solicitudes": {"type": "string"},
    },
)
api.documentar(
    ruta="/datos/donde-ejercer.csv",
    resumen="¿Dónde ejerzo hoy mi derecho? (CSV)",
    etiqueta="Directorio",
    parametros=_FILTROS_HOY,
    csv=True,
)
