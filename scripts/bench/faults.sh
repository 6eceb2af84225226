#!/usr/bin/env bash
# Fault scenario against the benchmark stack, under a light steady load (wrk, loopback):
#
#   1. OpenSearch stops: pages keep answering 200, search answers from the database with
#      its notice, a page published meanwhile leaves pending rows in the index outbox;
#      OpenSearch starts again: the backlog drains by itself and search finds the page.
#   2. PostgreSQL stops: requests get 503 with a Spanish page (cached pages may still be
#      served from the page cache), /healthz answers 503; PostgreSQL starts again: the
#      application answers 200 by itself (same gunicorn master) and index work flows again.
#
#   scripts/bench/faults.sh            (starts the stack if it is not running)
#
# One PASS/FAIL line per check; exits 1 if any check failed, 3 if it could not run (test
# suites running). Every service it stops is started again, also on failure or Ctrl-C.
# Each outage stays short (OpenSearch ~45 s, PostgreSQL ~10 s): the same services serve
# the test suites, so it waits (bounded) until no pytest run is active before each one.
# shellcheck source=_stack.sh source-path=SCRIPTDIR disable=SC2317  # trap handlers
source "$(dirname "${BASH_SOURCE[0]}")/_stack.sh"
set +e
set -u

BASE="http://127.0.0.1:$BENCH_PORT"
RESULTS="$WORK/fallos.txt"
WAIT_TESTS="${BENCH_FAULTS_WAIT:-600}"
DRAIN_LIMIT="${BENCH_DRAIN_LIMIT:-180}"
STOPPED_SEARCH=0
STOPPED_DB=0
LOAD_PID=""
FAILED=0
MARKERS=()

: >"$RESULTS"
report() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
check() {
    local name="$1"
    shift
    if "$@"; then
        report "PASS  $name"
    else
        report "FAIL  $name"
        FAILED=1
    fi
}
info() { report "INFO  $*"; }

restore() {
    if ((STOPPED_DB)); then
        log "restoring PostgreSQL"
        "$SERVICES/postgres.sh" start && STOPPED_DB=0
    fi
    if ((STOPPED_SEARCH)); then
        log "restoring OpenSearch"
        "$SERVICES/search.sh" start opensearch && STOPPED_SEARCH=0
    fi
}

stop_load() {
    if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
        kill -INT "$LOAD_PID" 2>/dev/null
        for _ in $(seq 1 20); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$LOAD_PID" 2>/dev/null
    fi
    LOAD_PID=""
}

