"""Search documents: what content types and plugins declare to be indexed.

A document class names a model, the records of it that are public, and how one record
becomes an indexed document. The search layer indexes every declared document; a plugin
indexes new content by declaring documents only.
"""


class SearchDocument:
    #: The kind shown to citizens (noticia, organismo, convenio…).
    kind = ""
    #: The model whose records become documents.
    model = None
    #: Lookup from a record to its region (used for per-region plugin switches).
    region_lookup = "region"

    def get_queryset(self):
        """Public records only. Override to exclude drafts or non-public states."""
        return self.model._default_manager.all()

    def to_document(self, obj):
        """A dict with title, summary, body, kind, region, url, date…"""
        raise NotImplementedError

    def documents_for_indexing(self, excluded_region_ids=()):
        queryset = self.get_queryset()
        if excluded_region_ids:
            queryset = queryset.exclude(**{f"{self.region_lookup}__in": excluded_region_ids})
        for obj in queryset:
            yield self.to_document(obj)
