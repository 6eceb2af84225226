"""The page explorer, kept to the user's region now that each region has one home per language.

The translations of a region's home are siblings of it under the tree root, so a region's
groups hold page permissions on several depth-2 pages and Wagtail's "explorable root" becomes
the tree root: its explorer would then open (empty) listings of other regions' homes instead
of sending the user back. This wrapper restores the refusal: a page outside the user's
explorable pages redirects to their explorable root, as Wagtail does for pages outside it.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

_explorar = page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")


@require_admin_access
def explorar(request, parent_page_id):
    user = request.user
    if not user.is_superuser:
        page = get_object_or_404(Page, pk=parent_page_id)
        raiz = page_permission_policy.explorable_root_instance(user)
        if (
            raiz is not None
            and page.pk != raiz.pk
            and not page_permission_policy.explorable_instances(user).filter(pk=page.pk).exists()
        ):
            messages.warning(
                request,
                _(
                    "Esa página pertenece a otra región o a un área que tu grupo no administra: "
                    "te mostramos las páginas de tu región."
                ),
            )
            return redirect("wagtailadmin_explore", raiz.pk)
    return _explorar(request, parent_page_id=parent_page_id)