cleanup() {
    local rc=$?
    stop_load
    restore
    if ((${#MARKERS[@]})); then
        manage shell -v 0 -c "
from wagtail.models import Page
for slug in '${MARKERS[*]}'.split():
    for page in Page.objects.filter(slug=slug):
        page.delete()
" >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until no test suite is running (they use the same PostgreSQL and OpenSearch).
wait_no_tests() {
    local t0
    t0=$(date +%s)
    while pgrep -f pytest >/dev/null; do
        if (($(date +%s) - t0 >= WAIT_TESTS)); then
            report "SKIP  a test suite has been running for ${WAIT_TESTS} s; not stopping shared services"
            exit 3
        fi
        log "a pytest run is active; waiting before stopping a shared service..."
        sleep 10
    done
}

# http HOST PATH -> "status x-cache" ; body in $WORK/last_body
http() {
    curl -s -m 10 -o "$WORK/last_body" -D "$WORK/last_headers" -w '%{http_code}' \
        -H "Host: $1" "$BASE$2" 2>/dev/null
    printf ' %s\n' "$(grep -i '^x-cache:' "$WORK/last_headers" 2>/dev/null | tr -d '\r' | awk '{print $2}')"
}

status_is() { [[ "$(http "$2" "$3" | cut -d' ' -f1)" == "$1" ]]; }

json_field() {
    "$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d.get(sys.argv[2]))' \
        "$WORK/last_body" "$1" 2>/dev/null
}

outbox_pending() { backlog | awk '{print $1}'; }
outbox_empty() { [[ "$(outbox_pending)" == "0" ]]; }

# Publishes a basic page under a region's home; prints its slug.
publish_page() {
    local region="$1" slug="$2"
    manage shell -v 0 -c "
from django.db import transaction
from cms.models import PaginaBasica
from regiones.models import Region
region = Region.objects.select_related('site__root_page').get(slug='$region')
page = PaginaBasica(title='Prueba de continuidad $slug', slug='$slug')
with transaction.atomic():
    region.site.root_page.add_child(instance=page)
    page.save_revision().publish()
print(page.url_path)
"
}

search_finds() {
    local host="$1" word="$2"
    [[ "$(http "$host" "/api/v1/buscar?q=$word" | cut -d' ' -f1)" == "200" ]] || return 1
    "$PY" - "$WORK/last_body" "$word" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1]))
sys.exit(0 if data.get("motor") != "database" and any(sys.argv[2] in (r.get("url") or "") for r in data.get("resultados", [])) else 1)
EOF
}

wait_until() {
    local limit="$1" t0
    shift
    t0=$(date +%s)
    while (($(date +%s) - t0 < limit)); do
        if "$@"; then
            echo $(($(date +%s) - t0))
            return 0
        fi
        sleep 1
    done
    return 1
}

spanish_503() {
    local out
    out="$(http "$1" "$2")"
    if [[ "${out%% *}" == "503" ]] && grep -qi "no disponible" "$WORK/last_body" &&
        grep -qi 'lang="es' "$WORK/last_body"; then
        return 0
    fi
    [[ "${out%% *}" == "200" && "${out#* }" == HIT* ]] && {
        info "$1$2 served from the page cache during the outage (200, X-Cache: HIT)"
        return 0
    }
    info "$1$2 answered ${out%% *} (X-Cache: ${out#* })"
    return 1
}

# --- Stack ---------------------------------------------------------------------------------
bench_env
start_services || exit 1
if ! database_ready; then
    setup_data || exit 1
fi
start_gunicorn || exit 1
start_worker || exit 1
MASTER="$(gunicorn_pid)"
HOSTS=()
while IFS= read -r h; do HOSTS+=("$h"); done < <(manage shell -v 0 -c "
from wagtail.models import Site
for s in Site.objects.order_by('pk'):
    print(s.hostname if s.port in (80, 443) else f'{s.hostname}:{s.port}')
")
NORTE="$(printf '%s\n' "${HOSTS[@]}" | grep '^norte\.' | head -n 1)"
[[ -n "$NORTE" ]] || NORTE="${HOSTS[1]}"

# Light steady load for the whole scenario: 4 connections, 100 ms between requests each.
"$PY" "$BENCH_DIR/collect_urls.py" >"$WORK/urls-fallos.tsv"
grep -P '^(home|listing|detail|plugin|search-api|search-html)\t' "$WORK/urls-fallos.tsv" |
    cut -f2,3 | shuf --random-source=<(yes) >"$WORK/lista-fallos.tsv"
WRK_DELAY_MS=100 wrk -t 1 -c 4 -d 600s --timeout 5s -s "$BENCH_DIR/rotate.lua" "$BASE" \
    -- "$WORK/lista-fallos.tsv" >"$WORK/carga-fallos.txt" 2>&1 &
LOAD_PID=$!
log "light load running (wrk pid $LOAD_PID)"
sleep 3

report "== Escenario de fallos ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
http "$NORTE" "/api/v1/buscar?q=transparencia" >/dev/null
check "before: search answers from OpenSearch" test "$(json_field motor)" == opensearch

# --- 1. OpenSearch away ---------------------------------------------------------------------
wait_no_tests
t_stop=$(date +%s)
"$SERVICES/search.sh" stop opensearch
STOPPED_SEARCH=1
for h in "${HOSTS[@]}"; do
    check "search engine down: home page of $h answers 200" status_is 200 "$h" /
done
check "search engine down: /buscar/ answers 200" status_is 200 "$NORTE" "/buscar/?q=transparencia"
check "search engine down: /buscar/ shows the fallback notice" \
    grep -q "no está disponible por ahora" "$WORK/last_body"
http "$NORTE" "/api/v1/buscar?q=transparencia" >/dev/null
check "search engine down: API answers from the database (motor=database)" \
    test "$(json_field motor)" == database
check "search engine down: API carries the notice (aviso)" test -n "$(json_field aviso)"
info "fallback results for 'transparencia': total=$(json_field total)"
MARK1="continuidad$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
MARKERS+=("$MARK1")
URL1="$(publish_page norte "$MARK1" 2>>"$LOGS/faults.log" | tail -n 1)"
check "search engine down: a page is published (editor side works)" test -n "$URL1"
check "search engine down: the new page is served" status_is 200 "$NORTE" "/$MARK1/"
PENDING="$(outbox_pending)"
info "outbox pending rows while the engine is down: $PENDING"
check "search engine down: index work is queued in the outbox" test "${PENDING:-0}" -gt 0
"$SERVICES/search.sh" start opensearch && STOPPED_SEARCH=0
t_back=$(date +%s)
info "OpenSearch outage lasted $((t_back - t_stop)) s"
if drained="$(wait_until "$DRAIN_LIMIT" outbox_empty)"; then
    report "PASS  search engine back: outbox drained by itself in ${drained} s"
else
    report "FAIL  search engine back: outbox not drained within ${DRAIN_LIMIT} s ($(outbox_pending) pending)"
    FAILED=1
fi
if found="$(wait_until 30 search_finds "$NORTE" "$MARK1")"; then
    report "PASS  search engine back: the page published during the outage is found (${found} s)"
else
    report "FAIL  search engine back: the page published during the outage is not found"
    FAILED=1
fi

# --- 2. PostgreSQL away ---------------------------------------------------------------------
wait_no_tests
t_stop=$(date +%s)
"$SERVICES/postgres.sh" stop
STOPPED_DB=1
check "database down: /healthz answers 503" status_is 503 localhost /healthz
for h in "${HOSTS[@]}"; do
    check "database down: home page of $h is a Spanish 503 page (or a cache hit)" spanish_503 "$h" /
done
check "database down: search is a Spanish 503 page" spanish_503 "$NORTE" "/buscar/?q=datos"
check "database down: a listing is a Spanish 503 page (or a cache hit)" \
    spanish_503 "$NORTE" "/noticias/?pagina=1&sin-cache=$RANDOM"
check "database down: the 503 carries Retry-After" grep -qi '^retry-after:' "$WORK/last_headers"
# Keep the database away a few seconds more, so the task worker's polling meets it too.
sleep "${BENCH_DB_OUTAGE:-8}"
"$SERVICES/postgres.sh" start && STOPPED_DB=0
t_back=$(date +%s)
info "PostgreSQL outage lasted $((t_back - t_stop)) s"
if took="$(wait_until 60 status_is 200 "$NORTE" "/buscar/?q=datos")"; then
    report "PASS  database back: the application answers 200 by itself (${took} s)"
else
    report "FAIL  database back: no 200 within 60 s"
    FAILED=1
fi
check "database back: /healthz answers 200" status_is 200 localhost /healthz
check "database back: same gunicorn master (no restart)" test "$(gunicorn_pid)" == "$MASTER"
restarts="$(grep -c 'db_worker exited' "$LOGS/worker.log" 2>/dev/null)"
info "task worker restarts so far (it exits when it loses the database): ${restarts:-0}"
MARK2="continuidad$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
MARKERS+=("$MARK2")
publish_page norte "$MARK2" >>"$LOGS/faults.log" 2>&1
if found="$(wait_until 60 search_finds "$NORTE" "$MARK2")"; then
    report "PASS  database back: a page published afterwards is searchable (${found} s)"
else
    report "FAIL  database back: a page published afterwards is not searchable within 60 s"
    FAILED=1
fi

stop_load
result="$(grep -o 'WRK_RESULT.*' "$WORK/carga-fallos.txt" | sed 's/^WRK_RESULT //')"
info "background load over the whole scenario: ${result:-no result}"
if ((FAILED)); then
    report "RESULT: FAIL"
    exit 1
fi
report "RESULT: PASS"
exit 0
