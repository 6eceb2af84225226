"""On OpenSearch one query's segments are searched in slices at once (concurrent segment
search, ``SEARCH_SLICES``): set on every index built and on the live index when it is
current, never sent to Elasticsearch, and every answer is the one a search without slices
gives, facet counts included (a slice reports only its own top values of a facet unless
told to report more)."""

import copy
from collections import Counter
from datetime import date

import pytest

from search import indexer
from search import query as consulta
from search.analysis import detect_profile
from search.query import SearchRequest, build_search

from .conftest import _use_engine

MODE = "search.concurrent_segment_search.mode"
SLICES = "search.concurrent.max_slice_count"
#: More institutions than a slice reports of a facet by default (size 30 → 55).
VALUES = 80


def _search_settings(engine, name):
    index = engine.index_settings(name)["settings"]["index"]
    search = index.get("search", {})
    return search.get("concurrent_segment_search", {}).get("mode"), search.get(
        "concurrent", {}
    ).get("max_slice_count")


def _live(engine):
    return engine.alias_targets(indexer.alias_name())[0]


def _doc(i, organismo, titulo):
    return {
        "id": f"prueba:{i}",
        "source": "prueba",
        "kind": "noticia",
        "region": "centro",
        "url": f"/prueba/{i}/",
        "date": date(2026, 11, 1 + i % 28),
        "organismos": [organismo],
        # Every score differs (popularity is part of it): equal scores may come back in
        # another order from slices, as from any other segment layout.
        "popularity": i,
        "title": f"{titulo} {i}",
        "summary": "Taller de archivos para la ciudadanía.",
        "body": "Un taller sobre archivos y solicitudes de información pública.",
    }


def test_every_index_built_on_opensearch_searches_in_slices(settings, db):
    engine = _use_engine(settings, "opensearch")
    try:
        settings.SEARCH_SLICES = 2
        indexer.rebuild(engine, docs=[_doc(i, "ORG", "Taller") for i in range(5)])
        assert _search_settings(engine, _live(engine)) == ("auto", "2")

        # An index built without slices (older code, or SEARCH_SLICES=0) gets them when a
        # deployment finds it current: no rebuild, the live index's settings change.
        settings.SEARCH_SLICES = 0
        indexer.rebuild(engine, docs=[_doc(i, "ORG", "Taller") for i in range(5)])
        before = _live(engine)
        assert _search_settings(engine, before) == (None, None)
        settings.SEARCH_SLICES = 3
        assert indexer.rebuild_if_outdated(engine) is None
        assert _live(engine) == before
        assert _search_settings(engine, before) == ("auto", "3")
    finally:
        engine.client.indices.delete(
            index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
        )


def test_elasticsearch_gets_no_setting_it_does_not_know(settings, db):
    engine = _use_engine(settings, "elasticsearch")
    try:
        settings.SEARCH_SLICES = 2
        assert engine.serving_settings() == {}
        indexer.rebuild(engine, docs=[_doc(i, "ORG", "Taller") for i in range(3)])
        assert indexer.rebuild_if_outdated(engine) is None
        assert _search_settings(engine, _live(engine)) == (None, None)
    finally:
        engine.client.indices.delete(
            index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
        )


@pytest.fixture
def two_segments(settings, db):
    """An index of two segments: every institution once in the first; the second half of
    them three times more in the second, so each slice's own top values differ."""
    engine = _use_engine(settings, "opensearch")
    settings.SEARCH_SLICES = 2
    profile = detect_profile(engine)
    name = indexer.create_index(engine, profile)
    first = [_doc(i, f"ORG{i:02d}", "Taller") for i in range(VALUES)]
    second = [
        _doc(VALUES + 3 * i + k, f"ORG{i:02d}", "Taller")
        for i in range(VALUES // 2, VALUES)
        for k in range(3)
    ]
    indexer.bulk_load(engine, name, first, profile)
    indexer.bulk_load(engine, name, second, profile)
    engine.update_aliases([{"add": {"index": name, "alias": indexer.alias_name()}}])
    segments = engine.client.indices.segments(index=name)["indices"][name]["shards"]["0"][0]
    assert len(segments["segments"]) >= 2, "the index must have several segments to slice"
    yield engine, profile, name, Counter(d["organismos"][0] for d in first + second)
    engine.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True)


def _answer(engine, name, body, mode):
    engine.client.indices.put_settings(index=name, body={"index": {MODE: mode}})
    response = engine.client.search(index=name, body=copy.deepcopy(body), request_cache=False)
    hits = [(hit["_id"], round(hit["_score"] or 0, 5)) for hit in response["hits"]["hits"]]
    return hits, response["aggregations"]


def _counts(aggregations):
    return {b["key"]: b["doc_count"] for b in aggregations["organismo"]["buckets"]}


def test_slices_give_the_same_answers_and_exact_facet_counts(two_segments):
    engine, profile, name, expected = two_segments
    top = dict(sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))[:30])
    for q in ("taller", "archivos información", "solicitudes de informacion publica"):
        body = build_search(engine, SearchRequest(q=q), profile, with_suggestion=True).to_dict()
        sequential = _answer(engine, name, body, "none")
        sliced = _answer(engine, name, body, "all")
        assert sliced == sequential, q
        assert _counts(sliced[1]) == top, q


def test_without_its_shard_size_a_facet_would_lose_counts_in_slices(two_segments):
    """What FACET_SHARD_SIZE is for: a slice reports its top 55 institutions by default,
    and the ones it leaves out lose that slice's documents."""
    engine, profile, name, expected = two_segments
    body = build_search(engine, SearchRequest(q="taller"), profile).to_dict()
    assert body["aggs"]["organismo"]["terms"]["shard_size"] == consulta.FACET_SHARD_SIZE
    del body["aggs"]["organismo"]["terms"]["shard_size"]
    _hits, aggregations = _answer(engine, name, body, "all")
    counts = _counts(aggregations)
    assert any(counts[key] < expected[key] for key in counts)


def test_a_cluster_that_refuses_the_settings_keeps_serving_its_index(settings, db, caplog):
    """A managed cluster may refuse search settings per index: the live index keeps serving
    and the refusal is logged (SEARCH_SLICES=0 stops asking)."""
    engine = _use_engine(settings, "opensearch")
    try:
        settings.SEARCH_SLICES = 0
        indexer.rebuild(engine, docs=[_doc(i, "ORG", "Taller") for i in range(3)])
        settings.SEARCH_SLICES = 2

        def refuse(name, settings_):
            raise RuntimeError("index-level search settings are not allowed")

        engine.put_settings = refuse
        assert indexer.rebuild_if_outdated(engine) is None
        assert "no aceptó" in caplog.text
        assert _search_settings(engine, _live(engine)) == (None, None)
    finally:
        engine.client.indices.delete(
            index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
        )
