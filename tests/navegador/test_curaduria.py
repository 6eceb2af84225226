"""A region proposes a live page to the network; the national coordination finds it on its
dashboard, accepts it from the decision screen (page, region, reason), the region gets the
e-mail, and the page appears on the national home, linking to the region's site."""

import re

import pytest
from playwright.sync_api import expect

from .preparar import HISTORIA_SURESTE

pytestmark = pytest.mark.browser

MOTIVO = "Muestra cómo una comunidad usó su derecho a saber."


def test_coordinacion_nacional_acepta_una_propuesta_y_la_ve_en_el_inicio(
    servidor, correo, contexto, iniciar_sesion, captura
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

    # The national coordination sees it waiting on its dashboard and decides with context.
    nacional = iniciar_sesion(contexto().new_page(), "nacional", "nacional.coordinacion")
    pendientes = nacional.locator("#propuestas-pendientes-content")
    expect(pendientes).to_contain_text(titulo)
    expect(pendientes).to_contain_text("Sureste")
    captura(nacional, "propuestas-pendientes")
    pendientes.get_by_role("link", name=titulo).click()
    expect(nacional.locator("[data-tarjeta-propuesta]")).to_contain_text(titulo)
    expect(nacional.locator("[data-region]")).to_have_text("Sureste")
    expect(nacional.locator("[data-motivo]")).to_contain_text(MOTIVO)
    expect(nacional.locator("#id_estado")).to_have_count(0)
    nacional.locator("#id_comentario").fill("Gracias: la compartimos con toda la red.")
    captura(nacional, "decision-de-curaduria")
    nacional.get_by_role("button", name="Aceptar", exact=True).click()
    expect(nacional).to_have_url(re.compile(r"/admin/curaduria/$"))
    expect(nacional.locator(".messages")).to_contain_text("Se avisó a la región")
    expect(nacional.get_by_role("row").filter(has_text=titulo)).to_contain_text("Aceptada")
    aceptada = servidor.value(
        "SELECT estado FROM cms_propuestared r JOIN wagtailcore_page p ON p.id = r.pagina_id "
        "WHERE p.title = %s",
        (titulo,),
    )
    assert aceptada == "aceptada"
    # The region hears it by e-mail, with the comment.
    avisos = correo.handler.para("sureste.coordinacion@demo.invalid")
    # (a long encoded subject is folded; the parsed header may start with the fold's space)
    assert [m["Subject"].strip() for m in avisos] == [f"Propuesta aceptada: «{titulo}»"]
    assert "Gracias: la compartimos con toda la red." in correo.handler.texto(avisos[0])

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
