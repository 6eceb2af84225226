"""The plugin SDK: declared once, enforced at start-up, retired cleanly."""

import inspect
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.permissions import RegionPermissionPolicy
from cms.plugins import installed_plugins, region_lookups, set_enabled
from regiones.models import ComplementoRegion
from search.registry import declared_documents
from tests.conftest import require_service
from tests.plugins.test_contract import disabling
from tests.testdummy.models import Ficha, FichasPage

ROOT = Path(__file__).resolve().parents[2]


def _start(**env):
    code = "import django; django.setup(); print('arrancó')"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "SNT_TEST_SQLITE": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_incompatible_plugin_stops_start_up_with_a_clear_message():
    refused = _start(SNT_TESTDUMMY_COMPATIBILITY=">=99")
    assert refused.returncode != 0
    assert "arrancó" not in refused.stdout
    assert "ImproperlyConfigured" in refused.stderr
    assert "«Complemento de prueba» (testdummy 0.0.1)" in refused.stderr
    assert ">=99" in refused.stderr and "SNT_PLUGINS_DISABLED=testdummy" in refused.stderr
    # Switched off network-wide, the incompatible plugin no longer stops anything.
    disabled = _start(
        SNT_TESTDUMMY_COMPATIBILITY=">=99", SNT_PLUGINS_DISABLED=disabling("testdummy")
    )
    assert disabled.returncode == 0, disabled.stderr
    assert _start().returncode == 0


def test_region_policies_come_from_the_plugin_declaration_only():
    declared = 0
    for config, plugin in installed_plugins():
        # No plugin registers policies itself: core does, from Plugin.region_models.
        assert "register_region_policy" not in inspect.getsource(type(config)), plugin.label
        for model, lookup in region_lookups(plugin):
            policy = policy_registry.get_by_type(model)
            assert isinstance(policy, RegionPermissionPolicy), model
            assert policy.region_lookup == lookup
            declared += 1
    assert declared and Ficha in [m for _, p in installed_plugins() for m, _ in region_lookups(p)]


def test_search_documents_name_their_own_kind():
    from search.tipos import KINDS_FILE, kind_label, kind_weights, kind_words

    core_kinds = set(json.loads(KINDS_FILE.read_text(encoding="utf-8")))
    plugin_documents = [cls for label, cls in declared_documents() if label != "cms"]
    assert plugin_documents
    for document in plugin_documents:
        if document.kind == "ficha":
            continue  # the test plugin declares no label: its kind is read as a word
        assert document.kind_label, document
        assert document.kind not in core_kinds, f"{document.kind} is declared twice"
        assert kind_label(document.kind) == document.kind_label
        assert document.kind_label in kind_words(document.kind)
        if document.kind_weight is not None:
            assert kind_weights()[document.kind] == document.kind_weight
    assert kind_label("ficha") == "Ficha"


def _engine_count(engine, label):
    from search.indexer import alias_name

    engine.client.indices.refresh(index=alias_name())
    result = engine.client.count(index=alias_name(), body={"query": {"term": {"plugin": label}}})
    return result["count"]


def test_retire_plugin_unpublishes_its_pages_removes_its_documents_and_reports(client, regions):
    from search.engine import get_engine
    from search.indexer import process_outbox

    engine = get_engine()
    require_service("El motor de búsqueda", engine.available, "Inicie scripts/services.")
    norte = regions["norte"]
    Ficha.objects.create(titulo="Ficha que se retira", region=norte)
    home = norte.home_page
    page = FichasPage(title="Fichas", slug="fichas")
    home.add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/fichas/", HTTP_HOST="norte.localhost").status_code == 200
    process_outbox(engine)
    assert _engine_count(engine, "testdummy") >= 2  # the page and the record

    out = StringIO()
    call_command("retire_plugin", "testdummy", stdout=out)
    report = out.getvalue()

    assert not Page.objects.filter(pk=page.pk).exists()
    assert client.get("/fichas/", HTTP_HOST="norte.localhost").status_code == 404
    assert client.get("/api/v1/testdummy/ping", HTTP_HOST="norte.localhost").status_code == 404
    assert set(
        ComplementoRegion.objects.filter(complemento="testdummy").values_list("activo", flat=True)
    ) == {False}
    assert _engine_count(engine, "testdummy") == 0
    assert "Páginas despublicadas y borradas: 1." in report
    assert "/fichas/" in report
    assert "Documentos retirados del índice de búsqueda" in report
    assert "fichas: 1 registros en la base de datos." in report
    assert "migrate testdummy zero" in report
    for region in regions.values():
        set_enabled("testdummy", region, True)


