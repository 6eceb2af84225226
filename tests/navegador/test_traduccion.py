"""Translation as the demo users do it: Norte's coordination asks for an English version of a
news item, Norte's translator translates it in wagtail-localize's editor and submits it, the
coordination approves it (seeing the language check in the approval modal) and it is
published; the English page speaks English (chrome and dates), the language switcher lists
only the languages the page has, and /en/ of a page without translation is a Spanish 404 that
points to the Spanish page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SLUG = "cinco-pasos-para-pedir-informacion"
SIN_TRADUCIR = "/en/convocatorias/participacion-ciudadana-transparencia-proactiva/"
TITULO_EN = "Five steps to request public information"
ENTRADA_EN = "How to ask any public body for information, step by step."


def idiomas(page):
    """The names in the page's language switcher (empty when it has none)."""
    return [t.strip() for t in page.locator("nav.idiomas li").all_text_contents()]


def abrir_menu(page):
    """On a narrow header the switcher lives in the site's menu (a <details>): open it."""
    menu = page.locator("header details.menu")
    if menu.count() and not menu.evaluate("d => d.open"):
        menu.locator("summary").click()


def traducir_segmento(editor, original, traduccion):
    """In wagtail-localize's editor: open the segment whose source text is `original`, type
    the translation and save it."""
    # The segment's own item: its source text is a direct paragraph of it.
    segmento = editor.locator(f'xpath=//li[p[normalize-space()="{original}"]]')
    expect(segmento).to_have_count(1)
    segmento.get_by_role("button", name=re.compile(r"^(Traducir|Translate)$")).click()
    segmento.locator("textarea").fill(traduccion)
    segmento.get_by_role("button", name=re.compile(r"^(Guardar|Save)$")).click()
    expect(segmento.locator("textarea")).to_have_count(0)
    expect(segmento).to_contain_text(traduccion)


