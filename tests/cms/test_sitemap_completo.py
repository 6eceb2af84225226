"""Every site's sitemap: valid against the sitemaps.org schema (with xhtml:link for
hreflang), every URL in it answers, and every public detail page its plugins' listings
link to is in it, in every language the site publishes."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from cms.plugins import PluginPageMixin, installed_plugins
from cms.visibilidad import paginas_publicas
from tests.conftest import REGION_SLUGS

from . import test_traducciones as traducciones
from .conftest import HOSTS

pytestmark = pytest.mark.django_db

DATOS = Path(__file__).resolve().parent.parent / "data"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def esquema():
    return etree.XMLSchema(etree.parse(str(DATOS / "sitemap-hreflang.xsd")))


def sitemap(client, slug, esquema):
    response = client.get("/sitemap.xml", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    documento = etree.fromstring(response.content)
    assert esquema.validate(documento), esquema.error_log
    return documento


def ubicaciones(documento):
    return documento.xpath("//s:url/s:loc/text()", namespaces=NS)


def paginas_de_complementos(slug, regions):
    home = regions[slug].site.root_page
    return [
        p
        for p in paginas_publicas(home.get_children()).specific()
        if isinstance(p, PluginPageMixin)
    ]


def test_the_schema_rejects_what_crawlers_reject(esquema):
    """The shipped schema is not a rubber stamp."""
    valido = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>http://norte.localhost/</loc>'
        b'<lastmod>2026-12-02</lastmod><xhtml:link rel="alternate" hreflang="en" '
        b'href="http://norte.localhost/en/"/></url></urlset>'
    )
    assert esquema.validate(etree.fromstring(valido))
    for roto in (
        valido.replace(b"2026-12-02", b"2 de diciembre"),
        valido.replace(b'hreflang="en" ', b""),
        valido.replace(b"<loc>http://norte.localhost/</loc>", b""),
        valido.replace(b"xhtml:link", b"xhtml:enlace"),
    ):
        assert not esquema.validate(etree.fromstring(roto))


def test_every_plugin_page_with_detail_routes_declares_its_sitemap(regions):
    """A plugin whose page answers more than its listing says what is below it."""
    etiquetas = set()
    for slug in REGION_SLUGS:
        for pagina in paginas_de_complementos(slug, regions):
            if len(pagina.get_subpage_urls()) > 1:
                etiquetas.add(pagina.plugin_label)
    assert {"directorio", "alianzas", "medios"} <= etiquetas
    declarados = {p.label for _, p in installed_plugins() if p.sitemap}
    assert etiquetas <= declarados


@pytest.mark.parametrize("slug", ["nacional", "norte"])
def test_sitemap_is_valid_and_every_url_in_it_answers(client, regions, esquema, slug):
    documento = sitemap(client, slug, esquema)
    locs = ubicaciones(documento)
    assert len(locs) == len(set(locs)), "a URL listed twice"
    base = f"http://{HOSTS[slug]}/"
    for loc in locs:
        assert loc.startswith(base), loc
        partes = urlsplit(loc)
        response = client.get(partes.path, HTTP_HOST=HOSTS[slug])
        assert response.status_code == 200, (loc, response.status_code)


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_every_detail_page_the_listings_link_to_is_in_the_sitemap(client, regions, esquema, slug):
    locs = set(ubicaciones(sitemap(client, slug, esquema)))
    paginas = paginas_de_complementos(slug, regions)
    assert paginas, "the site has plugin pages"
    detalles = 0
    home = regions[slug].site.root_page
    for pagina in paginas:
        url = "/" + pagina.url_path.removeprefix(home.url_path)
        response = client.get(url, HTTP_HOST=HOSTS[slug])
        assert response.status_code == 200
        for href in html.fromstring(response.content).xpath("//main//a/@href"):
            partes = urlsplit(href)
            if partes.netloc or partes.query or not partes.path.startswith(url):
                continue
            if partes.path == url:
                continue
            detalles += 1
            assert f"http://{HOSTS[slug]}{partes.path}" in locs, partes.path
    assert detalles, "the listings link to detail pages"


@pytest.fixture
def en_ingles(regions, django_capture_on_commit_callbacks):
    """Translate a page of Norte's site into English and publish it (and Norte's home)."""
    traducciones.publicar(traducciones.inicio(regions, "norte", "en"))

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            traducida = traducciones.traducir(page, "en")
        traducida.refresh_from_db()
        return traducida

    return run


def test_plugin_detail_pages_are_listed_in_every_published_language(
    client, regions, esquema, en_ingles
):
    from regiones.models import IdiomaRegion

    IdiomaRegion.objects.filter(region=regions["norte"], locale__language_code="en").update(
        activo=True
    )
    directorio = next(
        p for p in paginas_de_complementos("norte", regions) if p.plugin_label == "directorio"
    )
    traducido = en_ingles(directorio)
    assert traducido.live
    documento = sitemap(client, "norte", esquema)
    clave = directorio.region().organismos.exclude(clave="").order_by("clave").first().clave
    espanol = f"http://norte.localhost/directorio/{clave}/"
    ingles = f"http://norte.localhost/en/directorio/{clave}/"
    locs = ubicaciones(documento)
    assert espanol in locs and ingles in locs
    [url] = documento.xpath(f'//s:url[s:loc="{espanol}"]', namespaces=NS)
    alternas = {
        link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=NS)
    }
    assert alternas == {"es-MX": espanol, "en": ingles}
    assert client.get(f"/en/directorio/{clave}/", HTTP_HOST=HOSTS["norte"]).status_code == 200


def test_a_region_lists_only_its_own_institutions(client, regions, esquema):
    locs = ubicaciones(sitemap(client, "norte", esquema))
    propias = set(regions["norte"].organismos.values_list("clave", flat=True))
    ajenas = set(regions["sureste"].organismos.values_list("clave", flat=True)) - propias
    rutas = {urlsplit(loc).path for loc in locs}
    assert any(f"/directorio/{c}/" in rutas for c in propias)
    assert not any(f"/directorio/{c}/" in rutas for c in ajenas)
