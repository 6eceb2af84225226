"""Demo data: the organizations of the network's sourced data file, and example agreements.

The organizations of ``organizaciones_sociedad_civil.csv`` are real and loaded as they are,
with no invented relationships. The agreements are examples: each region gets one in every
lifecycle state, signed with fictional counterparts whose names say «Ejemplo», every title
ends with the example mark, and every document is a PDF that says it has no legal value.
Idempotent: agreements are found by title and region.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cms.demo_contenido import CICLO_EJEMPLO, MARCA, marcar, recorrer_ciclo
from cms.demo_imagenes import documento
from regiones.bootstrap import DATA_DIR
from regiones.models import OrganismoGarante, Region

from .models import Compromiso, Convenio, DocumentoConvenio, Organizacion
from .organizaciones_csv import OrganizacionImporter

ARCHIVO = DATA_DIR / "snt" / "organizaciones_sociedad_civil.csv"

#: Fictional counterparts (name, type).
ORGANIZACIONES = [
    ("Colectivo Ciudadano Ejemplo A.C.", Organizacion.Tipo.OSC),
    ("Cámara de Ejemplo", Organizacion.Tipo.CAMARA_EMPRESARIAL),
    ("Colegio de Profesionistas de Ejemplo", Organizacion.Tipo.COLEGIO_PROFESIONISTAS),
    ("Universidad de Ejemplo", Organizacion.Tipo.ACADEMIA),
    ("Red Juvenil de Ejemplo", Organizacion.Tipo.OSC),
    ("Radio Comunitaria de Ejemplo", Organizacion.Tipo.MEDIO_COMUNICACION),
    ("Fundación de Ejemplo para la Lectura", Organizacion.Tipo.OSC),
]
NOTA_FICTICIA = "Organización ficticia: existe solo en los datos de demostración."

# (type, title pattern, purpose)
OBJETOS = [
    (
        Convenio.Tipo.CAPACITACION,
        "Convenio de capacitación en datos personales con {org} ({estado})",
        "Capacitar a integrantes de {org} en la protección de datos personales y en los "
        "avisos de privacidad.",
    ),
    (
        Convenio.Tipo.DIFUSION,
        "Convenio de difusión del derecho a saber con {org} ({estado})",
        "Difundir en {estado} cómo pedir información pública, con materiales en lenguaje sencillo.",
    ),
    (
        Convenio.Tipo.COLABORACION,
        "Convenio de colaboración para talleres comunitarios con {org} ({estado})",
        "Organizar talleres comunitarios sobre el derecho de acceso a la información.",
    ),
]
COMPROMISOS = [
    ("Impartir un taller para las personas integrantes de la organización.", -60, True),
    ("Publicar una guía conjunta en lenguaje sencillo.", 45, False),
    ("Entregar un informe de las actividades realizadas.", -15, False),
]


def _organizaciones():
    organizaciones = []
    for nombre, tipo in ORGANIZACIONES:
        organizacion, _ = Organizacion.objects.get_or_create(
            nombre=nombre,
            defaults={"tipo": tipo, "ambito": Organizacion.Ambito.NACIONAL, "notas": NOTA_FICTICIA},
        )
        organizaciones.append(organizacion)
    return organizaciones


def _organismo(region, entidad):
    return (
        OrganismoGarante.objects.filter(region=region, entidad=entidad)
        .vigentes()
        .order_by("tipo", "clave")
        .first()
    )


def _compromisos(convenio, estado):
    hoy = timezone.localdate()
    filas = COMPROMISOS if estado in ("vigente", "vencido", "concluido") else COMPROMISOS[1:2]
    for descripcion, dias, cumplido in filas:
        limite = hoy + timedelta(days=dias)
        if estado == "concluido":
            cumplido = True
        Compromiso.objects.create(
            convenio=convenio,
            descripcion=f"{descripcion} (ejemplo)",
            fecha_limite=limite,
            cumplido=cumplido,
            fecha_cumplimiento=min(limite, hoy) if cumplido else None,
        )


def _documento(convenio, region):
    doc = documento(
        f"Convenio firmado: {convenio.titulo}",
        region,
        [
            "Este documento es un ejemplo creado para mostrar la plataforma.",
            "No es un convenio real y no tiene validez legal.",
            convenio.objeto,
        ],
        f"convenio-ejemplo-{convenio.pk}.pdf",
    )
    DocumentoConvenio.objects.create(
        convenio=convenio, documento=doc, descripcion="Convenio firmado (ejemplo)"
    )


def convenios_de(region, organizaciones):
    """Create the region's example agreements, one per lifecycle state. Returns how many."""
    entidades = list(region.entidades.order_by("nombre"))
    creados = 0
    for i, estado in enumerate(CICLO_EJEMPLO):
        entidad = entidades[i % len(entidades)]
        nombre_lugar = entidad.nombre
        organizacion = organizaciones[(i + region.orden) % len(organizaciones)]
        tipo, titulo, objeto = OBJETOS[(i + region.orden) % len(OBJETOS)]
        datos = {"org": organizacion.nombre, "estado": nombre_lugar}
        titulo = marcar(titulo.format(**datos))
        if Convenio.objects.filter(titulo=titulo, region=region).exists():
            continue
        convenio = Convenio.objects.create(
            titulo=titulo,
            objeto=f"{objeto.format(**datos)} Convenio ficticio de demostración.",
            tipo=tipo,
            region=region,
            comentarios_internos="Ejemplo de demostración: no corresponde a un convenio real.",
        )
        convenio.organizaciones.add(organizacion)
        organismo = _organismo(region, entidad)
        if organismo is not None:
            convenio.organismos.add(organismo)
        convenio.save()  # parental many-to-many relations are written on save
        recorrer_ciclo(convenio, estado)
        _compromisos(convenio, estado)
        if convenio.fecha_firma:
            _documento(convenio, region)
        creados += 1
    return creados


@transaction.atomic
def load():
    """Real organizations from the data file, then the example agreements of every region."""
    with open(ARCHIVO, "rb") as handle:
        result = OrganizacionImporter().run(handle)
    if not result.ok:
        detalle = "; ".join(str(e) for e in result.errors)
        raise ValueError(f"Alianzas: el archivo de organizaciones tiene errores: {detalle}")
    organizaciones = _organizaciones()
    convenios = sum(
        convenios_de(region, organizaciones)
        for region in Region.objects.order_by("orden")
        if region.coleccion_id and not region.es_nacional  # the national page lists them all
    )
    return (
        f"Alianzas: {result.created} organizaciones nuevas y {result.updated} actualizadas "
        f"de organizaciones_sociedad_civil.csv; {convenios} convenios de ejemplo nuevos (uno "
        f"por estado del ciclo en cada región, títulos terminados en «{MARCA.strip()}»)."
    )