def test_traductor_traduce_la_coordinacion_aprueba_y_la_pagina_habla_ingles(
    servidor, contexto, iniciar_sesion, captura
):
    noticia_id = servidor.page_id("norte", f"noticias/{SLUG}/")
    titulo_es = servidor.value("SELECT title FROM wagtailcore_page WHERE id = %s", (noticia_id,))
    entrada_es = servidor.value(
        "SELECT entrada FROM cms_noticia WHERE page_ptr_id = %s", (noticia_id,)
    )
    publico = contexto().new_page()

    # Before: the Spanish page offers no other language, and /en/ answers a Spanish 404.
    publico.goto(servidor.url("norte", f"/noticias/{SLUG}/"))
    expect(publico.locator("html")).to_have_attribute("lang", re.compile(r"^es"))
    assert idiomas(publico) == []
    expect(publico.locator("body")).not_to_contain_text("has not been translated")

    # The coordination publishes the region's English home (a draft since bootstrap) from
    # the translation editor, then asks for the news item in English.
    coordinacion = iniciar_sesion(contexto().new_page(), "norte", "norte.coordinacion")
    inicio_en_id = servidor.value(
        "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE p.translation_key = (SELECT translation_key FROM wagtailcore_page WHERE id = %s) "
        "AND l.language_code = 'en'",
        (servidor.page_id("norte"),),
    )
    coordinacion.goto(servidor.url("norte", f"/admin/pages/{inicio_en_id}/edit/"))
    expect(
        coordinacion.get_by_role("button", name=re.compile(r"Publicar en English"))
    ).to_be_visible()
    captura(coordinacion, "editor-inicio-en")
    coordinacion.get_by_role("button", name=re.compile(r"Publicar en English")).click()
    expect(coordinacion.locator(".messages")).not_to_have_count(0)

    coordinacion.goto(servidor.url("norte", f"/admin/localize/submit/page/{noticia_id}/"))
    formulario = coordinacion.locator("main form[method=POST]")
    expect(formulario).to_contain_text("Idiomas")
    expect(formulario).not_to_contain_text("Regiones")
    formulario.get_by_label("English").check()
    formulario.locator("button[type=submit], input[type=submit]").first.click()
    expect(coordinacion).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(coordinacion.locator(".messages")).not_to_contain_text("permiso")
    traduccion_id = int(re.search(r"/admin/pages/(\d+)/edit/$", coordinacion.url).group(1))
    assert traduccion_id != noticia_id
    assert not servidor.value("SELECT live FROM wagtailcore_page WHERE id = %s", (traduccion_id,))

    # The translator opens the draft in wagtail-localize's editor, translates and submits.
    traductor = iniciar_sesion(contexto().new_page(), "norte", "norte.traduccion")
    traductor.goto(servidor.url("norte", f"/admin/pages/{traduccion_id}/edit/"))
    editor = traductor.locator(".js-translation-editor")
    expect(editor).to_be_attached()
    expect(editor).to_contain_text("Traducción de Español (México) a English")
    expect(editor).not_to_contain_text(" to English translation")
    traducir_segmento(traductor, titulo_es, TITULO_EN)
    traducir_segmento(traductor, entrada_es, ENTRADA_EN)
    captura(traductor, "editor-traduccion")
    traductor.get_by_role("button", name="Enviar a moderación").click()
    expect(traductor.locator(".messages")).to_contain_text("moderación")
    estado = servidor.value(
        "SELECT status FROM wagtailcore_workflowstate WHERE base_content_type_id IS NOT NULL "
        "AND object_id = %s ORDER BY id DESC",
        (str(traduccion_id),),
    )
    assert estado == "in_progress"

    # The coordination finds it waiting, approves with a comment in Wagtail's modal (the
    # language check is there) and the translation is published.
    coordinacion.goto(servidor.url("norte", "/admin/"))
    pendientes = coordinacion.locator("#awaiting-review-content")
    expect(pendientes).to_contain_text(TITULO_EN)
    fila = pendientes.get_by_role("row").filter(has_text=TITULO_EN)
    fila.get_by_role("button", name="Acciones").click()
    fila.get_by_role("button", name="Aprobar con comentario").click()
    modal = coordinacion.locator(".modal-dialog")
    expect(modal.locator("[data-lenguaje-aprobacion]")).to_be_visible()
    expect(modal.locator("[data-lenguaje-total]")).to_have_text(re.compile(r"^\d+$"))
    captura(coordinacion, "modal-aprobar")
    modal.locator("textarea[name=comment]").fill("Gracias: publicada en inglés.")
    modal.locator("form button[type=submit]").click()
    expect(coordinacion.locator(".messages")).to_contain_text(re.compile(r"aprob|public", re.I))
    assert servidor.value("SELECT live FROM wagtailcore_page WHERE id = %s", (traduccion_id,))

    # The public English page: English chrome and dates, a switcher with its two languages.
    publico.goto(servidor.url("norte", f"/noticias/{SLUG}/"))
    assert sorted(idiomas(publico)) == ["English", "Español (México)"]
    abrir_menu(publico)
    publico.locator("nav.idiomas").get_by_role("link", name="English").click()
    expect(publico).to_have_url(re.compile(rf"/en/noticias/{SLUG}/$"))
    expect(publico.locator("html")).to_have_attribute("lang", "en")
    expect(publico.get_by_role("heading", level=1)).to_have_text(TITULO_EN)
    expect(publico.locator("main")).to_contain_text(ENTRADA_EN)
    cuerpo = publico.locator("body")
    expect(cuerpo).to_contain_text("Skip to content")
    expect(cuerpo).to_contain_text("Search the whole network")
    expect(publico.locator("section.compartir h2")).to_have_text("Share")
    for texto in (
        "Saltar al contenido",
        "Buscar en toda la red",
        "Comparte",
        "Enlace para copiar",
        "Menú",
        "La red en las regiones",
    ):
        expect(cuerpo).not_to_contain_text(texto)
    fecha = publico.locator("main time").first
    expect(fecha).to_have_text(
        re.compile(r"^(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}$")
    )
    expect(cuerpo).not_to_contain_text(re.compile(r"\d de [A-Za-z]+ de \d{4}"))
    assert sorted(idiomas(publico)) == ["English", "Español (México)"]
    captura(publico, "pagina-en-ingles")

    # A page without an English version: /en/… is a Spanish 404 pointing to the Spanish page.
    respuesta = publico.goto(servidor.url("norte", SIN_TRADUCIR))
    assert respuesta.status == 404
    expect(publico.locator("html")).to_have_attribute("lang", re.compile(r"^es"))
    expect(cuerpo).not_to_contain_text("Page not found")
    volver = publico.locator(f'a[href="{SIN_TRADUCIR.removeprefix("/en")}"]')
    expect(volver).to_have_count(1)
    captura(publico, "sin-traduccion-404")
    volver.click()
    expect(publico.get_by_role("heading", level=1)).to_contain_text("Convocatoria")
    assert idiomas(publico) == []
