#!/usr/bin/env bash
# The network on distributed parts, on loopback: nginx on :$BENCH_PORT in front of two
# gunicorn servers (:8101, :8102), Redis (:6391) for the page cache and the rate limits,
# a three-node OpenSearch cluster (:9211-9213, scripts/services/search.sh start cluster),
# PostgreSQL and one task worker. Uses the bench database (snt_bench; built by run.sh or
# --setup here, indexed into the cluster).
#
#   scripts/bench/distribuido.sh [--setup] [--faults] [--carga] [--keep]
#
# Checks (PASS/FAIL lines, also in var/bench/distribuido.txt):
#   - both servers answer through nginx; the page cache is shared (a page cached through
#     one server is a HIT on the other); a publish purges it for both;
#   - the rate limit counts per client address as nginx forwards it, across both servers;
#     a forged X-Forwarded-For does not escape it; 429 carries Retry-After;
#   - Redis stops: pages and search answer 200 uncached; Redis back: pages cached again;
#   - a short search load through nginx (no 5xx); --carga adds load.py's page profile.
# --faults (var/bench/fallos-cluster.txt), under search load (240 client addresses) and a
# publish every ~2 s:
#   - one node stops: no 5xx, searches keep answering, publishes land; it comes back: the
#     cluster is green again and every page published meanwhile is in the index;
#   - a rolling restart of the three nodes, same checks.
# Never touches the single-node engines of the test suites (9201/9202).
# shellcheck source=_stack.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_stack.sh"
set +e
set -u

SETUP=0 FAULTS=0 KEEP=0 PAGE_LOAD=0
for arg in "$@"; do
    case "$arg" in
    --setup) SETUP=1 ;;
    --faults) FAULTS=1 ;;
    --carga) PAGE_LOAD=1 ;;
    --keep) KEEP=1 ;;
    *) die "unknown option: $arg" ;;
    esac
done

CLUSTER_URLS="http://127.0.0.1:9211,http://127.0.0.1:9212,http://127.0.0.1:9213"
REDIS_PORT_BENCH="${BENCH_REDIS_PORT:-6391}"
BASE="http://127.0.0.1:$BENCH_PORT"
RESULTS="$WORK/distribuido.txt"
FAULT_RESULTS="$WORK/fallos-cluster.txt"
OUT="$RESULTS"
FAILED=0
LOAD="$BENCH_DIR/cluster_load.py"

report() { printf '%s\n' "$*" | tee -a "$OUT"; }
check() {
    local name="$1"
    shift
    if "$@"; then report "PASS  $name"; else
        report "FAIL  $name"
        FAILED=1
    fi
}
info() { report "INFO  $*"; }

SEARCH_URL_BENCH="$CLUSTER_URLS"
bench_env
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT_BENCH/0" SNT_TRUSTED_PROXIES=1
# The load leaves from 240 loopback addresses: the limits stay on (see cluster_load.py).
export SEARCH_API_RATE_LIMIT="${BENCH_RATE_LIMIT:-30}" SEARCH_PAGE_RATE_LIMIT="${BENCH_RATE_LIMIT:-30}"
BENCH_WORKERS="${BENCH_WORKERS_EACH:-2}"

nginx_ctl() { NGINX_PORT="$BENCH_PORT" NGINX_UPSTREAMS="127.0.0.1:8101 127.0.0.1:8102" "$SERVICES/nginx.sh" "$@"; }
redis_ctl() { REDIS_PORT="$REDIS_PORT_BENCH" "$SERVICES/redis.sh" "$@"; }

on_exit() {
    redis_ctl start >/dev/null 2>&1
    "$SERVICES/search.sh" start cluster >/dev/null 2>&1
    if ((!KEEP)); then
        nginx_ctl stop
        stop_stack
    fi
}
trap on_exit EXIT

start_all() {
    "$SERVICES/postgres.sh" start || die "PostgreSQL"
    "$SERVICES/search.sh" start cluster || die "the OpenSearch cluster did not start"
    redis_ctl start || die "Redis"
    if ((SETUP)) || ! database_ready; then setup_data; fi
    manage_setup migrate --no-input -v 0
    # As a deployment does: build the index if there is none or its mapping is older than the
    # code's (an index of an older mapping is not searched: search would answer from the
    # database and the checks below would not exercise the cluster).
    log "search_reindex --si-hace-falta into the cluster"
    manage_setup search_reindex --si-hace-falta | tr '\r' '\n' | tail -n 1
    start_gunicorn_at 8101 gunicorn-a
    start_gunicorn_at 8102 gunicorn-b
    start_worker
    nginx_ctl start || die "nginx"
}

