from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import benchmark
from search.engine import get_engine


class Command(BaseCommand):
    help = (
        "Mide indexación masiva, latencia de búsqueda (p50/p95) y autocompletado (p95) con un "
        "corpus generado, y compara con la búsqueda de texto de PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, action="append", help="Tamaños del corpus.")
        parser.add_argument("--queries", type=int, default=200)

    def handle(self, *args, **options):
        engine = get_engine()
        if not engine.available:
            raise CommandError("Configure SEARCH_ENGINE y SEARCH_URL para medir el motor.")
        # Its own indices, next to (never instead of) the configured ones.
        settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}bench_"
        reqs = benchmark.queries(options["queries"])
        rows = []
        for n in options["docs"] or [10_000, 100_000]:
            self.stdout.write(f"Corpus de {n} documentos…")
            rate, profile = benchmark.index_corpus(engine, n)
            lat = benchmark.time_engine_queries(reqs)
            auto = benchmark.time_autocomplete()
            row = {
                "docs": n, "profile": profile, "rate": rate,
                "p50": benchmark.percentile(lat, 50), "p95": benchmark.percentile(lat, 95),
                "auto_p95": benchmark.percentile(auto, 95),
            }  # fmt: skip
            if connection.vendor == "postgresql":
                benchmark.load_postgres(n)
                db = benchmark.time_postgres_queries(reqs)
                row["db_p95"] = benchmark.percentile(db, 95)
                row["ratio"] = row["db_p95"] / row["p95"]
            rows.append(row)
        # Only this run's indices: other benchmarks may share the cluster.
        engine.client.indices.delete(
            index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
        )
        self.stdout.write("")
        self.stdout.write(
            "| documentos | motor (perfil) | indexación (docs/s) | búsqueda p50 | búsqueda p95 "
            "| autocompletado p95 | PostgreSQL p95 | PostgreSQL/motor |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|---|")
        for r in rows:
            db = f"{r['db_p95']:.1f} ms | {r['ratio']:.1f}×" if "db_p95" in r else "— | —"
            self.stdout.write(
                f"| {r['docs']:,} | {engine.kind} ({r['profile']}) | {r['rate']:,.0f} | "
                f"{r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['auto_p95']:.1f} ms | {db} |"
            )
