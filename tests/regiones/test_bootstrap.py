import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupApprovalTask, Page, Site, Workflow

from orchestration.bootstrap import bootstrap
from regiones.bootstrap import load_config
from regiones.models import EntidadFederativa, OrganismoGarante, Red, Region


def counts():
    models = [
        Page,
        Site,
        Collection,
        Group,
        Workflow,
        GroupApprovalTask,
        Red,
        Region,
        EntidadFederativa,
        OrganismoGarante,
    ]
    models += [
        apps.get_model("wagtailcore", "GroupPagePermission"),
        apps.get_model("wagtailcore", "GroupCollectionPermission"),
        apps.get_model("auth", "User"),
    ]
    return {m._meta.label: m.objects.count() for m in models}


def test_bootstrap_twice_changes_nothing(db):
    before = counts()
    call_command("bootstrap_snt", port=80)
    call_command("bootstrap_snt", port=80)
    assert counts() == before


def test_load_demo_twice_leaves_the_same_counts(demo_completa, db):
    # On the demo loaded once for the session's demo tests: loaded once more, then again.
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    # One person per editorial group (editing, coordination, translation) and the administrator.
    groups = sum(
        1
        for region in Region.objects.all()
        for group_id in (
            region.grupo_edicion_id,
            region.grupo_coordinacion_id,
            region.grupo_traduccion_id,
        )
        if group_id is not None
    )
    assert groups >= 13
    assert first["auth.User"] == groups + 1


def test_regions_group_the_states_of_the_shared_data(regions):
    by_region = {
        slug: sorted(e.nombre for e in region.entidades.all()) for slug, region in regions.items()
    }
    assert len(by_region["norte"]) == 9
    assert "Sonora" in by_region["norte"] and "Durango" in by_region["norte"]
    assert len(by_region["centro"]) == 8
    assert len(by_region["centro-occidente"]) == 9
    assert len(by_region["sureste"]) == 6
    assert by_region["nacional"] == []
    assert EntidadFederativa.objects.count() == 32
    # Regions assigned by exclusion in the data are marked as unverified.
    assert not EntidadFederativa.objects.get(nombre="Chiapas").region_verificada
    assert EntidadFederativa.objects.get(nombre="Sonora").region_verificada


def test_groups_collections_and_workflows_per_region(regions):
    for slug, region in regions.items():
        assert region.coleccion is not None
        assert Workflow.objects.filter(workflow_pages__page=region.site.root_page).exists()
        if slug == "nacional":
            assert region.grupo_coordinacion.name == "Coordinación Nacional"
            assert region.grupo_edicion is None
        else:
            assert region.grupo_edicion.name == f"{region.nombre} · Edición"
            assert region.grupo_coordinacion.name == f"{region.nombre} · Coordinación"


def test_network_is_data_a_successor_network_runs_by_changing_data(db, client):
    """Renaming the network and its regions needs no code: pages show the new data."""
    red = Red.actual()
    assert red.siglas == "SNT"
    assert red.sucesora.siglas == "SNAIP"
    sucesora = red.sucesora
    Red.objects.filter(pk=red.pk).update(es_actual=False)
    Red.objects.filter(pk=sucesora.pk).update(es_actual=True)
    Region.objects.update(red=sucesora)
    response = client.get("/", HTTP_HOST="localhost")
    assert sucesora.nombre in response.content.decode()


def test_bootstrap_with_other_hostnames(db):
    config = load_config()
    bootstrap(
        config=config,
        base_domain="snt.example.org",
        port=443,
        hostnames={"nacional": "www.snt.example.org"},
    )
    hosts = set(Site.objects.values_list("hostname", flat=True))
    assert hosts == {
        "www.snt.example.org",
        "centro.snt.example.org",
        "centro-occidente.snt.example.org",
        "norte.snt.example.org",
        "sureste.snt.example.org",
    }
    assert Site.objects.count() == 5


def test_bad_hostname_option_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="REGION=HOST"):
        call_command("bootstrap_snt", hostname=["norte"])
