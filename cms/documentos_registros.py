"""A document that only plugin records hold is served to the public only while one of them
is public (``cms.visibilidad``'s rule: a public state, its plugin switched on in its region).

Wagtail serves every document of a collection without view restrictions to anyone with its
address (``/documentos/<id>/<file>``). A plugin record's documents sit in its region's
collection, so they stayed reachable while nothing public showed them: an agreement's signed
PDF while the agreement was identified, in negotiation or cancelled (a cancelled agreement's
document address had been on its page, in the open data and in search), or its plugin
switched off in the region; an alliance action's evidence, which is never public. The
``before_serve_document`` hook answers 404 for such a document unless

- one of the records holding it is public: its model's manager has ``publicos()`` (the
  lifecycle of ``cms.ciclo``) and the record is there, in a region where its plugin is on;
  records without ``publicos()`` are internal and never make a document public;
- something else uses it (Wagtail's reference index: a page, a snippet of the core), which
  is how documents were public before and still are; or
- the person may see one of those records in the admin (its region's people, the national
  coordination).

The records are found by their model: any plugin model with a foreign key to the document
model, the record being the model itself or, for an inline child (``ParentalKey``), its
parent. A plugin adding such a model is covered without touching this file.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .plugins import installed_plugins
from .visibilidad import en_regiones_activas


def _complemento_de_modelo(modelo):
    for config, plugin in installed_plugins():
        if modelo._meta.app_config is config:
            return plugin.label
    return None


def _tenencias():
    """[(model with the foreign key, its field, the record model, the path to the record)]."""
    documento = get_document_model()
    tenencias = []
    for modelo in apps.get_models():
        if issubclass(modelo, Page) or _complemento_de_modelo(modelo) is None:
            continue
        for campo in modelo._meta.get_fields():
            if not (campo.many_to_one and campo.related_model is documento):
                continue
            padre = next((f for f in modelo._meta.get_fields() if isinstance(f, ParentalKey)), None)
            if padre is not None and issubclass(padre.related_model, Page):
                continue  # a page's inline documents: pages are public on their own rules
            if padre is not None:
                tenencias.append((modelo, campo.name, padre.related_model, padre.attname))
            else:
                tenencias.append((modelo, campo.name, modelo, "pk"))
    return tenencias


def _registros_que_lo_tienen(documento):
    """{record model: [records holding ``documento``]}."""
    registros = {}
    for modelo, campo, registro, ruta in _tenencias():
        ids = list(modelo.objects.filter(**{campo: documento}).values_list(ruta, flat=True))
        if ids:
            registros.setdefault(registro, []).extend(registro.objects.filter(pk__in=ids))
    return registros


def _alguno_publico(modelo, registros):
    publicos = getattr(modelo.objects, "publicos", None)
    if publicos is None:
        return False
    politica = policy_registry.get_by_type(modelo)
    return en_regiones_activas(
        publicos().filter(pk__in=[r.pk for r in registros]),
        _complemento_de_modelo(modelo),
        getattr(politica, "region_lookup", "region"),
    ).exists()


def _usado_en_otra_parte(documento, modelos):
    propios = [ct.pk for ct in ContentType.objects.get_for_models(*modelos).values()]
    return (
        ReferenceIndex.get_references_to(documento)
        .exclude(base_content_type_id__in=propios)
        .exclude(content_type_id__in=propios)
        .exists()
    )


def _lo_ve_en_la_administracion(user, registros):
    if not user.is_authenticated:
        return False
    for modelo, lista in registros.items():
        politica = policy_registry.get_by_type(modelo)
        if any(
            politica.user_has_any_permission_for_instance(user, ("change", "view"), r)
            for r in lista
        ):
            return True
    return False


@hooks.register("before_serve_document")
def documento_de_registro_no_publico(documento, request):
    registros = _registros_que_lo_tienen(documento)
    if not registros:
        return None
    if any(_alguno_publico(modelo, lista) for modelo, lista in registros.items()):
        return None
    if _usado_en_otra_parte(documento, list(registros)):
        return None
    if _lo_ve_en_la_administracion(request.user, registros):
        return None
    raise Http404("Este documento no está disponible.")
