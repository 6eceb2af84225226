"""A region proposes a live page to the network; the national coordination accepts it in the
curation queue and it appears on the national home, linking to the region's site."""

import re

import pytest
from playwright.sync_api import expect

from .preparar import HISTORIA_SURESTE

pytestmark = pytest.mark.browser

MOTIVO = "Muestra cómo una comunidad usó su derecho a saber."


def test_coordinacion_nacional_acepta_una_propuesta_y_la_ve_en_el_inicio(
    servidor, contexto, iniciar_sesion, captura
):
    titulo = HISTORIA_SURESTE["title"]
    publico = contexto().new_page()
    publico.goto(servidor.url("nacional"))
    expect(publico.get_by_role("link", name=titulo)).to_have_count(0)

    # The Sureste coordination proposes its story from the page explorer.
    sureste = iniciar_sesion(contexto().new_page(), "sureste", "sureste.coordinacion")
    historias_id = servidor.page_id("sureste", "historias/")
    sureste.goto(servidor.url("sureste", f"/admin/pages/{historias_id}/"))
    fila = sureste.get_by_role("row").filter(has_text=titulo)
    fila.get_by_role("button", name=re.compile(r"More options|Más opciones")).click()
    fila.get_by_role("link", name="Proponer a la red").click()
    expect(sureste.locator("h1")).to_contain_text(titulo)
    sureste.locator("textarea[name=motivo]").fill(MOTIVO)
    sureste.get_by_role("button", name="Proponer a la red").click()
    expect(sureste.locator(".messages")).to_contain_text("Propusiste la página")

    # Pending: still not on the national home.
    publico.reload()
    expect(publico.get_by_role("link", name=titulo)).to_have_count(0)

    # The national coordination accepts it in the curation queue.
    nacional = iniciar_sesion(contexto().new_page(), "nacional", "nacional.coordinacion")
    nacional.get_by_role("link", name="Curaduría de la red").click()
    fila = nacional.get_by_role("row").filter(has_text=titulo)
    expect(fila).to_contain_text("Sureste")
    expect(fila).to_contain_text("Pendiente")
    captura(nacional, "cola-de-curaduria")
    fila.get_by_role("link", name=re.compile(re.escape(titulo))).first.click()
    expect(nacional.locator("#id_estado")).to_have_value("pendiente")
    nacional.locator("#id_estado").select_option("aceptada")
    nacional.locator("#id_comentario").fill("Gracias: la compartimos con toda la red.")
    nacional.get_by_role("button", name="Guardar").click()
    expect(nacional).to_have_url(re.compile(r"/admin/curaduria/$"))
    expect(nacional.get_by_role("row").filter(has_text=titulo)).to_contain_text("Aceptada")
    aceptada = servidor.value(
        "SELECT estado FROM cms_propuestared r JOIN wagtailcore_page p ON p.id = r.pagina_id "
        "WHERE p.title = %s",
        (titulo,),
    )
    assert aceptada == "aceptada"

    # On the national home, under «Desde las regiones», linking to the Sureste site.
    publico.reload()
    seccion = publico.locator("section[aria-labelledby=desde-regiones]")
    enlace = seccion.get_by_role("link", name=titulo)
    expect(enlace).to_have_attribute(
        "href", servidor.url("sureste", f"/historias/{HISTORIA_SURESTE['slug']}/")
    )
    expect(seccion).to_contain_text("Sureste")
    captura(publico, "inicio-nacional-desde-las-regiones")
    enlace.click()
    expect(publico).to_have_url(servidor.url("sureste", f"/historias/{HISTORIA_SURESTE['slug']}/"))
    expect(publico.get_by_role("heading", level=1)).to_have_text(titulo)
