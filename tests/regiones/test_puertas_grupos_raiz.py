"""Wagtail's stock groups ("Editors", "Moderators") hold add/change/publish on the tree root
and the root collection: bootstrap_snt removes them (or strips those permissions when people
belong to them), and the admin warns about any group with root-level permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from orchestration.bootstrap import bootstrap
from regiones.permisos_raiz import grupos_con_permisos_en_la_raiz


def _como_wagtail(nombre):
    """The group as Wagtail's first migrations leave it."""
    grupo, _ = Group.objects.get_or_create(name=nombre)
    grupo.permissions.add(Permission.objects.get(codename="access_admin"))
    raiz = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=grupo, page=raiz, permission=Permission.objects.get(codename=codename)
        )
    coleccion = Collection.get_first_root_node()
    for codename in ("add_image", "change_image", "choose_image", "add_document"):
        GroupCollectionPermission.objects.get_or_create(
            group=grupo, collection=coleccion, permission=Permission.objects.get(codename=codename)
        )
    return grupo


def _advertencias():
    return [m for m in run_checks(databases=["default"]) if m.id == "regiones.W001"]


def test_bootstrap_leaves_no_group_with_root_permissions(db):
    _como_wagtail("Editors")
    _como_wagtail("Moderators")
    assert {"Editors", "Moderators"} <= set(grupos_con_permisos_en_la_raiz())
    bootstrap(port=80)
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert grupos_con_permisos_en_la_raiz() == {}
    assert not _advertencias()
    bootstrap(port=80)  # idempotent
    assert grupos_con_permisos_en_la_raiz() == {}


def test_stock_group_with_members_keeps_them_but_loses_the_root(db, make_user, regions):
    editors = _como_wagtail("Editors")
    persona = make_user(editors)
    bootstrap(port=80)
    editors.refresh_from_db()
    assert persona.groups.filter(pk=editors.pk).exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert not GroupCollectionPermission.objects.filter(group=editors).exists()
    assert "Editors" not in grupos_con_permisos_en_la_raiz()
    # One membership no longer reaches a region's pages.
    assert not regions["norte"].site.root_page.permissions_for_user(persona).can_edit()


def test_any_group_with_root_permissions_is_reported(db, client, make_user, editor_of):
    _como_wagtail("Redacción general")
    advertencias = _advertencias()
    assert [a.obj for a in advertencias] == ["Redacción general"]
    assert "add_page" in advertencias[0].msg
    client.force_login(make_user(superuser=True))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Grupos con permisos en toda la red" in body and "Redacción general" in body
    client.force_login(editor_of("norte", "coordinacion"))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Grupos con permisos en toda la red" not in body


@pytest.mark.parametrize("databases", [None, []])
def test_the_check_needs_the_database_flag(db, databases):
    _como_wagtail("Redacción general")
    assert not [m for m in run_checks(databases=databases) if m.id == "regiones.W001"]
