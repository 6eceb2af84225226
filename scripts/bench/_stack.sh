# shellcheck shell=bash
# Shared helpers for scripts/bench/: the benchmark stack. Sourced, not executed.
#
# The stack is the demo network in its own PostgreSQL database (snt_bench) and its own
# search index prefix, served by gunicorn on 127.0.0.1:$BENCH_PORT with the production
# settings, plus one task worker (manage.py db_worker) that drains the index outbox.
# Everything listens on loopback; files live under var/bench/ (git-ignored).

set -Eeuo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
SERVICES="$ROOT/scripts/services"
WORK="$ROOT/var/bench"
LOGS="$WORK/log"
RUN="$WORK/run"
export LC_ALL=C.UTF-8 LANG=C.UTF-8

BENCH_PORT="${BENCH_PORT:-8100}"
BENCH_DB="${BENCH_DB:-snt_bench}"
# Not "snt_bench_": search_benchmark builds (and at the end deletes) snt_bench_* indices.
BENCH_INDEX_PREFIX="${BENCH_INDEX_PREFIX:-sntcarga_}"
PG_SERVER_URL="postgres://snt:snt@127.0.0.1:55432"
SEARCH_URL_BENCH="${SEARCH_URL_BENCH:-http://127.0.0.1:9201}"
# gunicorn: 2 cores; measured choices are in docs/rendimiento.md.
BENCH_WORKERS="${BENCH_WORKERS:-4}"
BENCH_WORKER_CLASS="${BENCH_WORKER_CLASS:-gthread}"
BENCH_THREADS="${BENCH_THREADS:-2}"

log() { printf '[bench] %s\n' "$*"; }
die() {
    printf '[bench] ERROR: %s\n' "$*" >&2
    exit 1
}

mkdir -p "$WORK" "$LOGS" "$RUN"

secret_key() {
    local file="$WORK/secret_key"
    if [[ ! -s "$file" ]]; then
        "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$file"
        chmod 600 "$file"
    fi
    cat "$file"
}

# Environment of every process of the stack (production settings, loopback, no HTTPS).
bench_env() {
    export DJANGO_SETTINGS_MODULE=cms.settings.production
    export DATABASE_URL="$PG_SERVER_URL/$BENCH_DB"
    SECRET_KEY="$(secret_key)"
    export SECRET_KEY
    export ALLOWED_HOSTS="localhost,.localhost,127.0.0.1"
    # Plain HTTP on loopback: no redirect to HTTPS, no HSTS (cookies stay "secure").
    export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
    export SNT_SITE_SCHEME=http SNT_SITE_PORT="$BENCH_PORT"
    export WAGTAILADMIN_BASE_URL="http://localhost:$BENCH_PORT"
    export SEARCH_ENGINE=opensearch SEARCH_URL="$SEARCH_URL_BENCH"
    export SEARCH_INDEX_PREFIX="$BENCH_INDEX_PREFIX"
    export TASKS_BACKEND=django_tasks_db.DatabaseBackend
    export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" PAGE_CACHE_DIR="$WORK/cache"
    # Every request of the load tool comes from 127.0.0.1, i.e. one "client": the per-client
    # limits of the search API and of /buscar/ (120/min each) would answer 429 to almost all
    # of them. The limiter still runs (and counts) on every request.
    export SEARCH_API_RATE_LIMIT=100000000 SEARCH_PAGE_RATE_LIMIT=100000000
    export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
    export PYTHONDONTWRITEBYTECODE=1
}

manage() {
    (cd "$ROOT" && "$PY" manage.py "$@")
}

# manage.py with the demo settings (load_demo refuses production settings on purpose);
# same database, index and ports as the stack.
# Tasks run inline here, so the data is indexed when setup ends (no backlog for the worker).
manage_setup() {
    (cd "$ROOT" && DJANGO_SETTINGS_MODULE=cms.settings.dev \
        TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend "$PY" manage.py "$@")
}

start_services() {
    "$SERVICES/postgres.sh" start
    "$SERVICES/search.sh" start opensearch
}

# Fresh database: drop (only our own) and create it again.
create_database() {
    log "fresh database $BENCH_DB"
    "$PY" - "$PG_SERVER_URL/postgres" "$BENCH_DB" <<'EOF'
import sys

import psycopg

url, name = sys.argv[1], sys.argv[2]
assert name == "snt_bench" or name.startswith("snt_bench_"), name
with psycopg.connect(url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f"CREATE DATABASE \"{name}\" OWNER snt ENCODING 'UTF8' TEMPLATE template0")
EOF
}

database_ready() {
    "$PY" - "$PG_SERVER_URL/$BENCH_DB" <<'EOF' >/dev/null 2>&1
import sys

import psycopg

with psycopg.connect(sys.argv[1], connect_timeout=3) as conn:
    conn.execute("SELECT 1 FROM wagtailcore_site LIMIT 1").fetchone()
EOF
}

# migrate, the network, the demo content, the search index, static files.
setup_data() {
    local t0
    t0=$(date +%s)
    stop_stack
    create_database
    log "migrate"
    manage_setup migrate --no-input -v 0
    log "bootstrap_snt --port $BENCH_PORT"
    manage_setup bootstrap_snt --port "$BENCH_PORT" >"$LOGS/bootstrap.log"
    log "load_demo"
    manage_setup load_demo >"$LOGS/load_demo.log"
    log "delete old ${BENCH_INDEX_PREFIX}* indices, then search_reindex"
    curl -fsS -X DELETE "$SEARCH_URL_BENCH/${BENCH_INDEX_PREFIX}*?ignore_unavailable=true" \
        >/dev/null || true
    local r0 r1
    r0=$(date +%s.%N)
    manage_setup search_reindex | tr '\r' '\n' | tail -n 1 | tee "$LOGS/reindex.log"
    r1=$(date +%s.%N)
    awk -v a="$r0" -v b="$r1" 'BEGIN { printf "%.1f\n", b - a }' >"$WORK/reindex_seconds"
    collect_static
    log "data ready in $(($(date +%s) - t0)) s"
}

