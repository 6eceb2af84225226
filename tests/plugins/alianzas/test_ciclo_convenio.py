"""What only alliances add to the shared lifecycle (tested on every agreement plugin in
``tests/plugins/test_convenios.py``): commitments, whose state is derived."""

import pytest
from django.core.exceptions import ValidationError

from plugins.alianzas.models import Compromiso

from .conftest import hoy_mas


def test_commitment_state_is_derived(crear_convenio):
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
