"""Demo data: two example rounds of the diagnosis, with invented answers.

- «Diagnóstico 2025 (ejemplo)»: opened, answered by enough institutions of every region to
  pass the public threshold (``resultados.UMBRAL_PUBLICO``), closed and published, so the
  public page shows its aggregates (never one institution's answers: the round does not
  publish them).
- «Diagnóstico 2026 (ejemplo)»: open, with a few answers sent and a few drafts.

The answers are invented (seeded, so every load gives the same figures) and the rounds say
so in their name and introduction: they describe no real institution. Idempotent: rounds
are found by slug and answers by round and institution.
"""

import random

from django.db import transaction
from django.utils import timezone

from cms.demo_contenido import marcar
from regiones.models import OrganismoGarante, Region

from .models import Cuestionario, Edicion, Respuesta
from .resultados import UMBRAL_PUBLICO

INTRODUCCION = (
    "Edición de ejemplo para mostrar la plataforma: las respuestas son ficticias y las cifras "
    "no describen a ninguna institución real."
)
POR_REGION_CERRADA = UMBRAL_PUBLICO + 1
POR_REGION_ABIERTA = 2


def valor(pregunta, azar):
    """A valid invented answer for ``pregunta``."""
    tipo = pregunta.tipo
    if tipo == "numero":
        minimo = int(pregunta.minimo or 0)
        maximo = int(pregunta.maximo if pregunta.maximo is not None else minimo + 20)
        return azar.randint(minimo, min(maximo, minimo + 12))
    if tipo == "si_no":
        return azar.random() < 0.6
    if tipo == "escala":
        return azar.randint(2, 5)
    if tipo == "opcion_unica":
        return azar.choice(pregunta.opciones)
    if tipo == "opcion_multiple":
        return azar.sample(pregunta.opciones, k=min(len(pregunta.opciones), azar.randint(1, 3)))
    if tipo == "texto":
        return "Respuesta de ejemplo."
    return None


def respuestas_inventadas(preguntas, semilla):
    azar = random.Random(semilla)
    datos = {p.clave: valor(p, azar) for p in preguntas}
    # Full-time staff cannot outnumber the staff.
    if "personas_area" in datos and "personas_tiempo_completo" in datos:
        datos["personas_tiempo_completo"] = min(
            datos["personas_tiempo_completo"], datos["personas_area"]
        )
    return datos


def _institutions(edicion, region, cuantas):
    return list(
        edicion.organismos_convocados()
        .filter(region=region)
        .exclude(tipo=OrganismoGarante.Tipo.INTEGRANTE)
        .order_by("entidad__nombre", "clave")[:cuantas]
    )


def _edicion(slug, nombre, anio):
    cuestionario = Cuestionario.objects.order_by("-version").first()
    edicion, creada = Edicion.objects.get_or_create(
        slug=slug,
        defaults={
            "nombre": marcar(nombre),
            "inicio": timezone.localdate().replace(year=anio, month=1, day=1),
            "fin": timezone.localdate().replace(year=anio, month=12, day=31),
            "cuestionario": cuestionario,
            "introduccion": INTRODUCCION,
        },
    )
    if creada:
        edicion.transicionar(Edicion.Estado.ABIERTA)
    return edicion, creada


def _responder(edicion, organismo, enviar):
    respuesta, creada = Respuesta.objects.get_or_create(edicion=edicion, organismo=organismo)
    if not creada:
        return 0
    preguntas = edicion.cuestionario.preguntas_ordenadas()
    datos = respuestas_inventadas(preguntas, f"{edicion.slug}-{organismo.clave}")
    respuesta.guardar(datos, enviar=enviar)
    return 1


@transaction.atomic
def load():
    if Cuestionario.objects.first() is None:
        return "Diagnóstico: no hay cuestionario (falta bootstrap_snt)."
    anio = timezone.localdate().year
    regiones = list(Region.objects.order_by("orden"))
    respuestas = 0
    cerrada, creada = _edicion(f"ejemplo-{anio - 1}", f"Diagnóstico {anio - 1}", anio - 1)
    if creada:
        for region in regiones:
            for organismo in _institutions(cerrada, region, POR_REGION_CERRADA):
                respuestas += _responder(cerrada, organismo, enviar=True)
        cerrada.transicionar(Edicion.Estado.CERRADA)
        cerrada.transicionar(Edicion.Estado.PUBLICADA)
    abierta, _ = _edicion(f"ejemplo-{anio}", f"Diagnóstico {anio}", anio)
    for region in regiones:
        for i, organismo in enumerate(_institutions(abierta, region, POR_REGION_ABIERTA)):
            respuestas += _responder(abierta, organismo, enviar=i == 0)
    return (
        f"Diagnóstico: ediciones de ejemplo «{cerrada}» ({cerrada.get_estado_display()}) y "
        f"«{abierta}» ({abierta.get_estado_display()}); {respuestas} respuestas inventadas "
        "nuevas."
    )
