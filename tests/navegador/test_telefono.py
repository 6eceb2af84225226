"""The citizen's phone (issue 19): the header leaves the page's heading in sight on 390×844,
the menu (a <details> that works without JavaScript) reaches sections, registries and regions,
the search and directory filters work with a thumb, and axe stays clean with the panels open.

Every page is saved as a screenshot on a phone and on a desktop for a regional site and the
national one: test-results/navegador/telefono-<site>-<page>-<screen>.png."""

import re

import pytest
from playwright.sync_api import expect

from .accesibilidad import describe, run_axe, severe
from .conftest import MOBILE

pytestmark = pytest.mark.browser

PAGINAS = {
    "inicio": "/",
    "listado": "/noticias/",
    "detalle": "/noticias/cinco-pasos-para-pedir-informacion/",
    "busqueda": "/buscar/?q=transparencia",
    "directorio": "/directorio/",
    "convenios": "/convenios/",
    "medios": "/medios/",
}
ESCRITORIO = {"width": 1280, "height": 900}
ALTURA_MAXIMA_CABECERA = 120


def _sin_desbordamiento(page):
    ancho = page.evaluate("document.documentElement.scrollWidth")
    assert ancho <= page.viewport_size["width"], f"{page.url} desborda: {ancho}px"


@pytest.mark.parametrize("region", ["centro", "nacional"])
@pytest.mark.parametrize("nombre", list(PAGINAS))
def test_la_cabecera_deja_ver_el_titulo_en_el_telefono(servidor, contexto, captura, region, nombre):
    page = contexto(**MOBILE).new_page()
    url = servidor.url(region, PAGINAS[nombre])
    response = page.goto(url)
    assert response.status == 200, f"{url} respondió {response.status}"

    cabecera = page.locator("header.cabecera").bounding_box()
    assert cabecera["height"] <= ALTURA_MAXIMA_CABECERA, (
        f"{url}: la cabecera mide {cabecera['height']:.0f}px en 390×844"
    )
    titulo = page.locator("main h1")
    expect(titulo).to_have_count(1)
    caja = titulo.bounding_box()
    alto = MOBILE["viewport"]["height"]
    assert 0 <= caja["y"] and caja["y"] + min(caja["height"], 40) <= alto, (
        f"{url}: el primer encabezado empieza en {caja['y']:.0f}px, fuera de la pantalla"
    )
    # The search box is on screen without opening anything: one tap away.
    expect(
        page.get_by_role("search", name="Buscador de la red").get_by_role("searchbox")
    ).to_be_visible()
    # The menu is closed until asked for.
    expect(page.get_by_role("navigation", name="Secciones del sitio")).to_be_hidden()
    _sin_desbordamiento(page)
    captura(page, f"{region}-{nombre}-telefono")

    page.set_viewport_size(ESCRITORIO)
    _sin_desbordamiento(page)
    captura(page, f"{region}-{nombre}-escritorio")


def test_el_menu_lleva_a_secciones_registros_y_regiones(servidor, contexto, captura, axe_js):
    page = contexto(**MOBILE, bypass_csp=True).new_page()
    page.goto(servidor.url("norte"))
    menu = page.locator("details.menu")
    menu.locator("summary").tap()
    expect(menu).to_have_attribute("open", "")
    secciones = page.get_by_role("navigation", name="Secciones del sitio")
    expect(secciones.get_by_role("link", name="Eventos", exact=True)).to_be_visible()
    registros = page.get_by_role("navigation", name="Registros públicos")
    for nombre in ("Directorio", "Convenios", "Medios oficiales"):
        expect(registros.get_by_role("link", name=nombre, exact=True)).to_be_visible()
    regiones = page.get_by_role("navigation", name="Sitios de la red")
    expect(regiones.locator("a[aria-current='page']")).to_have_text("Norte")
    graves = severe(run_axe(page, axe_js))
    assert not graves, describe(page.url, graves)
    captura(page, "norte-menu-abierto")

    registros.get_by_role("link", name="Directorio", exact=True).tap()
    expect(page).to_have_url(servidor.url("norte", "/directorio/"))
    expect(page.locator("main h1")).to_have_text("Directorio")
    migas = page.get_by_role("navigation", name="Ruta de navegación")
    expect(migas.get_by_role("link", name="Inicio")).to_have_attribute("href", "/")

    # Another region from the same menu.
    page.locator("details.menu summary").tap()
    page.get_by_role("navigation", name="Sitios de la red").get_by_role(
        "link", name="Sureste"
    ).tap()
    expect(page).to_have_url(servidor.url("sureste"))


