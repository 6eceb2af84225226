"""ConvenioMedio reuses cms.ciclo: the same transitions, refusals and date rules as the
alliance tracker, because it is the same component."""

import pytest
from django.core.exceptions import ValidationError

from cms.ciclo import TRANSICIONES, CicloMixin, Estado
from plugins.medios import models as medios_models
from plugins.medios.models import ConvenioMedio, HistorialConvenioMedio

from .conftest import hoy_mas

FECHAS_PARA = {
    ("en_negociacion", "firmado"): {"fecha_firma": hoy_mas(0)},
    ("firmado", "vigente"): {"vigencia_inicio": hoy_mas(0)},
    ("vigente", "vencido"): {"vigencia_fin": hoy_mas(-1)},
    ("vencido", "vigente"): {"vigencia_fin": hoy_mas(365)},
}
PERMITIDAS = [(a, b) for a, destinos in TRANSICIONES.items() for b in destinos]
RECHAZADAS = [(a, b) for a in Estado.values for b in Estado.values if (a, b) not in PERMITIDAS]


def test_the_lifecycle_is_the_shared_component_not_a_copy():
    assert issubclass(ConvenioMedio, CicloMixin)
    assert ConvenioMedio.transicionar is CicloMixin.transicionar
    assert ConvenioMedio._meta.get_field("estado").choices == Estado.choices
    assert not hasattr(medios_models, "TRANSICIONES")


@pytest.mark.parametrize("actual,nuevo", RECHAZADAS)
def test_every_refused_transition_is_refused(crear_convenio, make_user, actual, nuevo):
    convenio = crear_convenio("norte", actual)
    with pytest.raises(ValidationError) as error:
        convenio.transicionar(nuevo, make_user(), "Intento")
    assert str(Estado(actual).label) in error.value.message_dict["estado"][0]
    convenio.refresh_from_db()
    assert convenio.estado == actual
    assert not HistorialConvenioMedio.objects.filter(registro=convenio).exists()


@pytest.mark.parametrize("actual,nuevo", PERMITIDAS)
def test_every_allowed_transition_is_saved_with_its_history(
    crear_convenio, make_user, actual, nuevo
):
    convenio = crear_convenio("norte", actual)
    persona = make_user()
    entrada = convenio.transicionar(
        nuevo, persona, "Motivo", **FECHAS_PARA.get((actual, nuevo), {})
    )
    convenio.refresh_from_db()
    assert convenio.estado == nuevo
    assert (entrada.estado_anterior, entrada.estado_nuevo, entrada.usuario) == (
        actual,
        nuevo,
        persona,
    )
    assert list(convenio.get_historial()) == [entrada]


def test_date_rules_are_the_shared_ones(crear_convenio, make_user):
    convenio = crear_convenio("norte", "en_negociacion")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("firmado", make_user(), "Se firmó")
    assert "fecha de firma" in error.value.message_dict["fecha_firma"][0]
    vigente = crear_convenio("norte", "vigente")
    vigente.vigencia_fin = hoy_mas(-5)
    with pytest.raises(ValidationError) as error:
        vigente.full_clean()
    assert "Vencido" in error.value.message_dict["vigencia_fin"][0]


def test_the_state_cannot_change_by_editing(crear_convenio):
    convenio = crear_convenio("norte", "identificado")
    convenio.estado = "vigente"
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "Cambiar estado" in error.value.message_dict["estado"][0]


def test_public_queryset(por_estado):
    assert set(ConvenioMedio.objects.publicos().values_list("estado", flat=True)) == {
        "firmado",
        "vigente",
        "concluido",
        "vencido",
    }
