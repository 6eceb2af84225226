"""Search benchmark: a generated Spanish corpus across the five sites, measured on one node.

Bulk indexing throughput, query latency (p50/p95) for a fixed set of 200 queries with
facets, autocomplete p95, and the same queries on PostgreSQL full-text search (the
mechanism of Wagtail's database backend on PostgreSQL) as a ratio.
"""

import os
import random
import resource
import threading
import time
from datetime import date, timedelta

from django.conf import settings
from django.db import connection

from . import indexer
from .query import SearchRequest, autocomplete, search

REGIONES = ["nacional", "centro", "centro-occidente", "norte", "sureste"]
TIPOS = ["noticia", "evento", "convocatoria", "historia", "recurso", "campana", "organismo",
         "organizacion", "convenio", "medio"]  # fmt: skip
ORGANISMOS = ["INFOEM", "InfoCDMX", "ITEI", "ISTAI", "COTAI", "IDAIP", "IMIPE", "ITAIPUE",
              "INAIP Yucatán", "IVAI", "CEAIP", "IACIP", "ICHITAIP", "ITAIPBC"]  # fmt: skip
TEMAS = [
    "transparencia",
    "acceso a la información",
    "datos personales",
    "gobierno abierto",
    "rendición de cuentas",
    "participación ciudadana",
    "archivos",
    "anticorrupción",
]
SUJETOS = ["El organismo garante", "La comisión de comunicación", "La coordinación regional",
           "El comité de transparencia", "La unidad de transparencia municipal",
           "Las organizaciones de la sociedad civil", "El congreso del estado"]  # fmt: skip
ACCIONES = ["presentó", "capacitó sobre", "firmó un convenio para", "lanzó una campaña sobre",
            "publicó una guía de", "realizó un taller de", "convocó a un concurso de",
            "abrió un conversatorio sobre"]  # fmt: skip
OBJETOS = ["solicitudes de información pública", "protección de datos personales",
           "la Plataforma Nacional de Transparencia", "lenguaje incluyente y ciudadano",
           "archivos municipales", "presupuesto participativo", "contrataciones abiertas",
           "derechos ARCO", "obligaciones de transparencia", "el recurso de revisión",
           "periodismo de datos", "tiempos oficiales en radio y televisión"]  # fmt: skip
LUGARES = [
    "en Hermosillo",
    "en Mérida",
    "en Toluca",
    "en Guadalajara",
    "en Oaxaca",
    "en Monterrey",
    "en Puebla",
    "en la Ciudad de México",
    "en Tlaxcala",
    "en línea",
]
QUERY_WORDS = ["transparencia", "datos personales", "solicitud de informacion", "convenio",
               "taller", "campaña", "archivos", "gobierno abierto", "recurso de revision",
               "plataforma nacional", "lenguaje incluyente", "presupuesto", "periodismo",
               "contrataciones", "derechos arco", "concurso", "radio", "guia",
               "capacitacion", "rendicion de cuentas"]  # fmt: skip


#: Every sentence a body is made of (subject, action, object, place: 6,720 of them), built
#: once so that a body costs one draw per sentence.
SENTENCES = [f"{s} {a} {o} {lugar}." for s in SUJETOS for a in ACCIONES for o in OBJETOS
             for lugar in LUGARES]  # fmt: skip


