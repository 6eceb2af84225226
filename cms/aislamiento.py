"""Region isolation for every admin door: one rule for what a person may reach.

A person reaches:

- the pages under the pages their groups hold page permissions on (and those pages'
  ancestors, to browse down to them), as Wagtail's explorer does;
- the images and documents in the collections their groups hold permissions on;
- the records of region-scoped models (:class:`~cms.permissions.RegionPermissionPolicy`) of
  their regions;
- revisions, moderation states, tasks and translations of what they reach.

The rule is applied in two places, both server-side:

- :class:`AislamientoRegionalMiddleware` refuses (403, before the view says anything) any
  admin URL whose path names an object out of reach — a page id, an image id, a record's pk
  (the model comes from the view or from the URL's app label and model name), a moderation
  state... — and drops from ``?id=`` lists (choosers' ``chosen-multiple``, bulk actions) the
  objects out of reach. Wagtail's workflow views, chooser ``chosen`` views, revisions, the admin
  API's detail views and wagtail-localize's snippet API are covered without knowing them: a new
  admin URL with the same kinds of arguments is covered too.
- wagtail-localize's override of a synchronised value (an image, a document, a page or a
  record chosen for one translation, sent as a bare id in a PUT that no form checks) is
  refused when the id names something out of reach (:func:`referencia_de_override`).
- Querysets a person can list are narrowed with the same rule through Wagtail's hooks
  (``construct_page_chooser_queryset``, ``construct_explorer_page_queryset``, the admin API's
  endpoints) and the region-scoped viewsets (cms/viewsets.py).

Superusers are not confined.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.models import Collection, Page, Revision, TaskState, WorkflowState
from wagtail.permissions import policy_registry

from .permissions import RegionPermissionPolicy

#: Path arguments that name a page.
PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
#: Pairs of path arguments that name a model.
MODEL_KWARGS = (
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
)
#: wagtail-localize's snippet listing lists every record of a model; its editor only uses the
#: detail view (the chosen snippet's title), so the listing is kept for superusers.
SOLO_SUPERUSUARIOS = {"wagtail_localize:snippets_api_listing"}
#: Reports of the whole network (titles of every region's drafts, every region's people in
#: their filters): for superusers and the national coordination (``regiones.consultar_red``).
#: A region follows its own through the dashboard's moderation panel, each page's history and
#: "Estado de las traducciones" (cms_estado_traducciones), which are region-scoped.
INFORMES_DE_LA_RED = {
    f"{report}{suffix}"
    for report in (
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:page_types_usage",
        "wagtail_localize:translations_report",
    )
    for suffix in ("", "_results")
}


def ve_toda_la_red(user):
    return user.is_superuser or user.has_perm("regiones.consultar_red")


_MEDIA_ACTIONS = ("add", "change", "choose")


def _confined(user):
    return user.is_authenticated and not user.is_superuser


def _page_paths(user):
    cache = "_snt_page_paths"
    if not hasattr(user, cache):
        perms = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
        setattr(user, cache, sorted({perm.page.path for perm in perms}))
    return getattr(user, cache)


def paginas_alcanzables(user, queryset=None):
    """The pages (of ``queryset``) the person reaches: under their permitted pages, or on the
    way down to them."""
    queryset = Page.objects.all() if queryset is None else queryset
    if not _confined(user):
        return queryset if user.is_authenticated else queryset.none()
    condition = Q(pk__in=[])
    for path in _page_paths(user):
        ancestors = [path[:i] for i in range(Page.steplen, len(path), Page.steplen)]
        condition |= Q(path__startswith=path) | Q(path__in=ancestors)
    return queryset.filter(condition)


def pagina_alcanzable(user, page):
    if not _confined(user):
        return user.is_authenticated
    return any(page.path.startswith(p) or p.startswith(page.path) for p in _page_paths(user))


def _media_policy(model):
    return policy_registry.get_by_type(model)


def colecciones_alcanzables(user, model):
    """Collections where the person may add, change or choose ``model`` (images or
    documents)."""
    return _media_policy(model).collections_user_has_any_permission_for(user, _MEDIA_ACTIONS)


def medios_alcanzables(user, queryset):
    if not _confined(user):
        return queryset
    return queryset.filter(collection__in=colecciones_alcanzables(user, queryset.model))


def _es_medio(obj):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    return isinstance(obj, AbstractImage | AbstractDocument)


def alcanzable(user, obj):
    """Whether the person may see ``obj`` at all (its title included)."""
    if obj is None or not _confined(user):
        return True
    if isinstance(obj, Page):
        return pagina_alcanzable(user, obj)
    if _es_medio(obj):
        return colecciones_alcanzables(user, type(obj)).filter(pk=obj.collection_id).exists()
    if isinstance(obj, Collection):
        permitted = list(colecciones_alcanzables(user, apps.get_model("wagtailimages", "Image")))
        permitted += list(colecciones_alcanzables(user, apps.get_model("wagtaildocs", "Document")))
        return any(c.path.startswith(obj.path) or obj.path.startswith(c.path) for c in permitted)
    if isinstance(obj, Revision | WorkflowState):
        return alcanzable(user, obj.content_object)
    if isinstance(obj, TaskState):
        return alcanzable(user, obj.workflow_state)
    label = obj._meta.label
    if label in ("wagtail_localize.Translation", "wagtail_localize.TranslationSource"):
        # A translation is reachable by whoever reaches the source or any of its translations
        # (a region's translators reach only the translated tree).
        source = obj.source if label == "wagtail_localize.Translation" else obj
        try:
            instance = source.get_source_instance()
        except Exception:  # the source object is gone: nothing of it to reveal
            return True
        return any(
            alcanzable(user, version) for version in instance.get_translations(inclusive=True)
        )
    policy = policy_registry.get_by_type(type(obj), fallback=False)
    if isinstance(policy, RegionPermissionPolicy):
        return policy.user_has_any_permission_for_instance(
            user, ("add", "change", "delete", "view"), obj
        )
    return True


# -- The guard on every admin URL ----------------------------------------------------------------


def _views_without_model():
    """Views that declare no model but take objects in ``?id=``: {view class: model}."""
    from wagtail.admin.views.chooser import ChosenMultipleView

    # The page chooser's "chosen" step answers each page's admin title, parent and URL.
    return {ChosenMultipleView: Page}


def _model_of_view(view_func, view_kwargs):
    for app_kwarg, model_kwarg in MODEL_KWARGS:
        if app_kwarg in view_kwargs and model_kwarg in view_kwargs:
            try:
                return apps.get_model(view_kwargs[app_kwarg], view_kwargs[model_kwarg])
            except (LookupError, ValueError):
                return None
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    view_class = getattr(view_func, "view_class", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if not isinstance(model, type) and isinstance(view_class, type):
        model = next(
            (m for cls, m in _views_without_model().items() if issubclass(view_class, cls)), None
        )
    return model if isinstance(model, type) else None


def _lookup(model, pk):
    if model is None:
        return None
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None
    except Exception:  # a malformed key for this model: the view answers for it
        return None


def objetos_de_la_ruta(view_func, view_kwargs):
    """Every object the URL's path arguments name."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    model = _model_of_view(view_func, view_kwargs)
    by_kwarg = {
        "image_id": get_image_model(),
        "document_id": get_document_model(),
        "doc_id": get_document_model(),
        "collection_id": Collection,
        "revision_id": Revision,
        "task_state_id": TaskState,
        "workflow_state_id": WorkflowState,
        **{name: Page for name in PAGE_KWARGS},
    }
    if apps.is_installed("wagtail_localize"):
        by_kwarg["translation_id"] = apps.get_model("wagtail_localize", "Translation")
        by_kwarg["translation_source_id"] = apps.get_model("wagtail_localize", "TranslationSource")
    for name, value in view_kwargs.items():
        if name in by_kwarg:
            yield _lookup(by_kwarg[name], value)
        elif name in ("pk", "object_id"):
            yield _lookup(model, value)


