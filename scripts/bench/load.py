"""Load profiles against the running stack with wrk; prints tables, writes JSON.

    python scripts/bench/load.py --urls URLS.tsv --out RESULT.json [--profiles ...]

URLS.tsv comes from collect_urls.py (``category<TAB>host<TAB>path``). Every URL is fetched
once first: those that do not answer 200 are left out (and listed), and the page cache, if
there is one, is warmed. Then each profile runs at increasing concurrency, fixed duration
per step. It notes the step where p95 first reaches twice the p95 of the first step, and
stops after a step with errors or with p95 both doubled and over --target-p95 (at least
--min-steps steps). Standard library only; loopback only.
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = HERE / "rotate.lua"
ROOT_MARK = str(HERE.parents[1])
BENCH_PORT_MARK = os.environ.get("BENCH_PORT", "8100")
BENCH_DB_MARK = os.environ.get("BENCH_DB", "snt_bench")

PAGE_CATEGORIES = ("home", "listing", "detail", "plugin")
SEARCH_CATEGORIES = ("search-html", "search-api")
# Weights of the mixed profile (share of requests per category).
MIX_WEIGHTS = {
    "home": 10,
    "listing": 20,
    "detail": 28,
    "plugin": 10,
    "feed": 5,
    "api": 10,
    "search-html": 9,
    "search-api": 8,
}
UNIQUE_CATEGORY = "search-unique"
#: Searches of the all-different profile fetched by the check (then left out of it).
UNIQUE_CHECKED = 10
#: Extra fetches of each page URL before the profiles, in parallel (4 workers x 2 threads).
WARM_ROUNDS = int(os.environ.get("BENCH_WARM_ROUNDS", "8"))
PROFILES = {
    "paginas": "páginas (inicio, listados, detalle, directorio)",
    "busqueda": "búsqueda (/buscar/ y /api/v1/buscar)",
    "busqueda-unica": "búsqueda con consultas todas distintas (/buscar/ y /api/v1/buscar)",
    "mezcla": "mezcla (páginas, listados, feeds, API y búsqueda)",
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(base, host, path, timeout=15):
    """(status, X-Cache header or '', seconds) of one GET with the given Host."""
    request = urllib.request.Request(
        base + path, headers={"Host": host, "User-Agent": "snt-bench/1 (check)"}
    )
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=timeout) as response:
            response.read()
            return (
                response.status,
                response.headers.get("X-Cache", ""),
                time.perf_counter() - started,
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", ""), time.perf_counter() - started
    except OSError:
        return 0, "", time.perf_counter() - started


def warm_every_process(base, rows, rounds=WARM_ROUNDS):
    """Each page URL ``rounds`` more times over as many parallel connections: gunicorn hands a
    request to whichever worker accepts first, and each worker process keeps its own lookups
    (routes, fragments, cms.cache.memo), so two fetches leave most URLs cold in most of the
    four processes and the first steps would measure a server just started, not one that
    has been running."""
    with ThreadPoolExecutor(max_workers=rounds) as pool:
        list(pool.map(lambda row: fetch(base, row[1], row[2]), rows * rounds))


def read_urls(path):
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append(tuple(parts))
    return rows


def check_urls(base, rows):
    """Keep the URLs that answer 200; fetch page URLs twice to fill and probe the cache."""
    kept, dropped, cache_headers = [], [], []
    unique = [r for r in rows if r[0] == UNIQUE_CATEGORY]
    # Checking every all-different search would run (and keep) each once before the profile:
    # a few are checked, and the profile uses the others.
    rows = [r for r in rows if r[0] != UNIQUE_CATEGORY] + unique[:UNIQUE_CHECKED]
    for category, host, path in rows:
        status, _xcache, _ = fetch(base, host, path)
        if status != 200:
            dropped.append((status, category, host, path))
            continue
        kept.append((category, host, path))
        if category in PAGE_CATEGORIES or category in ("feed", "api"):
            _status, xcache, _ = fetch(base, host, path)
            cache_headers.append(xcache)
    warm_every_process(base, [r for r in kept if r[0] in PAGE_CATEGORIES])
    for status, category, host, path in dropped:
        print(f"  left out ({status}): {category} {host}{path}")
    if unique and any(r[0] == UNIQUE_CATEGORY for r in kept):
        kept = [r for r in kept if r[0] != UNIQUE_CATEGORY] + unique[UNIQUE_CHECKED:]
    with_header = [h for h in cache_headers if h]
    sample = {
        "checked": len(cache_headers),
        "with_header": len(with_header),
        "hits_on_second_get": sum(1 for h in with_header if h.startswith("HIT")),
    }
    return kept, dropped, sample


def profile_lines(rows, profile, seed=17, size=1000):
    rng = random.Random(seed)
    if profile == "paginas":
        chosen = [r for r in rows if r[0] in PAGE_CATEGORIES]
        rng.shuffle(chosen)
    elif profile == "busqueda":
        chosen = [r for r in rows if r[0] in SEARCH_CATEGORIES]
        rng.shuffle(chosen)
    elif profile == "busqueda-unica":
        chosen = [r for r in rows if r[0] == UNIQUE_CATEGORY]
    else:
        by_category = {}
        for row in rows:
            by_category.setdefault(row[0], []).append(row)
        weights = {c: w for c, w in MIX_WEIGHTS.items() if by_category.get(c)}
        categories = rng.choices(list(weights), weights=list(weights.values()), k=size)
        chosen = [rng.choice(by_category[c]) for c in categories]
    return [f"{host}\t{path}" for _category, host, path in chosen]


CLK_TCK = os.sysconf("SC_CLK_TCK")


def _classify(pid):
    try:
        cmd = (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return None
    if "cms.wsgi" in cmd and BENCH_PORT_MARK in cmd:
        return "app"
    if "org.opensearch.bootstrap" in cmd:
        return "search"
    if cmd.startswith("postgres:") and BENCH_DB_MARK in cmd:
        return "db"
    if "db_worker" in cmd and ROOT_MARK in cmd:
        return "worker"
    return "other"


def cpu_snapshot():
    """CPU seconds used so far: the whole machine, and per process class."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = [int(v) for v in fields]
    idle = values[3] + values[4]
    per_class = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parts = stat[stat.rfind(")") + 2 :].split()
        ticks = int(parts[11]) + int(parts[12])
        per_class[entry.name] = ticks
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has exited
    return {
        "total": sum(values),
        "idle": idle,
        "pids": per_class,
        "children": children.ru_utime + children.ru_stime,
        "at": time.monotonic(),
    }


