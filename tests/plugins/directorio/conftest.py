import pytest

from plugins.directorio.models import CuentaSocial


@pytest.fixture
def cuentas(organismo):
    """One Instagram account in Norte (Sonora) and one in Sureste (Campeche)."""
    return {
        "norte": CuentaSocial.objects.create(
            organismo=organismo("istai-sonora"),
            plataforma="instagram",
            usuario="cuenta_norte",
            url="https://www.instagram.com/cuenta_norte",
        ),
        "sureste": CuentaSocial.objects.create(
            organismo=organismo("cotaipec-campeche"),
            plataforma="instagram",
            usuario="cuenta_sureste",
            url="https://www.instagram.com/cuenta_sureste",
        ),
    }
