"""Model changes → outbox. Pages on publish, unpublish, move and delete; plugin records
on save and delete. Index work is never done inline: the outbox row is committed with the
change and a task applies it."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import IndexOutbox

DISPATCH = "snt_search"


def _enqueue(obj, accion=IndexOutbox.Accion.UPSERT):
    from .indexer import enqueue

    return enqueue(obj, accion)


def page_changed(sender, instance, **kwargs):
    _enqueue(instance)


def page_moved(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance, inclusive=True).live():
        _enqueue(page)


def page_deleted(sender, instance, **kwargs):
    _enqueue(instance, IndexOutbox.Accion.DELETE)


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _enqueue(instance)


def record_deleted(sender, instance, **kwargs):
    _enqueue(instance, IndexOutbox.Accion.DELETE)


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


def connect():
    from .registry import declared_documents

    page_published.connect(page_changed, dispatch_uid=f"{DISPATCH}_published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{DISPATCH}_unpublished")
    post_page_move.connect(page_moved, dispatch_uid=f"{DISPATCH}_moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{DISPATCH}_page_deleted")
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