def cpu_usage(before, after):
    """Percent of the whole machine (all cores = 100 %) busy, and per class."""
    total = max(after["total"] - before["total"], 1)
    busy = 100 * (1 - (after["idle"] - before["idle"]) / total)
    seconds = max(after["at"] - before["at"], 0.001)
    cores = os.cpu_count() or 1
    shares = {}
    for pid, ticks in after["pids"].items():
        used = ticks - before["pids"].get(pid, 0)
        if used <= 0:
            continue
        kind = _classify(pid)
        if kind:
            shares[kind] = shares.get(kind, 0) + used
    usage = {k: round(100 * v / CLK_TCK / seconds / cores, 1) for k, v in shares.items()}
    usage["wrk"] = round(100 * (after["children"] - before["children"]) / seconds / cores, 1)
    usage["machine"] = round(busy, 1)
    return usage


def run_wrk(base, list_file, connections, duration, timeout):
    command = [
        "wrk",
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        f"{timeout}s",
        "-s",
        str(LUA),
        base,
        "--",
        str(list_file),
    ]
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + timeout + 30, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith("WRK_RESULT "):
            return json.loads(line[len("WRK_RESULT ") :])
    raise RuntimeError(f"wrk gave no result: {out.stdout[-500:]} {out.stderr[-500:]}")


def fmt_row(step):
    cache = "—"
    seen = step["x_cache_hit"] + step["x_cache_miss"]
    if seen:
        cache = f"{100 * step['x_cache_hit'] / seen:.0f} %"
    cpu = step.get("cpu", {})
    return (
        f"| {step['connections']} | {step['rps']:,.0f} | {step['p50_ms']:.1f} | "
        f"{step['p95_ms']:.1f} | {step['p99_ms']:.1f} | {step['non_2xx_3xx']} | "
        f"{step['socket_errors']} | {cache} | {cpu.get('machine', 0):.0f} | "
        f"{cpu.get('app', 0):.0f} | {cpu.get('wrk', 0):.0f} | "
        f"{cpu.get('search', 0) + cpu.get('db', 0) + cpu.get('worker', 0):.0f} | "
        f"{cpu.get('other', 0):.0f} |"
    )


