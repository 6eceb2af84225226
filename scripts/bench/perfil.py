"""Profile of the uncached paths, in process: time, queries and where the time goes.

    python scripts/bench/perfil.py --urls URLS.tsv [--rondas 5] [--salida docs/perfiles/X.txt]

URLS.tsv comes from collect_urls.py (``category<TAB>host<TAB>path``). With the page cache
off, every URL of the page categories (home, listing, detail, plugin) and of search is
requested through Django's test client (the whole middleware stack, no HTTP): once to warm
per-process caches, then ``--rondas`` times timed, then once under ``CaptureQueriesContext``
to count queries, then once more under cProfile. Prints, per category, the median and p95
time of one request, the median CPU time of this process's thread (what the application
itself spends: on a busy machine wall time mostly measures waiting for a core or for the
database), and the queries per request (median, max, and the URL with the most), then the
functions with the most cumulative and own time. ``--reloj cpu`` profiles CPU time instead
of wall time (database and other processes' waits left out). Run with the stack's environment
(scripts/bench/_stack.sh ``bench_env``) or any settings that reach a demo database.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGE_CATEGORIES = ("home", "listing", "detail", "plugin")
SEARCH_CATEGORIES = ("search-html", "search-api")


def read_urls(path, categories, per_category=None):
    rows, seen = [], defaultdict(int)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] in categories:
            seen[parts[0]] += 1
            if per_category is None or seen[parts[0]] <= per_category:
                rows.append(tuple(parts))
    return rows


def get(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        raise SystemExit(f"{host}{path} answered {response.status_code}")
    return response


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def measure(rows, rounds, clock="pared"):
    client = Client()
    for _category, host, path in rows:
        get(client, host, path)
    times, cpu = defaultdict(list), defaultdict(list)
    for _ in range(rounds):
        for category, host, path in rows:
            started, started_cpu = time.perf_counter(), time.thread_time()
            get(client, host, path)
            cpu[category].append(1000 * (time.thread_time() - started_cpu))
            times[category].append(1000 * (time.perf_counter() - started))
    queries = defaultdict(list)
    for category, host, path in rows:
        connection.queries_log.clear()  # a full log would shift the captured slice
        with CaptureQueriesContext(connection) as ctx:
            get(client, host, path)
        queries[category].append((len(ctx.captured_queries), f"{host}{path}"))
    profiler = cProfile.Profile(time.thread_time) if clock == "cpu" else cProfile.Profile()
    profiler.enable()
    for _category, host, path in rows:
        get(client, host, path)
    profiler.disable()
    return times, cpu, queries, profiler


def summary(title, rows, times, cpu, queries, profiler, top, clock="pared"):
    out = io.StringIO()
    print(f"# {title}", file=out)
    print(
        f"{len(rows)} URL; page cache {'on' if settings.SNT_PAGE_CACHE['ENABLED'] else 'off'}, "
        f"pages stored {'yes' if settings.SNT_PAGE_CACHE.get('PAGES', True) else 'no'}; "
        f"settings {os.environ['DJANGO_SETTINGS_MODULE']}; one process, no HTTP; "
        f"profile clock: {'CPU of the thread' if clock == 'cpu' else 'wall'}\n",
        file=out,
    )
    print(
        "| category | requests | median ms | p95 ms | CPU median ms | queries median "
        "| queries max |",
        file=out,
    )
    print("|---|---|---|---|---|---|---|", file=out)
    every, every_cpu = [], []
    for category in sorted(times):
        values = times[category]
        every += values
        every_cpu += cpu[category]
        counts = [n for n, _url in queries[category]]
        worst = max(queries[category])
        print(
            f"| {category} | {len(values)} | {statistics.median(values):.1f} | "
            f"{p95(values):.1f} | {statistics.median(cpu[category]):.1f} | "
            f"{statistics.median(counts):.0f} | {worst[0]} ({worst[1]}) |",
            file=out,
        )
    print(
        f"| all | {len(every)} | {statistics.median(every):.1f} | {p95(every):.1f} | "
        f"{statistics.median(every_cpu):.1f} | | |\n",
        file=out,
    )
    for key in ("cumulative", "tottime"):
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        body = text.getvalue()
        body = body[body.find("ncalls") :] if "ncalls" in body else body
        print(f"## cProfile, sorted by {key} (top {top})\n\n```\n{body.rstrip()}\n```\n", file=out)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--urls", required=True)
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--perfil", choices=["paginas", "busqueda"], default="paginas")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument(
        "--por-categoria", type=int, help="only the first N URLs of each category (a quick run)"
    )
    parser.add_argument("--salida", help="also write the summary to this file")
    parser.add_argument(
        "--reloj",
        choices=["pared", "cpu"],
        default="pared",
        help="clock of the cProfile pass: wall time, or the CPU time of this thread",
    )
    args = parser.parse_args()
    categories = PAGE_CATEGORIES if args.perfil == "paginas" else SEARCH_CATEGORIES
    rows = read_urls(args.urls, categories, args.por_categoria)
    if not rows:
        raise SystemExit(f"no URL of {categories} in {args.urls}")
    times, cpu, queries, profiler = measure(rows, args.rondas, args.reloj)
    text = summary(args.perfil, rows, times, cpu, queries, profiler, args.top, args.reloj)
    print(text)
    if args.salida:
        Path(args.salida).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
