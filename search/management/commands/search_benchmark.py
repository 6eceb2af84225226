import os
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import benchmark, indexer
from search.engine import get_engine

MIB = 1024 * 1024


def _mib(value):
    return "—" if value is None else f"{value / MIB:,.0f} MiB"


class Command(BaseCommand):
    help = (
        "Mide indexación masiva, latencia de búsqueda (p50/p95) y autocompletado (p95) con un "
        "corpus generado, y compara con la búsqueda de texto de PostgreSQL. Con --reindexar, "
        "reconstruye el índice del mismo tamaño mientras otro hilo busca sin pausa y cuenta "
        "las búsquedas fallidas."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, action="append", help="Tamaños del corpus.")
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument(
            "--hilos", type=int, default=2, help="Hilos que envían la indexación masiva."
        )
        parser.add_argument(
            "--url",
            default="",
            help="Motor donde medir (por omisión, SEARCH_URL): un nodo aparte para un corpus "
            "grande, p. ej. http://127.0.0.1:9221 de `scripts/services/search.sh start bench`.",
        )
        parser.add_argument(
            "--prefijo",
            default="",
            help="Prefijo de los índices de la medición (por omisión, el configurado + bench_). "
            "Se borran al terminar.",
        )
        parser.add_argument(
            "--reindexar",
            action="store_true",
            help="Reconstruir el índice de cada tamaño con búsquedas concurrentes (alias).",
        )
        parser.add_argument(
            "--calentamiento",
            type=float,
            default=benchmark.WARM_UP_SECONDS,
            help="Segundos de búsquedas sin contar antes de medir (una pasada al menos; "
            "la primera se informa aparte): el motor compila su código de búsqueda mientras "
            "sirve, y un nodo recién arrancado responde varias veces más lento. Otros tantos "
            "de indexación sin contar antes de la primera indexación medida (ninguna con 0).",
        )
        parser.add_argument(
            "--sin-postgres", action="store_true", help="No medir la búsqueda de PostgreSQL."
        )
        parser.add_argument(
            "--salida", default="", help="Archivo Markdown donde escribir los resultados."
        )
        parser.add_argument(
            "--conservar",
            action="store_true",
            help="No borrar los índices al terminar (dice el alias): para medir otra vez con "
            "--sin-indexar.",
        )
        parser.add_argument(
            "--sin-indexar",
            action="store_true",
            help="No indexar: medir las búsquedas sobre el índice que ya sirve el alias del "
            "prefijo (uno conservado con --conservar); --docs dice cuántos documentos tiene. "
            "Nunca lo borra.",
        )

    def handle(self, *args, **options):
        if options["url"]:
            # Every search of the measurement (search(), autocomplete()) reads the setting.
            settings.SEARCH_URL = options["url"]
        engine = get_engine()
        if not engine.available:
            raise CommandError("Configure SEARCH_ENGINE y SEARCH_URL para medir el motor.")
        # Its own indices, next to (never instead of) the configured ones.
        settings.SEARCH_INDEX_PREFIX = options["prefijo"] or f"{settings.SEARCH_INDEX_PREFIX}bench_"
        reqs = benchmark.queries(options["queries"])
        rows, swaps = [], []
        self.notes = []
        sizes = options["docs"] or [10_000, 100_000]
        try:
            if not options["sin_indexar"]:
                self.warm_up_indexing(engine, sizes, options)
            for n in sizes:
                rows.append(self.measure(engine, n, reqs, options, swaps))
        finally:
            if options["conservar"] or options["sin_indexar"]:
                self.stdout.write(f"Índice conservado: alias {indexer.alias_name()}.")
            else:
                # Only this run's indices: other benchmarks may share the cluster.
                engine.client.indices.delete(
                    index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
                )
            if connection.vendor == "postgresql":
                benchmark.drop_postgres()
        lines = self.table(engine, rows) + [""] + self.notes + [self.swap_line(s) for s in swaps]
        self.stdout.write("")
        for line in lines:
            self.stdout.write(line)
        if options["salida"]:
            self.write_report(Path(options["salida"]), engine, lines, options)

    def warm_up_indexing(self, engine, sizes, options):
        """Once for the whole run: the engine stays warm from one size to the next."""
        docs = min(benchmark.WARM_UP_INDEX_DOCS, max(sizes))
        if options["calentamiento"] > 0:
            self.stdout.write(f"Indexación sin contar ({options['calentamiento']:g} s)…")
        started = time.perf_counter()
        first = benchmark.warm_up_indexing(
            engine, options["calentamiento"], docs=docs, threads=options["hilos"]
        )
        if first is None:
            self.notes.append("- Sin indexación previa sin contar: la indexación no se calentó.")
            return
        self.notes.append(
            f"- Antes de indexar: {time.perf_counter() - started:.0f} s de cargas de "
            f"{docs:,} documentos sin contar, en índices propios borrados después (pedidos "
            f"{options['calentamiento']:g} s, una carga al menos); la primera carga, con el "
            f"motor en frío, costó {first['engine_cpu'] * 1e6:.0f} µs de CPU del motor por "
            f"documento ({first['rate']:,.0f} documentos/s)."
        )

    def measure(self, engine, n, reqs, options, swaps):
        self.stdout.write(f"Corpus de {n:,} documentos…")
        if options["sin_indexar"]:
            # The index the alias serves, as a kept run left it.
            self.check_count(engine, n)
            rate, profile = None, indexer.current_profile(engine)
            index = indexer.alias_name()
        else:
            # The previous size's index goes first: timed, the rebuild would otherwise wait
            # SEARCH_SWAP_GRACE for searches in flight on it, which there are none of.
            benchmark.drop_indices(engine)
            load = benchmark.index_corpus(engine, n, threads=options["hilos"])
            rate, profile, index = load["rate"], load["profile"], load["index"]
            self.stdout.write(f"  indexación: {rate:,.0f} documentos/s")
            self.check_count(engine, n)
            self.notes.append(self.load_line(load, os.cpu_count()))
        started = time.perf_counter()
        cold = benchmark.warm_up(reqs, engine, options["calentamiento"])
        warmed = time.perf_counter() - started
        p50, p95 = benchmark.percentile(cold, 50), benchmark.percentile(cold, 95)
        state = (
            "sobre el índice conservado"
            if options["sin_indexar"]
            else "con el motor como lo dejó la indexación"
        )
        self.notes.append(
            f"- A {n:,} documentos, antes de medir: {warmed:.0f} s de búsquedas y "
            f"autocompletados sin contar (pedidos {options['calentamiento']:g} s, una pasada "
            f"al menos); la primera pasada, {state}, dio p50 {p50:.1f} ms y p95 {p95:.1f} ms."
        )
        lat, unanswered = benchmark.time_engine_queries(reqs, engine)
        if unanswered:
            self.notes.append(
                f"- A {n:,} documentos, {unanswered} de {len(reqs)} búsquedas no las respondió "
                f"el motor a tiempo (SEARCH_TIMEOUT {settings.SEARCH_TIMEOUT:g} s): se "
                "respondieron desde la base de datos y su latencia cuenta en la tabla."
            )
        auto = benchmark.time_autocomplete(engine=engine)
        row = {
            "docs": n, "profile": profile, "rate": rate,
            "p50": benchmark.percentile(lat, 50), "p95": benchmark.percentile(lat, 95),
            "auto_p95": benchmark.percentile(auto, 95),
            "disk": engine.store_size(index),
        }  # fmt: skip
        self.stdout.write(f"  búsqueda p95: {row['p95']:.1f} ms")
        if options["reindexar"] and not options["sin_indexar"]:
            self.stdout.write("  reconstrucción con búsquedas concurrentes…")
            swap = benchmark.reindex_under_load(engine, n, reqs, threads=options["hilos"])
            self.check_count(engine, n)
            swaps.append(swap)
            self.stdout.write(f"  {self.swap_line(swap)}")
        if connection.vendor == "postgresql" and not options["sin_postgres"]:
            row["db_rate"], row["db_disk"] = benchmark.load_postgres(n)
            benchmark.time_postgres_queries(reqs)  # warm, as the engine is
            db = benchmark.time_postgres_queries(reqs)
            benchmark.drop_postgres()
            row["db_p95"] = benchmark.percentile(db, 95)
            row["ratio"] = row["db_p95"] / row["p95"]
        nodes = engine.node_memory()
        row["heap"] = max((node["old_peak"] or node["heap_used"] for node in nodes), default=None)
        row["heap_max"] = max((node["heap_max"] for node in nodes), default=None)
        row["engine_rss"] = (
            max(
                (benchmark.peak_rss(node["pid"]) or 0 for node in nodes if node["pid"]),
                default=None,
            )
            or None
        )
        row["rss"] = benchmark.peak_rss()
        return row

    @staticmethod
    def check_count(engine, n):
        """Nothing lost: the alias serves exactly the corpus."""
        served = engine.client.count(index=indexer.alias_name())["count"]
        if served != n:
            raise CommandError(f"El índice tiene {served:,} documentos de {n:,}.")

    @staticmethod
    def load_line(load, cores):
        """What the indexing cost in CPU per document, and the rate those costs allow on
        this machine's cores when nothing else runs (the client and the engine share them)."""
        client, engine = load["client_cpu"] * 1e6, load["engine_cpu"] * 1e6
        ceiling = cores / (load["client_cpu"] + load["engine_cpu"])
        return (
            f"- Indexación de {load['documents']:,} documentos en {load['seconds']:.0f} s "
            f"(todos en el índice): CPU por documento {client:.0f} µs del proceso Python y "
            f"{engine:.0f} µs del motor; con {cores} núcleos libres para los dos, a lo más "
            f"{ceiling:,.0f} documentos/s."
        )

    def table(self, engine, rows):
        lines = [
            "| documentos | motor (perfil) | indexación (docs/s) | búsqueda p50 | búsqueda p95 "
            "| autocompletado p95 | PostgreSQL p95 | PostgreSQL/motor | índice en disco "
            "| PostgreSQL en disco (carga) | memoria: motor (heap pico / máx.; RSS pico), "
            "proceso Python (RSS pico) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            db = f"{r['db_p95']:.1f} ms | {r['ratio']:.1f}×" if "db_p95" in r else "— | —"
            db_disk = (
                f"{_mib(r['db_disk'])} ({r['db_rate']:,.0f} filas/s)" if "db_disk" in r else "—"
            )
            memory = (
                f"{_mib(r['heap'])} / {_mib(r['heap_max'])}; {_mib(r['engine_rss'])}, "
                f"{_mib(r['rss'])}"
            )
            lines.append(
                f"| {r['docs']:,} | {engine.kind} ({r['profile']}) | "
                f"{'—' if r['rate'] is None else format(r['rate'], ',.0f')} | "
                f"{r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['auto_p95']:.1f} ms | {db} | "
                f"{_mib(r['disk'])} | {db_disk} | {memory} |"
            )
        return lines

    @staticmethod
    def swap_line(s):
        latency = f"p95 {s['p95']:.1f} ms, máx. {s['max']:.1f} ms" if s["p95"] else "—"
        errors = f" ({'; '.join(s['errors'])})" if s["errors"] else ""
        return (
            f"- Reconstrucción de {s['documents']:,} documentos con cambio de alias "
            f"({s['rate']:,.0f} docs/s, {s['seconds']:.0f} s en total): {s['searches']:,} "
            f"búsquedas concurrentes, {s['failed']} fallidas{errors}, {s['after_swap']} "
            f"respondidas por el índice nuevo; latencia durante la reconstrucción {latency}; "
            f"alias {', '.join(s['before']) or '—'} → {', '.join(s['after'])}."
        )

    def write_report(self, path, engine, lines, options):
        cores = os.cpu_count()
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / MIB / 1024
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        sizes = " ".join(f"--docs {n}" for n in options["docs"] or [10_000, 100_000])
        flags = " --reindexar" if options["reindexar"] else ""
        if options["hilos"] != 2:
            flags += f" --hilos {options['hilos']}"
        if options["url"]:
            flags += f" --url {options['url']}"
        if options["sin_indexar"]:
            flags += " --sin-indexar"
        if options["sin_postgres"]:
            flags += " --sin-postgres"
        if options["prefijo"]:
            flags += f" --prefijo {options['prefijo']}"
        if options["calentamiento"] != benchmark.WARM_UP_SECONDS:
            flags += f" --calentamiento {options['calentamiento']:g}"
        postgres = (
            ""
            if options["sin_postgres"]
            else "PostgreSQL con una columna `tsvector` generada e índice GIN, cargada con COPY. "
        )
        indexing = (
            ""
            if options["sin_indexar"]
            else f" (y la indexación, tras {options['calentamiento']:g} s de cargas sin contar)"
        )
        text = [
            "# Búsqueda con un millón de documentos",
            "",
            f"Medido el {datetime.now(UTC):%Y-%m-%d %H:%M} UTC con "
            f"`python manage.py search_benchmark {sizes}{flags}`, en esta máquina: {cores} "
            f"núcleos, {memory:.0f} GiB de memoria, compartida con otros procesos (carga media "
            f"al terminar: {load}); {engine.kind} en {engine.url}. Corpus generado en flujo "
            "(nunca una lista en memoria), indexado por la misma reconstrucción que "
            "`search_reindex` (índice nuevo sin refresco ni réplicas durante la carga, alias "
            f"cambiado de forma atómica), {options['hilos']} hilos de envío; "
            f"{options['queries']} consultas fijas con facetas, medidas tras "
            f"{options['calentamiento']:g} s de búsquedas sin contar{indexing}; "
            f"{postgres}Peticiones de "
            "indexación "
            f"de {indexer.BULK_BYTES / MIB:.0f} MiB en NDJSON serializado con orjson.",
            "",
            *lines,
            "",
        ]
        path.write_text("\n".join(text), encoding="utf-8")
        self.stdout.write(f"Resultados escritos en {path}.")
