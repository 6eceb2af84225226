"""Translations through the region's workflow.

wagtail-localize's translation editor offers "Publish" only: a translator who may not publish
(the region's translation group) has no way to hand the translation to the region's
coordination. Here the translation editor gains "Enviar a moderación": the translated
strings are saved as a new revision of the draft and the page's workflow (the region's
"Moderación", attached to every translated home) starts, so the coordination approves and
publishes it from its dashboard like any other page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState
from wagtail_localize.models import Translation


def flujo_para_enviar(page, user):
    """The workflow the person may submit this translated page to, or None: they can edit it
    but not publish it, it has a workflow and is not already in moderation."""
    if page is None or not getattr(page, "pk", None):
        return None
    perms = page.permissions_for_user(user)
    if not perms.can_edit() or perms.can_publish():
        return None
    if page.workflow_in_progress:
        return None
    return page.get_workflow()


def guardar_para_moderacion(translation, user):
    """The translation's current strings as a new revision of the translated page, for the
    workflow to approve. wagtail-localize's ``save_target(publish=False)`` writes them on
    the page's row before saving the revision, and a live page's row is what visitors read:
    a translation already published would change without anyone approving it. A live page
    is therefore built in memory, as wagtail-localize builds it, and only its revision saved
    (Wagtail's ``save_revision`` touches the row's revision fields only); a draft is saved as
    wagtail-localize does."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.text import slugify
    from wagtail.coreutils import find_available_slug
    from wagtail_localize.fields import copy_synchronised_fields
    from wagtail_localize.segments.ingest import ingest_segments

    source = translation.source
    try:
        page = source.get_translated_instance(translation.target_locale)
    except ObjectDoesNotExist:
        page = None
    if page is None or not page.live or page.alias_of_id:
        # A draft, or an alias (wagtail-localize turns it into a page of its own first).
        translation.save_target(user=user, publish=False)
        return
    original = source.as_instance()
    copy_synchronised_fields(original, page)
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, page, source.locale, translation.target_locale, segments)
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.id)
    page.save_revision(user=user)


def enviar_traduccion(request, page):
    """before_edit_page: a POST with action=submit on a translation being edited."""
    if request.method != "POST" or request.POST.get("action") != "submit":
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    workflow = flujo_para_enviar(page, request.user)
    if workflow is None:
        raise PermissionDenied
    try:
        guardar_para_moderacion(translation, request.user)
    except ValidationError:
        messages.error(
            request,
            _("La traducción tiene errores de validación: corrígelos antes de enviarla."),
        )
        return redirect(request.path)
    page = page.specific_class.objects.get(pk=page.pk)
    workflow.start(page, request.user)
    messages.success(
        request,
        _("«%(titulo)s» se envió a moderación: la coordinación de la región la revisará.")
        % {"titulo": page.get_admin_display_title()},
    )
    return redirect(request.path)


# -- Workflow actions tell what happened ---------------------------------------------------------
# Wagtail's workflow action view (approve, reject… from the dashboard, the editor or the
# translation editor) redirects without a word, and its page editor only says "se actualizó"
# after a decision taken there. The wrapper below, mounted on the same path in cms/urls.py,
# and the editor's after_edit_page hook say what the action did, in the catalog's one wording
# for moderation ("se aprobó", "se rechazó").

_accion_de_flujo = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")

MENSAJES_FLUJO = {
    "approved": _l("La página «%(titulo)s» se aprobó."),
    "rejected": _l(
        "La página «%(titulo)s» se rechazó: vuelve a edición con los cambios que se pidieron."
    ),
    "cancelled": _l("Se canceló la moderación de la página «%(titulo)s»."),
}


def avisar_decision(request, page, estado):
    """One success message for the finished task state ``estado`` of ``page``."""
    plantilla = MENSAJES_FLUJO.get(estado.status) if estado is not None else None
    if page is None or plantilla is None:
        return
    page = page.specific_class.objects.get(pk=page.pk)  # as it is now, after the action
    texto = str(plantilla) % {"titulo": page.get_admin_display_title()}
    if estado.status == TaskState.STATUS_APPROVED:
        if page.live and not page.has_unpublished_changes:
            texto += " " + _("Ya está publicada.")
        elif page.workflow_in_progress:
            texto += " " + _("Sigue en el siguiente paso de la moderación.")
    messages.success(request, texto)


@require_admin_access
def accion_de_flujo(request, page_id, action_name, task_state_id):
    response = _accion_de_flujo(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method != "POST" or response.status_code not in (200, 302):
        return response
    estado = TaskState.objects.filter(pk=task_state_id).first()
    if estado is None or estado.status == TaskState.STATUS_IN_PROGRESS:
        return response
    avisar_decision(request, Page.objects.filter(pk=page_id).first(), estado)
    return response


def decision_en_el_editor(request, page):
    """after_edit_page: a workflow action (approve, request changes) sent from the editor."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return
    estado = (
        TaskState.objects.filter(workflow_state__in=page.workflow_states, finished_by=request.user)
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .order_by("-finished_at", "-pk")
        .first()
    )
    avisar_decision(request, page, estado)
