"""The benchmark's corpus is produced one document at a time, and PostgreSQL loads it as
a stream (COPY) with its full-text column computed on arrival."""

import inspect
from itertools import islice

import pytest
from django.db import connection

from search import benchmark
from tests.conftest import require_service


def test_corpus_is_a_generator_of_distinct_reproducible_documents():
    corpus = benchmark.generate(10**9)  # a list this long would not fit in memory
    assert inspect.isgenerator(corpus)
    first = list(islice(corpus, 1_000))
    assert [d["id"] for d in first] == [f"bench:{i}" for i in range(1_000)]
    assert first == list(islice(benchmark.generate(10**9), 1_000))
    assert first != list(islice(benchmark.generate(10**9, seed=8), 1_000))
    sentences = set(benchmark.SENTENCES)
    for doc in first:
        assert doc["region"] in benchmark.REGIONES and doc["kind"] in benchmark.TIPOS
        body = [f"{part}." for part in doc["body"].rstrip(".").split(". ")]
        assert 4 <= len(body) <= 12 and set(body) <= sentences
    assert len({d["title"] for d in first}) > 500


def test_corpus_stops_at_its_size():
    assert sum(1 for _ in benchmark.generate(1_234)) == 1_234


@pytest.mark.django_db
def test_postgres_copy_loads_the_stream_with_its_tsvector():
    require_service("PostgreSQL", connection.vendor == "postgresql", "(DATABASE_URL)")
    rate, size = benchmark.load_postgres(500)
    try:
        assert rate > 0 and size > 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), count(tsv) FROM bench_docs")
            assert cursor.fetchone() == (500, 500)
            cursor.execute(
                "SELECT count(*) FROM bench_docs WHERE tsv @@ plainto_tsquery('spanish', %s)",
                ["convenios"],
            )
            assert cursor.fetchone()[0] > 0  # «convenio» and «convenios»: one stem
            latencies = benchmark.time_postgres_queries(benchmark.queries(5))
        assert len(latencies) == 5
    finally:
        benchmark.drop_postgres()