header() { # header NAME URL [curl args]: value of a response header
    local name="$1" url="$2"
    shift 2
    curl -s -o /dev/null -D - -H "Host: localhost:$BENCH_PORT" "$@" "$url" |
        tr -d '\r' | awk -v h="$(tr '[:upper:]' '[:lower:]' <<<"$name")" -F': ' 'tolower($1) == h { print $2 }'
}
json_is() { "$PY" -c 'import json, sys; d = json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" 2>/dev/null; }
status_of() { curl -s -o /dev/null -w '%{http_code}' -H "Host: localhost:$BENCH_PORT" "$@"; }

# ------------------------------------------------------------ distributed checks

distributed_checks() {
    OUT="$RESULTS"
    : >"$OUT"
    report "== Dos servidores detrás de nginx, Redis y clúster de tres nodos ($(date -u +%FT%TZ))"
    local ups
    ups="$(for _ in 1 2 3 4 5 6; do header X-Upstream "$BASE/healthz"; done | sort -u | tr '\n' ' ')"
    info "servers seen through nginx: $ups"
    check "nginx spreads requests over both servers" test "$(wc -w <<<"$ups")" -eq 2

    local page="/" a b
    curl -s -o /dev/null -H "Host: localhost:$BENCH_PORT" "http://127.0.0.1:8101$page"
    a="$(header X-Cache "http://127.0.0.1:8101$page")"
    b="$(header X-Cache "http://127.0.0.1:8102$page")"
    info "page cached through server A: A says $a, B says $b"
    check "page cache shared: a page cached by one server is a HIT on the other" test "$b" = HIT

    manage shell -v 0 -c '
from cms.models import PaginaBasica
page = PaginaBasica.objects.live().first()
page.save_revision().publish()
' >/dev/null 2>&1
    # B held the page: its first answer after the publish is rendered anew (MISS), and the
    # copy it stores is the one A serves next (HIT): one cache, one generation.
    b="$(header X-Cache "http://127.0.0.1:8102$page")"
    a="$(header X-Cache "http://127.0.0.1:8101$page")"
    info "after a publish (from a third process): B says $b, then A says $a"
    check "a publish purges the page cache of both servers" test "$b" = MISS -a "$a" = HIT

    # A count can straddle two one-minute windows on a slow machine: each check gets a
    # second client (a fresh count) if the first attempt's figures show a split window.
    local n=$((SEARCH_API_RATE_LIMIT + 5)) r1 r2 r3 ip
    for ip in 127.0.0.2 127.0.0.6; do
        r1="$("$PY" "$LOAD" limite "$BASE" "$ip" "$n" 0)"
        info "client $ip, $n searches: $r1"
        json_is "$r1" 'd["status"].get("429") == 5' && break
    done
    check "limit counted per forwarded client across both servers" \
        json_is "$r1" 'd["status"].get("429") == 5 and len(d["servidores"]) == 2'
    check "429 carries Retry-After" json_is "$r1" 'd["retry_after"]'
    r2="$("$PY" "$LOAD" limite "$BASE" 127.0.0.3 5 0)"
    info "client 127.0.0.3, 5 searches: $r2"
    check "another client behind the same proxy has its own count" json_is "$r2" 'd["status"] == {"200": 5}'
    for ip in 127.0.0.4 127.0.0.7; do
        r3="$("$PY" "$LOAD" limite "$BASE" "$ip" "$n" 1)"
        info "client $ip, $n searches, each with a forged X-Forwarded-For: $r3"
        json_is "$r3" 'd["status"].get("429") == 5' && break
    done
    check "a forged X-Forwarded-For does not escape the limit" json_is "$r3" 'd["status"].get("429") == 5'

    redis_ctl stop >/dev/null
    local codes=""
    for path in / "/buscar/?q=archivo" "/api/v1/buscar?q=archivo"; do
        codes+="$(status_of --interface 127.0.0.5 "$BASE$path") "
    done
    a="$(header X-Cache "$BASE/")"
    info "Redis stopped: status of /, /buscar/, /api/v1/buscar: $codes; X-Cache: ${a:-none}"
    check "Redis down: pages and search answer 200, uncached" test "$codes" = "200 200 200 " -a -z "$a"
    redis_ctl start >/dev/null
    curl -s -o /dev/null -H "Host: localhost:$BENCH_PORT" "$BASE/"
    a="$(header X-Cache "$BASE/")"
    check "Redis back: pages cached again ($a)" test "$a" = HIT

    if ((PAGE_LOAD)); then
        log "page load through nginx (load.py)"
        timeout 600 "$PY" "$BENCH_DIR/load.py" --base "$BASE" --urls "$WORK/urls.tsv" \
            --out "$WORK/carga-distribuida.json" --profiles paginas --steps 4,16 --duration 5 \
            >"$LOGS/carga-distribuida.log" 2>&1 &&
            info "pages through nginx: $(tail -n 3 "$LOGS/carga-distribuida.log" | tr '\n' ' ')"
    fi
    log "search load through nginx (240 client addresses)"
    rm -f "$WORK/stop-carga"
    "$PY" "$LOAD" buscar "$BASE" "$WORK/stop-carga" "$WORK/busqueda-distribuida.json" &
    local lp=$!
    sleep 20
    touch "$WORK/stop-carga"
    wait "$lp"
    info "search through nginx, 20 s, 2 connections (busy machine): $(cat "$WORK/busqueda-distribuida.json")"
    check "search load through nginx: no 5xx, no socket errors (240 clients, limit on)" \
        grep -q '"5xx": 0, "socket_errors": 0' "$WORK/busqueda-distribuida.json"
    check "search load through nginx: answered by the cluster, never by the database" \
        grep -q '"motor": {"opensearch": [0-9]*}' "$WORK/busqueda-distribuida.json"
}

# ------------------------------------------------------------ cluster faults

wait_green() { # seconds
    local deadline=$((SECONDS + $1)) n
    while ((SECONDS < deadline)); do
        for n in 1 2 3; do
            if curl -s -m 5 "http://127.0.0.1:$((9210 + n))/_cluster/health" | grep -q '"status":"green".*"number_of_nodes":3'; then
                return 0
            fi
        done
        sleep 2
    done
    return 1
}

drained() { # seconds
    local deadline=$((SECONDS + $1))
    while ((SECONDS < deadline)); do
        [[ "$(backlog | cut -d' ' -f1)" == 0 ]] && return 0
        sleep 2
    done
    return 1
}

under_load() { # label command...: runs the command under search and publish load, then checks
    local label="$1" lp pp t0 summary verdict
    shift
    rm -f "$WORK/stop-carga" "$WORK/titulos.tsv"
    "$PY" "$LOAD" buscar "$BASE" "$WORK/stop-carga" "$WORK/fallos-$label.json" &
    lp=$!
    (cd "$ROOT" && exec "$PY" "$LOAD" publicar "$WORK/stop-carga" "$WORK/titulos.tsv") 2>>"$LOGS/publicar.log" &
    pp=$!
    sleep 5
    t0=$SECONDS
    "$@"
    info "$label: the fault lasted $((SECONDS - t0)) s"
    sleep 5
    touch "$WORK/stop-carga"
    wait "$lp" "$pp"
    summary="$(cat "$WORK/fallos-$label.json")"
    info "$label: searches during the scenario: $summary"
    check "$label: no 5xx and no socket errors for citizens" grep -q '"5xx": 0, "socket_errors": 0' <<<"$summary"
    check "$label: the cluster answered searches during the scenario" grep -q '"opensearch": [1-9]' <<<"$summary"
    check "$label: the cluster is green again with 3 nodes" wait_green 180
    check "$label: the index outbox drained" drained 180
    verdict="$("$PY" "$LOAD" verificar "$WORK/titulos.tsv" 2>&1 | tail -n 1)"
    info "$label: publishes: $verdict"
    check "$label: every page published during the scenario is in the index" \
        grep -q '"faltan": \[\], "pendientes": 0, "fallidas": 0' <<<"$verdict"
}

stop_one_node() {
    "$SERVICES/search.sh" stop cluster 1 >/dev/null
    sleep 25
    "$SERVICES/search.sh" start cluster 1 >/dev/null
}

rolling_restart() {
    local n
    for n in 1 2 3; do
        "$SERVICES/search.sh" stop cluster "$n" >/dev/null
        sleep 5
        "$SERVICES/search.sh" start cluster "$n" >/dev/null
        wait_green 180 || info "node $n: not green within 180 s"
    done
}

cluster_faults() {
    OUT="$FAULT_RESULTS"
    : >"$OUT"
    report "== Clúster de búsqueda de tres nodos: fallos bajo carga ($(date -u +%FT%TZ))"
    info "index: $(curl -s "http://127.0.0.1:9211/_cat/indices/${BENCH_INDEX_PREFIX}*?h=index,health,pri,rep,docs.count" | tr '\n' ' ')"
    check "the index has a replica on the cluster" \
        test "$(curl -s "http://127.0.0.1:9211/_cat/indices/${BENCH_INDEX_PREFIX}*?h=rep" | head -n 1 | tr -d ' ')" -ge 1
    under_load "un nodo detenido" stop_one_node
    under_load "reinicio escalonado" rolling_restart
}

start_all
log "collecting URLs"
timeout 120 "$PY" "$BENCH_DIR/collect_urls.py" >"$WORK/urls.tsv" 2>/dev/null
distributed_checks
if ((FAULTS)); then cluster_faults; fi
grep -h FAIL "$RESULTS" "$FAULT_RESULTS" 2>/dev/null
if ((FAILED)); then
    log "RESULT: FAIL"
    exit 1
fi
log "RESULT: PASS"
