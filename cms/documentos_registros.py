"""A document that only non-public pages or plugin records hold is served only to whoever may
see one of them (``cms.visibilidad``'s rule decides what is public).

Wagtail serves every document of a collection without view restrictions to anyone with its
address (``/documentos/<id>/<file>``). So documents stayed reachable while nothing public
showed them:

- a page's: linked (a field, a «Documento descargable» block, a rich-text link) only from a
  draft, an unpublished or expired page, a page behind a password, a login or a group (on
  itself or an ancestor), a copy in a language its region does not offer, a plugin's page in
  a region where the plugin is off;
- a plugin record's: an agreement's signed PDF while the agreement was identified, in
  negotiation or cancelled, or its plugin switched off in the region; an alliance action's
  evidence, which is never public.

The ``before_serve_document`` hook answers 404 for a document that pages or plugin records
hold unless

- one of those pages is public, or one of those records is: its model's manager has
  ``publicos()`` (the lifecycle of ``cms.ciclo``) and the record is there, in a region where
  its plugin is on; records without ``publicos()`` are internal and never make a document
  public;
- something else uses it (Wagtail's reference index: a snippet of the core), which is how
  documents were public before and still are;
- the person may see one of those pages or records in the admin (page permissions on it or
  an ancestor: its region's people; a record's region, the national coordination); or
- the page is hidden only by view restrictions and they let this visitor in (the password
  given in this session, logged in, in one of the groups).

A document nothing holds keeps Wagtail's behaviour: its collection decides.

Pages are found through the reference index, which Wagtail fills from the page as saved in
the database: the live version of a published page, the content of a page never published;
and through ``cms.borradores``, which holds what the pending draft of a live page links to.
Such a draft holds its documents without making them public: a document added only there is
for the region's people until the draft is published (it was not uploaded to its collection
to be public on its own). Records are found by their model: any plugin model with a
foreign key to the document model, the record being the model itself or, for an inline child
(``ParentalKey``), its parent. A plugin adding such a model is covered without touching this
file.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .borradores import ReferenciaBorrador
from .plugins import installed_plugins
from .visibilidad import en_regiones_activas, paginas_publicas, restricciones_de


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


def _paginas_que_lo_tienen(documento):
    ids = (
        ReferenceIndex.get_references_to(documento)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in={int(i) for i in ids})


def _ve_alguna_pagina(request, paginas, borradores):
    """Whether the person may see one of ``paginas`` or of the drafts of ``borradores``: in
    the admin, or, for ``paginas``, on the site through view restrictions that let them in
    (pages nothing else hides)."""
    user = request.user
    if user.is_authenticated:
        politica = policy_registry.get_by_type(Page)
        if any(
            politica.user_has_any_permission_for_instance(user, ("add", "change", "publish"), p)
            for p in paginas.union(borradores)
        ):
            return True
    return any(
        all(restriccion.accept_request(request) for restriccion in restricciones_de(pagina))
        for pagina in paginas_publicas(paginas, salvo_restricciones=True)
    )


@hooks.register("before_serve_document")
def documento_no_publico(documento, request):
    registros = _registros_que_lo_tienen(documento)
    paginas = _paginas_que_lo_tienen(documento)
    borradores = ReferenciaBorrador.paginas_con_borrador_que_enlaza(documento)
    if not registros and not paginas.exists() and not borradores.exists():
        return None
    if any(_alguno_publico(modelo, lista) for modelo, lista in registros.items()):
        return None
    if paginas_publicas(paginas).exists():
        return None
    if _usado_en_otra_parte(documento, [Page, *registros]):
        return None
    if _ve_alguna_pagina(request, paginas, borradores):
        return None
    if _lo_ve_en_la_administracion(request.user, registros):
        return None
    raise Http404("Este documento no está disponible.")
