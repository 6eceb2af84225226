"""Every search document: core pages, and what plugins declare through the contract."""

from django.utils.module_loading import import_string

from cms.plugins import disabled_region_ids, search_documents

CORE_DOCUMENTS = [("cms", "search.pages.PageDocument")]


def declared_documents():
    """(source label, document class) for pages and every installed plugin."""
    core = [(label, import_string(path)) for label, path in CORE_DOCUMENTS]
    return core + list(search_documents())


def document_for(obj):
    """(source label, document instance) that handles this record, or (None, None)."""
    for label, document_class in declared_documents():
        document = document_class()
        if document.handles(obj):
            return label, document
    return None, None


def indexable_documents():
    """Documents ready for the engine, leaving out regions where a plugin is switched off."""
    for label, document_class in declared_documents():
        document = document_class()
        excluded = disabled_region_ids(label) if document.region_lookup else ()
        for doc in document.documents_for_indexing(excluded_region_ids=excluded):
            yield {"source": label, **doc}
