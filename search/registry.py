"""Every search document: core pages, and what plugins declare through the contract."""

from django.utils.module_loading import import_string

from cms.plugins import search_documents

CORE_DOCUMENTS = [("cms", "search.pages.PageDocument")]


def declared_documents():
    """(source label, document class) for pages and every installed plugin."""
    core = [(label, import_string(path)) for label, path in CORE_DOCUMENTS]
    return core + list(search_documents())


def documents():
    """(source label, document instance) for every declared document."""
    for label, document_class in declared_documents():
        document = document_class()
        document.label = label
        yield label, document


def document_for(obj):
    """(source label, document instance) that handles this record, or (None, None)."""
    for label, document in documents():
        if document.handles(obj):
            return label, document
    return None, None


def indexable_documents():
    """Documents ready for the engine: only what ``cms.visibilidad`` says is public."""
    for label, document in documents():
        for doc in document.documents_for_indexing():
            yield {"source": label, **doc}
