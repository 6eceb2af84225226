"""Moderation per region: editors submit, their own coordination approves; scheduling."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from cms.models import Noticia

from . import fabricas


def form_data(page, **extra):
    data = {
        "title": page.title,
        "slug": page.slug,
        "fecha": page.fecha.isoformat(),
        "entrada": page.entrada,
        "imagen_principal": "",
        "texto_alternativo": "",
        "cuerpo-count": "0",
        "temas": "transparencia",
    }
    data.update(extra)
    return data


@pytest.fixture
def borrador(crear):
    def make(region="norte", slug="para-moderar"):
        return crear(region, "noticias", fabricas.noticia(slug=slug), publicar=False)

    return make


def test_norte_editor_submits_and_norte_coordination_approves(client, editor_of, borrador):
    page = borrador()
    editor = editor_of("norte", "edicion")
    coordinator = editor_of("norte", "coordinacion")

    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderación · Norte"
    task_state = state.current_task_state
    assert not page.live

    # The editor cannot approve their own submission.
    actions = {name for name, *_ in task_state.task.specific.get_actions(page, editor)}
    assert "approve" not in actions

    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Publicada, gracias."})
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    assert page.live_revision is not None
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert [t.name for t in page.temas.all()] == ["transparencia"]


def test_approval_through_the_task_api(editor_of, borrador):
    page = borrador(slug="por-api")
    editor = editor_of("norte", "edicion")
    page.get_workflow().start(page, editor)
    task_state = page.current_workflow_task_state
    coordinator = editor_of("norte", "coordinacion")
    task_state.task.specific.on_action(task_state, coordinator, "approve")
    page.refresh_from_db()
    assert page.live


def test_an_editor_cannot_publish(client, editor_of, borrador):
    page = borrador(slug="sin-permiso")
    client.force_login(editor_of("norte", "edicion"))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, title="Intento de publicar", **{"action-publish": "action-publish"}),
    )
    page = Noticia.objects.get(pk=page.pk)
    assert not page.live
    assert page.live_revision is None


def test_sureste_coordination_cannot_approve_norte(client, editor_of, borrador):
    page = borrador(slug="de-norte")
    editor = editor_of("norte", "edicion")
    page.get_workflow().start(page, editor)
    task_state = page.current_workflow_task_state
    other = editor_of("sureste", "coordinacion")

    assert task_state.task.specific.get_actions(page, other) == []
    client.force_login(other)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    # The national coordination cannot approve a region's page either.
    national = editor_of("nacional", "coordinacion")
    assert task_state.task.specific.get_actions(page, national) == []


def test_each_region_moderates_with_its_own_workflow(regions, indice):
    for slug, region in regions.items():
        workflow = indice(slug, "noticias").get_workflow()
        assert workflow.name == f"Moderación · {region.nombre}"
        task = workflow.tasks.first().specific
        assert list(task.groups.all()) == [region.grupo_coordinacion]


def test_scheduled_publication_waits_for_publish_scheduled(editor_of, borrador, monkeypatch):
    page = borrador(slug="programada")
    coordinator = editor_of("norte", "coordinacion")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision(user=coordinator)
    revision.publish(user=coordinator)
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    # Two hours later (django.utils.timezone.now is what Wagtail and the command ask).
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


# -- One Spanish wording for every submission, approval and rejection message ---------------------

#: Wagtail's and wagtail-localize's messages about submitting, approving and rejecting.
MENSAJES_DE_MODERACION = re.compile(
    r"submitted for (moderation|approval)|created and submitted|been submitted to workflow"
    r"|has been (approved|rejected)|edit is (approved|rejected)|is submitted for moderation"
)
#: Wordings the project catalog replaced (Wagtail's Spanish mixes several).
REDACCIONES_VIEJAS = re.compile(
    r"ha sido|fue (aprobad|rechazad|enviad)|enviad[ao] para|para ser moderad|para moderación"
    r"|es (aprobada|rechazada|enviada)|\""
)


def mensajes_de_moderacion():
    import polib
    import wagtail
    import wagtail_localize

    ids = set()
    for paquete in (wagtail, wagtail_localize):
        raiz = Path(paquete.__file__).parent
        for po in raiz.glob("**/locale/en/LC_MESSAGES/django.po"):
            ids |= {
                e.msgid
                for e in polib.pofile(str(po))
                if not e.msgid_plural and MENSAJES_DE_MODERACION.search(e.msgid)
            }
    return sorted(ids)


def test_moderation_messages_use_one_spanish_wording():
    """Submitted: «se envió a moderación» (or «a aprobación» for a stage); approved:
    «se aprobó»; rejected: «se rechazó»; titles between «»."""
    from django.utils import translation

    ids = mensajes_de_moderacion()
    assert len(ids) > 30  # the walk found Wagtail's messages
    with translation.override("es-mx"):
        traducidos = {msgid: translation.gettext(msgid) for msgid in ids}
    for msgid, texto in traducidos.items():
        assert texto != msgid, f"sin traducir: {msgid}"
        assert not REDACCIONES_VIEJAS.search(texto), f"{msgid!r} → {texto!r}"
        if "yet" in msgid:
            continue  # "not submitted yet": a state, not the outcome
        if "submitted" in msgid and "Receive" not in msgid:
            assert re.search(
                r"\bse (creó y se )?envió a (moderación|aprobación)|envió .* a moderación", texto
            ), texto
        if re.search(r"been approved", msgid):
            assert "se aprobó" in texto, texto
        if re.search(r"been rejected", msgid):
            assert re.search(r"se rechazó|rechazó", texto), texto


def test_the_editor_is_told_the_page_was_sent_to_moderation(client, editor_of, borrador):
    page = borrador(slug="aviso-de-envio")
    client.force_login(editor_of("norte", "edicion"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, **{"action-submit": "action-submit"}),
        follow=True,
    )
    avisos = [str(m) for m in response.context["messages"]]
    assert any(a.startswith(f"La página «{page.title}» se envió a moderación.") for a in avisos)


# -- A confirmation after every decision --------------------------------------------------------


def avisos_de(response):
    return [str(m).split("\n")[0] for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("accion", "aviso"),
    [
        ("approve", "La página «Noticia de prueba» se aprobó. Ya está publicada."),
        (
            "reject",
            "La página «Noticia de prueba» se rechazó: vuelve a edición con los cambios que se "
            "pidieron.",
        ),
    ],
)
def test_the_approver_is_told_the_decision_from_the_dashboard(
    client, editor_of, borrador, accion, aviso
):
    page = borrador(slug=f"decision-{accion}")
    page.get_workflow().start(page, editor_of("norte", "edicion"))
    task_state = page.current_workflow_task_state
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, accion, task_state.pk])
    response = client.post(f"{url}?next=/admin/", {"comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert aviso in avisos_de(response)


def test_the_approver_is_told_the_decision_from_the_editor(client, editor_of, borrador):
    page = borrador(slug="decision-en-el-editor")
    page.get_workflow().start(page, editor_of("norte", "edicion"))
    client.force_login(editor_of("norte", "coordinacion"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(
            page,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
        follow=True,
    )
    assert Noticia.objects.get(pk=page.pk).live
    assert avisos_de(response) == [
        f"La página «{page.title}» se actualizó.",
        f"La página «{page.title}» se aprobó. Ya está publicada.",
    ]
