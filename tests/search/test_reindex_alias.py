"""A zero-downtime reindex: the alias moves to a new index while citizens search.

Small corpus (the benchmark's generator, 2,000 documents); no timings are asserted, only
that every search was answered by the engine and the alias swap left one served index.
"""

import pytest

from search import benchmark, indexer

DOCS = 2_000


def _served_settings(engine, name):
    return engine.index_settings(name)["settings"]["index"]


def test_reindex_under_concurrent_searches_never_fails_a_search(engine, settings):
    settings.SEARCH_SWAP_GRACE = 1  # searches under way end on the old index
    first = indexer.rebuild(engine, docs=benchmark.generate(DOCS))
    reqs = benchmark.queries(30)

    swap = benchmark.reindex_under_load(engine, DOCS, reqs)

    assert swap["failed"] == 0, swap["errors"]
    assert swap["searches"] > 0
    # The load went on across the swap: the new index answered some of the searches.
    assert swap["after_swap"] >= 20
    assert swap["before"] == [first["index"]]
    assert len(swap["after"]) == 1 and swap["after"] != swap["before"]
    assert not engine.index_exists(first["index"])
    (served,) = swap["after"]
    assert engine.client.count(index=indexer.alias_name())["count"] == DOCS
    # The bulk-load settings are gone from the index that serves.
    settings_ = _served_settings(engine, served)
    assert settings_.get("refresh_interval", "1s") != "-1"
    assert settings_.get("translog", {}).get("durability", "request") == "request"
    assert settings_["auto_expand_replicas"] == "0-1"


def test_the_old_index_outlives_the_swap_by_the_grace(engine, settings, monkeypatch):
    """A search that resolved the alias just before the swap runs on the old index: it is
    deleted only after SEARCH_SWAP_GRACE, with the alias already on the new one."""
    settings.SEARCH_SWAP_GRACE = 2.5
    first = indexer.rebuild(engine, docs=benchmark.generate(50))
    seen = []

    def sleep(seconds):
        seen.append(
            (
                seconds,
                engine.index_exists(first["index"]),
                engine.alias_targets(indexer.alias_name()),
            )
        )

    monkeypatch.setattr(indexer.time, "sleep", sleep)
    second = indexer.rebuild(engine, docs=benchmark.generate(50))
    assert seen == [(2.5, True, [second["index"]])]
    assert not engine.index_exists(first["index"])


def test_search_load_counts_searches_the_engine_did_not_answer(engine):
    """The failure counter is real: without an index behind the alias every search falls
    back to the database, and each is counted as failed."""
    with benchmark.SearchLoad(engine, benchmark.queries(5)) as load:
        while load.failures < 3:
            pass
    assert load.failures >= 3
    assert load.latencies == []


def test_interrupted_parallel_rebuild_keeps_the_old_index_serving(engine):
    first = indexer.rebuild(engine, docs=benchmark.generate(300))
    with pytest.raises(RuntimeError):
        indexer.rebuild(engine, docs=benchmark.generate(DOCS), fail_after=1_000, threads=2)
    assert engine.alias_targets(indexer.alias_name()) == [first["index"]]
    assert engine.client.count(index=indexer.alias_name())["count"] == 300
    assert len(engine.client.indices.get(index=f"{indexer.alias_name()}_*")) == 1
