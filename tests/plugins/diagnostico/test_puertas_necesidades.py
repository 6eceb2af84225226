"""The public diagnosis page applies the answer threshold to training needs and to the
comparison with the previous round: with one institution they would be its own answers."""

from datetime import date

import pytest


def _seccion(body, ident):
    return body.split(f'id="{ident}"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def edicion(pequeno, crear_edicion):
    return crear_edicion(pequeno, "2025", estado="publicada", inicio=date(2025, 3, 1))


def _pagina(client):
    response = client.get("/diagnostico/2025/", HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def test_needs_of_a_single_institution_are_withheld(client, edicion, responder):
    responder(edicion, "istai-sonora", personas=3, temas=["Datos abiertos"])
    necesidades = _seccion(_pagina(client), "necesidades-h")
    assert "Datos abiertos" not in necesidades and "<svg" not in necesidades
    assert "al menos 3 instituciones" in necesidades


def test_needs_answered_by_two_of_three_are_withheld(client, edicion, responder):
    responder(edicion, "istai-sonora", temas=["Datos abiertos"])
    responder(edicion, "ceaip-sinaloa", temas=["Video"])
    responder(edicion, "cotaipec-campeche", personas=1)  # did not answer the needs question
    necesidades = _seccion(_pagina(client), "necesidades-h")
    assert "<svg" not in necesidades and "Video" not in necesidades


def test_needs_of_three_institutions_are_shown(client, edicion, responder):
    for clave in ("istai-sonora", "ceaip-sinaloa", "cotaipec-campeche"):
        responder(edicion, clave, temas=["Video"])
    necesidades = _seccion(_pagina(client), "necesidades-h")
    assert "<svg" in necesidades and "Video" in necesidades


def test_rounds_that_publish_each_answer_show_needs_of_one(client, edicion, responder):
    edicion.publica_respuestas_individuales = True
    edicion.save()
    responder(edicion, "istai-sonora", temas=["Datos abiertos"])
    necesidades = _seccion(_pagina(client), "necesidades-h")
    assert "<svg" in necesidades and "Datos abiertos" in necesidades


def test_comparison_withholds_questions_below_the_threshold(
    client, pequeno, crear_edicion, edicion, responder
):
    anterior = crear_edicion(pequeno, "2024", estado="publicada", inicio=date(2024, 3, 1))
    for clave in ("istai-sonora", "ceaip-sinaloa", "cotaipec-campeche"):
        responder(anterior, clave, personas=2, equipo=4)
    responder(edicion, "istai-sonora", personas=9, equipo=1)
    comparacion = _seccion(_pagina(client), "comparacion-h")
    assert "Pregunta personas" not in comparacion and "9" not in comparacion