def generate(n, seed=7):
    """The corpus, one document at a time: a million documents are never held in memory."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    choice, randint = rng.choice, rng.randint
    for i in range(n):
        sujeto, accion, objeto = choice(SUJETOS), choice(ACCIONES), choice(OBJETOS)
        yield {
            "id": f"bench:{i}",
            "source": "bench",
            "kind": choice(TIPOS),
            "region": choice(REGIONES),
            "title": f"{sujeto} {accion} {objeto} {choice(LUGARES)}",
            "summary": f"{sujeto} de {choice(ORGANISMOS)} {accion} {objeto}.",
            "body": " ".join(rng.choices(SENTENCES, k=randint(4, 12))),
            "date": start + timedelta(days=randint(0, 2500)),
            "topics": rng.sample(TEMAS, 2),
            "organismos": [choice(ORGANISMOS)],
            "popularity": rng.random() * 10,
            "url": f"https://example.invalid/{i}/",
        }


def queries(n=200, seed=11):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        filters = {}
        if rng.random() < 0.5:
            filters["region"] = [rng.choice(REGIONES)]
        if rng.random() < 0.3:
            filters["tipo"] = [rng.choice(TIPOS)]
        out.append(SearchRequest(q=rng.choice(QUERY_WORDS), filters=filters))
    return out


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def cpu_seconds():
    """CPU time of this process (every thread), user and system."""
    times = os.times()
    return times.user + times.system


ENGINE_STATS_INTERVAL = 1.1  # seconds: the engine's statistics refresh (1 s) and a margin


def index_corpus(engine, n, threads=2):
    """Bulk indexing through the site's own rebuild (new index, alias swap).

    Returns the rate, the profile, the concrete index and the CPU each document cost this
    process and the engine (seconds per document): on a machine shared with other work
    the rate says how much CPU was left over, the CPU per document what the work costs."""
    client_started, engine_started = cpu_seconds(), engine.process_cpu_seconds()
    started = time.perf_counter()
    result = indexer.rebuild(engine, docs=generate(n), threads=threads)
    elapsed = time.perf_counter() - started
    client_cpu = cpu_seconds() - client_started
    # The engine refreshes its process statistics at most once a second
    # (monitor.process.refresh_interval): read sooner, they would repeat the first reading.
    time.sleep(max(0.0, ENGINE_STATS_INTERVAL - elapsed))
    documents = result["documents"]
    return {
        "rate": documents / elapsed,
        "seconds": elapsed,
        "documents": documents,
        "profile": result["profile"],
        "index": result["index"],
        "client_cpu": client_cpu / documents,
        "engine_cpu": (engine.process_cpu_seconds() - engine_started) / documents,
    }


#: Seconds of searches sent untimed before the timed ones (search_benchmark
#: --calentamiento). A search node compiles its search code while it serves: on a node just
#: started, the p95 of the 200 searches at 10,000 documents was 46–81 ms in the first pass,
#: 23.5 ms after 30 s of searching and 15–19 ms after 60 s (three runs), as on a node that
#: had been searching for minutes. The site's node serves all day: the table measures that
#: node, and the first pass is reported beside it.
WARM_UP_SECONDS = 60


def warm_up(reqs, engine=None, seconds=WARM_UP_SECONDS):
    """The measurement's searches and autocompletes, again and again without counting them,
    until ``seconds`` passed (one pass at least). Returns the latencies (ms) of the first
    pass of searches, timed as time_engine_queries times them: what the node answered as
    the corpus's indexing left it."""
    prefixes = autocomplete_prefixes()
    deadline = time.perf_counter() + seconds
    first = None
    while first is None or time.perf_counter() < deadline:
        latencies, _ = time_engine_queries(reqs, engine)
        for prefix in prefixes:
            autocomplete(prefix, engine=engine)
        first = latencies if first is None else first
    return first


#: Documents of each untimed bulk load before the timed indexing (search_benchmark): the
#: engine compiles its indexing code as it indexes, too. On the bench node just restarted,
#: five loads of 100,000 documents in a row cost 511, 371, 281, 303 and 298 µs of engine
#: CPU per document; a million documents cost 355 µs per document on a node just started
#: and 230 µs on one that had been indexing. A site's node rebuilds its index after a day of
#: serving and indexing changes: the table measures that node, the first load is reported.
WARM_UP_INDEX_DOCS = 100_000


def warm_up_indexing(engine, seconds=WARM_UP_SECONDS, docs=WARM_UP_INDEX_DOCS, threads=2):
    """Bulk loads of ``docs`` benchmark documents through the site's rebuild, into indices
    of their own (the prefix's ``calentamiento_``, deleted after each load), again and again
    until ``seconds`` passed; none when ``seconds`` is 0. The measurement's own alias is
    never touched. Returns the first load (as index_corpus returns it), or None."""
    if seconds <= 0:
        return None
    prefix = settings.SEARCH_INDEX_PREFIX
    deadline = time.perf_counter() + seconds
    first = None
    settings.SEARCH_INDEX_PREFIX = f"{prefix}calentamiento_"
    try:
        while first is None or time.perf_counter() < deadline:
            # Each load starts with no index behind the alias: the rebuild never waits out
            # SEARCH_SWAP_GRACE, and an interrupted run's load is gone too.
            drop_indices(engine)
            load = index_corpus(engine, docs, threads=threads)
            first = first or load
    finally:
        drop_indices(engine)
        settings.SEARCH_INDEX_PREFIX = prefix
    return first


def drop_indices(engine):
    """Every index of the configured prefix's alias (a benchmark's own prefix only)."""
    engine.client.indices.delete(index=f"{indexer.alias_name()}_*", ignore_unavailable=True)


def time_engine_queries(reqs, engine=None):
    """Latency of each search (ms), and how many the engine did not answer (the site then
    answered from the database after SEARCH_TIMEOUT: counted, never hidden in the
    latencies)."""
    search(reqs[0], engine=engine)  # warm-up
    latencies, unanswered = [], 0
    for req in reqs:
        started = time.perf_counter()
        result = search(req, engine=engine)
        latencies.append((time.perf_counter() - started) * 1000)
        if engine is not None and result.engine != engine.kind:
            unanswered += 1
    return latencies, unanswered


