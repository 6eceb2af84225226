"""Dashboard panels of the official-media registry: agreements ending soon and schedules on
air in the coming days, each limited to the user's regions (cms.paneles)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from plugins.medios.admin_views import PanelConveniosPorTerminar, PanelPautasProximas

from .conftest import hoy_mas

HOME = "wagtailadmin_home"
EDIT_CONVENIO = "wagtailsnippets_medios_conveniomedio:edit"
EDIT_PAUTA = "wagtailsnippets_medios_pauta:edit"


@pytest.fixture
def tablero(crear_convenio, crear_pauta):
    def termina(region, titulo, dias, estado="vigente"):
        return crear_convenio(region, estado, titulo=titulo, fechas={"vigencia_fin": hoy_mas(dias)})

    def pauta(region, material, desde, hasta, **kwargs):
        return crear_pauta(
            region, material=material, inicio=hoy_mas(desde), fin=hoy_mas(hasta), **kwargs
        )

    return {
        "convenios": {
            "norte": termina("norte", "Radio Sonora termina", 30),
            "norte_firmado": termina("norte", "Firmado termina", 60, estado="firmado"),
            "sureste": termina("sureste", "Radio Campeche termina", 20),
            "norte_tarde": termina("norte", "Termina en cuatro meses", 120),
            "norte_negociacion": crear_convenio("norte", "en_negociacion", titulo="En plática"),
        },
        "pautas": {
            "norte": pauta("norte", "Spot de transparencia", -3, 2),
            "norte_luego": pauta("norte", "Cápsula del sábado", 5, 20, formato="capsula"),
            "norte_despues": pauta("norte", "Spot de otoño", 10, 20),
            "norte_pasada": pauta("norte", "Spot pasado", -20, -1, estado="transmitida"),
            "norte_cancelada": pauta("norte", "Spot cancelado", 0, 3, estado="cancelada"),
            "sureste": pauta("sureste", "Spot peninsular", 1, 4),
        },
    }


def _titulos(panel, user):
    return [str(f["registro"]) for f in panel(user).get_context_data()["filas"]]


def _materiales(user):
    return [f["registro"].material for f in PanelPautasProximas(user).get_context_data()["filas"]]


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_a_region_sees_only_its_own_records(client, editor_of, tablero, role):
    user = editor_of("norte", role)
    assert _titulos(PanelConveniosPorTerminar, user) == ["Radio Sonora termina", "Firmado termina"]
    assert _materiales(user) == ["Spot de transparencia", "Cápsula del sábado"]

    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Convenios con medios que terminan pronto" in body
    assert "Pautas de los próximos 7 días" in body
    assert "Radio Sonora termina" in body and "Spot de transparencia" in body
    assert "Radio Campeche termina" not in body and "Spot peninsular" not in body
    assert "Termina en cuatro meses" not in body and "Spot cancelado" not in body
    # Each row opens the record's edit view.
    convenio, pauta = tablero["convenios"]["norte"], tablero["pautas"]["norte"]
    assert f'href="{reverse(EDIT_CONVENIO, args=[convenio.pk])}"' in body
    assert f'href="{reverse(EDIT_PAUTA, args=[pauta.pk])}"' in body


def test_national_coordination_sees_every_region(client, editor_of, tablero):
    user = editor_of("nacional", "coordinacion")
    assert _titulos(PanelConveniosPorTerminar, user) == [
        "Radio Campeche termina",
        "Radio Sonora termina",
        "Firmado termina",
    ]
    assert _materiales(user) == ["Spot de transparencia", "Spot peninsular", "Cápsula del sábado"]
    client.force_login(user)
    body = client.get(reverse(HOME)).content.decode()
    assert "Radio Campeche termina" in body and "Spot peninsular" in body
    contexto = PanelConveniosPorTerminar(user).get_context_data()
    assert contexto["total"] == 3
    assert "3 convenios con medios firmados o vigentes terminan" in contexto["resumen"]


def test_without_permission_on_the_models_there_is_no_panel(client, make_user, tablero):
    grupo = Group.objects.create(name="Solo administración")
    grupo.permissions.add(Permission.objects.get(codename="access_admin"))
    user = make_user(grupo)
    for panel in (PanelConveniosPorTerminar, PanelPautasProximas):
        assert not panel(user).visible()
        assert panel(user).render_html() == ""
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    body = response.content.decode()
    assert "que terminan pronto" not in body and "Pautas de los próximos" not in body
    assert "Radio Sonora termina" not in body


def test_panels_say_when_there_is_nothing(client, editor_of, regions):
    user = editor_of("sureste", "edicion")
    contexto = PanelConveniosPorTerminar(user).get_context_data()
    assert contexto["filas"] == [] and contexto["total"] == 0
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    assert 'data-total="0"' in response.content.decode()
