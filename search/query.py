"""Citizen search: one query over every region's pages and plugin records.

Queries are built with the DSL (multi_match and friends); a user's text is never parsed
as a query-string syntax. When the engine is down, the database answers.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings

from .analysis import CORE, fold
from .engine import get_engine
from .indexer import alias_name, current_profile

logger = logging.getLogger(__name__)

FACETS = {"region": "region", "tipo": "kind", "organismo": "organismos", "tema": "topics",
          "anio": "year"}  # fmt: skip
SORTS = {"relevancia", "fecha"}
PAGE_SIZE = 10
MAX_PAGE = 100
MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
RESCORE_WINDOW = 100


class BadSearchRequest(ValueError):
    """A request the search cannot answer; the message is for citizens."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevancia"
    page: int = 1
    region: str = ""
    site_id: int | None = None
    locale: str = ""
    size: int = PAGE_SIZE


def clean_query(text):
    """Printable text only, single spaces, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(text or ""))
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip()


def has_words(text):
    return bool(re.search(r"\w", text))


def parse_request(params, region="", site_id=None, locale=""):
    """Validate GET parameters. Raises BadSearchRequest with a Spanish message.

    The visitor's language (``idioma``, else the active one) filters the results;
    ``idiomas=todos`` widens the search to every language.
    """
    from django.conf import settings

    requested = (params.get("idioma") or locale or settings.LANGUAGE_CODE).lower()
    if requested not in {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}:
        raise BadSearchRequest("Ese idioma no está disponible en la búsqueda.")
    locale = requested
    raw_page = params.get("pagina", params.get("page", "1")) or "1"
    try:
        page = int(raw_page)
    except (TypeError, ValueError):
        raise BadSearchRequest("El número de página debe ser un número entero.") from None
    if page < 1:
        raise BadSearchRequest("El número de página debe ser 1 o mayor.")
    if page > MAX_PAGE:
        raise BadSearchRequest(f"Solo se muestran las primeras {MAX_PAGE} páginas de resultados.")
    sort = params.get("orden", "relevancia") or "relevancia"
    if sort not in SORTS:
        raise BadSearchRequest("El orden debe ser «relevancia» o «fecha».")
    filters = {}
    for name in FACETS:
        values = (
            [clean_query(v) for v in params.getlist(name)]
            if hasattr(params, "getlist")
            else [clean_query(params.get(name, ""))]
        )
        values = [v for v in values if v][:MAX_FILTER_VALUES]
        if values:
            filters[name] = values
    return SearchRequest(
        q=clean_query(params.get("q", "")),
        filters=filters,
        sort=sort,
        page=page,
        region=region,
        site_id=site_id,
        locale="" if params.get("idiomas") == "todos" else locale,
    )


@dataclass
class SearchResult:
    total: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    promoted: list = field(default_factory=list)
    engine: str = ""
    fallback: bool = False
    notice: str = ""
    page: int = 1
    pages: int = 0


def _filter_clauses(engine, filters, exclude=None):
    return [
        engine.Q("terms", **{FACETS[name]: values})
        for name, values in filters.items()
        if name != exclude
    ]


def _text_query(engine, q, profile, relaxed=False, locale=""):
    """Every word must match (stemmed, folded, with synonyms); a phrase in the title and
    an acronym of an institution count most; a misspelt word still matches, weakly."""
    if profile == CORE:
        q = fold(q)
        fields, plain, phrase_field = ["title^4", "summary^2", "body"], ["title^2", "body"], "title"
    else:
        # Spanish analysis for Spanish, English for English, plain folding for the rest.
        suffix = {"es": "", "en": ".en"}.get(locale[:2] if locale else "es", ".plano")
        fields = [f"title{suffix}^4", f"summary{suffix}^2", f"body{suffix}"]
        plain = ["title.plano^2", "summary.plano", "body.plano"]
        phrase_field = "title.plano"
    operator = {"minimum_should_match": "1<-1"} if relaxed else {"operator": "and"}
    should = [
        engine.Q("multi_match", query=q, fields=fields, **operator),
        engine.Q("match_phrase", **{phrase_field: {"query": q, "boost": 4}}),
        engine.Q("terms", organismos=[q.upper()], boost=5),
    ]
    if relaxed:
        # Fuzzy matching is costly on a large index: only when the exact words found nothing.
        should.append(engine.Q(
            "multi_match", query=q, fields=plain, operator="and", fuzziness="AUTO",
            prefix_length=2, boost=0.2,
        ))  # fmt: skip
    return engine.Q("bool", should=should, minimum_should_match=1)


def build_search(engine, request, profile, with_suggestion=False, relaxed=False):
    s = engine.search(alias_name())
    base_filters = []
    if request.locale:
        base_filters.append(engine.Q("term", locale=request.locale))
    if has_words(request.q):
        query = _text_query(engine, request.q, profile, relaxed=relaxed, locale=request.locale)
        if base_filters:
            query = engine.Q("bool", must=[query], filter=base_filters)
        s = s.query(query)
    else:
        s = s.query(
            engine.Q("bool", filter=base_filters) if base_filters else engine.Q("match_all")
        )
    post = _filter_clauses(engine, request.filters)
    if post:
        s = s.post_filter(engine.Q("bool", filter=post))
    for name, field_name in FACETS.items():
        others = _filter_clauses(engine, request.filters, exclude=name)
        terms = engine.A(
            "terms",
            field=field_name,
            size=30,
            order={"_key": "desc"} if name == "anio" else {"_count": "desc"},
        )
        agg = engine.A(
            "filter", filter=engine.Q("bool", filter=others) if others else engine.Q("match_all")
        )
        agg.bucket("valores", terms)
        s.aggs.bucket(name, agg)
    if request.sort == "fecha" or not has_words(request.q):
        s = s.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        # Recency of news and popularity reorder only the best matches (a rescore window),
        # so a common word over a large index does not score every document twice.
        s = s.extra(rescore={"window_size": RESCORE_WINDOW, "query": {
            "rescore_query": {"function_score": {
                "query": {"match_all": {}},
                "functions": [
                    {"weight": 1},
                    {"filter": {"term": {"kind": "noticia"}},
                     "gauss": {"date": {"origin": "now", "scale": "120d", "decay": 0.5}},
                     "weight": 1.5},
                    {"field_value_factor": {"field": "popularity", "modifier": "log1p",
                                            "missing": 0}},
                ],
                "score_mode": "sum", "boost_mode": "replace",
            }},
            "query_weight": 1, "rescore_query_weight": 1, "score_mode": "multiply",
        }})  # fmt: skip
    s = s.highlight_options(
        encoder="html",
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        fragment_size=160,
        number_of_fragments=1,
    )
    s = s.highlight("body", "summary", "title")
    if has_words(request.q) and with_suggestion:
        s = s.suggest(
            "correccion",
            fold(request.q),
            term={"field": "suggest_text", "suggest_mode": "popular", "min_word_length": 3},
        )
    start = (request.page - 1) * request.size
    return s[start : start + request.size]


def _suggestion(response, q):
    suggest = getattr(response, "suggest", None)
    if not suggest or "correccion" not in suggest:
        return ""
    words, changed = [], False
    for entry in suggest["correccion"]:
        options = entry["options"]
        if options:
            words.append(options[0]["text"])
            changed = True
        else:
            words.append(entry["text"])
    return " ".join(words) if changed and fold(" ".join(words)) != fold(q) else ""


def _result_from_hit(hit):
    source = hit.to_dict()
    display = source.get("display") or {}
    highlight = getattr(hit.meta, "highlight", None)
    snippet = ""
    if highlight:
        for name in ("body", "summary", "title"):
            if name in highlight:
                snippet = highlight[name][0]
                break
    return {
        "id": source.get("id"),
        "title": display.get("title") or source.get("title"),
        "summary": display.get("summary", ""),
        "kind": source.get("kind"),
        "region": source.get("region"),
        "url": source.get("url"),
        "date": source.get("date"),
        "snippet": snippet,
    }


def search(request, engine=None):
    engine = engine or get_engine()
    if not engine.available:
        return database_search(request, notice="")
    try:
        profile = current_profile(engine, cached=True)
        if profile is None:
            return database_search(request, notice="El índice de búsqueda aún no está listo.")
        response = build_search(engine, request, profile).execute()
        suggestion, notice = "", ""
        total = response.hits.total.value
        if total == 0:
            # No document has every word: show those that have most of them, and say so.
            response = build_search(engine, request, profile, relaxed=True).execute()
            total = response.hits.total.value
            if total:
                notice = (
                    "Ningún resultado contiene todas las palabras; mostramos los más parecidos."
                )
        if total < 3 and has_words(request.q):
            # Few or no results: ask again with the spelling suggester ("¿Quisiste decir…?").
            suggested = build_search(engine, request, profile, with_suggestion=True)[:0]
            suggestion = _suggestion(suggested.execute(), request.q)
    except Exception as exc:
        logger.warning("Búsqueda en el motor falló (%s); se usa la base de datos.", exc)
        return database_search(
            request,
            notice="La búsqueda avanzada no está disponible por ahora: estos resultados "
            "vienen de una búsqueda más sencilla.",
        )
    facets = {}
    for name in FACETS:
        buckets = response.aggregations[name]["valores"]["buckets"]
        selected = set(request.filters.get(name, []))
        facets[name] = [
            {"value": b["key"], "count": b["doc_count"], "selected": b["key"] in selected}
            for b in buckets
        ]
        for value in selected - {b["value"] for b in facets[name]}:
            facets[name].append({"value": value, "count": 0, "selected": True})
    return SearchResult(
        total=total,
        results=[_result_from_hit(hit) for hit in response],
        facets=facets,
        suggestion=suggestion,
        notice=notice,
        promoted=promoted_for(request),
        engine=engine.kind,
        page=request.page,
        pages=min(MAX_PAGE, -(-total // request.size)),
    )


def autocomplete(q, engine=None, size=8, locale=""):
    q = clean_query(q)
    if not has_words(q) or len(q) < 2:
        return []
    engine = engine or get_engine()
    if not engine.available:
        return []
    profile = current_profile(engine, cached=True)
    if profile is None:
        return []
    s = engine.search(alias_name()).source(["display", "url", "kind", "region"])
    if profile == CORE:
        s = s.query("match_phrase_prefix", title={"query": fold(q)})
    else:
        s = s.query("match", **{"title.autocompletar": {"query": q, "operator": "and"}})
    if locale:
        s = s.filter("term", locale=locale)
    response = s[:size].execute()
    return [
        {"title": hit.display.title, "url": hit.url, "kind": hit.kind, "region": hit.region}
        for hit in response
    ]


def _promoted_query_strings():
    """The (lower-cased) queries that have at least one promoted result: most searches
    have none, and then need no promotions query."""
    from wagtail.contrib.search_promotions.models import Query

    from cms.cache import memo

    return memo(
        "consultas-promovidas",
        lambda: {
            q.lower()
            for q in Query.objects.filter(editors_picks__isnull=False).values_list(
                "query_string", flat=True
            )
        },
    )


def promoted_for(request):
    """Editors' promoted results for this query: the site's own, then the network's."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    if not has_words(request.q):
        return []
    normalized = request.q.lower()
    if normalized not in _promoted_query_strings():
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string__iexact=normalized)
        .select_related("page", "sitio")
        .order_by("sort_order")
    )
    results = []
    for promotion in promotions:
        site_id = getattr(getattr(promotion, "sitio", None), "site_id", None)
        if site_id is not None and site_id != request.site_id:
            continue
        page = promotion.page
        if page is not None and not page.live:
            continue
        results.append(
            {
                "title": page.title if page else promotion.external_link_text,
                "url": page.full_url if page else promotion.external_link_url,
                "description": promotion.description,
                "network": site_id is None,
            }
        )
    return results