#: wagtail-localize's view that stores a translation's own value for a synchronised field.
EDITAR_OVERRIDE = "wagtail_localize:edit_override"


def modelo_referido(instance, field_path):
    """The model a synchronised value of ``instance`` at ``field_path`` (wagtail-localize's
    path: «imagen_principal», «cuerpo.imagen», an inline's «enlaces.documento»…) refers to,
    or None when it is not a reference (text, a number)."""
    from django.db import models
    from wagtail import blocks
    from wagtail.fields import StreamField

    partes = field_path.split(".")
    try:
        field = instance._meta.get_field(partes[0])
    except Exception:  # a path the model no longer has: nothing to check
        return None
    if isinstance(field, StreamField):
        return _modelo_de_bloque(field.stream_block, partes[1:], blocks)
    if isinstance(field, models.ManyToOneRel) and len(partes) > 1:
        try:
            field = field.related_model._meta.get_field(partes[1])
        except Exception:
            return None
    if isinstance(field, models.ForeignKey):
        return field.related_model
    return None


def _modelo_de_bloque(block, partes, blocks):
    from wagtail.images import get_image_model
    from wagtail.images.blocks import ImageBlock

    while block is not None:
        if isinstance(block, blocks.ChooserBlock):
            model = block.target_model
            return apps.get_model(model) if isinstance(model, str) else model
        if isinstance(block, ImageBlock):
            # The image itself, not its text («alt_text») or its «decorative» switch.
            return None if partes and partes[0] in block.child_blocks else get_image_model()
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
            continue
        if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
            # Item ids of lists and streams come between the block names: skipped.
            while partes and partes[0] not in block.child_blocks:
                partes = partes[1:]
            if not partes:
                return None
            block, partes = block.child_blocks[partes[0]], partes[1:]
            continue
        return None
    return None