# CPU columns: percent of the whole machine (every core = 100 %) during the step: busy in
# total, gunicorn, wrk, the stack's services (OpenSearch, its PostgreSQL backends, the task
# worker) and everything else on the machine (other people's work skews the figures).
TABLE_HEAD = (
    "| conexiones | peticiones/s | p50 ms | p95 ms | p99 ms | no 2xx/3xx | errores de socket "
    "| aciertos X-Cache | CPU % | app % | wrk % | servicios % | otros % |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def run_profile(base, name, lines, args, workdir):
    list_file = workdir / f"lista-{name}.tsv"
    list_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n== {name}: {PROFILES.get(name, name)} ({len(lines)} URL en rotación)")
    print(TABLE_HEAD, flush=True)
    steps, stop_reason = [], "se alcanzó la concurrencia máxima"
    base_p95, knee = None, None
    used = 0
    for i, connections in enumerate(args.steps):
        if name.startswith("busqueda-unica"):
            # Each step starts where the last one stopped: no search is asked twice.
            rest = lines[used % len(lines) :] + lines[: used % len(lines)]
            list_file.write_text("\n".join(rest) + "\n", encoding="utf-8")
        before = cpu_snapshot()
        result = run_wrk(base, list_file, connections, args.duration, args.timeout)
        result["cpu"] = cpu_usage(before, cpu_snapshot())
        result["connections"] = connections
        used += result["requests"]
        steps.append(result)
        print(fmt_row(result), flush=True)
        if base_p95 is None:
            base_p95 = max(result["p95_ms"], 0.001)
        errors = result["non_2xx_3xx"] + result["socket_errors"]
        doubled = result["p95_ms"] >= 2 * base_p95
        if doubled and knee is None:
            knee = connections
        # Past the knee, go on only while p95 stays under the target: the step that
        # meets (or misses) the target is then in the table.
        if i + 1 >= args.min_steps:
            if errors:
                stop_reason = f"errores con {connections} conexiones"
                break
            if doubled and result["p95_ms"] >= args.target_p95:
                stop_reason = (
                    f"p95 duplicado y sobre {args.target_p95:.0f} ms con {connections} conexiones"
                )
                break
        time.sleep(args.pause)
    ok = [
        s
        for s in steps
        if s["p95_ms"] < args.target_p95 and not s["non_2xx_3xx"] and not s["socket_errors"]
    ]
    best = max(ok, key=lambda s: s["rps"]) if ok else None
    summary = {
        "name": name,
        "label": PROFILES.get(name, name),
        "urls": len(lines),
        "steps": steps,
        "stop_reason": stop_reason,
        "p95_doubled_at": knee,
        "best_under_target": best,
    }
    tail = (
        f"mejor con p95 < {args.target_p95:.0f} ms y sin errores: {best['rps']:,.0f} peticiones/s "
        f"con {best['connections']} conexiones (p95 {best['p95_ms']:.1f} ms)"
        if best
        else f"ningún paso con p95 < {args.target_p95:.0f} ms y sin errores"
    )
    doubled_text = f"p95 duplicado desde {knee} conexiones" if knee else "p95 nunca duplicado"
    print(f"parada: {stop_reason}; {doubled_text}; {tail}")
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--urls", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--profiles", default="paginas,busqueda,busqueda-unica,mezcla")
    parser.add_argument("--steps", default="1,2,4,8,16,32,64")
    parser.add_argument("--min-steps", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per step")
    parser.add_argument("--timeout", type=int, default=5, help="seconds per request")
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--target-p95", type=float, default=200.0)
    parser.add_argument("--tag", default="", help="suffix of the profile names in the output")
    args = parser.parse_args()
    args.steps = [int(s) for s in args.steps.split(",") if s.strip()]
    if not shutil.which("wrk"):
        sys.exit("wrk not found (apt-get install -y wrk)")
    if not args.base.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        sys.exit("loopback only: --base must be http://127.0.0.1:<port>")

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = read_urls(args.urls)
    print(f"Comprobando {len(rows)} URL (y calentando la caché)…", flush=True)
    kept, dropped, sample = check_urls(args.base, rows)
    print(
        f"  {len(kept)} responden 200, {len(dropped)} fuera. Cabecera X-Cache en "
        f"{sample['with_header']}/{sample['checked']} páginas; HIT en la segunda petición: "
        f"{sample['hits_on_second_get']}"
    )
    profiles = []
    for name in [p.strip() for p in args.profiles.split(",") if p.strip()]:
        summary = run_profile(args.base, name, profile_lines(kept, name), args, out.parent)
        summary["name"] = name + args.tag
        profiles.append(summary)
    result = {
        "urls_checked": len(rows),
        "urls_dropped": [list(d) for d in dropped],
        "cache_sample": sample,
        "duration_s": args.duration,
        "target_p95_ms": args.target_p95,
        "profiles": profiles,
    }
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
