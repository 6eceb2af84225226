"""What a page tells search engines, link previews and feed readers, read from the HTML as
they read it (lxml), on every kind of public page of every site."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from lxml import html

from regiones.models import OrganismoGarante
from tests.conftest import REGION_SLUGS

from . import fabricas
from .conftest import HOSTS, momento

pytestmark = pytest.mark.django_db

MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def cabeza(client, url, host):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (url, response.status_code)
    return html.fromstring(response.content).find("head"), response


def meta(head, **atributo):
    [(nombre, valor)] = atributo.items()
    nombre = nombre.replace("_", ":") if nombre == "property" else nombre
    encontrados = [
        e.get("content")
        for e in head.iter("meta")
        if e.get("property" if nombre == "property" else "name") == valor
    ]
    assert len(encontrados) <= 1, f"{valor} repeated"
    return encontrados[0] if encontrados else None


def json_ld(head):
    grafo = []
    for script in head.xpath('//script[@type="application/ld+json"]'):
        grafo += json.loads(script.text)["@graph"]
    return grafo


def enlaces(head, tipo):
    return [e.get("href") for e in head.iter("link") if e.get("type") == tipo]


def paginas_de_sitio(slug, regions):
    """Home, every listing and registry and the newest page under each listing."""
    home = regions[slug].site.root_page
    urls = ["/"]
    for indice in home.get_children().live().public():
        urls.append("/" + indice.url_path.removeprefix(home.url_path))
        hijo = indice.get_children().live().public().order_by("-pk").first()
        if hijo is not None:
            urls.append("/" + hijo.url_path.removeprefix(home.url_path))
    return urls


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_every_page_of_a_site_describes_itself_and_offers_its_feeds(client, regions, slug):
    host = HOSTS[slug]
    urls = paginas_de_sitio(slug, regions)
    assert len(urls) > 5
    for url in urls:
        head, _ = cabeza(client, url, host)
        descripcion = meta(head, name="description")
        assert descripcion and len(descripcion) > 20, url
        assert meta(head, property="og:title")
        assert meta(head, property="og:description") == descripcion
        assert meta(head, property="og:url") == f"http://{host}{url}"
        assert meta(head, property="og:locale") == "es_MX"
        imagen = meta(head, property="og:image")
        assert imagen.startswith(f"http://{host}/") and imagen.endswith(".png"), imagen
        assert meta(head, name="twitter:card") == "summary_large_image"
        rss = enlaces(head, "application/rss+xml")
        atom = enlaces(head, "application/atom+xml")
        ics = enlaces(head, "text/calendar")
        assert rss == ["/noticias/rss/", "/eventos/rss/", "/convocatorias/rss/"], url
        assert atom == ["/noticias/atom/", "/eventos/atom/", "/convocatorias/atom/"], url
        assert ics == ["/eventos/calendario.ics"], url
        iconos = [e.get("href") for e in head.iter("link") if e.get("rel") == "icon"]
        assert len(iconos) == 2


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_default_share_card_is_the_sites_own_and_is_served(client, slug):
    head, _ = cabeza(client, "/", HOSTS[slug])
    imagen = meta(head, property="og:image")
    assert imagen.endswith(f"/tarjetas/{slug}.png")
    assert finders.find(f"cms/tarjetas/{slug}.png")
    assert meta(head, property="og:image:width") == "1200"
    assert meta(head, property="og:image:height") == "630"


def test_search_description_wins_over_the_summary(client, crear):
    page = fabricas.noticia(slug="con-descripcion", entrada="Resumen de la noticia para leer.")
    page.search_description = "Lo que verán los buscadores sobre esta noticia."
    crear("norte", "noticias", page)
    head, _ = cabeza(client, "/noticias/con-descripcion/", HOSTS["norte"])
    assert meta(head, name="description") == page.search_description

    otra = crear("norte", "noticias", fabricas.noticia(slug="sin-descripcion"))
    head, _ = cabeza(client, "/noticias/sin-descripcion/", HOSTS["norte"])
    assert meta(head, name="description") == otra.entrada


def test_news_item_is_a_news_article_with_publisher(client, crear):
    page = crear("centro", "noticias", fabricas.noticia(slug="articulo", title="Datos abiertos"))
    head, _ = cabeza(client, "/noticias/articulo/", HOSTS["centro"])
    [articulo] = [n for n in json_ld(head) if n["@type"] == "NewsArticle"]
    assert articulo["headline"] == page.title
    assert articulo["url"] == "http://centro.localhost/noticias/articulo/"
    assert articulo["datePublished"].startswith(str(page.first_published_at.year))
    assert articulo["publisher"]["@type"] == "GovernmentOrganization"
    assert articulo["author"]["name"] == articulo["publisher"]["name"]
    assert articulo["image"][0].endswith("/tarjetas/centro.png")
    assert meta(head, property="og:type") == "article"


def test_event_is_an_event_with_place_and_mode(client, crear):
    inicio = momento(dias=4)
    page = crear(
        "sureste",
        "eventos",
        fabricas.evento(
            slug="estructurado", inicio=inicio, fin=inicio + timedelta(hours=2), sede="Mérida"
        ),
    )
    head, _ = cabeza(client, "/eventos/estructurado/", HOSTS["sureste"])
    [evento] = [n for n in json_ld(head) if n["@type"] == "Event"]
    assert evento["name"] == page.title
    assert evento["startDate"].startswith(inicio.astimezone().date().isoformat()[:4])
    assert evento["eventAttendanceMode"].startswith("https://schema.org/")
    assert evento["organizer"]["@type"] == "GovernmentOrganization"


def test_directory_institution_is_a_government_organization(client, regions):
    organismo = (
        OrganismoGarante.objects.de_region(regions["centro-occidente"]).exclude(clave="").first()
    )
    url = f"/directorio/{organismo.clave}/"
    head, _ = cabeza(client, url, HOSTS["centro-occidente"])
    [institucion] = [n for n in json_ld(head) if n["@type"] == "GovernmentOrganization"]
    assert institucion["name"] == organismo.nombre
    assert institucion["url"] == f"http://centro-occidente.localhost{url}"
    assert meta(head, property="og:title") == str(organismo)


def test_home_lists_every_published_csv_as_a_dataset(client):
    from cms.templatetags.metadatos_tags import conjuntos_csv

    archivos = conjuntos_csv()
    assert "directorio.csv" in archivos and len(archivos) >= 3
    head, _ = cabeza(client, "/", HOSTS["norte"])
    datasets = [n for n in json_ld(head) if n["@type"] == "Dataset"]
    urls = sorted(d["distribution"][0]["contentUrl"] for d in datasets)
    assert urls == [f"http://norte.localhost/datos/{a}" for a in archivos]
    try:
        paquete = "http://norte.localhost" + reverse("datos_paquete")
    except NoReverseMatch:
        paquete = None
    for dataset in datasets:
        assert dataset["name"] and len(dataset["description"]) >= 50
        if paquete:
            assert dataset["includedInDataCatalog"]["url"] == paquete
        respuesta = client.get(dataset["distribution"][0]["contentUrl"], HTTP_HOST=HOSTS["norte"])
        assert respuesta.status_code == 200


def test_search_results_are_not_indexed(client):
    head, response = cabeza(client, "/buscar/?q=transparencia", HOSTS["norte"])
    assert meta(head, name="robots") == "noindex, follow"
    [formulario] = html.fromstring(response.content).xpath('//form[@class="buscador"]')
    assert formulario.get("action") == "/buscar/"
    head, _ = cabeza(client, "/noticias/", HOSTS["norte"])
    assert meta(head, name="robots") is None


def test_favicon_is_served(client):
    response = client.get("/favicon.ico", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert finders.find("cms/favicon.ico") and finders.find("cms/favicon.svg")


def test_month_names_are_lower_case_everywhere():
    with translation.override("es-mx"):
        for numero, mes in enumerate(MESES, start=1):
            dia = date(2026, numero, 8)
            assert formats.date_format(dia, "j \\d\\e F") == f"8 de {mes}"
            assert formats.date_format(dia, "E") == mes