# --no-setup on data loaded by older code: new migrations, the search index rebuilt if its
# mapping is older than the code's (search_reindex --si-hace-falta), static files.
refresh_data() {
    log "migrate, search_reindex --si-hace-falta"
    manage_setup migrate --no-input -v 0
    manage_setup search_reindex --si-hace-falta | tr '\r' '\n' | tail -n 1
    collect_static
}

# Static files with the production settings: hashed names and the manifest they need.
collect_static() {
    log "collectstatic"
    manage collectstatic --no-input -v 0
}

# running_pid NAME MARK: the pid in $RUN/NAME.pid if it runs and its command line has MARK.
running_pid() {
    local pid
    [[ -f "$RUN/$1.pid" ]] || return 1
    pid="$(tr -dc '0-9' <"$RUN/$1.pid")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$2" || return 1
    printf '%s\n' "$pid"
}

gunicorn_pid() { running_pid gunicorn cms.wsgi; }
worker_pid() { running_pid worker db_worker; }

start_gunicorn() {
    start_gunicorn_at "$BENCH_PORT" gunicorn
}

# start_gunicorn_at PORT NAME: one application server on 127.0.0.1:PORT, pid in $RUN/NAME.pid.
start_gunicorn_at() {
    local port="$1" name="$2"
    if running_pid "$name" cms.wsgi >/dev/null; then
        log "$name already running (pid $(running_pid "$name" cms.wsgi))"
        return 0
    fi
    local threads=()
    if [[ "$BENCH_WORKER_CLASS" == "gthread" ]]; then
        threads=(--threads "$BENCH_THREADS")
    fi
    log "$name: gunicorn cms.wsgi on 127.0.0.1:$port: $BENCH_WORKERS $BENCH_WORKER_CLASS workers ${threads[*]}"
    # exec: no shell stays behind holding the caller's stdout.
    (cd "$ROOT" && exec setsid "$GUNICORN" cms.wsgi --bind "127.0.0.1:$port" \
        --workers "$BENCH_WORKERS" --worker-class "$BENCH_WORKER_CLASS" "${threads[@]}" \
        --backlog 2048 --timeout 60 --graceful-timeout 10 --pid "$RUN/$name.pid" \
        --error-logfile "$LOGS/$name.log" --log-level warning) \
        </dev/null >>"$LOGS/$name.out" 2>&1 &
    local i
    for ((i = 0; i < 120; i++)); do
        if curl -fs -o /dev/null -H "Host: localhost" "http://127.0.0.1:$port/healthz"; then
            log "$name ready (pid $(running_pid "$name" cms.wsgi || echo '?'))"
            return 0
        fi
        sleep 0.5
    done
    tail -n 30 "$LOGS/$name.log" >&2 || true
    die "$name did not answer /healthz within 60 s"
}

# The task worker runs under a restart loop, as a service manager would run it
# (systemd Restart=always): db_worker exits when it loses the database.
start_worker() {
    if worker_pid >/dev/null; then
        log "task worker already running (pid $(worker_pid))"
        return 0
    fi
    log "task worker (manage.py db_worker, restarted if it exits)"
    # shellcheck disable=SC2016  # expanded by the inner shell
    (cd "$ROOT" && exec setsid bash -c '
        echo $$ >"$1"
        trap "kill -TERM \$child 2>/dev/null; wait \$child; exit 0" TERM INT
        while true; do
            "$0" manage.py db_worker --no-startup-delay &
            child=$!
            wait $child || true
            echo "[bench] db_worker exited; restarting in 2 s" >&2
            sleep 2
        done' "$PY" "$RUN/worker.pid") </dev/null >>"$LOGS/worker.log" 2>&1 &
    sleep 1
    worker_pid >/dev/null || die "the task worker did not start (see $LOGS/worker.log)"
}

stop_pid() {
    local pid="$1" what="$2" i
    log "stopping $what (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

stop_stack() {
    local pid name
    for name in gunicorn gunicorn-a gunicorn-b; do
        if pid="$(running_pid "$name" cms.wsgi)"; then stop_pid "$pid" "$name"; fi
    done
    if pid="$(worker_pid)"; then stop_pid "$pid" "task worker"; fi
    rm -f "$RUN/gunicorn.pid" "$RUN/gunicorn-a.pid" "$RUN/gunicorn-b.pid" "$RUN/worker.pid"
}

# Outbox rows not yet applied, and index tasks not yet run.
backlog() {
    manage shell -v 0 -c '
from django_tasks_db.models import DBTaskResult
from search.models import IndexOutbox
pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).count()
print(pending, DBTaskResult.objects.ready().count())
' 2>/dev/null
}

# Waits (bounded) until the outbox is empty; prints the seconds it took.
wait_backlog_drained() {
    local limit="${1:-120}" t0 out
    t0=$(date +%s)
    while (($(date +%s) - t0 < limit)); do
        out="$(backlog || echo "? ?")"
        if [[ "${out%% *}" == "0" ]]; then
            echo $(($(date +%s) - t0))
            return 0
        fi
        sleep 1
    done
    return 1
}
