"""Results of a round: completion by institution, aggregates per question (by region and
national), comparison with the previous round (by question ``clave``), training needs
ranked, and the data of its charts (drawn by ``cms.graficas``).

Only submitted answers (``enviada``) count in aggregates. A round has at most a few dozen
institutions and questions, so aggregates are computed in Python from the JSON answers.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms.graficas import grafica_barras
from cms.permissions import readable_regions, reads_every_region
from regiones.models import Region

from . import validacion
from .models import Edicion, Respuesta

#: Publicly, an aggregate over fewer submitted answers than this is not shown: with one or
#: two institutions a regional "aggregate" would be their raw answers.
UMBRAL_PUBLICO = 3


def umbral_publico(edicion):
    """How many answers a public figure needs: none when the round publishes each
    institution's answers anyway, ``UMBRAL_PUBLICO`` otherwise."""
    return 0 if edicion.publica_respuestas_individuales else UMBRAL_PUBLICO


def enviadas(edicion, regiones=None):
    respuestas = Respuesta.objects.filter(
        edicion=edicion, estado=Respuesta.Estado.ENVIADA
    ).select_related("organismo__region")
    if regiones is not None:
        respuestas = respuestas.filter(organismo__region__in=regiones)
    return list(respuestas)


def _redondear(valor, digitos=2):
    return None if valor is None else round(valor, digitos)


def porcentaje(parte, total):
    return round(100 * parte / total, 1) if total else 0.0


@dataclass
class Agregado:
    """What a group of submitted answers says about one question."""

    n: int = 0
    conteos: list = field(default_factory=list)  # [(label, count, percent)]
    promedio: float | None = None
    minimo: float | None = None
    maximo: float | None = None

    @property
    def tiene_estadisticas(self):
        return self.promedio is not None


def agregar(pregunta, valores):
    """Aggregate of ``valores`` (the submitted, non-empty answers to ``pregunta``)."""
    valores = [v for v in valores if not validacion.vacio(v)]
    n = len(valores)
    agregado = Agregado(n=n)
    tipo = pregunta.tipo
    if tipo == "si_no":
        si = sum(1 for v in valores if v is True)
        no = sum(1 for v in valores if v is False)
        agregado.conteos = [(_("Sí"), si, porcentaje(si, n)), (_("No"), no, porcentaje(no, n))]
    elif tipo == "opcion_unica":
        agregado.conteos = [
            (o, c, porcentaje(c, n)) for o in pregunta.opciones for c in [valores.count(o)]
        ]
    elif tipo == "opcion_multiple":
        agregado.conteos = [
            (o, c, porcentaje(c, n))
            for o in pregunta.opciones
            for c in [sum(1 for v in valores if o in v)]
        ]
    elif tipo in ("numero", "escala"):
        if tipo == "escala":
            agregado.conteos = [
                (str(i), c, porcentaje(c, n)) for i in range(1, 6) for c in [valores.count(i)]
            ]
        if n:
            agregado.promedio = _redondear(sum(valores) / n)
            agregado.minimo = min(valores)
            agregado.maximo = max(valores)
    return agregado


def valores_de(pregunta, respuestas):
    return [r.respuestas.get(pregunta.clave) for r in respuestas]


# --- Completion ---------------------------------------------------------------------------


