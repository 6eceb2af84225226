"""The plugin contract, exercised by a plugin that exists only in the tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from cms.plugins import discover_plugin_apps, installed_plugins, set_enabled
from search.registry import declared_documents, indexable_documents
from tests.testdummy.models import Ficha

ROOT = Path(__file__).resolve().parents[2]


def test_testdummy_is_discovered_through_its_entry_point():
    assert "tests.testdummy.apps.TestDummyConfig" in discover_plugin_apps()
    assert "tests.testdummy.apps.TestDummyConfig" not in discover_plugin_apps(
        disabled=["testdummy"]
    )
    assert apps.is_installed("tests.testdummy")
    labels = {plugin.label for _, plugin in installed_plugins()}
    assert "testdummy" in labels


def disabling(label):
    """SNT_PLUGINS_DISABLED plus ``label`` (a tree may already run without some plugin)."""
    return ",".join(filter(None, [os.environ.get("SNT_PLUGINS_DISABLED", ""), label]))


def test_network_wide_disable_removes_the_plugin():
    code = (
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('tests.testdummy'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "SNT_TEST_SQLITE": "1"}
    enabled = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert enabled.stdout.strip() == "True", enabled.stderr
    disabled = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "SNT_PLUGINS_DISABLED": disabling("testdummy")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert disabled.stdout.strip() == "False", disabled.stderr


def test_plugin_contributes_a_url_on_every_site(client, db):
    for host in ["localhost", "norte.localhost", "sureste.localhost"]:
        response = client.get("/api/v1/testdummy/ping", HTTP_HOST=host)
        assert response.status_code == 200
        assert response.json() == {"complemento": "testdummy"}
    assert reverse("testdummy:ping") == "/api/v1/testdummy/ping"


def test_switching_a_plugin_off_for_one_region(client, regions):
    set_enabled("testdummy", regions["norte"], False)
    assert client.get("/api/v1/testdummy/ping", HTTP_HOST="norte.localhost").status_code == 404
    assert client.get("/api/v1/testdummy/ping", HTTP_HOST="centro.localhost").status_code == 200
    set_enabled("testdummy", regions["norte"], True)
    assert client.get("/api/v1/testdummy/ping", HTTP_HOST="norte.localhost").status_code == 200


def test_plugin_search_documents_appear_and_disappear_per_region(regions):
    assert ("testdummy", __import__("tests.testdummy.search", fromlist=["x"]).FichaDocument) in (
        declared_documents()
    )
    Ficha.objects.create(titulo="Ficha del norte", region=regions["norte"])
    Ficha.objects.create(titulo="Ficha del sureste", region=regions["sureste"])
    titles = {d["title"] for d in indexable_documents() if d["source"] == "testdummy"}
    assert titles == {"Ficha del norte", "Ficha del sureste"}
    set_enabled("testdummy", regions["norte"], False)
    titles = {d["title"] for d in indexable_documents() if d["source"] == "testdummy"}
    assert titles == {"Ficha del sureste"}


@pytest.fixture
def fichas(regions):
    return {
        slug: Ficha.objects.create(titulo=f"Ficha {slug}", region=regions[slug])
        for slug in ["norte", "sureste", "centro"]
    }


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_region_scoping_listing_export_edit_and_chooser(client, editor_of, fichas, role):
    client.force_login(editor_of("norte", role))
    index = client.get(reverse("wagtailsnippets_testdummy_ficha:list"))
    assert index.status_code == 200
    body = index.content.decode()
    assert "Ficha norte" in body and "Ficha sureste" not in body
    export = client.get(reverse("wagtailsnippets_testdummy_ficha:list"), {"export": "csv"})
    exported = b"".join(export.streaming_content if export.streaming else [export.content])
    assert b"Ficha norte" in exported and b"Ficha sureste" not in exported
    own = client.get(reverse("wagtailsnippets_testdummy_ficha:edit", args=[fichas["norte"].pk]))
    assert own.status_code == 200
    other = client.get(reverse("wagtailsnippets_testdummy_ficha:edit", args=[fichas["sureste"].pk]))
    assert other.status_code in (302, 403)
    chooser = client.get(reverse("wagtailsnippetchoosers_testdummy_ficha:choose"))
    assert "Ficha norte" in chooser.content.decode()
    assert "Ficha sureste" not in chooser.content.decode()


def test_editor_cannot_delete_and_coordinator_cannot_delete_elsewhere(client, editor_of, fichas):
    client.force_login(editor_of("norte", "edicion"))
    url = reverse("wagtailsnippets_testdummy_ficha:delete", args=[fichas["norte"].pk])
    client.post(url)
    assert Ficha.objects.filter(pk=fichas["norte"].pk).exists()
    client.force_login(editor_of("norte", "coordinacion"))
    client.post(reverse("wagtailsnippets_testdummy_ficha:delete", args=[fichas["sureste"].pk]))
    assert Ficha.objects.filter(pk=fichas["sureste"].pk).exists()
    client.post(url)
    assert not Ficha.objects.filter(pk=fichas["norte"].pk).exists()


def test_bulk_delete_skips_other_regions(client, editor_of, fichas):
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("wagtail_bulk_action", args=["testdummy", "ficha", "delete"])
    ids = f"id={fichas['norte'].pk}&id={fichas['sureste'].pk}"
    client.post(f"{url}?{ids}")
    # The action runs for the user's own record and refuses the other region's.
    assert not Ficha.objects.filter(pk=fichas["norte"].pk).exists()
    assert Ficha.objects.filter(pk=fichas["sureste"].pk).exists()


def test_create_offers_only_own_region_and_refuses_another(client, editor_of, regions):
    client.force_login(editor_of("norte", "edicion"))
    add = reverse("wagtailsnippets_testdummy_ficha:add")
    form = client.get(add).context["form"]
    assert list(form.fields["region"].queryset) == [regions["norte"]]
    client.post(add, {"titulo": "Intrusa", "region": regions["sureste"].pk})
    assert not Ficha.objects.filter(titulo="Intrusa").exists()
    client.post(add, {"titulo": "Propia", "region": regions["norte"].pk})
    assert Ficha.objects.filter(titulo="Propia", region=regions["norte"]).exists()


def test_national_coordination_sees_every_region(client, editor_of, fichas):
    client.force_login(editor_of("nacional", "coordinacion"))
    body = client.get(reverse("wagtailsnippets_testdummy_ficha:list")).content.decode()
    assert all(f"Ficha {slug}" in body for slug in ["norte", "sureste", "centro"])
    # Coordinating is reading: another region's record is not the national coordination's to edit.
    edit = client.get(reverse("wagtailsnippets_testdummy_ficha:edit", args=[fichas["sureste"].pk]))
    assert edit.status_code in (302, 403, 404)


def _region_filtered_listings():
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        filterset_class = getattr(model.snippet_viewset, "filterset_class", None)
        if isinstance(filterset_class, type) and "region" in filterset_class.base_filters:
            yield model, filterset_class


def test_every_listing_region_filter_offers_only_the_users_regions(rf, editor_of, regions):
    listados = list(_region_filtered_listings())
    # Directory (2), alliances (2), media (3), diagnosis (1) at least, of those installed.
    from cms.plugins import get_plugin

    por_complemento = {"directorio": 2, "alianzas": 2, "medios": 3, "diagnostico": 1}
    minimo = sum(n for etiqueta, n in por_complemento.items() if get_plugin(etiqueta))
    assert len(listados) >= minimo, [m._meta.label for m, _ in listados]
    norte = editor_of("norte", "coordinacion")
    nacional = editor_of("nacional", "coordinacion")
    for model, filterset_class in listados:
        request = rf.get("/admin/")
        request.user = norte
        ofrecidas = set(filterset_class(request=request).filters["region"].queryset)
        assert ofrecidas <= {regions["norte"]}, (model._meta.label, ofrecidas)
        assert regions["sureste"] not in ofrecidas
        request.user = nacional
        todas = set(filterset_class(request=request).filters["region"].queryset)
        assert regions["sureste"] in todas, model._meta.label