def autocomplete_prefixes(n=200, seed=5):
    rng = random.Random(seed)
    return [w[: rng.randint(3, 6)] for w in (rng.choice(QUERY_WORDS) for _ in range(n))]


def time_autocomplete(n=200, seed=5, engine=None):
    latencies = []
    for prefix in autocomplete_prefixes(n, seed):
        started = time.perf_counter()
        autocomplete(prefix, engine=engine)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def load_postgres(n):
    """The same corpus in a PostgreSQL table with a Spanish tsvector (a generated column,
    computed as rows arrive) and a GIN index, streamed with COPY.

    Returns (rows per second, bytes of the table and its indexes)."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_docs")
        cursor.execute(
            "CREATE TABLE bench_docs (id text, region text, kind text, title text, body text, "
            "fecha date, tsv tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('spanish', title), 'A') || to_tsvector('spanish', body)) "
            "STORED)"
        )
        copy_sql = "COPY bench_docs (id, region, kind, title, body, fecha) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for d in generate(n):
                copy.write_row((d["id"], d["region"], d["kind"], d["title"],
                                f"{d['summary']} {d['body']}", d["date"]))  # fmt: skip
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute("CREATE INDEX bench_docs_tsv ON bench_docs USING gin (tsv)")
        cursor.execute("RESET maintenance_work_mem")
        cursor.execute("ANALYZE bench_docs")
        cursor.execute("SELECT pg_total_relation_size('bench_docs')")
        size = cursor.fetchone()[0]
    return n / (time.perf_counter() - started), size


def drop_postgres():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_docs")


def time_postgres_queries(reqs):
    latencies = []
    with connection.cursor() as cursor:
        for req in reqs:
            where, params = ["tsv @@ plainto_tsquery('spanish', %s)"], [req.q]
            for name, column in (("region", "region"), ("tipo", "kind")):
                if name in req.filters:
                    where.append(f"{column} = ANY(%s)")
                    params.append(req.filters[name])
            clause = " AND ".join(where)
            started = time.perf_counter()
            cursor.execute(
                f"SELECT id, ts_rank(tsv, plainto_tsquery('spanish', %s)) AS r FROM bench_docs "
                f"WHERE {clause} ORDER BY r DESC LIMIT 10",
                [req.q, *params],
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT region, count(*) FROM bench_docs WHERE {clause} GROUP BY region", params
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT kind, count(*) FROM bench_docs WHERE {clause} GROUP BY kind", params
            )
            cursor.fetchall()
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


class SearchLoad:
    """Citizens searching the alias from another thread, without pause, until stopped.

    A search fails when it raises or when the engine did not answer it (the site then
    answers from the database: ``result.engine`` says which)."""

    def __init__(self, engine, reqs):
        self.engine, self.reqs = engine, reqs
        self.latencies, self.failures, self.errors = [], 0, []
        self.answered_after_swap = 0
        self.swapped = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            i = 0
            while not self._stop.is_set():
                req = self.reqs[i % len(self.reqs)]
                i += 1
                started = time.perf_counter()
                try:
                    result = search(req, engine=self.engine)
                except Exception as exc:  # counted, never hidden
                    self.failures += 1
                    self.errors.append(repr(exc))
                    continue
                if result.engine != self.engine.kind:
                    self.failures += 1
                    self.errors.append(result.notice)
                    continue
                self.latencies.append((time.perf_counter() - started) * 1000)
                if self.swapped.is_set():
                    self.answered_after_swap += 1
        finally:
            connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def wait_after_swap(self, searches=20, timeout=120):
        """Let the load go on until a few searches were answered by the new index."""
        self.swapped.set()
        deadline = time.monotonic() + timeout
        while self.answered_after_swap < searches and time.monotonic() < deadline:
            if self.failures and not self._thread.is_alive():
                break
            time.sleep(0.05)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


def reindex_under_load(engine, n, reqs, threads=2):
    """A zero-downtime reindex at size: a new index is built and the alias swapped while
    another thread searches throughout. Returns what the searches saw."""
    before = engine.alias_targets(indexer.alias_name())
    started = time.perf_counter()
    with SearchLoad(engine, reqs) as load:
        result = indexer.rebuild(engine, docs=generate(n), threads=threads)
        built = time.perf_counter() - started
        load.wait_after_swap()
    return {
        "seconds": time.perf_counter() - started,
        "searches": len(load.latencies) + load.failures,
        "failed": load.failures,
        "errors": load.errors[:5],
        "after_swap": load.answered_after_swap,
        "p95": percentile(load.latencies, 95) if load.latencies else None,
        "max": max(load.latencies) if load.latencies else None,
        "before": before,
        "after": engine.alias_targets(indexer.alias_name()),
        "documents": result["documents"],
        "rate": result["documents"] / built,
    }


def peak_rss(pid=None):
    """Peak resident memory in bytes: of this process, or of a local process by id."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
