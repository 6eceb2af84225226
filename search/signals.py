"""Model changes → outbox. Every change that can make something public or not queues
index work: pages on publish, unpublish, move and delete; a view restriction added,
changed or removed (the page and its whole subtree); a plugin switched on or off in a
region (its records and page types there); a language switched on or off for a region
(that language's tree); plugin records on save and delete; a plugin retired (what the
index holds of it is deleted at once). Index work is never done
inline: the outbox row is committed with the change and a task applies it."""

import logging

from django.apps import apps
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import IndexOutbox

DISPATCH = "snt_search"
logger = logging.getLogger(__name__)


def _enqueue(obj, accion=IndexOutbox.Accion.UPSERT):
    from .indexer import enqueue

    return enqueue(obj, accion)


def _enqueue_pages(pages):
    from .indexer import enqueue_many
    from .registry import documents

    label, document = next((lbl, doc) for lbl, doc in documents() if doc.model is Page)
    return enqueue_many(label, document, pages.order_by("path"))


def page_changed(sender, instance, **kwargs):
    _enqueue(instance)


def alias_created(sender, instance, created=False, raw=False, **kwargs):
    """An alias («Crear alias», a synchronised language tree) is created live, without a
    publication of its own: it is indexed like a published page."""
    if created and not raw and isinstance(instance, Page) and instance.alias_of_id:
        _enqueue(instance)


def page_moved(sender, instance, **kwargs):
    # Every descendant, live or not: a move into a restricted section hides them all.
    _enqueue_pages(Page.objects.descendant_of(instance, inclusive=True))


def page_deleted(sender, instance, **kwargs):
    _enqueue(instance, IndexOutbox.Accion.DELETE)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A password, login or group restriction added, changed or removed."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        # The aliases of those pages too: they show their sources' content (cms.visibilidad).
        protegidas = Page.objects.descendant_of(page, inclusive=True)
        _enqueue_pages(Page.objects.filter(Q(pk__in=protegidas) | Q(alias_of__in=protegidas)))


def plugin_switched(sender, instance, raw=False, **kwargs):
    """A plugin switched on or off in one region: its records and pages there."""
    from .indexer import enqueue_many
    from .registry import documents

    if raw:
        return
    for label, document in documents():
        if label == instance.complemento and document.region_lookup and document.model:
            records = document.model._default_manager.filter(
                **{document.region_lookup: instance.region_id}
            ).order_by("pk")
            enqueue_many(label, document, records)
    page_types = [
        m for m in apps.get_models()
        if issubclass(m, Page) and getattr(m, "plugin_label", None) == instance.complemento
    ]  # fmt: skip
    if page_types:
        _enqueue_pages(instance.region.paginas().type(*page_types))


def language_switched(sender, instance, raw=False, **kwargs):
    """A language switched on or off for a region's site: that language's pages there."""
    if raw:
        return
    _enqueue_pages(instance.region.paginas().filter(locale_id=instance.locale_id))


def _enqueue_dependents(instance):
    from .registry import document_for

    _source, document = document_for(instance)
    for other in document.dependents(instance) if document is not None else ():
        _enqueue(other)


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _enqueue(instance)
        _enqueue_dependents(instance)


def record_deleted(sender, instance, **kwargs):
    _enqueue(instance, IndexOutbox.Accion.DELETE)
    _enqueue_dependents(instance)


def related_changed(lookup):
    """A change to a related record (an account of an institution) reindexes its owner."""

    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        owner = instance
        for part in lookup.split("__"):
            owner = getattr(owner, part, None)
        if owner is not None:
            _enqueue(owner)

    return receiver


_related_receivers = []


def plugin_retired(sender, label, **kwargs):
    """``manage.py retire_plugin``: apply the index work the retirement queued, then delete
    what the engine still holds for the plugin. Returns how many documents were deleted, or
    None when the engine does not answer (the outbox keeps the work)."""
    from .engine import get_engine
    from .indexer import alias_name, process_outbox

    engine = get_engine()
    if not engine.available:
        return None
    # By id: the engines' test distributions lack delete_by_query (the reindex module).
    query = {"query": {"term": {"plugin": label}}, "_source": False, "size": 500}
    deleted = 0
    try:
        process_outbox(engine)
        while True:
            engine.client.indices.refresh(index=alias_name())
            hits = engine.client.search(index=alias_name(), body=query)["hits"]["hits"]
            if not hits:
                return deleted
            for hit in hits:
                engine.client.delete(index=alias_name(), id=hit["_id"])
                deleted += 1
    except Exception:
        logger.exception("No se pudieron retirar del índice los documentos de %s.", label)
        return None


def connect():
    from cms.plugins import plugin_retired as plugin_retired_signal
    from regiones.models import ComplementoRegion, IdiomaRegion

    from .registry import declared_documents

    page_published.connect(page_changed, dispatch_uid=f"{DISPATCH}_published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{DISPATCH}_unpublished")
    post_page_move.connect(page_moved, dispatch_uid=f"{DISPATCH}_moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{DISPATCH}_page_deleted")
    # Any page class (post_save names the specific one); only new aliases act.
    post_save.connect(alias_created, dispatch_uid=f"{DISPATCH}_alias_created")
    plugin_retired_signal.connect(plugin_retired, dispatch_uid=f"{DISPATCH}_plugin_retired")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{DISPATCH}_restriction_{name}",
        )
        signal.connect(
            plugin_switched, sender=ComplementoRegion, dispatch_uid=f"{DISPATCH}_plugin_{name}"
        )
        signal.connect(
            language_switched, sender=IdiomaRegion, dispatch_uid=f"{DISPATCH}_language_{name}"
        )
    for label, document_class in declared_documents():
        model = document_class.model
        if model is None or issubclass(model, Page):
            continue
        uid = f"{DISPATCH}_{label}_{model._meta.label_lower}"
        post_save.connect(record_saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(record_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
        for related_label, lookup in getattr(document_class, "related_models", {}).items():
            related = apps.get_model(related_label)
            receiver = related_changed(lookup)
            _related_receivers.append(receiver)  # signals hold weak references
            rel_uid = f"{uid}_{related._meta.label_lower}"
            post_save.connect(receiver, sender=related, dispatch_uid=f"{rel_uid}_saved")
            post_delete.connect(receiver, sender=related, dispatch_uid=f"{rel_uid}_deleted")
