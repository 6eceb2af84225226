"""Translation as the people who do it work: the region's coordination asks for it, the
region's translator translates and submits it, the region's workflow approves it, and the public
page speaks the translation's language."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import formats, translation
from wagtail.models import Page

from cms.demo import load_users

from . import fabricas
from .conftest import HOSTS
from .test_traducciones import locale, publicar


def mensajes(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def personas(regions, make_user):
    norte = regions["norte"]
    return {
        "coordinacion": make_user(norte.grupo_coordinacion),
        "edicion": make_user(norte.grupo_edicion),
        "traduccion": make_user(norte.grupo_traduccion),
    }


def test_demo_users_include_a_translator_per_region(regions):
    usuarios = dict(load_users())
    for slug, region in regions.items():
        assert usuarios[f"{slug}.traduccion"] == region.grupo_traduccion.name


def test_translation_requested_translated_submitted_approved_and_served_in_english(
    client, crear, regions, personas, django_capture_on_commit_callbacks
):
    en = locale("en")
    # Norte's English home and news listing exist as published translations.
    publicar(regions["norte"].home_page.get_translation(en).specific)
    noticia = crear("norte", "noticias", fabricas.noticia(slug="para-traducir"))

    # The coordination asks for the translation: success, and it lands on the new draft.
    client.force_login(personas["coordinacion"])
    url = reverse("wagtail_localize:submit_page_translation", args=[noticia.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"locales": [en.pk], "include_subtree": ""}, follow=True)
    assert response.status_code == 200
    textos = mensajes(response)
    assert not any("permiso" in t.lower() for t in textos), textos
    traducida = Page.objects.get(translation_key=noticia.translation_key, locale=en)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[traducida.pk])
    assert not traducida.live
    listado = traducida.get_parent().specific  # the English news listing (an alias or a draft)
    if not listado.alias_of_id:
        publicar(listado)

    # The coordination, the translator and the editor open the translation editor.
    for rol in ("coordinacion", "traduccion", "edicion"):
        client.force_login(personas[rol])
        response = client.get(reverse("wagtailadmin_pages:edit", args=[traducida.pk]))
        assert response.status_code == 200, rol
        assert "js-translation-editor" in response.content.decode(), rol

    # The translator cannot publish: they submit the translation to the region's workflow.
    client.force_login(personas["traduccion"])
    assert not traducida.permissions_for_user(personas["traduccion"]).can_publish()
    editar = reverse("wagtailadmin_pages:edit", args=[traducida.pk])
    html = client.get(editar).content.decode()
    assert "Enviar a moderación" in html
    response = client.post(editar, {"action": "submit"}, follow=True)
    assert response.status_code == 200
    assert any("moderación" in t for t in mensajes(response)), mensajes(response)
    traducida.refresh_from_db()
    estado = traducida.current_workflow_state
    assert estado is not None and estado.status == "in_progress"
    assert estado.workflow.name == "Moderación · Norte"

    # The coordination approves with the region's workflow; the translation goes live and
    # the coordination is told so.
    client.force_login(personas["coordinacion"])
    tarea = estado.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[traducida.pk, "approve", tarea.pk]),
        {"comment": ""},
        follow=True,
    )
    assert response.status_code == 200
    traducida.refresh_from_db()
    assert traducida.live
    assert any("aprob" in t.lower() for t in mensajes(response)), mensajes(response)

    # The public page speaks English: html lang, dates and the language switcher.
    client.logout()
    publica = client.get(f"/en/noticias/{traducida.slug}/", HTTP_HOST=HOSTS["norte"])
    assert publica.status_code == 200
    html = publica.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html and "Search the whole network" in html
    assert "Saltar al contenido" not in html and "Buscar en toda la red" not in html
    espanol = client.get(f"/noticias/{noticia.slug}/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "Saltar al contenido" in espanol and "Skip to content" not in espanol
    mes_es = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
    mes_es += ["septiembre", "octubre", "noviembre", "diciembre"]
    fecha = noticia.fecha
    with translation.override("en"):
        assert formats.date_format(fecha, "DATE_FORMAT") in html  # "Dec. 1, 2026"
    assert f" de {mes_es[fecha.month - 1]} de " not in html
    assert " de December de " not in html


def test_a_change_to_a_live_translation_waits_for_the_coordination(
    client, crear, regions, personas, django_capture_on_commit_callbacks
):
    """Submitted to moderation, a new wording of a published translation is a revision for
    the coordination to approve: the public page keeps the approved text until then."""
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    from .test_traducciones import traducir

    en = locale("en")
    publicar(regions["norte"].home_page.get_translation(en).specific)
    noticia = crear("norte", "noticias", fabricas.noticia(slug="traducida-viva"))
    with django_capture_on_commit_callbacks(execute=True):
        traducida = traducir(noticia, "en")
    listado = traducida.get_parent().specific
    if not listado.live:
        publicar(listado)
    publica = f"/en/noticias/{traducida.slug}/"
    aprobado = "EN Una noticia para la ciudadanía."
    assert aprobado in client.get(publica, HTTP_HOST=HOSTS["norte"]).content.decode()

    source = TranslationSource.objects.get(object_id=noticia.translation_key)
    entrada = StringSegment.objects.get(source=source, context__path="entrada")
    StringTranslation.objects.filter(
        translation_of=entrada.string, locale=en, context=entrada.context
    ).update(data="SIN APROBAR: otra entrada.")
    client.force_login(personas["traduccion"])
    editar = reverse("wagtailadmin_pages:edit", args=[traducida.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(editar, {"action": "submit"}, follow=True)
    assert response.status_code == 200
    traducida.refresh_from_db()
    estado = traducida.current_workflow_state
    assert estado is not None and estado.status == "in_progress"
    # What visitors read is the approved text; the submitted one waits in a revision.
    assert traducida.specific.entrada == aprobado
    assert traducida.get_latest_revision().content["entrada"] == "SIN APROBAR: otra entrada."
    client.logout()
    html = client.get(publica, HTTP_HOST=HOSTS["norte"]).content.decode()
    assert aprobado in html and "SIN APROBAR" not in html

    client.force_login(personas["coordinacion"])
    tarea = estado.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[traducida.pk, "approve", tarea.pk]),
            {"comment": ""},
        )
    client.logout()
    html = client.get(publica, HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "SIN APROBAR: otra entrada." in html


def test_switcher_lists_only_real_translations_and_missing_language_is_spanish_404(
    client, crear, regions
):
    publicar(regions["norte"].home_page.get_translation(locale("en")).specific)
    crear("norte", "noticias", fabricas.noticia(slug="solo-espanol"))
    html = client.get("/noticias/solo-espanol/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "has not been translated" not in html
    assert "This page" not in html
    assert 'hreflang="en"' not in html

    response = client.get("/en/noticias/solo-espanol/", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 404
    cuerpo = response.content.decode()
    assert '<html lang="es-MX"' in cuerpo or '<html lang="es' in cuerpo
    assert "no está disponible en English" in cuerpo
    assert 'href="/noticias/solo-espanol/"' in cuerpo
    assert "Page not found" not in cuerpo
    assert 'aria-label="Sitios de la red"' in cuerpo  # the site's own header, in Spanish


def test_wagtail_localize_locale_field_reads_idiomas(client, crear, personas):
    noticia = crear("norte", "noticias", fabricas.noticia(slug="etiqueta-idiomas"))
    client.force_login(personas["coordinacion"])
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[noticia.pk]))
    assert response.status_code == 200
    assert str(response.context["form"].fields["locales"].label) == "Idiomas"
    assert "Regiones" not in response.content.decode().split('id="id_locales"')[0][-400:]


def test_the_spanish_404_does_not_point_to_a_spanish_page_that_is_not_public(
    client, crear, regions
):
    """The page past its expiry date (not yet unpublished by the scheduled job) is not
    public: the 404 of its English address must not offer it."""
    from datetime import timedelta

    from django.utils import timezone

    publicar(regions["norte"].home_page.get_translation(locale("en")).specific)
    page = crear("norte", "noticias", fabricas.noticia(slug="ya-vencida"))
    page.expire_at = timezone.now() - timedelta(hours=1)
    page.save(update_fields=["expire_at"])

    response = client.get("/en/noticias/ya-vencida/", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 404
    cuerpo = response.content.decode()
    assert "no está disponible en English" in cuerpo
    assert 'href="/noticias/ya-vencida/"' not in cuerpo
