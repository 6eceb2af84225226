"""Every admin form carries the rule on references (cms.formularios), by construction.

The rule (another region's image, document, page or record is refused) lives in
``ReferenciasAlcanzablesMixin``; the tests of its behaviour post forged ids
(tests/cms/test_puertas_referencias.py and neighbours). These walk every model with an admin
edit form — page types, snippet and model viewsets (the plugins' too), site settings, images
and documents — and fail if one is edited with a form that lacks it, so a new model or a new
plugin cannot forget it.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form, get_document_multi_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form, get_image_multi_form
from wagtail.models import GroupSitePermission, Page, get_page_models

from cms.formularios import ReferenciasAlcanzablesMixin
from cms.plugins import installed_plugins, plugin_page_models, region_models


def _sin_la_regla(form_classes):
    return {
        label: form_class.__mro__[:3]
        for label, form_class in form_classes
        if not issubclass(form_class, ReferenciasAlcanzablesMixin)
    }


def _viewsets_de_modelos():
    reverse("wagtailadmin_home")  # the admin URLconf registers every viewset
    return [vs for vs in viewsets.viewsets if isinstance(vs, ModelViewSet)]


#: Wagtail's own screens for models that only administrators (superusers, who reach
#: everything) change: no group of the network holds a permission on them
#: (test_wagtail_screens_left_out_are_for_administrators_only).
DE_ADMINISTRACION = {"wagtailcore.Locale", "wagtailcore.Site", "auth.User", "auth.Group"}


def test_every_page_type_is_edited_with_the_rule():
    modelos = [model for model in get_page_models() if model is not Page]
    for _config, plugin in installed_plugins():
        assert set(plugin_page_models(plugin.label)) <= set(modelos)
    assert not _sin_la_regla(
        (model._meta.label, model.get_edit_handler().get_form_class()) for model in modelos
    )


def test_every_viewset_form_carries_the_rule():
    formularios = []
    for viewset in _viewsets_de_modelos():
        if viewset.model._meta.label in DE_ADMINISTRACION:
            continue
        for for_update in (False, True):
            form_class = viewset.get_form_class(for_update=for_update)
            # A plain Django ModelForm is not given the person (for_user): it could not check.
            assert issubclass(form_class, WagtailAdminModelForm), viewset.model
            formularios.append((f"{type(viewset).__name__} ({for_update=})", form_class))
    assert len(formularios) > 20
    assert not _sin_la_regla(formularios)


def test_every_plugin_record_is_edited_with_the_rule():
    con_regla = {
        viewset.model
        for viewset in _viewsets_de_modelos()
        if issubclass(viewset.get_form_class(for_update=True), ReferenciasAlcanzablesMixin)
    }
    for _config, plugin in installed_plugins():
        faltan = set(region_models(plugin)) - con_regla
        assert not faltan, (plugin.label, faltan)


def test_settings_images_and_documents_carry_the_rule():
    formularios = [
        (model._meta.label, get_setting_edit_handler(model).get_form_class())
        for model in settings_registry
    ]
    assert formularios
    formularios += [
        ("imagen", get_image_form(get_image_model())),
        ("imagen (varias)", get_image_multi_form(get_image_model())),
        ("documento", get_document_form(get_document_model())),
        ("documento (varios)", get_document_multi_form(get_document_model())),
    ]
    assert not _sin_la_regla(formularios)


#: Wagtail screens outside the viewset registry whose forms could name a page or collection:
#: also administrators' only.
OTRAS_DE_ADMINISTRACION = {
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailcore.Collection",
    "wagtailcore.Workflow",
    "wagtailcore.Task",
}


def test_wagtail_screens_left_out_are_for_administrators_only(db):
    from django.apps import apps
    from wagtail.models import GroupCollectionPermission

    en_uso = {vs.model._meta.label for vs in _viewsets_de_modelos()}
    assert DE_ADMINISTRACION <= en_uso
    tipos = [
        ContentType.objects.get_for_model(apps.get_model(label))
        for label in DE_ADMINISTRACION | OTRAS_DE_ADMINISTRACION
    ]
    escritura = Permission.objects.filter(content_type__in=tipos).exclude(
        codename__startswith="view_"
    )
    assert escritura.exists()
    assert not escritura.filter(group__isnull=False).exists()
    assert not GroupSitePermission.objects.filter(permission__in=escritura).exists()
    assert not GroupCollectionPermission.objects.filter(permission__in=escritura).exists()
