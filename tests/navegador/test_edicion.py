"""A regional editor writes a news item with an image and sends it to moderation; the
region's coordination approves it; it is published and found by search. The editor cannot
open another region's pages."""

import io
import re
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITULO = "Feria de datos abiertos en la plaza de Tlaxcala"
ENTRADA = "Puestos, juegos y pláticas para conocer y usar los datos abiertos de tu municipio."
ALT_IMAGEN = "Personas recorren los puestos de una feria en una plaza"
ALT_PAGINA = "Personas recorren los puestos de la feria de datos abiertos"
BUSQUEDA = "feria datos abiertos tlaxcala"


def imagen_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def resultados_de_busqueda(page, servidor, region, consulta):
    page.goto(servidor.url(region, f"/buscar/?q={quote_plus(consulta)}"))
    # The count of results (a notice about partial matches may stand beside it).
    expect(page.locator("main p[role=status]", has_text="para «")).to_be_visible()
    return page.locator("ol.resultados > li")


def test_noticia_con_imagen_pasa_por_moderacion_y_se_publica(
    servidor, contexto, iniciar_sesion, captura
):
    noticias_id = servidor.page_id("centro", "noticias/")
    publico = contexto().new_page()
    antes = resultados_de_busqueda(publico, servidor, "centro", BUSQUEDA)
    expect(antes.get_by_role("link", name=TITULO)).to_have_count(0)

    # The editor writes the news item and uploads its image (alt text required) from the
    # chooser.
    edicion = iniciar_sesion(contexto().new_page(), "centro", "centro.edicion")
    edicion.goto(servidor.url("centro", f"/admin/pages/{noticias_id}/add_subpage/"))
    expect(edicion).to_have_url(re.compile(rf"/admin/pages/add/cms/noticia/{noticias_id}/$"))
    edicion.locator("#id_title").fill(TITULO)
    edicion.locator("#id_entrada").fill(ENTRADA)
    edicion.get_by_role("button", name="Seleccionar una imagen").click()
    modal = edicion.locator(".modal-dialog")
    modal.get_by_role("tab", name="Subir").click()
    modal.locator("#id_image-chooser-upload-file").set_input_files(
        files=[{"name": "feria.png", "mimeType": "image/png", "buffer": imagen_png()}]
    )
    modal.locator("#id_image-chooser-upload-title").fill("Feria de datos abiertos")
    # Without alt text the upload does not go through and the chooser stays open.
    descripcion = modal.locator("#id_image-chooser-upload-description")
    modal.get_by_role("button", name="Subir").click()
    expect(modal).to_be_visible()
    assert descripcion.evaluate("el => el.validity.valueMissing")
    descripcion.fill(ALT_IMAGEN)
    modal.get_by_role("button", name="Subir").click()
    expect(modal).to_be_hidden()
    expect(edicion.locator("[data-chooser-title]").first).to_have_text("Feria de datos abiertos")
    edicion.locator("#id_texto_alternativo").fill(ALT_PAGINA)
    captura(edicion, "editor-noticia")
    # Submitted at once: Wagtail's autosave may have created the draft, or be creating it,
    # with the form still pointing at the creation address; the submit then saves that
    # same page (cms/creacion.py), never a second one and never a 500.
    edicion.get_by_role("button", name="Más acciones").click()
    edicion.locator("button[name=action-submit]").click()
    expect(edicion.locator(".messages")).to_contain_text("se envió a moderación")
    assert servidor.value("SELECT count(*) FROM wagtailcore_page WHERE title = %s", (TITULO,)) == 1
    pagina_id = servidor.value("SELECT id FROM wagtailcore_page WHERE title = %s", (TITULO,))

    # Still a draft: not on the site, not in search.
    publico.goto(servidor.url("centro", "/noticias/"))
    expect(publico.get_by_role("link", name=TITULO)).to_have_count(0)

    # The editor cannot reach another region's pages.
    norte_id = servidor.page_id("norte")
    norte_noticia_id = servidor.page_id("norte", "noticias/cinco-pasos-para-pedir-informacion/")
    # Refused with a page that says why, and names nothing of the other region.
    for url in (f"/admin/pages/{norte_id}/", f"/admin/pages/{norte_noticia_id}/edit/"):
        respuesta = edicion.goto(servidor.url("centro", url))
        assert respuesta.status == 403, url
        expect(edicion.locator("body")).to_contain_text("pertenece a otra región")
        expect(edicion.locator("body")).not_to_contain_text("Región Norte")
        expect(edicion.locator("body")).not_to_contain_text("Cinco pasos para pedir")
    captura(edicion, "editor-otra-region-rechazada")

    # The region's coordination approves it from its dashboard.
    coordinacion = iniciar_sesion(contexto().new_page(), "centro", "centro.coordinacion")
    pendientes = coordinacion.locator("#awaiting-review-content")
    expect(pendientes).to_contain_text(TITULO)
    pendientes.get_by_role("link", name=TITULO).first.click()
    expect(coordinacion).to_have_url(re.compile(rf"/admin/pages/{pagina_id}/edit/$"))
    coordinacion.get_by_role("button", name="Más acciones").click()
    coordinacion.get_by_role("button", name="Aprobar y Publicar").click()
    expect(coordinacion.locator(".messages")).not_to_have_count(0)
    captura(coordinacion, "coordinacion-aprobo")

    # Published: in the listing, with its image, and in search.
    publico.goto(servidor.url("centro", "/noticias/"))
    publico.get_by_role("link", name=TITULO).click()
    expect(publico.get_by_role("heading", level=1)).to_have_text(TITULO)
    imagen = publico.locator("main figure img")
    expect(imagen).to_have_attribute("alt", ALT_PAGINA)
    imagen.scroll_into_view_if_needed()
    publico.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=imagen.element_handle()
    )
    captura(publico, "noticia-publicada")
    despues = resultados_de_busqueda(publico, servidor, "centro", BUSQUEDA)
    expect(despues.first.get_by_role("link", name=TITULO)).to_have_count(1)
    captura(publico, "noticia-en-busqueda")
