"""Notifications that arrive: moderation submissions, approvals, rejections (Wagtail's own
workflow notifications) and curation outcomes are delivered by SMTP, here to a real SMTP server
on 127.0.0.1 started by the test."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.curaduria import PropuestaRed, proponer
from tests.services import servidor_smtp

from . import fabricas
from .test_moderacion import form_data


@pytest.fixture
def buzon(settings):
    controller = servidor_smtp()
    buzon = controller.handler
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.WAGTAILADMIN_BASE_URL = "https://admin.red.example"
    yield buzon
    controller.stop()


@pytest.fixture
def personas(editor_of):
    def con_correo(region, rol, direccion):
        persona = editor_of(region, rol)
        persona.email = direccion
        persona.save()
        return persona

    return {
        "editor": con_correo("norte", "edicion", "editor@norte.example"),
        "coordinacion": con_correo("norte", "coordinacion", "coordinacion@norte.example"),
        "sureste": con_correo("sureste", "coordinacion", "coordinacion@sureste.example"),
        "nacional": con_correo("nacional", "coordinacion", "nacional@red.example"),
    }


def enviar_a_revision(client, editor, page):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).current_workflow_state.current_task_state


def test_submission_and_approval_arrive_by_smtp(client, buzon, personas, crear):
    page = crear("norte", "noticias", fabricas.noticia(slug="aviso", title="Aviso"), publicar=False)
    task_state = enviar_a_revision(client, personas["editor"], page)

    recibidos = buzon.para("coordinacion@norte.example")
    assert len(recibidos) == 1
    aviso = recibidos[0]
    assert "Aviso" in aviso["Subject"]
    assert "submitted" not in aviso["Subject"]  # in Spanish, the recipient's language
    cuerpo = buzon.texto(aviso)
    assert f"https://admin.red.example/admin/pages/{page.pk}/" in cuerpo
    # Another region's coordination and the one who submitted hear nothing of it.
    assert buzon.para("coordinacion@sureste.example") == []
    assert buzon.para("editor@norte.example") == []

    client.force_login(personas["coordinacion"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code == 302
    aprobado = buzon.para("editor@norte.example")
    assert len(aprobado) == 1
    assert "Aviso" in aprobado[0]["Subject"]
    assert aprobado[0]["From"] == "Red SNT <no-responder@localhost>"


def test_rejection_with_its_comment_arrives(client, buzon, personas, crear):
    page = crear("norte", "noticias", fabricas.noticia(slug="devuelta"), publicar=False)
    task_state = enviar_a_revision(client, personas["editor"], page)

    client.force_login(personas["coordinacion"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Falta la fecha del evento."},
    )
    assert response.status_code == 302
    devuelto = buzon.para("editor@norte.example")
    assert len(devuelto) == 1
    assert "Falta la fecha del evento." in buzon.texto(devuelto[0])


def test_a_person_who_switched_notifications_off_gets_none(client, buzon, personas, crear):
    from wagtail.users.models import UserProfile

    perfil = UserProfile.get_for_user(personas["coordinacion"])
    perfil.submitted_notifications = False
    perfil.save()
    page = crear("norte", "noticias", fabricas.noticia(slug="sin-aviso"), publicar=False)
    enviar_a_revision(client, personas["editor"], page)
    assert buzon.para("coordinacion@norte.example") == []


def test_the_curation_outcome_arrives_to_the_region(client, buzon, personas, crear):
    page = crear("norte", "noticias", fabricas.noticia(slug="red", title="Para toda la red"))
    propuesta, _ = proponer(page, personas["coordinacion"], "Interesa a todas.")

    client.force_login(personas["nacional"])
    response = client.post(
        reverse("curaduria:edit", args=[propuesta.pk]),
        {"estado": "aceptada", "comentario": "Irá en portada.", "orden": "0"},
    )
    assert response.status_code == 302
    assert PropuestaRed.objects.get(pk=propuesta.pk).estado == PropuestaRed.Estado.ACEPTADA
    recibidos = buzon.para("coordinacion@norte.example")
    assert len(recibidos) == 1
    assert recibidos[0]["Subject"] == "Propuesta aceptada: «Para toda la red»"
    assert "Irá en portada." in buzon.texto(recibidos[0])
    assert buzon.para("coordinacion@sureste.example") == []
