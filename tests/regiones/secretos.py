"""Secret content in a region: pages, media, records and workflow objects whose titles carry a
marker only that region's people may ever see.

``sembrar(region)`` plants one of each kind in a region and returns them keyed by what an admin
URL names them by (``page_id``, ``image_id``, a model label, ...). The region-scoped records
are built generically from every model registered with a :class:`RegionPermissionPolicy`, so a
new plugin's records are planted without touching this file.
"""

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowPage,
    WorkflowState,
)
from wagtail.permissions import policy_registry

from cms.models import PaginaBasica
from cms.permissions import RegionPermissionPolicy

#: What every marker starts with (the crawl searches for it).
PREFIJO = "sigilo"

CODIGOS = {
    "nacional": "nac",
    "centro": "cen",
    "centro-occidente": "cco",
    "norte": "nor",
    "sureste": "sur",
}


def marca(slug):
    """The region's secret marker: lowercase ASCII, no marker contains another."""
    return f"{PREFIJO}{CODIGOS[slug]}q"


def region_scoped_models():
    from django.apps import apps

    for model in apps.get_models():
        policy = policy_registry.get_by_type(model, fallback=False)
        if isinstance(policy, RegionPermissionPolicy):
            yield model, policy


#: Choice values that make a record shared by the whole network by design.
COMPARTIDOS = {"federal", "nacional"}

_contador = itertools.count()


def _valor(field, texto, region, creados):
    """A value for a required field of a record planted in ``region``."""
    if field.choices:
        # Not a value that makes a record network-wide (a federal outlet is everyone's).
        values = [value for value, _label in field.choices if value not in COMPARTIDOS]
        return values[0]
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        return _registro(field.related_model, region, creados)
    if isinstance(field, models.URLField):
        return f"https://{texto}.example.org/"
    if isinstance(field, models.EmailField):
        return f"{texto}@example.org"
    if isinstance(field, models.SlugField):
        return f"{texto}-{next(_contador)}"[: field.max_length]
    if isinstance(field, models.CharField | models.TextField):
        value = f"{texto} {field.name} {next(_contador)}"
        return value[: field.max_length] if field.max_length else value
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate() + datetime.timedelta(days=30)
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.JSONField):
        return {}
    raise NotImplementedError(f"{field.model.__name__}.{field.name}")


def campo_region(model):
    """The foreign key to the region of a model outside region scoping whose records still
    belong to one region (a proposal to the network, a region's language), or None."""
    from regiones.models import Region

    return next(
        (
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is Region
        ),
        None,
    )


def _registro(model, region, creados, propio=False):
    """A record of ``model`` in ``region`` (created with the marker in every text field), or,
    for models outside region scoping (unless ``propio``), any existing record."""
    from regiones.models import Region

    if model is Region:
        return region
    if model in creados:
        return creados[model]
    policy = policy_registry.get_by_type(model, fallback=False)
    scoped = propio or isinstance(policy, RegionPermissionPolicy)
    if not scoped:
        existing = model._default_manager.order_by("pk").first()
        if existing is not None:
            return existing
    # Shared records (the whole network's) carry no marker: anyone may see them.
    texto = f"{marca(region.slug) if scoped else 'comun'} {model._meta.model_name}"
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default():
            continue
        if field.blank and not field.is_relation:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                values[field.name] = _valor(field, texto, region, creados)
            continue
        values[field.name] = _valor(field, texto, region, creados)
    # Check constraints may want one optional field set (e.g. exactly one frequency): try
    # the required fields alone, then with each optional plain field in turn.
    optional = [
        f
        for f in model._meta.concrete_fields
        if f.null and not f.is_relation and not f.primary_key and f.name not in values
    ]
    for extra in [None, *optional]:
        attempt = dict(values)
        if extra is not None:
            attempt[extra.name] = _valor(extra, texto, region, creados)
        try:
            with transaction.atomic():
                creados[model] = model._default_manager.create(**attempt)
            return creados[model]
        except IntegrityError:
            continue
    raise AssertionError(f"no se pudo sembrar {model._meta.label}")


