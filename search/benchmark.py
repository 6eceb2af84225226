"""Search benchmark: a generated Spanish corpus across the five sites, measured on one node.

Bulk indexing throughput, query latency (p50/p95) for a fixed set of 200 queries with
facets, autocomplete p95, and the same queries on PostgreSQL full-text search (the
mechanism of Wagtail's database backend on PostgreSQL) as a ratio.
"""

import random
import time
from datetime import date, timedelta

from django.db import connection

from . import indexer
from .analysis import detect_profile
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


def generate(n, seed=7):
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for i in range(n):
        sujeto, accion, objeto = rng.choice(SUJETOS), rng.choice(ACCIONES), rng.choice(OBJETOS)
        lugar = rng.choice(LUGARES)
        title = f"{sujeto} {accion} {objeto} {lugar}"
        summary = f"{sujeto} de {rng.choice(ORGANISMOS)} {accion} {objeto}."
        body = " ".join(
            f"{rng.choice(SUJETOS)} {rng.choice(ACCIONES)} {rng.choice(OBJETOS)} "
            f"{rng.choice(LUGARES)}."
            for _ in range(rng.randint(4, 12))
        )
        yield {
            "id": f"bench:{i}",
            "source": "bench",
            "kind": rng.choice(TIPOS),
            "region": rng.choice(REGIONES),
            "title": title,
            "summary": summary,
            "body": body,
            "date": start + timedelta(days=rng.randint(0, 2500)),
            "topics": rng.sample(TEMAS, 2),
            "organismos": [rng.choice(ORGANISMOS)],
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


def index_corpus(engine, n):
    profile = detect_profile(engine)
    name = indexer.create_index(engine, profile)
    engine.client.indices.put_settings(
        index=name, body={"index": {"refresh_interval": "-1"}}
    ) if engine.kind == "opensearch" else engine.client.indices.put_settings(
        index=name, settings={"index": {"refresh_interval": "-1"}}
    )
    started = time.perf_counter()
    count = 0
    for _ok, _ in engine.streaming_bulk(
        indexer.bulk_actions(generate(n), name, profile), chunk_size=1000
    ):
        count += 1
    engine.refresh(name)
    elapsed = time.perf_counter() - started
    old = engine.alias_targets(indexer.alias_name())
    actions = [{"remove": {"index": o, "alias": indexer.alias_name()}} for o in old]
    engine.update_aliases(actions + [{"add": {"index": name, "alias": indexer.alias_name()}}])
    for o in old:
        engine.delete_index(o)
    return count / elapsed, profile


def time_engine_queries(reqs):
    search(reqs[0])  # warm-up
    latencies = []
    for req in reqs:
        started = time.perf_counter()
        search(req)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def time_autocomplete(n=200, seed=5):
    rng = random.Random(seed)
    prefixes = [w[: rng.randint(3, 6)] for w in (rng.choice(QUERY_WORDS) for _ in range(n))]
    latencies = []
    for prefix in prefixes:
        started = time.perf_counter()
        autocomplete(prefix)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def load_postgres(n):
    """The same corpus in a PostgreSQL table with a Spanish tsvector and a GIN index."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_docs")
        cursor.execute(
            "CREATE TABLE bench_docs (id text, region text, kind text, title text, body text, "
            "fecha date, tsv tsvector)"
        )
        rows = [(d["id"], d["region"], d["kind"], d["title"], f"{d['summary']} {d['body']}",
                 d["date"]) for d in generate(n)]  # fmt: skip
        cursor.executemany(
            "INSERT INTO bench_docs (id, region, kind, title, body, fecha) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )
        cursor.execute(
            "UPDATE bench_docs SET tsv = setweight(to_tsvector('spanish', title), 'A') || "
            "to_tsvector('spanish', body)"
        )
        cursor.execute("CREATE INDEX bench_docs_tsv ON bench_docs USING gin (tsv)")
        cursor.execute("ANALYZE bench_docs")


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
        cursor.execute("DROP TABLE IF EXISTS bench_docs")
    return latencies
