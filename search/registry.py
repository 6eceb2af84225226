"""Every search document declared by content types and plugins."""

from cms.plugins import disabled_region_ids, search_documents


def declared_documents():
    """(source label, document class): plugins' documents, as the contract declares them."""
    return list(search_documents())


def indexable_documents():
    """Documents ready for the engine, leaving out regions where a plugin is switched off."""
    for label, document_class in declared_documents():
        document = document_class()
        excluded = disabled_region_ids(label)
        for doc in document.documents_for_indexing(excluded_region_ids=excluded):
            yield {"source": label, "kind": document.kind, **doc}