def objeto_de(model, region, creados):
    """An object of ``model`` for ``region``, for an admin URL that names one: a draft page of
    that type with the region's marker under the first page of the region that may hold it
    (None where there is none), a record of the region with its marker, or a network-wide
    record (any existing one, or one created without marker)."""
    if issubclass(model, Page):
        padres = model.allowed_parent_page_models()
        home = region.site.root_page
        padre = next(
            (
                p
                for p in home.get_descendants(inclusive=True).specific()
                if isinstance(p, tuple(padres))
            ),
            None,
        )
        if padre is None:
            return None
        m = marca(region.slug)
        page = model(title=f"{m} {model._meta.model_name}", slug=f"{m}-{model._meta.model_name}")
        for field in model._meta.concrete_fields:
            if field.name in ("title", "slug") or field.null or field.has_default():
                continue
            if field.model is model and not field.is_relation and not field.blank:
                setattr(page, field.name, _valor(field, m, region, creados))
        page.live = False
        padre.add_child(instance=page)
        page.save_revision()
        return page
    if campo := campo_region(model):
        existing = model._default_manager.filter(**{campo: region}).order_by("pk").first()
        return existing or _registro(model, region, creados, propio=True)
    return _registro(model, region, creados)


def _pagina(parent, titulo, slug, publicar):
    page = PaginaBasica(title=titulo, slug=slug, live=publicar)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publicar:
        revision.publish()
    page.refresh_from_db()
    return page


def sembrar(region, autor):
    """Plant the region's secrets; ``autor`` is one of the region's people."""
    m = marca(region.slug)
    home = region.site.root_page.specific
    # A live page, private, whose newest revision (unpublished, in moderation) has a new title.
    page = _pagina(home, f"{m} publicada", f"{m}-publicada", publicar=True)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    page.title = f"{m} revision"
    revision = page.save_revision(user=autor)
    workflow = WorkflowPage.objects.get(page=home).workflow
    workflow_state = workflow.start(page, autor)
    task_state = workflow_state.current_task_state
    draft = _pagina(page, f"{m} borrador", f"{m}-borrador", publicar=False)

    from wagtail_localize.models import StringSegment, Translation
    from wagtail_localize.operations import translate_object

    english = Locale.objects.get(language_code="en")
    translate_object(draft, [english], user=autor)
    translation = Translation.objects.filter(
        source__object_id=draft.translation_key, target_locale=english
    ).get()

    collection = region.coleccion
    image = get_image_model().objects.create(
        title=f"{m} imagen", file=get_test_image_file(), collection=collection
    )
    document = get_document_model().objects.create(
        title=f"{m} documento",
        file=SimpleUploadedFile(f"{m}.pdf", b"%PDF-1.4 " + m.encode()),
        collection=collection,
    )

    creados = {}
    for model, _policy in region_scoped_models():
        _registro(model, region, creados)

    from wagtail.models import GroupApprovalTask

    secrets = {
        "page": page,
        "draft": draft,
        "draft_revision": draft.latest_revision,
        "revision": revision,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "task": GroupApprovalTask.objects.get(pk=task_state.task_id),
        "workflow": workflow,
        "collection": collection,
        "translation": translation,
        "translation_source": translation.source,
        "string_segment": StringSegment.objects.filter(source=translation.source).first(),
        "image": image,
        "document": document,
        "site": region.site,
        "records": creados,
    }
    return secrets


def intactos(secrets):
    """Problems found with planted secrets after an attack (deleted, renamed, published...)."""
    problems = []
    page = Page.objects.filter(pk=secrets["page"].pk).first()
    if page is None:
        return [f"página {secrets['page'].pk} borrada"]
    if not page.title.endswith("publicada") or not page.live:
        problems.append(f"página {page.pk} cambió: {page.title!r} live={page.live}")
    if not PageViewRestriction.objects.filter(page=page).exists():
        problems.append(f"página {page.pk} dejó de ser privada")
    if not Revision.objects.filter(pk=secrets["revision"].pk).exists():
        problems.append("revisión borrada")
    draft = Page.objects.filter(pk=secrets["draft"].pk).first()
    if draft is None or draft.live:
        problems.append(f"borrador {secrets['draft'].pk} borrado o publicado")
    state = WorkflowState.objects.get(pk=secrets["workflow_state"].pk)
    if state.status != WorkflowState.STATUS_IN_PROGRESS:
        problems.append(f"flujo de moderación {state.pk} terminado: {state.status}")
    task_state = TaskState.objects.get(pk=secrets["task_state"].pk)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        problems.append(f"tarea {task_state.pk} resuelta: {task_state.status}")
    for key in ("image", "document"):
        obj = secrets[key]
        if not type(obj).objects.filter(pk=obj.pk, title=obj.title).exists():
            problems.append(f"{key} {obj.pk} borrado o cambiado")
    for model, record in [*secrets["records"].items(), *secrets.get("otros", {}).items()]:
        if not model._default_manager.filter(pk=record.pk).exists():
            problems.append(f"{model._meta.label} {record.pk} borrado")
    return problems
