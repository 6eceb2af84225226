from datetime import date

import pytest

from plugins.diagnostico.models import Cuestionario, Edicion, Pregunta, Respuesta, Seccion


@pytest.fixture
def cuestionario_inicial(db):
    return Cuestionario.objects.get(version=1)


@pytest.fixture
def pequeno(db):
    """A small questionnaire with one question of each type (version 100)."""
    cuestionario = Cuestionario.objects.create(version=100, nombre="Prueba")
    seccion = Seccion.objects.create(cuestionario=cuestionario, titulo="Única", sort_order=0)
    preguntas = [
        ("personas", "numero", {"minimo": 0, "maximo": 10}),
        ("area_propia", "si_no", {}),
        ("presupuesto", "opcion_unica", {"opciones": ["Bajo", "Medio", "Alto"]}),
        ("redes", "opcion_multiple", {"opciones": ["Facebook", "Instagram", "TikTok"]}),
        ("equipo", "escala", {}),
        ("nota", "texto", {"obligatoria": False}),
        (
            "temas",
            "opcion_multiple",
            {"opciones": ["Video", "Diseño", "Datos abiertos"], "necesidades_capacitacion": True},
        ),
    ]
    for orden, (clave, tipo, extra) in enumerate(preguntas):
        Pregunta.objects.create(
            seccion=seccion, orden=orden, clave=clave, tipo=tipo, texto=f"Pregunta {clave}", **extra
        )
    return cuestionario


@pytest.fixture
def crear_edicion(db):
    def make(cuestionario, nombre="2024", estado="abierta", inicio=date(2024, 3, 1), **kw):
        return Edicion.objects.create(
            nombre=nombre,
            slug=nombre.lower(),
            inicio=inicio,
            fin=date(inicio.year, 6, 30),
            cuestionario=cuestionario,
            estado=estado,
            **kw,
        )

    return make


@pytest.fixture
def responder(organismo):
    """An answer stored directly (bypassing the round lock), submitted by default."""

    def make(edicion, clave, estado="enviada", **respuestas):
        return Respuesta.objects.create(
            edicion=edicion, organismo=organismo(clave), estado=estado, respuestas=respuestas
        )

    return make
