"""The national coordination's power over regional plugin records: coordinating is reading
and curating. It reads every region's records and changes only its own region's (federal
outlets, national agreements); the network's institutions stay in its care."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Site
from wagtail.permissions import policy_registry

from cms.permissions import COORDINATOR_ACTIONS, RegionPermissionPolicy
from cms.plugins import installed_plugins, region_models
from orchestration.bootstrap import bootstrap
from plugins.medios.models import ConvenioMedio, MedioOficial
from regiones.models import EntidadFederativa, OrganismoGarante


def _modelos_regionales():
    modelos = [m for _, plugin in installed_plugins() for m in region_models(plugin)]
    assert len(modelos) >= 8, modelos
    return modelos


def _sitios(user, politica, acciones):
    return set(politica.sites_user_has_any_permission_for(user, acciones))


def test_national_coordination_reads_every_region_and_writes_only_its_own(editor_of, regions):
    """By construction: every region-scoped model every plugin declares."""
    nacional = editor_of("nacional", "coordinacion")
    todos = set(Site.objects.filter(region__isnull=False))
    for modelo in _modelos_regionales():
        politica = policy_registry.get_by_type(modelo)
        assert isinstance(politica, RegionPermissionPolicy), modelo
        assert _sitios(nacional, politica, ("view",)) == todos, modelo
        for accion in ("add", "change", "delete"):
            assert _sitios(nacional, politica, (accion,)) == {regions["nacional"].site}, (
                modelo,
                accion,
            )


def test_institutions_remain_the_national_coordinations_to_maintain(editor_of, regions):
    nacional = editor_of("nacional", "coordinacion")
    politica = policy_registry.get_by_type(OrganismoGarante)
    sonora = OrganismoGarante.objects.get(clave="istai-sonora")
    assert politica.user_has_permission_for_instance(nacional, "change", sonora)


def test_bootstrap_takes_back_the_old_global_write_permissions(regions):
    grupo = regions["nacional"].grupo_coordinacion
    ct = ContentType.objects.get_for_model(MedioOficial)
    viejos = Permission.objects.filter(
        content_type=ct, codename__in=[f"{a}_mediooficial" for a in COORDINATOR_ACTIONS]
    )
    grupo.permissions.add(*viejos)
    bootstrap(port=80)
    bootstrap(port=80)
    globales = set(grupo.permissions.filter(content_type=ct).values_list("codename", flat=True))
    assert globales == {"view_mediooficial"}


@pytest.fixture
def medio_norte(db):
    return MedioOficial.objects.create(
        nombre="Radio Sonora",
        tipo="radio",
        ambito="estatal",
        entidad=EntidadFederativa.objects.get(nombre="Sonora"),
        contacto="contacto original",
    )


def test_national_coordination_cannot_edit_delete_or_move_a_regional_record(
    client, editor_of, regions, medio_norte
):
    client.force_login(editor_of("nacional", "coordinacion"))
    listado = client.get(reverse("wagtailsnippets_medios_mediooficial:list"))
    assert "Radio Sonora" in listado.content.decode()
    client.post(
        reverse("wagtailsnippets_medios_mediooficial:edit", args=[medio_norte.pk]),
        {"nombre": "Radio Sonora", "tipo": "radio", "ambito": "estatal", "contacto": "cambiado"},
    )
    client.post(reverse("wagtailsnippets_medios_mediooficial:delete", args=[medio_norte.pk]))
    medio_norte.refresh_from_db()
    assert medio_norte.contacto == "contacto original"


def test_national_coordination_cannot_change_a_regional_agreements_state(
    client, editor_of, regions, medio_norte
):
    convenio = ConvenioMedio.objects.create(
        titulo="Convenio de Sonora",
        objeto="Difundir el derecho de acceso a la información.",
        medio=medio_norte,
        region=regions["norte"],
        estado="identificado",
    )
    client.force_login(editor_of("nacional", "coordinacion"))
    url = reverse("medios_transicion", args=[convenio.pk])
    assert client.get(url).status_code in (302, 403, 404)
    client.post(url, {"nuevo_estado": "en_negociacion", "comentario": "x"})
    convenio.refresh_from_db()
    assert convenio.estado == "identificado"


def test_national_coordination_still_keeps_federal_outlets(client, editor_of):
    federal = MedioOficial.objects.create(
        nombre="Radio Federal", tipo="radio", ambito="federal", contacto="antes"
    )
    client.force_login(editor_of("nacional", "coordinacion"))
    edit = reverse("wagtailsnippets_medios_mediooficial:edit", args=[federal.pk])
    assert client.get(edit).status_code == 200
