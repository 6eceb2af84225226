"""The lifecycle on a real model: every transition, its history and the date rules."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.ciclo import TRANSICIONES, Estado
from plugins.alianzas.models import Convenio, HistorialConvenio

from .conftest import hoy_mas

#: Extra dates a transition needs to agree with its target state.
FECHAS_PARA = {
    ("en_negociacion", "firmado"): {"fecha_firma": hoy_mas(0)},
    ("firmado", "vigente"): {"vigencia_inicio": hoy_mas(0)},
    ("vigente", "vencido"): {"vigencia_fin": hoy_mas(-1)},
    ("vencido", "vigente"): {"vigencia_fin": hoy_mas(365)},
}
PERMITIDAS = [(a, b) for a, destinos in TRANSICIONES.items() for b in destinos]
RECHAZADAS = [(a, b) for a in Estado.values for b in Estado.values if (a, b) not in PERMITIDAS]


@pytest.mark.parametrize("actual,nuevo", PERMITIDAS)
def test_every_allowed_transition_is_saved_with_its_history(
    crear_convenio, make_user, actual, nuevo
):
    convenio = crear_convenio("norte", actual)
    persona = make_user()
    antes = timezone.now()
    entrada = convenio.transicionar(
        nuevo, persona, "  Motivo del cambio  ", **FECHAS_PARA.get((actual, nuevo), {})
    )
    convenio.refresh_from_db()
    assert convenio.estado == nuevo
    assert entrada.registro == convenio
    assert (entrada.estado_anterior, entrada.estado_nuevo) == (actual, nuevo)
    assert entrada.usuario == persona
    assert entrada.comentario == "Motivo del cambio"
    assert entrada.fecha >= antes
    assert list(convenio.get_historial()) == [entrada]


@pytest.mark.parametrize("actual,nuevo", RECHAZADAS)
def test_every_refused_transition_changes_nothing(crear_convenio, make_user, actual, nuevo):
    convenio = crear_convenio("norte", actual)
    with pytest.raises(ValidationError) as error:
        convenio.transicionar(nuevo, make_user(), "Intento")
    assert "estado" in error.value.message_dict
    assert str(Estado(actual).label) in error.value.message_dict["estado"][0]
    convenio.refresh_from_db()
    assert convenio.estado == actual
    assert not HistorialConvenio.objects.filter(registro=convenio).exists()


def test_a_comment_is_required(crear_convenio, make_user):
    convenio = crear_convenio("norte", "identificado")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("en_negociacion", make_user(), "   ")
    assert "comentario" in error.value.message_dict
    convenio.refresh_from_db()
    assert convenio.estado == "identificado"


def test_signing_needs_a_signature_date_and_nothing_is_saved_otherwise(crear_convenio, make_user):
    convenio = crear_convenio("norte", "en_negociacion")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("firmado", make_user(), "Se firmó")
    assert "fecha de firma" in error.value.message_dict["fecha_firma"][0]
    assert convenio.estado == "en_negociacion" and convenio.fecha_firma is None
    convenio.refresh_from_db()
    assert convenio.estado == "en_negociacion"
    convenio.transicionar("firmado", make_user(), "Se firmó", fecha_firma=hoy_mas(-1))
    convenio.refresh_from_db()
    assert convenio.estado == "firmado" and convenio.fecha_firma == hoy_mas(-1)


def test_going_vigente_before_the_term_starts_is_refused(crear_convenio, make_user):
    convenio = crear_convenio("norte", "firmado")  # starts in 5 days
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("vigente", make_user(), "Inicia")
    assert "Firmado" in error.value.message_dict["vigencia_inicio"][0]
    convenio.transicionar("vigente", make_user(), "Inicia", vigencia_inicio=hoy_mas(0))
    assert Convenio.objects.get(pk=convenio.pk).estado == "vigente"


def test_renewal_needs_a_new_end_of_term(crear_convenio, make_user):
    convenio = crear_convenio("norte", "vencido")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("vigente", make_user(), "Renovación")
    assert "vigencia_fin" in error.value.message_dict
    convenio.transicionar("vigente", make_user(), "Renovación", vigencia_fin=hoy_mas(365))
    assert Convenio.objects.get(pk=convenio.pk).estado == "vigente"


def test_a_stale_copy_cannot_transition(crear_convenio, make_user):
    convenio = crear_convenio("norte", "identificado")
    copia = Convenio.objects.get(pk=convenio.pk)
    convenio.transicionar("en_negociacion", make_user(), "Primero")
    with pytest.raises(ValidationError) as error:
        copia.transicionar("cancelado", make_user(), "Segundo")
    assert "Otra persona" in error.value.messages[0]


def test_the_state_cannot_change_by_editing(crear_convenio):
    convenio = crear_convenio("norte", "identificado")
    convenio.estado = "en_negociacion"
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "Cambiar estado" in error.value.message_dict["estado"][0]


def test_model_clean_applies_the_date_rules(crear_convenio):
    convenio = crear_convenio("norte", "vigente")
    convenio.vigencia_fin = hoy_mas(-5)
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "Vencido" in error.value.message_dict["vigencia_fin"][0]


def test_commitment_state_is_derived(crear_convenio):
    from plugins.alianzas.models import Compromiso

    convenio = crear_convenio("norte", "vigente")
    pendiente = Compromiso(convenio=convenio, descripcion="a", fecha_limite=hoy_mas(3))
    vencido = Compromiso(convenio=convenio, descripcion="b", fecha_limite=hoy_mas(-3))
    cumplido = Compromiso(
        convenio=convenio, descripcion="c", fecha_limite=hoy_mas(-3), cumplido=True
    )
    assert [c.estado for c in (pendiente, vencido, cumplido)] == [
        "pendiente",
        "vencido",
        "cumplido",
    ]
    with pytest.raises(ValidationError):
        Compromiso(convenio=convenio, descripcion="d", fecha_cumplimiento=hoy_mas(-1)).full_clean()


def test_public_queryset(por_estado):
    publicos = set(Convenio.objects.publicos().values_list("estado", flat=True))
    assert publicos == {"firmado", "vigente", "concluido", "vencido"}
