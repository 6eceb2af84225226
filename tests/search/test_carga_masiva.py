"""Bulk loading a new index: NDJSON bodies built once (orjson), cut by size, sent from
sender threads; nothing lost, refused documents reported, the served settings restored,
and an interrupted load never sends after it stopped."""

import json
import threading
from io import StringIO
from itertools import islice

import orjson
import pytest
from django.core.management import call_command

from search import benchmark, indexer
from search.analysis import FULL
from search.engine import BulkRejected


def _lines(body):
    assert body.endswith(b"\n")
    return [json.loads(line) for line in body.decode("utf-8").splitlines()]


def test_chunks_carry_every_document_once_cut_by_size_and_count():
    docs = list(benchmark.generate(500))
    by_size = list(indexer.ndjson_chunks(docs, FULL, max_bytes=50_000))
    by_count = list(indexer.ndjson_chunks(docs, FULL, max_docs=64))

    for chunks in (by_size, by_count):
        assert sum(count for count, _ in chunks) == 500
        sent = []
        for count, body in chunks:
            lines = _lines(body)
            assert len(lines) == 2 * count
            for action, source in zip(lines[::2], lines[1::2], strict=True):
                assert action == {"index": {"_id": source["id"]}}
                sent.append(source)
        # The engine receives what to_engine_doc makes of each document, in order.
        assert sent == [json.loads(orjson.dumps(indexer.to_engine_doc(d, FULL))) for d in docs]
    assert len(by_size) > 5
    # A chunk closes at the first document that takes it past the size.
    assert all(len(body) < 50_000 + 10_000 for _, body in by_size)
    assert [count for count, _ in by_count] == [64] * 7 + [52]


def test_chunks_are_read_lazily():
    chunks = indexer.ndjson_chunks(benchmark.generate(10**9), FULL, max_docs=10)
    assert [count for count, _ in islice(chunks, 3)] == [10, 10, 10]


def test_parallel_bulk_load_keeps_every_document_and_restores_served_settings(engine):
    profile = indexer.ensure_index(engine)
    name = indexer.create_index(engine, profile)
    seen = []

    count = indexer.bulk_load(
        engine,
        name,
        benchmark.generate(1_000),
        profile,
        progress=seen.append,
        threads=3,
        chunk_docs=70,
    )

    assert count == 1_000 and seen == list(range(1, 1_001))
    assert engine.client.count(index=name)["count"] == 1_000
    ids = {hit["_id"] for hit in engine.client.search(index=name, size=20)["hits"]["hits"]}
    assert len(ids) == 20 and all(i.startswith("bench:") for i in ids)
    served = engine.index_settings(name)["settings"]["index"]
    assert served.get("refresh_interval", "1s") != "-1"
    assert served.get("translog", {}).get("durability", "request") == "request"
    assert served["auto_expand_replicas"] == "0-1"
    assert served["number_of_replicas"] == "0"  # a single node: expanded to none


def test_a_refused_document_raises_with_the_engine_reason(engine):
    profile = indexer.ensure_index(engine)
    name = indexer.create_index(engine, profile)
    body = (
        b'{"index":{"_id":"bien"}}\n{"id":"bien","date":"2026-12-02"}\n'
        b'{"index":{"_id":"mal"}}\n{"id":"mal","date":"no es una fecha"}\n'
    )
    with pytest.raises(BulkRejected) as refused:
        engine.send_bulk(name, body)
    assert len(refused.value.failures) == 1
    assert "date" in str(refused.value.failures[0]["error"])


def test_closed_senders_send_nothing_more(engine):
    """Closing the results stops reading chunks, and every request already handed to a
    sender has finished when close() returns (none lands after the caller moves on)."""
    profile = indexer.ensure_index(engine)
    name = indexer.create_index(engine, profile)
    read = []

    def chunks():
        for count, body in indexer.ndjson_chunks(benchmark.generate(2_000), profile, max_docs=50):
            read.append(count)
            yield count, body

    results = engine.send_bulks(name, chunks(), threads=2)
    assert next(results) == 50
    results.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("bulk")]
    engine.refresh(name)
    # The first request and those handed to a sender were sent (one not yet started may
    # have been cancelled), nothing beyond what was read.
    landed = engine.client.count(index=name)["count"]
    assert 50 <= landed <= sum(read) < 2_000
    engine.delete_index(name)
    assert not engine.index_exists(name)