def database_search(request, notice):
    """The fallback: Wagtail's database backend for pages, a plain scan for records."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from .registry import declared_documents

    alias = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    results = []
    if has_words(request.q):
        pages = Page.objects.live().public().filter(depth__gt=2)
        hits = list(get_search_backend(alias).search(request.q, pages)[:50])
        from .pages import PageDocument, _regions_by_root_path, paginas_especificas

        document = PageDocument()
        regions = _regions_by_root_path()
        for page in paginas_especificas(hits):
            results.append(document.build(page, regions=regions))
        words = fold(request.q).split()
        for label, document_class in declared_documents():
            if label == "cms":
                continue
            doc_builder = document_class()
            for obj in doc_builder.get_queryset()[:500]:
                doc = doc_builder.build(obj)
                text = fold(" ".join(str(doc.get(k, "")) for k in ("title", "summary", "body")))
                if all(w in text for w in words):
                    results.append(doc)
    for name, values in request.filters.items():
        key = FACETS[name]
        results = [
            d
            for d in results
            if (set(d.get(key) or []) if isinstance(d.get(key), list) else {d.get(key)})
            & set(values)
        ]
    total = len(results)
    start = (request.page - 1) * request.size
    page_results = [
        {
            "id": d["id"],
            "title": d.get("title"),
            "summary": d.get("summary", ""),
            "kind": d.get("kind"),
            "region": d.get("region"),
            "url": d.get("url"),
            "date": str(d["date"])[:10] if d.get("date") else None,
            "snippet": "",
        }
        for d in results[start : start + request.size]
    ]
    return SearchResult(
        total=total,
        results=page_results,
        engine="database",
        fallback=True,
        notice=notice,
        page=request.page,
        pages=-(-total // request.size),
        promoted=promoted_for(request),
    )
