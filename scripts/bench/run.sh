#!/usr/bin/env bash
# The benchmark in one command (make bench): pages, search and indexing; writes
# docs/rendimiento.md. Loopback only; bounded in time (about 10-15 minutes on 2 cores).
#
#   scripts/bench/run.sh [--faults] [--distribuido] [--quick] [--no-setup] [--keep]
#
#   --faults    also run the fault scenario (scripts/bench/faults.sh): it stops and restarts
#               OpenSearch and PostgreSQL, so only when no test suite uses them; with
#               --distribuido, also the three-node cluster's (one node down, rolling restart)
#   --distribuido  then the distributed stack (scripts/bench/distribuido.sh): nginx, two
#               gunicorn servers, Redis, a three-node OpenSearch cluster
#   --quick     3 s steps up to 8 connections, no uncached pass, 10 s of search (and of
#               indexing) warm-up instead of BENCH_SEARCH_WARM (60) before search_benchmark
#               times (a smoke run)
#   (uncached pass: PAGE_CACHE_PAGES=off SEARCH_CACHE_TIMEOUT=0, see cms/cache.py)
#   --no-setup  reuse the snt_bench database and index if they exist (migrated, and the
#               index rebuilt if its mapping is older than the code's)
#   --keep      leave gunicorn and the task worker running afterwards
#
# Steps: services (scripts/services), a fresh database snt_bench (migrate, bootstrap_snt,
# load_demo, search_reindex with the index prefix sntcarga_, collectstatic), gunicorn on
# 127.0.0.1:$BENCH_PORT (8100) with cms.settings.production and a db_worker; URLs from the
# database; wrk profiles (pages, search, mix) at increasing concurrency; pages again with
# the page cache off (if there is one); search_benchmark with 10,000 documents;
# search_publish_latency three times; the report. Results and logs in var/bench/.
# shellcheck source=_stack.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_stack.sh"

FAULTS=0 QUICK=0 SETUP=1 KEEP=0 DISTRIBUTED=0
for arg in "$@"; do
    case "$arg" in
    --faults) FAULTS=1 ;;
    --distribuido) DISTRIBUTED=1 ;;
    --quick) QUICK=1 ;;
    --no-setup) SETUP=0 ;;
    --keep) KEEP=1 ;;
    -h | --help)
        sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown option: $arg" ;;
    esac
done

STEPS="${BENCH_STEPS:-1,2,4,8,16,32,64}"
DURATION="${BENCH_DURATION:-10}"
SEARCH_DOCS="${BENCH_SEARCH_DOCS:-10000}"
SEARCH_WARM="${BENCH_SEARCH_WARM:-60}" # seconds of untimed searches (and indexing) before search_benchmark times
if ((QUICK)); then
    STEPS="${BENCH_STEPS:-1,2,4,8}"
    DURATION="${BENCH_DURATION:-3}"
    SEARCH_WARM="${BENCH_SEARCH_WARM:-10}"
fi
REPORT="${BENCH_REPORT:-$ROOT/docs/rendimiento.md}"
T0=$(date +%s)

on_exit() {
    local rc=$?
    if ((!KEEP)); then stop_stack; fi
    log "finished in $(($(date +%s) - T0)) s (exit $rc)"
}
trap on_exit EXIT

ensure_wrk() {
    command -v wrk >/dev/null && return 0
    log "installing wrk (Debian package)"
    apt-get -o DPkg::Lock::Timeout=300 install -y -q wrk >"$LOGS/wrk-install.log" 2>&1 ||
        { apt-get update -q >>"$LOGS/wrk-install.log" 2>&1 &&
            apt-get -o DPkg::Lock::Timeout=300 install -y -q wrk >>"$LOGS/wrk-install.log" 2>&1; } ||
        die "could not install wrk (see $LOGS/wrk-install.log)"
}

machine_note() {
    local tests=""
    pgrep -f pytest >/dev/null && tests="; a pytest run is active (figures will be skewed)"
    log "load average: $(cut -d' ' -f1-3 /proc/loadavg)$tests"
}

ensure_wrk
bench_env
export BENCH_PORT BENCH_DB BENCH_WORKERS BENCH_WORKER_CLASS BENCH_THREADS
rm -f "$WORK"/carga.json "$WORK"/carga-sin-cache.json "$WORK"/search_benchmark.txt \
    "$WORK"/indexacion.json
