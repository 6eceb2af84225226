"""The inclusive-language check also runs when an editor previews a page."""

from cms.lenguaje_models import ReglaLenguaje
from cms.models import PaginaBasica


def test_preview_lists_findings_and_the_public_page_does_not(regions, rf):
    assert ReglaLenguaje.objects.filter(activa=True).exists()
    home = regions["norte"].site.root_page
    page = PaginaBasica(
        title="Aviso para los ciudadanos",
        slug="aviso-ciudadanos",
        introduccion="Invitamos a los ciudadanos a participar.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    preview = page.make_preview_request()
    body = preview.content.decode()
    assert "sugerencias de lenguaje ciudadano" in body
    assert "la ciudadanía" in body
    from django.test import Client

    public = Client().get("/aviso-ciudadanos/", HTTP_HOST="norte.localhost")
    assert public.status_code == 200
    assert "sugerencias de lenguaje ciudadano" not in public.content.decode()


def test_preview_without_findings_shows_no_notice(regions):
    home = regions["sureste"].site.root_page
    page = PaginaBasica(
        title="Invitación",
        slug="invitacion",
        introduccion="Invitamos a la ciudadanía a participar.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    assert "sugerencias de lenguaje" not in page.make_preview_request().content.decode()