def test_index_corpus_reports_the_cpu_each_document_cost(engine):
    load = benchmark.index_corpus(engine, 400, threads=2)
    assert load["documents"] == 400
    assert engine.client.count(index=indexer.alias_name())["count"] == 400
    assert load["client_cpu"] > 0 and load["engine_cpu"] > 0
    assert load["rate"] == pytest.approx(400 / load["seconds"])


def test_benchmark_command_on_another_url_writes_counts_and_cpu(full_engine, settings, tmp_path):
    report = tmp_path / "millon.md"
    url, settings.SEARCH_URL = settings.SEARCH_URL, "http://127.0.0.1:1"  # never used
    out = StringIO()
    call_command(
        "search_benchmark",
        "--docs",
        "300",
        "--queries",
        "5",
        "--sin-postgres",
        "--calentamiento",
        "0",
        "--url",
        url,
        "--prefijo",
        f"{settings.SEARCH_INDEX_PREFIX}bench_",
        "--salida",
        str(report),
        stdout=out,
    )
    text = report.read_text(encoding="utf-8")
    assert f"--url {url}" in text and f"opensearch en {url}" in text
    # The header names the command as it ran, and says nothing of a PostgreSQL not measured.
    assert "--sin-postgres --prefijo" in text and "--calentamiento 0" in text
    assert "tsvector" not in text
    assert "| 300 | opensearch (full) |" in text
    assert "Indexación de 300 documentos" in text and "(todos en el índice)" in text
    assert "µs del motor" in text
    assert "Sin indexación previa sin contar" in text  # 0 s: no indexing warm-up
    # The run deletes its own indices, nothing else.
    assert not full_engine.client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}bench_*")


class _Clock:
    """perf_counter whose n-th reading advances the time by n seconds: a timed search
    lasts as long as the number of its closing reading, so every pass is slower than the
    one before and the passes are told apart by their latencies."""

    def __init__(self):
        self.readings, self.now = 0, 0.0

    def perf_counter(self):
        self.readings += 1
        self.now += self.readings
        return self.now


def test_the_engine_is_warmed_for_the_seconds_asked_and_its_first_pass_kept(engine, monkeypatch):
    indexer.rebuild(engine, docs=benchmark.generate(300))
    reqs = benchmark.queries(3)
    monkeypatch.setattr(benchmark, "autocomplete_prefixes", lambda: ["tran", "conv"])
    sent, completed = [], []
    searched, autocompleted = benchmark.search, benchmark.autocomplete
    monkeypatch.setattr(
        benchmark, "search", lambda req, engine: sent.append(engine) or searched(req, engine=engine)
    )
    monkeypatch.setattr(
        benchmark,
        "autocomplete",
        lambda prefix, engine: completed.append(engine) or autocompleted(prefix, engine=engine),
    )
    monkeypatch.setattr(benchmark, "time", _Clock())
    first = benchmark.warm_up(reqs, engine, seconds=0)
    # One pass (an untimed search, then the three timed): reading 1 sets the deadline,
    # readings 2–7 time the three searches (3, 5 and 7 s), reading 8 (time 36) ends it.
    assert first == [3000.0, 5000.0, 7000.0]
    assert len(sent) == 4 and len(completed) == 2
    assert set(sent) == set(completed) == {engine}  # the engine measured, never another
    sent.clear()
    monkeypatch.setattr(benchmark, "time", _Clock())
    # Deadline 151: after the first pass the clock reads 36, after the second 120, after the
    # third 253: three passes, and the first is the one kept.
    assert benchmark.warm_up(reqs, engine, seconds=150) == [3000.0, 5000.0, 7000.0]
    assert len(sent) == 3 * 4


