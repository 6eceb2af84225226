"""Validation of each answer type at its boundaries, with a Spanish message per question."""

import pytest
from django.core.exceptions import ValidationError

from plugins.diagnostico import validacion
from plugins.diagnostico.models import Pregunta


def _p(pequeno, clave):
    return Pregunta.objects.get(cuestionario=pequeno, clave=clave)


@pytest.mark.parametrize(
    "valor,esperado",
    [("0", 0), ("10", 10), ("3.5", 3.5), (7, 7), ("1,000", None), ("-1", None), ("10.01", None)],
)
def test_numero_within_min_max(pequeno, valor, esperado):
    pregunta = _p(pequeno, "personas")
    if esperado is None:
        with pytest.raises(validacion.ValorInvalido):
            validacion.normalizar(pregunta, valor)
    else:
        assert validacion.normalizar(pregunta, valor) == esperado


def test_numero_messages_name_the_limit(pequeno):
    pregunta = _p(pequeno, "personas")
    _, errores = validacion.validar([pregunta], {"personas": "11"})
    assert errores["personas"] == "«Pregunta personas»: el valor máximo es 10; escribió 11."
    _, errores = validacion.validar([pregunta], {"personas": "-1"})
    assert "el valor mínimo es 0" in errores["personas"]
    _, errores = validacion.validar([pregunta], {"personas": "muchas"})
    assert "escriba un número" in errores["personas"]


@pytest.mark.parametrize("valor", ["1", "5", 3])
def test_escala_accepts_1_to_5(pequeno, valor):
    assert validacion.normalizar(_p(pequeno, "equipo"), valor) == int(valor)


@pytest.mark.parametrize("valor", ["0", "6", "2.5", "alto"])
def test_escala_refuses_outside(pequeno, valor):
    _, errores = validacion.validar([_p(pequeno, "equipo")], {"equipo": valor})
    assert "escala" in errores["equipo"]


def test_si_no(pequeno):
    pregunta = _p(pequeno, "area_propia")
    assert validacion.normalizar(pregunta, "si") is True
    assert validacion.normalizar(pregunta, "no") is False
    assert validacion.normalizar(pregunta, False) is False
    _, errores = validacion.validar([pregunta], {"area_propia": "quizá"})
    assert "responda «Sí» o «No»" in errores["area_propia"]


def test_opciones_among_the_allowed(pequeno):
    unica, multiple = _p(pequeno, "presupuesto"), _p(pequeno, "redes")
    assert validacion.normalizar(unica, "Alto") == "Alto"
    _, errores = validacion.validar([unica], {"presupuesto": "Altísimo"})
    assert errores["presupuesto"].startswith("«Pregunta presupuesto»: «Altísimo» no es una")
    # Multiple keeps the questionnaire's order, no repetitions.
    assert validacion.normalizar(multiple, ["TikTok", "Facebook", "TikTok"]) == [
        "Facebook",
        "TikTok",
    ]
    _, errores = validacion.validar([multiple], {"redes": ["Facebook", "MySpace"]})
    assert "«MySpace» no está entre las opciones" in errores["redes"]


def test_texto_corto_length(pequeno):
    pregunta = _p(pequeno, "nota")
    assert validacion.normalizar(pregunta, "x" * validacion.LARGO_TEXTO)
    _, errores = validacion.validar([pregunta], {"nota": "x" * (validacion.LARGO_TEXTO + 1)})
    assert "como máximo" in errores["nota"]


def test_required_only_on_submit(pequeno):
    preguntas = pequeno.preguntas_ordenadas()
    limpios, errores = validacion.validar(preguntas, {"personas": "3"}, completa=False)
    assert limpios == {"personas": 3} and not errores
    _, errores = validacion.validar(preguntas, {"personas": "3"}, completa=True)
    assert "nota" not in errores  # optional
    assert errores["area_propia"] == "«Pregunta area_propia»: esta pregunta es obligatoria."
    assert set(errores) == {"area_propia", "presupuesto", "redes", "equipo", "temas"}


def test_question_definition_is_validated(pequeno):
    pregunta = Pregunta(
        seccion=pequeno.secciones.first(),
        clave="Mala Clave",
        tipo="opcion_unica",
        texto="x",
        opciones=["Una"],
        minimo=1,
    )
    with pytest.raises(ValidationError) as error:
        pregunta.full_clean(exclude=["cuestionario"])
    assert {"clave", "opciones", "minimo"} <= set(error.value.message_dict)
