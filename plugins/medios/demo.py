"""Demo data: the official media of the network's sourced data file, and examples.

The outlets of ``medios_publicos.csv`` are real and loaded as they are. Agreements and
broadcast schedules are examples: each region gets a fictional outlet («Radio Pública de
Ejemplo…»), an agreement with it in force and one signed, with a PDF that says it has no
legal value, and schedules this week and next (relative to the day the demo loads) for the
region's example campaign. Every title ends with the example mark. Idempotent: outlets by
name, agreements by title, schedules by outlet, format and start.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cms.demo_contenido import marcar, recorrer_ciclo
from cms.demo_imagenes import documento
from regiones.bootstrap import DATA_DIR
from regiones.models import OrganismoGarante, Region

from .medios_csv import MedioImporter
from .models import ConvenioMedio, DocumentoConvenioMedio, MedioOficial, Pauta

ARCHIVO = DATA_DIR / "snt" / "medios_publicos.csv"
NOTA_FICTICIA = "Medio ficticio: existe solo en los datos de demostración."


def _medio(region):
    entidad = region.entidades.order_by("nombre").first()
    if entidad is None:
        return None
    medio, _ = MedioOficial.objects.get_or_create(
        nombre=f"Radio Pública de Ejemplo de {entidad.nombre}",
        defaults={
            "tipo": MedioOficial.Tipo.RADIO,
            "ambito": MedioOficial.Ambito.ESTATAL,
            "entidad": entidad,
            "institucion_propietaria": "Institución ficticia (ejemplo)",
            "notas": NOTA_FICTICIA,
        },
    )
    return medio, entidad


def _convenio(region, medio, entidad, estado, titulo):
    titulo = marcar(titulo)
    existente = ConvenioMedio.objects.filter(titulo=titulo, region=region).first()
    if existente is not None:
        return existente, False
    convenio = ConvenioMedio.objects.create(
        titulo=titulo,
        medio=medio,
        region=region,
        objeto=(
            f"Transmitir en {entidad.nombre} las cápsulas y spots de la red sobre el derecho a "
            "saber y la protección de datos personales. Convenio ficticio de demostración."
        ),
        tiempos_oficiales=estado == "vigente",
        comentarios_internos="Ejemplo de demostración: no corresponde a un convenio real.",
    )
    organismo = (
        OrganismoGarante.objects.filter(region=region, entidad=entidad)
        .vigentes()
        .order_by("tipo", "clave")
        .first()
    )
    if organismo is not None:
        convenio.organismos.add(organismo)
        convenio.save()  # parental many-to-many relations are written on save
    recorrer_ciclo(convenio, estado)
    doc = documento(
        f"Convenio firmado: {titulo}",
        region,
        [
            "Este documento es un ejemplo creado para mostrar la plataforma.",
            "No es un convenio real y no tiene validez legal.",
            convenio.objeto,
        ],
        f"convenio-medio-ejemplo-{convenio.pk}.pdf",
    )
    DocumentoConvenioMedio.objects.create(
        convenio=convenio, documento=doc, descripcion="Convenio firmado (ejemplo)"
    )
    return convenio, True


def _campana(region):
    from cms.models import Campana

    return (
        Campana.objects.live()
        .descendant_of(region.site.root_page)
        .filter(slug="pregunta-sin-miedo")
        .first()
    )


def pautas_de(region, medio, convenio):
    """This week's and next week's schedules (Monday to Sunday), plus last week's aired one."""
    hoy = timezone.localdate()
    lunes = hoy - timedelta(days=hoy.weekday())
    campana = _campana(region)
    filas = [
        # (format, start, end, per day, per week, material, state)
        (
            Pauta.Formato.SPOT_RADIO,
            lunes,
            lunes + timedelta(days=13),
            4,
            None,
            "Spot de 30 segundos (ejemplo)",
            Pauta.Estado.PROGRAMADA,
        ),
        (
            Pauta.Formato.CAPSULA,
            lunes + timedelta(days=7),
            lunes + timedelta(days=13),
            None,
            5,
            "Cápsula «¿Dónde ejerzo hoy mi derecho?» (ejemplo)",
            Pauta.Estado.PROGRAMADA,
        ),
        (
            Pauta.Formato.ENTREVISTA,
            lunes - timedelta(days=7),
            lunes - timedelta(days=7),
            1,
            None,
            "Entrevista sobre protección de datos personales (ejemplo)",
            Pauta.Estado.TRANSMITIDA,
        ),
    ]
    creadas = 0
    for formato, inicio, fin, por_dia, por_semana, material, estado in filas:
        if Pauta.objects.filter(medio=medio, formato=formato, inicio=inicio).exists():
            continue
        pauta = Pauta(
            medio=medio,
            convenio=convenio,
            campana=campana if formato == Pauta.Formato.SPOT_RADIO else None,
            material=material,
            region=region,
            formato=formato,
            inicio=inicio,
            fin=fin,
            impactos_por_dia=por_dia,
            impactos_por_semana=por_semana,
            alcance_estimado=None,
            estado=estado,
            notas="Pauta de ejemplo para la demostración.",
        )
        pauta.full_clean()
        pauta.save()
        creadas += 1
    return creadas


@transaction.atomic
def load():
    """Real outlets from the data file, then each region's example outlet, agreements and
    schedules."""
    with open(ARCHIVO, "rb") as handle:
        result = MedioImporter().run(handle)
    if not result.ok:
        detalle = "; ".join(str(e) for e in result.errors)
        raise ValueError(f"Medios: el archivo de medios públicos tiene errores: {detalle}")
    convenios = pautas = 0
    for region in Region.objects.filter(site__isnull=False).order_by("orden"):
        if region.es_nacional:  # its page lists every region's
            continue
        encontrado = _medio(region)
        if encontrado is None:
            continue
        medio, entidad = encontrado
        vigente, creado = _convenio(
            region,
            medio,
            entidad,
            "vigente",
            f"Convenio de difusión con {medio.nombre}",
        )
        convenios += creado
        _otro, creado = _convenio(
            region,
            medio,
            entidad,
            "firmado",
            f"Convenio de coproducción de cápsulas con {medio.nombre}",
        )
        convenios += creado
        pautas += pautas_de(region, medio, vigente)
    return (
        f"Medios: {result.created} medios oficiales nuevos y {result.updated} actualizados de "
        f"medios_publicos.csv; {convenios} convenios y {pautas} pautas de ejemplo nuevos "
        "(esta semana y la próxima), con medios ficticios «de Ejemplo»."
    )