def avance(edicion, regiones):
    """Every institution asked to answer in ``regiones``, with its answer's progress."""
    preguntas = edicion.cuestionario.preguntas_ordenadas()
    obligatorias = [p for p in preguntas if p.obligatoria]
    respuestas = {
        r.organismo_id: r
        for r in Respuesta.objects.filter(edicion=edicion, organismo__region__in=regiones)
    }
    filas = []
    organismos = (
        edicion.organismos_convocados()
        .filter(region__in=regiones)
        .select_related("region")
        .order_by("region__orden", "nombre")
    )
    for organismo in organismos:
        respuesta = respuestas.get(organismo.pk)
        if respuesta is None:
            estado, respondidas, obligatorias_resp = _("Sin iniciar"), 0, 0
        else:
            estado = respuesta.get_estado_display()
            respondidas = respuesta.respondidas(preguntas)
            obligatorias_resp = respuesta.respondidas(obligatorias)
        filas.append(
            {
                "organismo": organismo,
                "region": organismo.region,
                "respuesta": respuesta,
                "estado": estado,
                "enviada": respuesta is not None and respuesta.enviada,
                "respondidas": respondidas,
                "total": len(preguntas),
                "obligatorias": obligatorias_resp,
                "total_obligatorias": len(obligatorias),
                "porcentaje": porcentaje(respondidas, len(preguntas)),
            }
        )
    total = len(filas)
    enviadas_n = sum(1 for f in filas if f["enviada"])
    borradores = sum(1 for f in filas if f["respuesta"] is not None and not f["enviada"])
    return {
        "filas": filas,
        "total": total,
        "enviadas": enviadas_n,
        "borradores": borradores,
        "sin_iniciar": total - enviadas_n - borradores,
        "porcentaje": porcentaje(enviadas_n, total),
    }


# --- Aggregates ---------------------------------------------------------------------------


def por_pregunta(edicion, regiones, nacional=True):
    """[{pregunta, nacional: Agregado|None, regiones: [(region, Agregado)]}]."""
    respuestas = enviadas(edicion, regiones)
    por_region = {r.pk: [x for x in respuestas if x.organismo.region_id == r.pk] for r in regiones}
    resultado = []
    for pregunta in edicion.cuestionario.preguntas_ordenadas():
        resultado.append(
            {
                "pregunta": pregunta,
                "nacional": agregar(pregunta, valores_de(pregunta, respuestas))
                if nacional
                else None,
                "regiones": [
                    (r, agregar(pregunta, valores_de(pregunta, por_region[r.pk]))) for r in regiones
                ],
            }
        )
    return resultado


# --- Comparison with the previous round ---------------------------------------------------


def comparar(edicion, anterior, regiones, umbral=0):
    """Per question present in both rounds' versions (same clave and type): the previous
    and current values. Percentages for choices and yes/no, averages for numbers. A
    question answered by fewer than ``umbral`` institutions in either round is left out."""
    if anterior is None:
        return []
    actuales = enviadas(edicion, regiones)
    previas = enviadas(anterior, regiones)
    preguntas_previas = {p.clave: p for p in anterior.cuestionario.preguntas_ordenadas()}
    filas = []
    for pregunta in edicion.cuestionario.preguntas_ordenadas():
        previa = preguntas_previas.get(pregunta.clave)
        if previa is None or previa.tipo != pregunta.tipo or pregunta.tipo == "texto":
            continue
        ahora = agregar(pregunta, valores_de(pregunta, actuales))
        antes = agregar(previa, valores_de(previa, previas))
        if min(ahora.n, antes.n) < umbral:
            continue
        lineas = []
        if pregunta.tipo in ("numero", "escala"):
            lineas.append(_linea(_("Promedio"), antes.promedio, ahora.promedio, unidad=""))
        else:
            previos = {c[0]: c[2] for c in antes.conteos}
            actuales_pct = {c[0]: c[2] for c in ahora.conteos}
            etiquetas = [c[0] for c in ahora.conteos] + [
                c[0] for c in antes.conteos if c[0] not in actuales_pct
            ]
            for etiqueta in etiquetas:
                lineas.append(
                    _linea(etiqueta, previos.get(etiqueta), actuales_pct.get(etiqueta), unidad="%")
                )
        filas.append(
            {"pregunta": pregunta, "n_antes": antes.n, "n_ahora": ahora.n, "lineas": lineas}
        )
    return filas


def _linea(etiqueta, antes, ahora, unidad):
    diferencia = None
    if antes is not None and ahora is not None:
        diferencia = _redondear(ahora - antes, 2)
    return {
        "etiqueta": etiqueta,
        "antes": antes,
        "ahora": ahora,
        "diferencia": diferencia,
        "unidad": unidad,
    }


# --- Training needs -----------------------------------------------------------------------


