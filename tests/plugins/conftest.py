import pytest

from regiones.models import OrganismoGarante
from tests.plugins.convenios import uno_por_estado


@pytest.fixture
def organismo(db):
    """An institution by its key (``"istai-sonora"``)."""

    def get(clave):
        return OrganismoGarante.objects.get(clave=clave)

    return get


@pytest.fixture
def por_estado(crear_convenio):
    """One Norte and one Sureste agreement in every state, made by the plugin's own
    ``crear_convenio`` (each agreement plugin's tests define it)."""
    return uno_por_estado(crear_convenio)
