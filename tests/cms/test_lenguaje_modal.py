"""The approver sees the inclusive-language findings inside Wagtail's approve-with-comment
(and request-changes) modal: how many there are and what they say, before deciding. Approving
stays possible."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from . import fabricas
from .test_moderacion import form_data


@pytest.fixture
def en_revision(client, crear, editor_of):
    borrador = crear("norte", "noticias", fabricas.noticia(slug="lenguaje-modal"), publicar=False)
    client.force_login(editor_of("norte", "edicion"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[borrador.pk]),
        form_data(
            borrador,
            title="Los ciudadanos y los funcionarios",
            entrada="A efecto de coadyuvar con la transparencia.",
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302
    return Page.objects.get(pk=borrador.pk)


def modal(client, page, accion):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, accion, task_state.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response.json()["html"]


def test_approve_with_comment_modal_shows_count_and_findings(client, editor_of, en_revision):
    client.force_login(editor_of("norte", "coordinacion"))
    url, html = modal(client, en_revision, "approve")
    assert "data-lenguaje-aprobacion" in html
    total = html.split("data-lenguaje-total>", 1)[1].split("<", 1)[0]
    assert int(total) >= 3
    assert 'class="w-content-checker__name">Título<' in html
    assert 'class="w-content-checker__name">Entrada<' in html
    assert "«Los ciudadanos»" in html
    assert "la ciudadanía" in html
    # The findings come before the comment and the button.
    assert html.index("data-lenguaje-aprobacion") < html.index('name="comment"')

    # Warn, never block: approving with a comment publishes.
    response = client.post(url, {"comment": "Publicada; revisen el lenguaje la próxima vez."})
    assert response.status_code in (200, 302)
    assert Page.objects.get(pk=en_revision.pk).live


def test_request_changes_modal_shows_the_findings_too(client, editor_of, en_revision):
    client.force_login(editor_of("norte", "coordinacion"))
    _, html = modal(client, en_revision, "reject")
    assert "«Los ciudadanos»" in html


def test_a_clean_page_shows_zero_and_no_findings(client, crear, editor_of):
    borrador = crear("norte", "noticias", fabricas.noticia(slug="limpia-modal"), publicar=False)
    client.force_login(editor_of("norte", "edicion"))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[borrador.pk]),
        form_data(borrador, **{"action-submit": "action-submit"}),
    )
    page = Page.objects.get(pk=borrador.pk)
    client.force_login(editor_of("norte", "coordinacion"))
    _, html = modal(client, page, "approve")
    assert "data-lenguaje-total>0<" in html
    assert "Sin sugerencias de lenguaje." in html