def necesidades(edicion, regiones, umbral=0):
    """Topics of the training-needs question, most requested first, with who asked.

    Empty when fewer than ``umbral`` institutions answered the question: with one or two,
    the ranking (and its chart) would be their own answers."""
    pregunta = edicion.cuestionario.pregunta_necesidades()
    if pregunta is None:
        return []
    respuestas = enviadas(edicion, regiones)
    if agregar(pregunta, valores_de(pregunta, respuestas)).n < umbral:
        return []
    temas = []
    for orden, tema in enumerate(pregunta.opciones):
        organismos = [
            r.organismo for r in respuestas if tema in (r.respuestas.get(pregunta.clave) or [])
        ]
        temas.append(
            {
                "tema": tema,
                "orden": orden,
                "n": len(organismos),
                "porcentaje": porcentaje(len(organismos), len(respuestas)),
                "organismos": sorted(organismos, key=lambda o: (o.region.orden, o.nombre)),
                "regiones": sorted({o.region for o in organismos}, key=lambda r: r.orden),
            }
        )
    temas.sort(key=lambda t: (-t["n"], t["orden"]))
    return [t for t in temas if t["n"]]


# --- Who sees what ------------------------------------------------------------------------


def regiones_para(user):
    """Regions whose answers the user may see (every region for the national level)."""
    return list(readable_regions(Respuesta, user))


def ve_nacional(user):
    return reads_every_region(Respuesta, user)


def todas_las_regiones():
    return list(Region.objects.order_by("orden"))


def ediciones_con_resultados():
    return Edicion.objects.exclude(estado=Edicion.Estado.BORRADOR)


#: Answer options are long: wider labels than the default.
ANCHO_ETIQUETA = 250


def grafica_de(pregunta, agregado, ident):
    """A chart for the aggregate of a choice, yes/no or scale question (percent of
    institutions that answered); None for numbers and text."""
    if not agregado.conteos or not agregado.n:
        return None
    return grafica_barras(
        ident,
        pregunta.texto,
        [(etiqueta, pct) for etiqueta, _c, pct in agregado.conteos],
        sufijo=" %",
        sumar=False,
        ancho_etiqueta=ANCHO_ETIQUETA,
    )


def grafica_necesidades(necesidades, titulo):
    """How many institutions ask for each training topic (they may ask for several, so
    the counts do not add up to a total)."""
    if not necesidades:
        return None
    return grafica_barras(
        "necesidades",
        titulo,
        [(t["tema"], t["n"]) for t in necesidades],
        unidad="instituciones",
        sumar=False,
        ancho_etiqueta=ANCHO_ETIQUETA,
    )


#: The heading of the network-wide column. Not "Nacional": the national coordination's own
#: region is called that, and has its own column next to the others.
TOTAL_RED = "Toda la red"


def tabla(pregunta, ambitos):
    """A table of one question across scopes: ``ambitos`` is [(name, Agregado|None)]
    (None = withheld). Returns {"columnas": [...], "filas": [[label, *cells]]}."""
    columnas = [nombre for nombre, _a in ambitos]

    def celdas(funcion):
        return ["—" if a is None else funcion(a) for _n, a in ambitos]

    filas = [[_("Respuestas"), *celdas(lambda a: str(a.n))]]
    if pregunta.tipo in ("numero", "escala"):
        for etiqueta, attr in (
            (_("Promedio"), "promedio"),
            (_("Mínimo"), "minimo"),
            (_("Máximo"), "maximo"),
        ):
            filas.append(
                [
                    etiqueta,
                    *celdas(
                        lambda a, attr=attr: (
                            "" if getattr(a, attr) is None else str(getattr(a, attr))
                        )
                    ),
                ]
            )
    etiquetas = []
    for _n, a in ambitos:
        if a is not None:
            etiquetas = [c[0] for c in a.conteos]
            break
    for i, etiqueta in enumerate(etiquetas):
        filas.append([etiqueta, *celdas(lambda a, i=i: f"{a.conteos[i][1]} ({a.conteos[i][2]} %)")])
    return {"columnas": columnas, "filas": filas}
