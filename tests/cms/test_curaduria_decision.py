"""Curation with context: the national decision screen shows what is being decided, decides with
buttons and an optional comment, the dashboard counts pending proposals, and the region hears
the outcome."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from cms.curaduria import PropuestaRed, proponer, revisar

from . import fabricas


@pytest.fixture
def norte(editor_of):
    coordinador = editor_of("norte", "coordinacion")
    coordinador.first_name, coordinador.last_name = "Rosa", "Villa"
    coordinador.email = "rosa@norte.example"
    coordinador.save()
    return coordinador


@pytest.fixture
def propuesta(crear, norte):
    page = crear("norte", "noticias", fabricas.noticia(slug="a-la-red", title="Norte a la red"))
    propuesta, _ = proponer(page, norte, "Un ejemplo de rendición de cuentas para todas.")
    return propuesta


def test_the_decision_screen_shows_page_region_proposer_reason_and_what_is_featured(
    client, editor_of, crear, propuesta
):
    nacional = editor_of("nacional", "coordinacion")
    destacada = crear("sureste", "historias", fabricas.historia(slug="ya", title="Ya destacada"))
    otra, _ = proponer(destacada, editor_of("sureste", "coordinacion"))
    revisar(otra, nacional, PropuestaRed.Estado.ACEPTADA, orden=1)

    client.force_login(nacional)
    response = client.get(reverse("curaduria:edit", args=[propuesta.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Norte a la red" in html
    assert 'href="http://norte.localhost/noticias/a-la-red/"' in html
    assert "<dd data-region>Norte</dd>" in html
    assert "Rosa Villa" in html
    assert "Un ejemplo de rendición de cuentas para todas." in html
    destacadas = html[html.index("data-destacadas") :]
    assert "Ya destacada · Sureste" in destacadas
    # Decided with buttons, not with a list of states.
    assert '<select name="estado"' not in html
    assert 'name="estado" value="aceptada"' in html
    assert 'name="estado" value="rechazada"' in html
    assert 'name="comentario"' in html


def test_accepting_with_a_comment_tells_the_region(client, editor_of, norte, propuesta):
    otro_de_norte = editor_of("norte", "coordinacion")
    otro_de_norte.email = "coordinacion@norte.example"
    otro_de_norte.save()
    editor_de_norte = editor_of("norte", "edicion")
    editor_de_norte.email = "edicion@norte.example"
    editor_de_norte.save()
    mail.outbox.clear()

    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.post(
        reverse("curaduria:edit", args=[propuesta.pk]),
        {"estado": "aceptada", "comentario": "¡Muy buena!", "orden": "0", "vigente_hasta": ""},
    )
    assert response.status_code == 302
    propuesta.refresh_from_db()
    assert propuesta.estado == PropuestaRed.Estado.ACEPTADA
    assert propuesta.comentario == "¡Muy buena!"
    mensajes = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(mensajes) == 1
    assert mensajes[0].startswith("Aceptó «Norte a la red» de Norte. Se avisó a la región.")
    assert not any("actualizado" in m for m in mensajes)

    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert sorted(correo.to) == ["coordinacion@norte.example", "rosa@norte.example"]
    assert correo.subject == "Propuesta aceptada: «Norte a la red»"
    assert "¡Muy buena!" in correo.body
    assert "http://norte.localhost/noticias/a-la-red/" in correo.body


def test_declining_tells_the_region_why(client, editor_of, norte, propuesta):
    mail.outbox.clear()
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.post(
        reverse("curaduria:edit", args=[propuesta.pk]),
        {"estado": "rechazada", "comentario": "Es muy local.", "orden": "0"},
    )
    assert response.status_code == 302
    propuesta.refresh_from_db()
    assert propuesta.estado == PropuestaRed.Estado.RECHAZADA
    assert [m.subject for m in mail.outbox] == ["Propuesta no aceptada: «Norte a la red»"]
    assert "Es muy local." in mail.outbox[0].body


def test_a_decision_needs_a_button(client, editor_of, propuesta):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.post(
        reverse("curaduria:edit", args=[propuesta.pk]), {"comentario": "", "orden": "0"}
    )
    assert response.status_code == 200
    assert "Elija «Aceptar» o «No aceptar»." in response.content.decode()
    propuesta.refresh_from_db()
    assert propuesta.estado == PropuestaRed.Estado.PENDIENTE


def test_pending_proposals_panel_for_the_national_coordination(client, editor_of, crear, propuesta):
    otra = crear("centro", "noticias", fabricas.noticia(slug="del-centro", title="Del Centro"))
    proponer(otra, editor_of("centro", "coordinacion"))
    client.force_login(editor_of("nacional", "coordinacion"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="propuestas-pendientes') :]
    assert 'data-total="2"' in panel
    assert "2 propuestas de las regiones esperan su decisión." in panel
    assert reverse("curaduria:edit", args=[propuesta.pk]) in panel
    assert "Del Centro" in panel

    revisar(propuesta, editor_of("nacional", "coordinacion"), PropuestaRed.Estado.ACEPTADA)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 propuesta de las regiones espera su decisión." in html

    client.force_login(editor_of("norte", "coordinacion"))
    assert (
        'id="propuestas-pendientes' not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
