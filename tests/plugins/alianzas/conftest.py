import pytest

from plugins.alianzas.models import Organizacion, Vinculo
from tests.plugins.convenios import FECHAS, GEMELOS, hoy_mas  # noqa: F401


@pytest.fixture
def organizacion(db):
    def make(nombre="Organización de prueba", tipo="osc", **kwargs):
        return Organizacion.objects.create(nombre=nombre, tipo=tipo, **kwargs)

    return make


@pytest.fixture
def crear_convenio(regions):
    """A Convenio saved directly in a state, with dates that agree with it."""

    def make(region="norte", estado="identificado", **kwargs):
        return GEMELOS["alianzas"].crear(regions, region, estado, **kwargs)

    return make


@pytest.fixture
def vinculo(organismo):
    def make(clave, organizacion, dias=-10, tipo_accion="taller"):
        return Vinculo.objects.create(
            organismo=organismo(clave),
            organizacion=organizacion,
            tipo_accion=tipo_accion,
            fecha=hoy_mas(dias),
            descripcion="Acción conjunta.",
        )

    return make
