"""Search documents: what content types and plugins declare to be indexed.

A document class names a model, the records of it that are public, and how one record
becomes an indexed document. The search layer indexes every declared document; a plugin
indexes new content by declaring documents only (``Plugin.search_documents``).

``to_document`` returns a dict with any of: title, summary, body, region (slug),
url, date (date or datetime), topics (list), organismos (list of acronyms),
locale, popularity (float), estado (a state citizens search by: abierta, proximo…),
palabras (what people call the record besides its name and kind), aviso (one line every
result of the record shows, whatever the snippet: «Hoy: …» for an institution that no
longer answers), atiende (keys of the states and rights an institution answers for
today, ``regiones.hoy.clave_atencion``).

Whether a record is public is decided by ``cms.visibilidad``: the declared queryset (a
public state, an active account) and the plugin switched on in the record's region.
"""

from cms.visibilidad import en_regiones_activas


class SearchDocument:
    #: The kind shown to citizens (noticia, organismo, convenio…).
    kind = ""
    #: How citizens read the kind (facets, results): «Medio público» for ``medio``.
    kind_label = ""
    #: Other words people search the kind by ("medio oficial medios de comunicación").
    kind_words = ""
    #: Weight of the kind in the ranking (1 when unset; see ``search.tipos``).
    kind_weight = None
    #: The model whose records become documents.
    model = None
    #: Lookup from a record to its region (used for per-region plugin switches); None for
    #: records that belong to the whole network.
    region_lookup = "region"
    #: Related models whose changes reindex the record: {"app.Model": "lookup_to_record"}.
    related_models = {}

    #: The plugin (or "cms") that declares the document; found in the registry when unset.
    label = None

    def source_label(self):
        if self.label is None:
            from .registry import declared_documents

            self.label = next(
                (label for label, cls in declared_documents() if cls is type(self)), ""
            )
        return self.label

    def get_queryset(self):
        """Public records only. Override to exclude drafts or non-public states."""
        return self.model._default_manager.all()

    def to_document(self, obj):
        raise NotImplementedError

    def dependents(self, obj):
        """Other records whose documents read this one's data (an institution's successor
        names it): a change to it reindexes them too."""
        return []

    def handles(self, obj):
        return self.model is not None and isinstance(obj, self.model)

    def document_id(self, obj):
        return f"{obj._meta.label_lower}:{obj.pk}"

    def kind_of(self, obj):
        return self.kind

    def public_queryset(self):
        """The records citizens may see: what every public output of search reads."""
        return en_regiones_activas(self.get_queryset(), self.source_label(), self.region_lookup)

    def is_public(self, obj):
        return self.public_queryset().filter(pk=obj.pk).exists()

    def hidden_ids(self):
        """Index ids of this kind's records outside its public queryset now (a state, an
        account): every query leaves them out too (search.visibility), whatever the index
        still holds while its work is pending. A region where the plugin is off is filtered
        by region already. Most recent first (search.visibility.MAX_HIDDEN)."""
        if self.model is None:
            return []
        public = self.get_queryset().values("pk")
        hidden = self.model._default_manager.exclude(pk__in=public).order_by("-pk").only("pk")
        return [self.document_id(obj) for obj in hidden.iterator(chunk_size=500)]

    def documents_for_indexing(self, excluded_region_ids=()):
        queryset = self.public_queryset()
        if excluded_region_ids and self.region_lookup:
            queryset = queryset.exclude(**{f"{self.region_lookup}__in": excluded_region_ids})
        for obj in queryset.iterator(chunk_size=500):
            yield self.build(obj)

    def build(self, obj):
        doc = dict(self.to_document(obj))
        doc.setdefault("kind", self.kind_of(obj))
        doc["id"] = self.document_id(obj)
        doc.setdefault("plugin", "" if self.source_label() == "cms" else self.source_label())
        return doc
