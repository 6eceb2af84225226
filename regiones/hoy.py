"""¿Dónde ejerzo hoy mi derecho? For each state, the body that guarantees access to
information and the one that protects personal data today, following the successor chain.

One rule, used by every page, the API, the CSV and the tests: starting from the state's
guarantor institute, a body answers for a right when it operates today (in force, or in
extinction before its end date) and guarantees that right; otherwise the answer passes to
its successor for that right (``sucesor_datos`` for personal data when it has one,
``sucesor`` otherwise), and the body joins the history shown below the answer. A body
"por asumir funciones" answers as soon as the chain reaches it (its predecessor no longer
operates).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .models import EntidadFederativa, OrganismoGarante

ACCESO = "acceso"
DATOS = "datos"
DERECHOS = {
    ACCESO: "Acceso a la información pública",
    DATOS: "Protección de datos personales",
}
#: The words a question uses for each right («¿dónde pido información…?», «¿quién protege
#: mis datos personales…?»), folded; «derecho» alone names either.
PALABRAS_DERECHO = {
    ACCESO: "informacion solicitud solicitudes saber pido pedir",
    DATOS: "datos personales arco privacidad",
}
PALABRAS_CUALQUIER_DERECHO = "derecho derechos"
#: Where requests for information (and for one's personal data) are filed in Mexico.
PNT_URL = "https://www.plataformadetransparencia.org.mx/"

MESES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()


def fecha_larga(fecha):
    """«30 de noviembre de 2025» (Spanish months are written in lower case)."""
    if fecha is None:
        return ""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


@dataclass
class Respuesta:
    """Who guarantees one right in one state today, and who did before."""

    derecho: str
    organismo: OrganismoGarante | None
    historia: list = field(default_factory=list)  # earlier bodies, oldest first
    hoy: date | None = None

    @property
    def nombre_derecho(self):
        return DERECHOS[self.derecho]

    @property
    def en_extincion(self):
        return (
            self.organismo is not None
            and self.organismo.estado == OrganismoGarante.Estado.EN_EXTINCION
        )

    @property
    def opera_hasta(self):
        return self.organismo.fecha_extincion if self.en_extincion else None

    @property
    def solicitud_pnt(self):
        """The national platform's request form: where requests are filed for any body."""
        return PNT_URL if self.organismo is not None else ""

    def lineas_historia(self):
        """«Hasta el 30 de noviembre de 2025: ITEI (…)», newest first."""
        lineas = []
        for organismo in reversed(self.historia):
            nombre = organismo.nombre + (f" ({organismo.siglas})" if organismo.siglas else "")
            if organismo.fecha_extincion:
                inicio = f"Hasta el {fecha_larga(organismo.fecha_extincion)}"
                # Where the sources disagree on the date, both are shown.
                otras = sorted(
                    {r.fecha_extincion for r in organismo.discrepancias()}
                    - {organismo.fecha_extincion}
                )
                if otras:
                    inicio += " (otra fuente: {})".format(", ".join(map(fecha_larga, otras)))
            else:
                inicio = "Hasta una fecha que las fuentes no precisan"
            lineas.append((organismo, f"{inicio}: {nombre}."))
        return lineas

    def as_dict(self, url_organismo=lambda o: ""):
        o = self.organismo
        return {
            "derecho": self.derecho,
            "organismo": None
            if o is None
            else {
                "clave": o.clave,
                "nombre": o.nombre,
                "siglas": o.siglas,
                "estado": o.estado,
                "derechos": o.derechos,
                "desde": o.fecha_inicio.isoformat() if o.fecha_inicio else None,
                "opera_hasta": self.opera_hasta.isoformat() if self.opera_hasta else None,
                "sitio_web": o.sitio_web,
                "url": url_organismo(o),
                "fuentes": o.lista_fuentes_estado(),
                "fecha_fuente": o.fecha_fuente_estado,
            },
            "solicitud_pnt": self.solicitud_pnt,
            "historia": [
                {
                    "clave": h.clave,
                    "nombre": h.nombre,
                    "siglas": h.siglas,
                    "estado": h.estado,
                    "hasta": h.fecha_extincion.isoformat() if h.fecha_extincion else None,
                    "texto": texto,
                }
                for h, texto in reversed(self.lineas_historia())
            ],
        }


@dataclass
class RespuestaEntidad:
    entidad: EntidadFederativa
    acceso: Respuesta
    datos: Respuesta

    @property
    def misma(self):
        """True when one body guarantees both rights (shown once)."""
        return self.acceso.organismo == self.datos.organismo and (
            self.acceso.historia == self.datos.historia
        )

    @property
    def respuestas(self):
        return [self.acceso, self.datos]


