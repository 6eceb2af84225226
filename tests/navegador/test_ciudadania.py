"""A citizen on a phone: open calls on a regional site, a search typed without accents,
narrowed by region, that leads to another region's site."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .conftest import MOBILE
from .preparar import CONVOCATORIA_NORTE, NOTICIA_CENTRO

pytestmark = pytest.mark.browser


def sin_desbordamiento_horizontal(page):
    ancho = page.evaluate("document.documentElement.scrollWidth")
    assert ancho <= MOBILE["viewport"]["width"], (
        f"{page.url} desborda la pantalla del teléfono: {ancho}px de ancho"
    )


def test_convocatoria_abierta_y_busqueda_sin_acentos_hacia_otra_region(servidor, contexto, captura):
    page = contexto(**MOBILE).new_page()
    page.goto(servidor.url("centro"))
    expect(page).to_have_title(re.compile("Región Centro"))
    sin_desbordamiento_horizontal(page)
    captura(page, "inicio-centro")

    # The open calls, from the site's own menu (a disclosure button on a phone).
    page.get_by_role("banner").get_by_text("Menú").tap()
    secciones = page.get_by_role("navigation", name="Secciones del sitio")
    secciones.get_by_role("link", name="Convocatorias", exact=True).tap()
    expect(page).to_have_url(servidor.url("centro", "/convocatorias/"))
    abiertas = page.locator("h2:text-is('Convocatorias abiertas') + ul.tarjetas > li")
    cartel = abiertas.filter(has_text="Concurso de cartel: la transparencia en tu comunidad")
    expect(cartel).to_have_count(1)
    expect(cartel.locator(".estado")).to_have_text("Abierta")
    # A call that opens in two weeks is announced, not listed as open.
    expect(abiertas.filter(has_text="Premio a la innovación en transparencia")).to_have_count(0)
    proximas = page.locator("h2:text-is('Próximamente') + ul.tarjetas > li")
    expect(proximas.filter(has_text="Premio a la innovación en transparencia")).to_have_count(1)
    sin_desbordamiento_horizontal(page)
    captura(page, "convocatorias-centro")
    cartel.get_by_role("link").tap()
    expect(page).to_have_url(
        servidor.url("centro", "/convocatorias/concurso-de-cartel-transparencia/")
    )
    expect(page.locator("main .estado")).to_have_text("Abierta")

    # The whole network from the header's search box, typed without accents.
    buscador = page.get_by_role("search", name="Buscador de la red")
    buscador.get_by_label("Buscar en toda la red").fill("participacion transparencia proactiva")
    buscador.get_by_role("button", name="Buscar").tap()
    expect(page).to_have_url(re.compile(r"/buscar/\?"))
    assert urlparse(page.url).hostname == "centro.localhost"
    resultados = page.locator("ol.resultados > li")
    titulo_norte = resultados.get_by_role("link", name=CONVOCATORIA_NORTE["title"])
    titulo_centro = resultados.get_by_role("link", name=NOTICIA_CENTRO["title"])
    expect(titulo_norte).to_have_count(1)  # «participación» matched «participacion»
    expect(titulo_centro).to_have_count(1)
    sin_desbordamiento_horizontal(page)
    captura(page, "busqueda-sin-acentos")

    # Narrowed to the Norte region with the facet.
    page.get_by_text("Filtrar resultados").tap()
    region = page.get_by_role("group", name="Región")
    region.get_by_role("checkbox", name=re.compile(r"^Norte\b")).check()
    page.get_by_role("button", name="Aplicar filtros").tap()
    expect(page).to_have_url(re.compile(r"region=norte"))
    assert parse_qs(urlparse(page.url).query)["region"] == ["norte"]
    expect(titulo_centro).to_have_count(0)
    expect(titulo_norte).to_have_count(1)
    # Each result's own line names Norte; a copy shared by several regions adds «También en»,
    # which lists the other regions, never the one shown.
    expect(resultados.locator(".meta:not(.tambien-en)")).not_to_have_count(0)
    for meta in resultados.locator(".meta:not(.tambien-en)").all_inner_texts():
        assert "Norte" in meta, f"resultado de otra región tras filtrar por Norte: {meta}"
    for otras in resultados.locator(".meta.tambien-en").all_inner_texts():
        assert "Norte" not in otras, f"la copia mostrada se repite en «También en»: {otras}"
    captura(page, "busqueda-region-norte")

    # The result lives on the Norte site: the host changes.
    titulo_norte.tap()
    expect(page).to_have_url(servidor.url("norte", f"/convocatorias/{CONVOCATORIA_NORTE['slug']}/"))
    assert urlparse(page.url).hostname == "norte.localhost"
    expect(page.get_by_role("heading", level=1)).to_have_text(CONVOCATORIA_NORTE["title"])
    expect(page.locator("main .estado")).to_have_text("Abierta")
    expect(page).to_have_title(re.compile("Región Norte"))
    sin_desbordamiento_horizontal(page)
    captura(page, "convocatoria-norte")
