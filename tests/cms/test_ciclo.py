"""The shared lifecycle component (cms.ciclo): transition table, messages, date rules.

The model side (transicionar, history) is exercised on every agreement plugin that uses it;
see tests/plugins/test_convenios.py.
"""

from datetime import date, timedelta
from itertools import product

import pytest

from cms.ciclo import (
    ESTADOS_FINALES,
    ESTADOS_PUBLICOS,
    TRANSICIONES,
    Estado,
    mensaje_transicion_rechazada,
    transicion_permitida,
    validar_fechas,
)

HOY = date(2026, 3, 15)

# Written out again on purpose: changing the table must be a deliberate decision.
PERMITIDAS = {
    ("identificado", "en_negociacion"),
    ("identificado", "cancelado"),
    ("en_negociacion", "firmado"),
    ("en_negociacion", "cancelado"),
    ("en_negociacion", "identificado"),
    ("firmado", "vigente"),
    ("firmado", "concluido"),
    ("firmado", "cancelado"),
    ("vigente", "concluido"),
    ("vigente", "vencido"),
    ("vigente", "cancelado"),
    ("vencido", "vigente"),
    ("vencido", "concluido"),
}
TODAS = list(product(Estado.values, Estado.values))


@pytest.mark.parametrize("actual,nuevo", sorted(PERMITIDAS))
def test_allowed_transitions(actual, nuevo):
    assert transicion_permitida(actual, nuevo)


@pytest.mark.parametrize("actual,nuevo", [p for p in TODAS if p not in PERMITIDAS])
def test_refused_transitions_have_a_clear_spanish_message(actual, nuevo):
    assert not transicion_permitida(actual, nuevo)
    mensaje = str(mensaje_transicion_rechazada(actual, nuevo))
    assert str(Estado(actual).label) in mensaje
    if actual != nuevo:
        assert "No se puede pasar" in mensaje


def test_table_covers_every_state_and_final_states_are_final():
    assert set(TRANSICIONES) == set(Estado.values)
    for estado in ESTADOS_FINALES:
        assert TRANSICIONES[estado] == ()
        assert "estado final" in str(mensaje_transicion_rechazada(estado, Estado.VIGENTE))
    assert "solo se puede pasar a «En negociación» o «Cancelado»" in str(
        mensaje_transicion_rechazada("identificado", "vigente")
    )
    assert "no es un estado válido" in str(mensaje_transicion_rechazada("vigente", "borrador"))


def test_public_states():
    assert set(ESTADOS_PUBLICOS) == {"firmado", "vigente", "concluido", "vencido"}


def _errores(estado, firma=None, inicio=None, fin=None):
    return validar_fechas(estado, firma, inicio, fin, hoy=HOY)


def d(dias):
    return HOY + timedelta(days=dias)


def test_end_before_start_is_refused_in_any_state():
    for estado in Estado.values:
        errores = _errores(estado, d(-10) if estado in ESTADOS_PUBLICOS else None, d(5), d(1))
        assert "antes de empezar" in errores["vigencia_fin"]


@pytest.mark.parametrize("estado", ["firmado", "vigente", "concluido", "vencido"])
def test_signed_states_need_a_signature_date(estado):
    errores = _errores(estado, None, d(-30), d(-1) if estado == "vencido" else d(30))
    assert "se necesita la fecha de firma" in errores["fecha_firma"]


@pytest.mark.parametrize("estado", ["identificado", "en_negociacion"])
def test_unsigned_states_cannot_have_a_signature_date(estado):
    assert "todavía no hay firma" in _errores(estado, d(-3))["fecha_firma"]


def test_signature_in_the_future_or_after_the_end_is_refused():
    assert "futuro" in _errores("firmado", d(2))["fecha_firma"]
    assert "posterior al fin" in _errores("concluido", d(-5), d(-60), d(-10))["fecha_firma"]


def test_vigente_needs_start_before_and_end_after_today():
    assert _errores("vigente", d(-10), d(-10), d(100)) == {}
    assert _errores("vigente", d(-10)) == {}
    assert "Firmado" in _errores("vigente", d(-10), d(3), d(100))["vigencia_inicio"]
    assert "Vencido" in _errores("vigente", d(-100), d(-90), d(-1))["vigencia_fin"]
    assert _errores("vigente", d(-100), d(-90), HOY) == {}


def test_vencido_needs_an_end_in_the_past():
    assert _errores("vencido", d(-100), d(-90), d(-1)) == {}
    assert "anterior a hoy" in _errores("vencido", d(-100), d(-90), d(10))["vigencia_fin"]
    assert "anterior a hoy" in _errores("vencido", d(-100))["vigencia_fin"]


def test_valid_combinations():
    assert _errores("identificado") == {}
    assert _errores("firmado", d(-1), d(10), d(400)) == {}
    assert _errores("concluido", d(-400), d(-390), d(-1)) == {}
    assert _errores("cancelado", d(-400)) == {}