def test_indexing_is_warmed_in_indices_of_its_own_and_its_first_load_kept(full_engine, monkeypatch):
    from django.conf import settings

    prefix = settings.SEARCH_INDEX_PREFIX
    indexer.rebuild(full_engine, docs=benchmark.generate(300))  # the measurement's alias
    assert benchmark.warm_up_indexing(full_engine, seconds=0, docs=50) is None
    first = benchmark.warm_up_indexing(full_engine, seconds=0.001, docs=50)
    assert first["documents"] == 50 and first["rate"] > 0 and first["engine_cpu"] > 0
    assert first["index"].startswith(f"{prefix}calentamiento_")
    # Deleted after; the measurement's alias and the prefix as they were.
    assert not full_engine.client.indices.get(index=f"{prefix}calentamiento_*")
    assert settings.SEARCH_INDEX_PREFIX == prefix
    assert full_engine.client.count(index=indexer.alias_name())["count"] == 300

    loads = []

    def load(engine, n, threads):
        benchmark.time.perf_counter()  # a load takes time
        loads.append((engine, n, threads, settings.SEARCH_INDEX_PREFIX))
        return {"load": len(loads)}

    monkeypatch.setattr(benchmark, "index_corpus", load)
    monkeypatch.setattr(benchmark, "time", _Clock())
    # Reading 1 (time 1) sets the deadline, 11; the load reads 3, the loop 6 (a second load),
    # the load 10, the loop 15: two loads, and the first is the one returned.
    assert benchmark.warm_up_indexing(full_engine, seconds=10, docs=70, threads=3) == {"load": 1}
    assert loads == [(full_engine, 70, 3, f"{prefix}calentamiento_")] * 2
    assert settings.SEARCH_INDEX_PREFIX == prefix
    # With 5 s the deadline (6) has passed when the first load ends: one load. (A deadline
    # counted from the end of the first load, 8, would allow a second.)
    loads.clear()
    monkeypatch.setattr(benchmark, "time", _Clock())
    benchmark.warm_up_indexing(full_engine, seconds=5, docs=70)
    assert len(loads) == 1

    def refused(engine, n, threads):
        raise BulkRejected("rechazado")

    monkeypatch.setattr(benchmark, "index_corpus", refused)
    with pytest.raises(BulkRejected):
        benchmark.warm_up_indexing(full_engine, seconds=1, docs=70)
    assert settings.SEARCH_INDEX_PREFIX == prefix  # restored when a load fails


def test_benchmark_command_warms_indexing_once_and_says_what_the_first_load_cost(
    full_engine, settings
):
    out = StringIO()
    call_command(
        "search_benchmark", "--docs", "200", "--docs", "300", "--queries", "3",
        "--sin-postgres", "--calentamiento", "0.1",
        "--prefijo", f"{settings.SEARCH_INDEX_PREFIX}bench_", stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    # Once, before the first size, with loads as large as the largest size asked.
    assert text.count("Indexación sin contar") == 1
    assert text.index("Indexación sin contar") < text.index("Corpus de 200 documentos")
    assert "cargas de 300 documentos sin contar" in text
    assert "la primera carga, con el motor en frío, costó" in text
    assert not full_engine.client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}bench_*")


def test_a_timed_load_never_waits_for_searches_on_the_previous_size(
    full_engine, settings, monkeypatch
):
    """Each size's indexing starts with no index behind the alias: the rebuild's wait for
    searches in flight on a retired index (SEARCH_SWAP_GRACE) is never timed."""
    settings.SEARCH_SWAP_GRACE = 7
    waits, sleep = [], indexer.time.sleep
    monkeypatch.setattr(indexer.time, "sleep", lambda s: waits.append(s) or sleep(min(s, 1.1)))
    out = StringIO()
    call_command(
        "search_benchmark", "--docs", "100", "--docs", "150", "--queries", "2",
        "--sin-postgres", "--calentamiento", "0",
        "--prefijo", f"{settings.SEARCH_INDEX_PREFIX}bench_", stdout=out,
    )  # fmt: skip
    assert "Indexación de 150 documentos" in out.getvalue()
    assert 7 not in waits


def test_searches_the_engine_did_not_answer_are_counted(engine):
    reqs = benchmark.queries(4)
    # No index behind the alias: every search is answered from the database.
    latencies, unanswered = benchmark.time_engine_queries(reqs, engine)
    assert len(latencies) == 4 and unanswered == 4
    indexer.rebuild(engine, docs=benchmark.generate(300))
    latencies, unanswered = benchmark.time_engine_queries(reqs, engine)
    assert len(latencies) == 4 and unanswered == 0
