"""Permissions on the tree root or the root collection reach every region at once.

Wagtail's first migrations create two groups, "Editors" and "Moderators", with add, change
and publish permissions on the page tree's root and on the root collection: one membership
in them crosses every regional boundary. ``neutralizar_grupos_de_wagtail`` (called by
``bootstrap_snt``) deletes them when nobody belongs to them and otherwise takes those root
permissions away, idempotently. For any group that holds root-level permissions anyway, the
system check ``regiones.W001`` (``manage.py check --database default``, and ``migrate``)
and a dashboard panel for superusers say so.
"""

from django.contrib.auth.models import Group
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupCollectionPermission, GroupPagePermission

#: The groups Wagtail's migrations create.
GRUPOS_DE_WAGTAIL = ("Editors", "Moderators")


def _permisos_de_pagina_en_la_raiz():
    return GroupPagePermission.objects.filter(page__depth=1)


def _permisos_de_coleccion_en_la_raiz():
    return GroupCollectionPermission.objects.filter(collection__depth=1)


def grupos_con_permisos_en_la_raiz():
    """{group name: [what it holds at the root]}, for every group that holds anything there."""
    grupos = {}
    for perm in _permisos_de_pagina_en_la_raiz().select_related("group", "permission"):
        grupos.setdefault(perm.group.name, []).append(
            f"{perm.permission.codename} en la raíz de páginas"
        )
    for perm in _permisos_de_coleccion_en_la_raiz().select_related("group", "permission"):
        grupos.setdefault(perm.group.name, []).append(
            f"{perm.permission.codename} en la colección raíz"
        )
    return dict(sorted(grupos.items()))


def neutralizar_grupos_de_wagtail(note=lambda what: None):
    """Delete Wagtail's stock groups when empty; otherwise strip their root permissions."""
    for grupo in Group.objects.filter(name__in=GRUPOS_DE_WAGTAIL):
        if not grupo.user_set.exists():
            grupo.delete()
            note(f"grupo {grupo.name} de Wagtail eliminado")
            continue
        paginas = _permisos_de_pagina_en_la_raiz().filter(group=grupo).delete()[0]
        colecciones = _permisos_de_coleccion_en_la_raiz().filter(group=grupo).delete()[0]
        if paginas or colecciones:
            note(f"grupo {grupo.name} de Wagtail sin permisos en la raíz")


@register(Tags.database, Tags.security)
def grupos_sin_permisos_en_la_raiz(app_configs=None, databases=None, **kwargs):
    """regiones.W001: a group with permissions on the tree root or the root collection."""
    if not databases or "default" not in databases:
        return []
    try:
        grupos = grupos_con_permisos_en_la_raiz()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return []
    return [
        Warning(
            f"The group '{nombre}' holds permissions at the root ({', '.join(permisos)}): "
            "they reach every region.",
            hint="Run bootstrap_snt (Wagtail's stock groups) or give the group permissions on "
            "one region's home page and collection instead.",
            obj=nombre,
            id="regiones.W001",
        )
        for nombre, permisos in grupos.items()
    ]


class PanelPermisosEnLaRaiz(Component):
    """Dashboard warning for superusers: groups whose permissions cross every region."""

    name = "regiones_permisos_en_la_raiz"
    order = 10
    template_name = "regiones/admin/panel_permisos_raiz.html"

    def __init__(self, grupos):
        self.grupos = grupos

    def get_context_data(self, parent_context=None):
        return {"grupos": self.grupos, "titulo": _("Grupos con permisos en toda la red")}


def agregar_panel(request, panels):
    """``construct_homepage_panels``: only superusers manage groups, only they are told."""
    if not request.user.is_superuser:
        return
    grupos = grupos_con_permisos_en_la_raiz()
    if grupos:
        panels.append(PanelPermisosEnLaRaiz(grupos))


def registrar():
    from wagtail import hooks

    hooks.register("construct_homepage_panels", agregar_panel)
