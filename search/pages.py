"""Every live, public page of every site tree is a search document.

Page types need not declare anything: the document is built from the page's own
``search_fields`` (Wagtail's declarations). A page type may refine it with
``search_kind`` (the kind citizens see), ``search_date()`` (its own date: a news item's,
an event's start), ``search_status()`` (an open call, a past event), ``search_listing``
(a listing, ranked below what it lists) and ``search_exclude``.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search import index

from cms.visibilidad import paginas_publicas
from regiones.models import Region

from .documents import SearchDocument


def regions_by_home_path():
    """{home path in every language: region}: a translated page has its region too."""
    return Region.rutas_de_inicio()


def searchable_text(page):
    """Text of the page's SearchFields (StreamFields included), without the title."""
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        try:
            definition = page._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            definition = None
        value = getattr(page, field.field_name, None)
        if callable(value):
            value = value()
        if value in (None, ""):
            continue
        if definition is not None and hasattr(definition, "get_searchable_content"):
            parts.extend(str(v) for v in definition.get_searchable_content(value))
        else:
            parts.append(str(value))
    return "\n".join(p for p in parts if p)


def paginas_especificas(pages):
    """The pages as their specific models, in the same order, with what their search
    documents read (locale, topics, institutions) fetched per page type, not per page."""
    por_modelo = {}
    for page in pages:
        por_modelo.setdefault(page.specific_class or Page, []).append(page.pk)
    especificas = {}
    for modelo, pks in por_modelo.items():
        queryset = modelo.objects.filter(pk__in=pks).select_related("locale")
        relaciones = [r for r in ("temas", "organismos") if hasattr(modelo, r)]
        if relaciones:
            queryset = queryset.prefetch_related(*relaciones)
        especificas.update((p.pk, p) for p in queryset)
    return [especificas[p.pk] for p in pages if p.pk in especificas]


class PageDocument(SearchDocument):
    kind = "pagina"
    model = Page
    region_lookup = None

    def get_queryset(self):
        return paginas_publicas(Page.objects.filter(depth__gt=2)).specific()

    def public_queryset(self):
        return self.get_queryset()

    def handles(self, obj):
        return isinstance(obj, Page)

    def document_id(self, obj):
        return f"page:{obj.pk}"

    def is_public(self, obj):
        if getattr(obj.specific, "search_exclude", False):
            return False
        return paginas_publicas(Page.objects.filter(pk=obj.pk, depth__gt=2)).exists()

    def hidden_ids(self):
        """Pages published once and unpublished since: the other ways a page stops being
        public (a restricted section, a language its site does not offer, a plugin switched
        off, an expiry, an alias's source) are filtered at query time by what the index
        stores (search.visibility); drafts never published were never indexed. Most recent
        first (search.visibility.MAX_HIDDEN)."""
        once_public = (
            Q(last_published_at__isnull=False)
            | Q(first_published_at__isnull=False)
            | Q(alias_of__isnull=False)  # created live, unpublished with its source
        )
        pages = Page.objects.filter(once_public, depth__gt=2, live=False)
        pks = pages.order_by(F("last_published_at").desc(nulls_last=True), "-pk")
        pks = pks.values_list("pk", flat=True)
        return [f"page:{pk}" for pk in pks]

    def kind_of(self, page):
        return str(getattr(page, "search_kind", None) or slugify(str(page._meta.verbose_name)))

    def documents_for_indexing(self, excluded_region_ids=()):
        regions = regions_by_home_path()
        for page in self.get_queryset().iterator(chunk_size=200):
            if getattr(page, "search_exclude", False):
                continue
            yield self.build(page, regions=regions)

    def build(self, obj, regions=None):
        doc = self.to_document(obj, regions=regions)
        doc["kind"] = self.kind_of(obj)
        doc["id"] = self.document_id(obj)
        return doc

    def to_document(self, page, regions=None):
        page = page.specific
        regions = regions if regions is not None else regions_by_home_path()
        region = Region.region_de_ruta(page.path, regions)
        date = page.search_date() if hasattr(page, "search_date") else None
        status = page.search_status() if hasattr(page, "search_status") else ""
        topics = []
        if hasattr(page, "temas"):
            topics = [tag.name for tag in page.temas.all()]
        organismos = []
        if hasattr(page, "organismos"):
            organismos = [o.siglas or o.nombre for o in page.organismos.all()]
        summary = (
            getattr(page, "entrada", "")
            or getattr(page, "introduccion", "")
            or page.search_description
        )
        return {
            "title": page.title,
            "summary": summary,
            # The kind in words ("Historia de éxito") so people can search for it.
            "body": f"{searchable_text(page)}\n{page._meta.verbose_name}",
            "region": region.slug if region else "",
            "site": region.site.hostname if region else "",
            "url": page.full_url or "",
            "date": date or page.first_published_at or page.last_published_at,
            "estado": status,
            "listado": bool(getattr(page, "search_listing", False)),
            "topics": topics,
            "organismos": organismos,
            "locale": page.locale.language_code if page.locale_id else "es-mx",
            # What query time filters on again (cms.visibilidad.ocultos). An alias shows its
            # source's content: a restriction over either place hides it.
            "path": [page.path, page.alias_of.path] if page.alias_of_id else page.path,
            "plugin": getattr(page, "plugin_label", None) or "",
            "expires": page.expire_at,
        }
