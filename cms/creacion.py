"""A new page is created once in the admin, however the editor's submit and Wagtail's
autosave cross.

Wagtail's editor saves a new page by itself a moment after the editor types (autosave) and
then turns the form into the page's edit form. An editor who presses «Enviar a moderación»
or «Publicar» before that switch sends a second creation of the same page:

- while the autosave is still on its way, both requests checked that the slug was free
  before either had saved, and the second failed inside the tree's insertion (a 500, the
  editor's text gone) or, with other timings, created a second page at the same address.
  Creations under one parent now take the parent's row lock first and run one at a time
  (on a database with row locks: PostgreSQL; not on SQLite, the demo's);
- once the autosave has saved, the submit met its own draft's slug and was refused. A form
  submission that finds, under the same parent and with the same slug, a page of the same
  type that this same person created in the last minute (Wagtail's log of the creation),
  with that one revision only, never published and not in moderation, is that page: it
  goes to the page's edit view (what the form would have done a moment later), which
  saves what was typed as a new revision and submits or publishes it. Autosave requests
  themselves (JSON) are never redirected.

The redirection is Wagtail's ``before_create_page`` hook (registered in
cms/wagtail_hooks.py): it runs inside the creation view, after CSRF, region isolation
(cms/aislamiento.py) and the creation view's own checks (the person may add this type of
page under this parent); the edit view is called as its URL resolves (with Wagtail's admin
access check) and checks the person's permission on the page itself. Whatever the edit view
raises goes through the middlewares' exception handling as any view's would.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

CREATE_VIEW = "wagtailadmin_pages:add"
#: How recent the creation of the editor's own draft must be for it to be the page being
#: created: the autosave and the submit cross within seconds; an older draft with the same
#: address (another tab, another page with the same title) is never taken.
RECENT = timedelta(minutes=1)


def _parent_of_creation(request):
    """The parent page id a POST to Wagtail's page creation view creates under, else None."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != CREATE_VIEW:
        return None
    return match.kwargs.get("parent_page_id")


def _own_fresh_draft(request, parent, page_class):
    """The page this creation would duplicate: same parent, slug and type, created by this
    person within RECENT, with that one revision, never published and not in moderation.
    None otherwise."""
    slug = (request.POST.get("slug") or "").strip()
    user = request.user
    if not slug or not user.is_authenticated:
        return None
    page = parent.get_children().filter(slug=slug).first()
    # The type the address names, a proxy type included (not its concrete model's).
    kind = ContentType.objects.get_for_model(page_class, for_concrete_model=False)
    if (
        page is None
        or page.owner_id != user.pk
        or page.live
        or page.first_published_at is not None
        or page.workflow_in_progress
        or page.content_type_id != kind.pk
    ):
        return None
    revisions = list(page.revisions.order_by("pk")[:2])
    if len(revisions) != 1 or revisions[0].user_id != user.pk:
        return None
    created = PageLogEntry.objects.filter(
        page=page, action="wagtail.create", user=user, timestamp__gte=timezone.now() - RECENT
    )
    return page if created.exists() else None


class CreacionDePaginasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parent = _parent_of_creation(request)
        user = getattr(request, "user", None)
        if (
            parent is None
            or not connection.features.has_select_for_update
            # Only someone who may use the admin waits for (and holds) a page's lock.
            or not (user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))
        ):
            return self.get_response(request)
        with transaction.atomic():
            # Held until this creation commits or rolls back.
            list(Page.objects.select_for_update().filter(pk=parent).values_list("pk"))
            response = self.get_response(request)
            if response.status_code >= 500:
                # An error turned into a response inside: nothing it wrote is kept.
                transaction.set_rollback(True)
            return response


def hacia_el_borrador_propio(request, parent_page, page_class):
    """``before_create_page``: a form submission (not the JSON autosave) that would
    duplicate the person's own fresh draft (_own_fresh_draft) is that draft's edit."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # a GET, or an autosave: the creation view answers it
    page = _own_fresh_draft(request, parent_page, page_class)
    if page is None:
        return None
    edit = resolve(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return edit.func(request, *edit.args, **edit.kwargs)