def resolver(inicio, derecho, hoy=None, organismos=None):
    """The Respuesta for one right, starting from ``inicio`` (usually a state's institute).

    ``organismos`` ({pk: institution}) lets callers walk chains without a query per step.
    """
    hoy = hoy or timezone.localdate()
    organismos = organismos if organismos is not None else {}

    def buscar(pk):
        if pk is None:
            return None
        if pk not in organismos:
            organismos[pk] = OrganismoGarante.objects.filter(pk=pk).first()
        return organismos[pk]

    historia, vistos, actual = [], set(), inicio
    while actual is not None and actual.pk not in vistos:
        vistos.add(actual.pk)
        if actual.garantiza(derecho):
            # A body "por asumir" is reached only once its predecessor stopped operating:
            # from then on it is the one that answers.
            if actual.opera(hoy) or actual.estado == OrganismoGarante.Estado.POR_ASUMIR:
                return Respuesta(derecho, actual, historia, hoy)
            historia.append(actual)
        siguiente = actual.sucesor_datos_id if derecho == DATOS else None
        actual = buscar(siguiente or actual.sucesor_id)
    return Respuesta(derecho, None, historia, hoy)


def donde_ejercer(entidades=None, hoy=None):
    """A RespuestaEntidad for each state (all 32 unless ``entidades`` narrows them),
    in two queries whatever the number of states."""
    hoy = hoy or timezone.localdate()
    if entidades is None:
        entidades = EntidadFederativa.objects.select_related("region")
    organismos = {
        o.pk: o
        for o in OrganismoGarante.objects.select_related("entidad", "region").prefetch_related(
            "registros_estado"
        )
    }
    garantes = {}
    for o in sorted(organismos.values(), key=lambda o: o.pk):
        if o.tipo == OrganismoGarante.Tipo.GARANTE_ESTATAL and o.entidad_id:
            garantes.setdefault(o.entidad_id, o)
    respuestas = []
    for entidad in entidades:
        inicio = garantes.get(entidad.pk)
        respuestas.append(
            RespuestaEntidad(
                entidad,
                resolver(inicio, ACCESO, hoy, organismos),
                resolver(inicio, DATOS, hoy, organismos),
            )
        )
    return respuestas


def enlazador(request=None):
    """A function giving an institution's public page (or ""), from whatever the installed
    plugins offer through the ``enlazar_organismo`` hook (the directory, when it is on)."""
    from wagtail import hooks

    funciones = [hook() for hook in hooks.get_hooks("enlazar_organismo")]

    def url(organismo):
        for funcion in funciones:
            enlace = funcion(organismo, request)
            if enlace:
                return enlace
        return ""

    return url


def con_enlaces(respuestas, request=None):
    """Set ``url_publica`` on every institution the answers name (one lookup per region)."""
    url = enlazador(request)
    for respuesta_entidad in respuestas:
        for respuesta in respuesta_entidad.respuestas:
            for organismo in [respuesta.organismo, *respuesta.historia]:
                if organismo is not None and not hasattr(organismo, "url_publica"):
                    organismo.url_publica = url(organismo)
    return respuestas


#: Where a national guarantor's rights are exercised, in the words of a sentence.
AMBITO_FEDERAL = "el ámbito federal"
#: The place of the national guarantor's rights in ``clave_atencion``.
FEDERAL = "federal"


def clave_atencion(lugar, derecho):
    """«veracruz:datos»: one state (its name folded, or «federal») and one right, the key a
    search index keeps for the body that answers it today."""
    from django.utils.text import slugify

    return f"{FEDERAL if lugar == AMBITO_FEDERAL else slugify(lugar)}:{derecho}"


@dataclass
class Atencion:
    """What one institution does today: where it answers for each right, and, for the
    rights it answered for and no longer does, which body answers in its place."""

    atiende: dict = field(default_factory=dict)  # {derecho: [places]}
    en_su_lugar: dict = field(default_factory=dict)  # {derecho: OrganismoGarante}


def atencion(hoy=None):
    """{institution pk: Atencion} for every institution that a state's guarantor chain or
    the national guarantor's reaches, by the same rule as ``donde_ejercer`` (two queries)."""
    hoy = hoy or timezone.localdate()
    organismos = {o.pk: o for o in OrganismoGarante.objects.select_related("entidad", "sucesor")}
    garantes, inicios = {}, []
    for o in sorted(organismos.values(), key=lambda o: o.pk):
        if o.tipo == OrganismoGarante.Tipo.GARANTE_ESTATAL and o.entidad_id:
            garantes.setdefault(o.entidad_id, o)
        elif o.tipo == OrganismoGarante.Tipo.GARANTE_NACIONAL:
            inicios.append((AMBITO_FEDERAL, o))
    inicios += [(o.entidad.nombre, o) for o in garantes.values()]
    resultado = {}
    for lugar, inicio in inicios:
        for derecho in DERECHOS:
            respuesta = resolver(inicio, derecho, hoy, organismos)
            if respuesta.organismo is None:
                continue
            lugares = resultado.setdefault(respuesta.organismo.pk, Atencion()).atiende
            if lugar not in lugares.setdefault(derecho, []):
                lugares[derecho].append(lugar)
            for antes in respuesta.historia:
                resultado.setdefault(antes.pk, Atencion()).en_su_lugar[derecho] = (
                    respuesta.organismo
                )
    return resultado
