"""A signed document of an agreement is served to the public only while the agreement is
public (``cms.visibilidad``'s rule: a public state, its plugin switched on in its region).

Wagtail serves every document of a collection without view restrictions to anyone with its
address (``/documentos/<id>/<file>``). An agreement's signed PDF sits in its region's
collection, so it stayed reachable while the agreement was identified, in negotiation or
cancelled, or its plugin switched off in the region: none of those show it anywhere public,
and a cancelled agreement's document address had been on its page, in the open data and in
search. The ``before_serve_document`` hook answers 404 for a document that agreements hold
when none of them is public, unless

- something else uses it (Wagtail's reference index: a page, a snippet), which is how
  documents were public before and still are; or
- the person may see one of those agreements in the admin (its region's people, the
  national coordination).
"""

from django.apps import apps
from django.http import Http404
from wagtail import hooks
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from .convenios_base import DocumentoConvenioBase
from .visibilidad import en_regiones_activas


def _modelos_de_documento():
    return [
        m
        for m in apps.get_models()
        if issubclass(m, DocumentoConvenioBase) and not m._meta.abstract
    ]


def _convenios_que_lo_tienen(documento):
    """{agreement model: [agreements holding ``documento``]}."""
    convenios = {}
    for modelo in _modelos_de_documento():
        convenio = modelo._meta.get_field("convenio").related_model
        ids = modelo.objects.filter(documento=documento).values_list("convenio_id", flat=True)
        encontrados = list(convenio.objects.filter(pk__in=list(ids)))
        if encontrados:
            convenios[convenio] = encontrados
    return convenios


def _alguno_publico(modelo, convenios):
    publicos = en_regiones_activas(
        modelo.objects.publicos().filter(pk__in=[c.pk for c in convenios]),
        modelo._meta.app_label,
    )
    return publicos.exists()


def _usado_fuera_de_convenios(documento, modelos_convenio):
    from django.contrib.contenttypes.models import ContentType

    propios = {ct.pk for ct in ContentType.objects.get_for_models(*modelos_convenio).values()}
    return (
        ReferenceIndex.get_references_to(documento)
        .exclude(base_content_type_id__in=propios)
        .exclude(content_type_id__in=propios)
        .exists()
    )


def _lo_ve_en_la_administracion(user, convenios):
    if not user.is_authenticated:
        return False
    for modelo, lista in convenios.items():
        politica = policy_registry.get_by_type(modelo)
        for convenio in lista:
            if politica.user_has_any_permission_for_instance(user, ("change", "view"), convenio):
                return True
    return False


@hooks.register("before_serve_document")
def documento_de_convenio_no_publico(documento, request):
    convenios = _convenios_que_lo_tienen(documento)
    if not convenios:
        return None
    if any(_alguno_publico(modelo, lista) for modelo, lista in convenios.items()):
        return None
    if _usado_fuera_de_convenios(documento, list(convenios)):
        return None
    if _lo_ve_en_la_administracion(request.user, convenios):
        return None
    raise Http404("Este documento no está disponible.")