def test_retire_plugin_names_the_installed_ones_for_an_unknown_label(db):
    from django.core.management.base import CommandError

    try:
        call_command("retire_plugin", "inexistente", stdout=StringIO())
    except CommandError as error:
        assert "«inexistente»" in str(error) and "testdummy" in str(error)
    else:
        raise AssertionError("retire_plugin accepted an unknown label")


def test_a_page_left_by_a_removed_plugin_is_404_and_the_admin_explains(client, regions, editor_of):
    """On a database where a plugin was removed without retire_plugin, its pages remain with
    a content type whose model is gone."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    tipo = ContentType.objects.create(app_label="quitado", model="paginaquitada")
    home = regions["norte"].home_page
    page = home.add_child(instance=Page(title="Quitada", slug="quitada", content_type=tipo))
    assert Page.objects.get(pk=page.pk).specific_class is None
    assert client.get("/quitada/", HTTP_HOST="norte.localhost").status_code == 404

    client.force_login(editor_of("norte", "coordinacion"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), follow=True)
    assert edit.redirect_chain[0] == (reverse("wagtailadmin_explore", args=[home.pk]), 302)
    assert "complemento que ya no está instalado" in edit.content.decode()
    assert client.get(reverse("wagtailadmin_explore", args=[home.pk])).status_code == 200


def test_the_test_plugin_switched_off_leaves_the_admin_of_that_regions_people(
    client, editor_of, regions
):
    from django.urls import reverse

    ficha = Ficha.objects.create(titulo="Ficha del norte", region=regions["norte"])
    urls = [
        reverse("wagtailsnippets_testdummy_ficha:list"),
        reverse("wagtailsnippets_testdummy_ficha:add"),
        reverse("wagtailsnippets_testdummy_ficha:edit", args=[ficha.pk]),
    ]
    set_enabled("testdummy", regions["norte"], False)
    client.force_login(editor_of("norte", "coordinacion"))
    for url in urls:
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)], url
        assert "«Complemento de prueba» no está activo en tu región" in response.content.decode()
    assert client.post(urls[2], {"titulo": "Cambiada"}).status_code == 403
    ficha.refresh_from_db()
    assert ficha.titulo == "Ficha del norte"

    client.force_login(editor_of("centro", "coordinacion"))
    assert all(client.get(url).status_code == 200 for url in urls[:2])


def test_a_region_scoped_listing_without_export_columns_lists(db):
    """A plugin's viewset may leave ``list_display`` and ``list_export`` to Wagtail."""
    from cms.viewsets import RegionScopedSnippetViewSet

    class SinExportacion(RegionScopedSnippetViewSet):
        model = Ficha
        list_display = ["titulo", "region"]

    class SinColumnas(RegionScopedSnippetViewSet):
        model = Ficha

    assert SinExportacion().relaciones == ("region",)
    assert SinColumnas().relaciones == ()


def test_every_plugin_names_itself_in_strings_makemessages_extracts():
    """Plugins are declared in Python with ``gettext_lazy``: the name and description shown
    in *Configuración › Complementos* reach the translation catalogues."""
    from django.utils.functional import Promise

    for _config, plugin in installed_plugins():
        assert isinstance(plugin.name, Promise), plugin.label
        assert isinstance(plugin.description, Promise), plugin.label
