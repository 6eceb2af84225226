"""Region truth for translations: a translated page belongs to the region of its site, in
search (documents, facets, filters) and wherever the region of a page is asked; a page in
a language its site does not offer is not public."""

import pytest

from regiones.models import Region
from search import indexer
from search.pages import PageDocument
from tests.cms import fabricas
from tests.cms.test_traducciones import traducir
from tests.conftest import HOSTS


@pytest.fixture
def publicar(django_capture_on_commit_callbacks):
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def noticia(regions, publicar):
    indice = regions["norte"].site.root_page.get_children().get(slug="noticias").specific
    page = fabricas.noticia(slug="cooperativa-lenguas", title="Cooperativa de lenguas")

    def publish():
        indice.add_child(instance=page)
        page.save_revision().publish()

    publicar(publish)
    page.refresh_from_db()
    return page


def test_a_translated_page_has_its_sites_region(noticia, publicar, regions):
    traducida = publicar(traducir, noticia, "en", prefijo="Translated")
    assert traducida.locale.language_code == "en"
    assert Region.for_page(traducida) == regions["norte"]
    doc = PageDocument().build(traducida)
    assert doc["region"] == "norte" and doc["site"] == HOSTS["norte"]
    rutas = Region.rutas_de_inicio()
    assert Region.region_de_ruta(traducida.path, rutas) == regions["norte"]


def test_translations_are_found_by_region_facet_and_filter(engine, noticia, publicar, client):
    indexer.ensure_index(engine)
    publicar(traducir, noticia, "en", prefijo="Translated")
    params = {"q": "Translated Cooperativa", "idioma": "en"}
    data = client.get("/api/v1/buscar", params).json()
    assert [r["region"] for r in data["resultados"]] == ["norte"]
    filtered = client.get("/api/v1/buscar", {**params, "region": "norte"}).json()
    assert filtered["total"] == 1


def test_a_language_switched_off_for_the_site_is_not_public(
    engine, noticia, publicar, client, regions
):
    """Norte stops offering English: its English pages are not served, so they leave search
    and the sitemap (the switch reindexes them); offered again, they come back."""
    from regiones.models import IdiomaRegion

    indexer.ensure_index(engine)
    publicar(traducir, noticia, "en", prefijo="Lenguatest")
    params = {"q": "Lenguatest", "idioma": "en"}

    def found():
        return client.get("/api/v1/buscar", params).json()["total"]

    def sitemap():
        return client.get("/sitemap.xml", HTTP_HOST=HOSTS["norte"]).content.decode()

    assert found() == 1 and "/en/noticias/cooperativa-lenguas/" in sitemap()
    ingles = IdiomaRegion.objects.get(region=regions["norte"], locale__language_code="en")
    ingles.activo = False
    publicar(ingles.save)
    assert found() == 0 and "/en/" not in sitemap()
    ingles.activo = True
    publicar(ingles.save)
    assert found() == 1


def test_the_network_content_report_filters_translations_by_their_region(
    noticia, publicar, client, editor_of, regions
):
    from django.urls import reverse

    traducida = publicar(traducir, noticia, "en", prefijo="Reportetest")
    assert set(regions["norte"].paginas().values_list("pk", flat=True)) >= {
        noticia.pk,
        traducida.pk,
    }
    assert not regions["sureste"].paginas().filter(pk=traducida.pk).exists()
    client.force_login(editor_of("nacional", "coordinacion"))
    url = reverse("regiones_contenido_red")
    norte = client.get(url, {"region": regions["norte"].pk}).content.decode()
    sureste = client.get(url, {"region": regions["sureste"].pk}).content.decode()
    assert "Reportetest" in norte and "Reportetest" not in sureste