# The fault scenario's result stays until the next --faults run (it carries its date).
if ((FAULTS)); then rm -f "$WORK"/fallos.txt; fi
start_services
if ((SETUP)) || ! database_ready; then
    setup_data
else
    refresh_data
fi
start_gunicorn
start_worker
if ! drained="$(wait_backlog_drained 120)"; then
    die "the task worker did not drain the index outbox within 120 s"
fi
log "index outbox empty (${drained} s)"

log "collecting URLs from the database"
timeout 120 "$PY" "$BENCH_DIR/collect_urls.py" >"$WORK/urls.tsv"
log "$(wc -l <"$WORK/urls.tsv") URLs: $(cut -f1 "$WORK/urls.tsv" | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}')"

machine_note
timeout 1200 "$PY" "$BENCH_DIR/load.py" --base "http://127.0.0.1:$BENCH_PORT" \
    --urls "$WORK/urls.tsv" --out "$WORK/carga.json" --steps "$STEPS" --duration "$DURATION"

cache_header="$(curl -s -o /dev/null -D - -H "Host: localhost:$BENCH_PORT" \
    "http://127.0.0.1:$BENCH_PORT/" | grep -ci '^x-cache:' || true)"
if ((!QUICK)) && [[ "$cache_header" != "0" ]]; then
    # Every page rendered and every search sent to the engine (what a miss costs); the
    # lookups remembered per page-cache generation stay on, as they are on any miss.
    log "pages and search again without stored pages nor search results"
    stop_stack
    PAGE_CACHE_PAGES=off SEARCH_CACHE_TIMEOUT=0 start_gunicorn
    start_worker
    machine_note
    timeout 900 "$PY" "$BENCH_DIR/load.py" --base "http://127.0.0.1:$BENCH_PORT" \
        --urls "$WORK/urls.tsv" --out "$WORK/carga-sin-cache.json" \
        --profiles paginas,busqueda --steps "$STEPS" --duration "$DURATION" --tag=-sin-cache
    stop_stack
    start_gunicorn
    start_worker
fi

log "search_benchmark --docs $SEARCH_DOCS (engine and PostgreSQL full-text, in process)"
machine_note
timeout 900 "$PY" "$ROOT/manage.py" search_benchmark --docs "$SEARCH_DOCS" --queries 200 \
    --calentamiento "$SEARCH_WARM" |
    tee "$WORK/search_benchmark.txt"

log "search_publish_latency x3 (with the task worker)"
latencies=()
for _ in 1 2 3; do
    out="$(timeout 60 "$PY" "$ROOT/manage.py" search_publish_latency --limite 30 2>&1 || true)"
    printf '  %s\n' "$out"
    value="$(printf '%s\n' "$out" | grep -oE '[0-9]+\.[0-9]+ s' | head -n 1 | cut -d' ' -f1)"
    [[ -n "$value" ]] && latencies+=("$value")
done
reindex_docs="$(grep -oE '[0-9]+ documentos' "$LOGS/reindex.log" 2>/dev/null | cut -d' ' -f1 || true)"
"$PY" - "$WORK/indexacion.json" "$(cat "$WORK/reindex_seconds" 2>/dev/null || echo '')" \
    "${reindex_docs:-}" "${latencies[@]}" <<'EOF'
import json
import sys

out, seconds, docs, *latencies = sys.argv[1:]
data = {"publish_latencies": [float(v) for v in latencies]}
if seconds:
    data["reindex_seconds"] = float(seconds)
if docs:
    data["reindex_docs"] = int(docs)
with open(out, "w") as f:
    json.dump(data, f)
EOF

if ((FAULTS)); then
    log "fault scenario"
    "$BENCH_DIR/faults.sh" || log "fault scenario: failures (see $WORK/fallos.txt)"
fi

if ((DISTRIBUTED)); then
    log "distributed stack (nginx, two servers, Redis, three-node cluster)"
    stop_stack
    distributed_args=()
    if ((FAULTS)); then distributed_args+=(--faults); fi
    "$BENCH_DIR/distribuido.sh" "${distributed_args[@]}" ||
        log "distributed scenario: failures (see $WORK/distribuido.txt, $WORK/fallos-cluster.txt)"
fi

"$PY" "$BENCH_DIR/report.py" --dir "$WORK" --out "$REPORT"
log "results: $REPORT"