def test_los_filtros_de_busqueda_en_el_telefono(servidor, contexto, captura, axe_js):
    page = contexto(**MOBILE, bypass_csp=True).new_page()
    page.goto(servidor.url("centro", "/buscar/?q=transparencia"))
    resultados = page.locator("ol.resultados > li")
    expect(resultados.first).to_be_visible()
    # Results come first: the closed panel is one line above them.
    assert resultados.first.bounding_box()["y"] < MOBILE["viewport"]["height"]
    for meta in resultados.locator(".meta").all_inner_texts()[:5]:
        assert not re.search(r"\d{4}-\d{2}-\d{2}", meta), f"fecha ISO en un resultado: {meta}"

    panel = page.locator("details.panel-filtros")
    panel.locator(":scope > summary").tap()
    expect(panel).to_have_attribute("open", "")
    region = page.get_by_role("group", name="Región")
    expect(region.locator(".cuenta").first).to_have_text(re.compile(r"^\(\d+\)$"))
    graves = severe(run_axe(page, axe_js))
    assert not graves, describe(page.url, graves)
    captura(page, "centro-busqueda-filtros")

    region.get_by_role("checkbox", name=re.compile(r"^Norte\b")).check()
    page.get_by_role("button", name="Aplicar filtros").tap()
    expect(page).to_have_url(re.compile(r"region=norte"))
    expect(page.locator("details.panel-filtros .contador")).to_contain_text("1")
    for meta in resultados.locator(".meta:not(.tambien-en)").all_inner_texts():
        assert "Norte" in meta, meta
    captura(page, "centro-busqueda-norte")


def test_los_filtros_del_directorio_en_el_telefono(servidor, contexto, captura, axe_js):
    page = contexto(**MOBILE, bypass_csp=True).new_page()
    page.goto(servidor.url("norte", "/directorio/"))
    panel = page.locator("details.panel-filtros")
    panel.locator(":scope > summary").tap()
    entidad = page.get_by_label("Entidad federativa")
    expect(entidad).to_be_visible()
    tamano = entidad.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert tamano >= 16, f"el selector de entidad usa letra de {tamano}px"
    assert entidad.bounding_box()["height"] >= 44
    entidad.select_option(label="Chihuahua")
    page.get_by_label("Estado de la institución").select_option(label="Vigente")
    graves = severe(run_axe(page, axe_js))
    assert not graves, describe(page.url, graves)
    page.get_by_role("button", name="Aplicar filtros").tap()
    expect(page).to_have_url(re.compile(r"entidad=chihuahua"))
    tarjetas = page.locator("article.tarjeta-organismo")
    expect(tarjetas.first).to_be_visible()
    for texto in tarjetas.all_inner_texts():
        assert "Chihuahua" in texto and "Vigente" in texto, texto
    expect(page.get_by_role("status")).to_contain_text("coincid")
    captura(page, "norte-directorio-chihuahua")

    # Words typed without accents, on the whole directory.
    page.goto(servidor.url("norte", "/directorio/"))
    page.get_by_label("Buscar en el directorio").fill("leon")
    page.get_by_role("button", name="Buscar", exact=True).last.tap()
    expect(tarjetas.first).to_contain_text("Nuevo León")
