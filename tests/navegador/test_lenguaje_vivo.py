"""An editor sees the inclusive-language check live in the editor's Checks panel, grouped per
field under the form's labels; the approver sees the findings on the dashboard before
approving, and approving is never blocked."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITULO = "Taller para los ciudadanos de Saltillo"


def test_el_editor_ve_la_revision_en_vivo_y_quien_aprueba_la_ve_antes_de_aprobar(
    servidor, contexto, iniciar_sesion, captura
):
    noticias_id = servidor.page_id("norte", "noticias/")
    edicion = iniciar_sesion(contexto().new_page(), "norte", "norte.edicion")
    edicion.goto(servidor.url("norte", f"/admin/pages/add/cms/noticia/{noticias_id}/"))
    edicion.locator("[data-side-panel-toggle='checks']").first.click()
    panel = edicion.locator("[data-lenguaje-url]")
    expect(panel).to_be_visible()

    # While typing, without saving.
    edicion.locator("#id_title").fill(TITULO)
    hallazgos = panel.locator("[data-lenguaje-hallazgos]")
    expect(hallazgos).to_contain_text("«los ciudadanos»")
    expect(hallazgos.locator(".w-content-checker__name")).to_have_text(["Título"])
    edicion.locator("#id_entrada").fill("A efecto de coadyuvar con los funcionarios.")
    expect(hallazgos.locator(".w-content-checker__name")).to_have_text(["Título", "Entrada"])
    expect(panel.locator("[data-lenguaje-total]")).not_to_have_text("0")
    expect(panel.locator("[data-lenguaje-total]")).not_to_have_text("1")
    captura(edicion, "revision-en-vivo")
    # Fixing the title takes its finding away.
    edicion.locator("#id_title").fill("Taller para la ciudadanía de Saltillo")
    expect(hallazgos.locator(".w-content-checker__name")).to_have_text(["Entrada"])
    edicion.locator("#id_title").fill(TITULO)
    expect(hallazgos.locator(".w-content-checker__name")).to_have_text(["Título", "Entrada"])

    # Submitting is never blocked, whether or not Wagtail's autosave has created the draft
    # yet (cms/creacion.py: a submit to the creation address saves that same page).
    edicion.get_by_role("button", name="Más acciones").click()
    edicion.locator("button[name=action-submit]").click()
    # Wagtail's message, in the project catalog's one wording for submissions.
    # (The page may already exist through autosave: then it is "se envió", not "se creó y").
    expect(edicion.locator(".messages")).to_contain_text(
        re.compile(f"La página «{TITULO}» (se creó y )?se envió a moderación\\.")
    )
    assert servidor.value("SELECT count(*) FROM wagtailcore_page WHERE title = %s", (TITULO,)) == 1
    pagina_id = servidor.value("SELECT id FROM wagtailcore_page WHERE title = %s", (TITULO,))

    # The approver sees the findings on the dashboard, then approves anyway.
    coordinacion = iniciar_sesion(contexto().new_page(), "norte", "norte.coordinacion")
    lenguaje = coordinacion.locator("#lenguaje-por-aprobar-content")
    expect(lenguaje).to_contain_text(TITULO)
    lenguaje.get_by_text("Ver las sugerencias").first.click()
    expect(lenguaje).to_contain_text("«los ciudadanos»")
    expect(lenguaje).to_contain_text("Entrada")
    captura(coordinacion, "aprobador-ve-sugerencias")
    # Approving from the page: Wagtail's approve-with-comment modal shows how many
    # suggestions the revision under review has, and which, above the comment and the button.
    coordinacion.goto(servidor.url("norte", f"/admin/pages/{pagina_id}/edit/"))
    coordinacion.get_by_role("button", name="Más acciones").click()
    coordinacion.get_by_role("button", name=re.compile("Aprobar con comentario")).click()
    modal = coordinacion.locator(".modal-dialog")
    revision = modal.locator("[data-lenguaje-aprobacion]")
    expect(revision).to_be_visible()
    total = revision.locator("[data-lenguaje-total]")
    expect(total).to_have_text(re.compile(r"^\s*\d+\s*$"))
    assert int(total.inner_text()) >= 3  # los ciudadanos, a efecto de, coadyuvar, …
    expect(revision.locator(".w-content-checker__name")).to_have_text(["Título", "Entrada"])
    expect(revision).to_contain_text("«los ciudadanos»")
    expect(revision).to_contain_text("«coadyuvar»")
    expect(revision).to_contain_text("«los funcionarios»")
    expect(revision).to_contain_text("no impiden")
    captura(coordinacion, "modal-aprobar-con-sugerencias")
    modal.locator("textarea").fill("Aprobada; por favor revisen el lenguaje en la próxima.")
    modal.get_by_role("button", name=re.compile("Aprobar con comentario")).click()
    expect(coordinacion).not_to_have_url(re.compile(r"/edit/$"))
    assert servidor.value("SELECT live FROM wagtailcore_page WHERE id = %s", (pagina_id,))
