"""Pages are created in the admin one at a time under each parent.

Wagtail's editor saves a new page by itself a moment after the editor types (autosave) and
then turns the form into the page's edit form. An editor who presses «Enviar a moderación»
or «Publicar» while that first save is on its way sends a second creation of the same page:
both requests check that the slug is free before either has saved, and the second then fails
inside the tree's insertion (a 500, the editor's text gone) or, with other timings, creates a
second page with the same address. A creation here takes its parent's row lock first, so a
second creation under the same parent waits for the first to finish and then meets the slug
in use as an ordinary form error, with everything typed still in the form.

PostgreSQL only: SQLite (the demo) already writes one transaction at a time.
"""

from django.db import transaction
from django.urls import Resolver404, resolve
from wagtail.models import Page

CREATE_VIEW = "wagtailadmin_pages:add"


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


class CreacionDePaginasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parent = _parent_of_creation(request)
        if parent is None:
            return self.get_response(request)
        with transaction.atomic():
            # Held until this creation commits or rolls back.
            list(Page.objects.select_for_update().filter(pk=parent).values_list("pk"))
            response = self.get_response(request)
            if response.status_code >= 500:
                # An error turned into a response inside: nothing it wrote is kept.
                transaction.set_rollback(True)
            return response
