"""axe-core audit of the public templates, on a phone and on a desktop screen, for a regional
site and the national one: no serious or critical violation is allowed."""

import pytest
from playwright.sync_api import expect

from .accesibilidad import describe, run_axe, severe
from .conftest import MOBILE

pytestmark = pytest.mark.browser

PAGINAS = {
    "inicio": "/",
    "listado": "/noticias/",
    "detalle": "/noticias/cinco-pasos-para-pedir-informacion/",
    # With a filter the facets are open, so they are audited too.
    "busqueda": "/buscar/?q=transparencia&region=norte",
    "directorio": "/directorio/",
}
ESCRITORIO = {"width": 1280, "height": 900}


@pytest.mark.parametrize("region", ["centro", "nacional"])
@pytest.mark.parametrize("nombre", list(PAGINAS))
def test_sin_problemas_graves_de_accesibilidad(servidor, contexto, axe_js, captura, region, nombre):
    # bypass_csp: axe is injected as an inline script; the audit is about the templates.
    page = contexto(**MOBILE, bypass_csp=True).new_page()
    url = servidor.url(region, PAGINAS[nombre])
    response = page.goto(url)
    assert response.status == 200, f"{url} respondió {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", "es-MX")
    expect(page.locator("main h1")).to_have_count(1)

    encontrados = []
    for pantalla, viewport in (("telefono", MOBILE["viewport"]), ("escritorio", ESCRITORIO)):
        page.set_viewport_size(viewport)
        graves = severe(run_axe(page, axe_js))
        if graves:
            encontrados.append(f"[{pantalla}] " + describe(url, graves))
    captura(page, f"{region}-{nombre}")
    assert not encontrados, "\n\n".join(encontrados)
