"""Every template in cms/templates is found by exactly one template loader.

An override that extends the template it replaces ({% extends "wagtailadmin/…" %} from a file
of the same name) relies on Django skipping the origins already used. When the same file is
reachable through two loaders (the project directory in DIRS and the cms app's directory with
APP_DIRS) it is two origins, so the override extends itself once more and every block it adds
renders twice: two "Enviar a moderación" forms in the translation editor, two language checkers
in the Checks panel.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

from . import fabricas

PLANTILLAS = Path(settings.BASE_DIR) / "cms" / "templates"


def fuentes(nombre):
    """Every file the engine's loaders would try for a template name, loader by loader."""
    engine = engines["django"].engine
    encontradas = []
    for loader in engine.template_loaders:
        cargadores = getattr(loader, "loaders", [loader])
        for cargador in cargadores:
            for origin in cargador.get_template_sources(nombre):
                if Path(origin.name).is_file():
                    encontradas.append(Path(origin.name).resolve())
    return encontradas


def test_each_project_template_is_reached_once():
    nombres = [str(p.relative_to(PLANTILLAS)) for p in PLANTILLAS.rglob("*.html")]
    assert "wagtail_localize/admin/edit_translation.html" in nombres
    dobles = {}
    for nombre in nombres:
        propio = (PLANTILLAS / nombre).resolve()
        veces = fuentes(nombre).count(propio)
        if veces != 1:
            dobles[nombre] = veces
    assert dobles == {}


def test_overrides_still_win_over_the_apps_they_replace():
    for nombre in (
        "wagtail_localize/admin/edit_translation.html",
        "wagtailadmin/shared/side_panels/checks.html",
        "wagtailadmin/tables/cell.html",
    ):
        encontradas = fuentes(nombre)
        assert encontradas[0] == (PLANTILLAS / nombre).resolve(), nombre
        assert len(encontradas) >= 2, nombre  # the app's own template is still behind it


@pytest.mark.django_db
def test_translation_editor_offers_one_submit_form(client, crear, regions, make_user):
    from wagtail.models import Locale, Page
    from wagtail_localize.operations import translate_object

    norte = regions["norte"]
    noticia = crear("norte", "noticias", fabricas.noticia(slug="un-solo-formulario"))
    en = Locale.objects.get(language_code="en")
    translate_object(noticia, [en])
    traducida = Page.objects.get(translation_key=noticia.translation_key, locale=en)
    client.force_login(make_user(norte.grupo_traduccion))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[traducida.pk])).content.decode()
    assert "js-translation-editor" in html
    assert html.count('name="action" value="submit"') == 1