def _datos_del_cuerpo(request):
    """The form data of a PUT as the view will read it: Django reads a body into
    ``request.POST`` for POST only, so the body is parsed here by the same Django REST
    framework parsers the view uses (any spelling of the content type they accept). The
    body is read once and stays readable for the view."""
    from django.http import QueryDict
    from rest_framework.exceptions import ParseError, UnsupportedMediaType
    from rest_framework.parsers import FormParser, MultiPartParser
    from rest_framework.request import Request

    _ = request.body  # cached: this parse and the view read the same bytes
    try:
        datos = Request(request, parsers=[FormParser(), MultiPartParser()]).data
    except (ParseError, UnsupportedMediaType):
        return QueryDict()
    return datos if hasattr(datos, "get") else QueryDict()


def referencia_de_override(request, view_kwargs):
    """The object a PUT to wagtail-localize's override view would make the translation refer
    to, when it is a reference other than the source's own value; None otherwise (the view
    answers for a translation or segment that does not exist)."""
    from .formularios import ELEGIBLES_EN_TODA_LA_RED

    Translation = apps.get_model("wagtail_localize", "Translation")
    OverridableSegment = apps.get_model("wagtail_localize", "OverridableSegment")
    translation = Translation.objects.filter(pk=view_kwargs.get("translation_id")).first()
    segment = (
        OverridableSegment.objects.filter(pk=view_kwargs.get("overridable_segment_id"))
        .select_related("context")
        .first()
    )
    if translation is None or segment is None:
        return None
    try:
        instance = translation.source.get_source_instance()
        field_path = segment.context.get_field_path(instance)
    except Exception:  # the source object or its block is gone: the view answers
        return None
    model = modelo_referido(instance, field_path)
    value = _datos_del_cuerpo(request).get("value")
    if model is None or value in (None, "") or str(value) == str(segment.data):
        return None
    obj = _lookup(model, value)
    if obj is None or obj._meta.label in ELEGIBLES_EN_TODA_LA_RED:
        return None
    return obj


class AislamientoRegionalMiddleware:
    """Refuse an admin URL naming an object the person does not reach (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.route.startswith("admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not _confined(user):
            return None
        if match.view_name in SOLO_SUPERUSUARIOS:
            raise PermissionDenied
        if match.view_name in INFORMES_DE_LA_RED and not ve_toda_la_red(user):
            raise PermissionDenied
        for obj in objetos_de_la_ruta(view_func, view_kwargs):
            if not alcanzable(user, obj):
                raise PermissionDenied
        if match.view_name == EDITAR_OVERRIDE and request.method == "PUT":
            if not alcanzable(user, referencia_de_override(request, view_kwargs)):
                raise PermissionDenied
        self.filtrar_ids(request, user, _model_of_view(view_func, view_kwargs))
        return None

    @staticmethod
    def filtrar_ids(request, user, model):
        """``?id=`` lists (bulk actions, choosers' chosen-multiple) keep only the objects the
        person reaches; "all" is left to the views, whose listings are scoped."""
        ids = request.GET.getlist("id")
        if model is None or not ids:
            return
        kept = [value for value in ids if value == "all" or alcanzable(user, _lookup(model, value))]
        if kept != ids:
            query = request.GET.copy()
            query.setlist("id", kept)
            request.GET = query
            request.META["QUERY_STRING"] = query.urlencode()
