#!/usr/bin/env bash
# PostgreSQL for the test suite: a private cluster in var/pgdata on
# 127.0.0.1:55432 (never the Debian system cluster), run as the OS user
# 'postgres'. Installs Debian's postgresql package if it is missing.
#
#   scripts/services/postgres.sh start|stop|status|restart
#
# URL: postgres://snt:snt@127.0.0.1:55432/snt_cms  (role snt is superuser)
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=postgres
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

PG_PORT=55432
PG_HOST=127.0.0.1
PG_ROLE=snt
PG_PASSWORD=snt
PG_DB=snt_cms
PG_OS_USER=postgres
PGDATA_DIR="$VAR_DIR/pgdata"
PG_SOCKET_DIR="$RUN_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
PG_PIDFILE="$RUN_DIR/postgres.pid"
DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DB"

PG_BIN=""

# A unix socket path is limited to 107 bytes; fall back to /tmp if the
# checkout lives in a very deep directory.
if ((${#PG_SOCKET_DIR} + 20 > 107)); then
    PG_SOCKET_DIR="/tmp/snt-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
fi

find_pg_bin() {
    local want="" d
    if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
        want="$(tr -dc '0-9' <"$PGDATA_DIR/PG_VERSION")"
        if [[ -x "/usr/lib/postgresql/$want/bin/pg_ctl" ]]; then
            PG_BIN="/usr/lib/postgresql/$want/bin"
            return 0
        fi
    fi
    d="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$d" ]] || return 1
    if [[ -n "$want" ]]; then
        die "var/pgdata was created by PostgreSQL $want but only $(dirname "$d") is installed; remove $PGDATA_DIR to recreate the test cluster"
    fi
    PG_BIN="$(dirname "$d")"
}

ensure_installed() {
    if find_pg_bin && [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/postgres" ]] && id -u "$PG_OS_USER" >/dev/null 2>&1; then
        return 0
    fi
    require_root_for "installing PostgreSQL"
    msg "PostgreSQL server binaries not found; installing Debian package 'postgresql' (log: $LOG_DIR/postgres-install.log)"
    {
        apt-get update -q &&
            apt-get install -y -q --no-install-recommends postgresql postgresql-client
    } >>"$LOG_DIR/postgres-install.log" 2>&1 || {
        show_log_tail "$LOG_DIR/postgres-install.log"
        die "apt-get install postgresql failed"
    }
    find_pg_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/pg_ctl found"
    id -u "$PG_OS_USER" >/dev/null 2>&1 || die "OS user '$PG_OS_USER' missing after installing postgresql"
}

pg_as_user() {
    # 9>&- : the postmaster must not inherit our lock fd.
    env -i PATH="$PG_BIN:/usr/bin:/bin" HOME="$PGDATA_DIR" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        setpriv --reuid="$PG_OS_USER" --regid="$(id -g "$PG_OS_USER")" --init-groups -- "$@" 9>&-
}

is_running() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] || return 1
    pg_as_user "$PG_BIN/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# psql as the bootstrap superuser over the unix socket.
admin_psql() {
    pg_as_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres
}

check_url() {
    env PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -A -t \
        -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" \
        -c 'select 1' 2>&1
}

prepare_dirs() {
    ensure_base_dirs
    ensure_traversable "$PG_OS_USER" "$VAR_DIR"
    mkdir -p "$PG_SOCKET_DIR"
    chown "$PG_OS_USER:" "$PG_SOCKET_DIR"
    chmod 755 "$PG_SOCKET_DIR"
    touch "$PG_LOG"
    chown "$PG_OS_USER:" "$PG_LOG"
}

init_cluster() {
    if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
        return 0
    fi
    if [[ -d "$PGDATA_DIR" ]] && [[ -n "$(ls -A "$PGDATA_DIR" 2>/dev/null)" ]]; then
        die "$PGDATA_DIR exists but is not a PostgreSQL data directory; remove it and retry"
    fi
    msg "initialising a new cluster in $PGDATA_DIR ($("$PG_BIN/postgres" --version))"
    mkdir -p "$PGDATA_DIR"
    chown "$PG_OS_USER:" "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    if ! pg_as_user "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1; then
        show_log_tail "$PG_LOG"
        rm -rf "$PGDATA_DIR"
        die "initdb failed"
    fi
}

write_config() {
    # Regenerated on every start so that changes here always apply.
    cat >"$PGDATA_DIR/snt-test.conf" <<EOF
# Managed by scripts/services/postgres.sh -- test-only settings, do not edit.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
    chown "$PG_OS_USER:" "$PGDATA_DIR/snt-test.conf"
    if ! grep -q "^include_if_exists = 'snt-test.conf'" "$PGDATA_DIR/postgresql.conf"; then
        printf "\ninclude_if_exists = 'snt-test.conf'\n" >>"$PGDATA_DIR/postgresql.conf"
    fi
}

ensure_role_and_db() {
    admin_psql >/dev/null <<EOF || die "could not create role '$PG_ROLE' / database '$PG_DB'"
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN SUPERUSER CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_ROLE LOGIN SUPERUSER CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_ROLE ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
EOF
}

record_pid() {
    if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then
        head -n 1 "$PGDATA_DIR/postmaster.pid" >"$PG_PIDFILE"
    fi
}

verify() {
    local out
    out="$(check_url)" || die "cannot connect to $DATABASE_URL: $out"
    [[ "$out" == "1" ]] || die "unexpected answer from $DATABASE_URL: $out"
}

cmd_start() {
    ensure_installed
    prepare_dirs
    take_lock postgres
    if is_running; then
        ensure_role_and_db
        record_pid
        verify
        msg "already running: $DATABASE_URL (pid $(cat "$PG_PIDFILE"))"
        return 0
    fi
    if port_open "$PG_PORT"; then
        die "port $PG_PORT is already in use by another process (not our cluster in $PGDATA_DIR)"
    fi
    init_cluster
    write_config
    chown -R "$PG_OS_USER:" "$PGDATA_DIR"
    msg "starting on $PG_HOST:$PG_PORT (log: $PG_LOG)"
    if ! pg_as_user "$PG_BIN/pg_ctl" start -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 90 >/dev/null 2>&1; then
        show_log_tail "$PG_LOG"
        die "pg_ctl start failed"
    fi
    ensure_role_and_db
    record_pid
    verify
    msg "ready: $DATABASE_URL (pid $(cat "$PG_PIDFILE"))"
}

cmd_stop() {
    if ! find_pg_bin || [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
        msg "not running (no cluster in $PGDATA_DIR)"
        rm -f "$PG_PIDFILE"
        return 0
    fi
    ensure_base_dirs
    take_lock postgres
    if ! is_running; then
        msg "not running"
        rm -f "$PG_PIDFILE"
        return 0
    fi
    msg "stopping..."
    if ! pg_as_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t 60 >/dev/null 2>&1; then
        warn "fast shutdown timed out; trying immediate shutdown"
        pg_as_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m immediate -w -t 30 >/dev/null 2>&1 ||
            die "could not stop PostgreSQL (data dir $PGDATA_DIR)"
    fi
    rm -f "$PG_PIDFILE"
    msg "stopped"
}

cmd_status() {
    if ! find_pg_bin || ! is_running; then
        msg "not running"
        return 1
    fi
    local out
    if out="$(check_url)" && [[ "$out" == "1" ]]; then
        record_pid
        msg "running: $DATABASE_URL (pid $(cat "$PG_PIDFILE" 2>/dev/null || echo '?'))"
        return 0
    fi
    err "server process is up but $DATABASE_URL does not answer: $out"
    return 1
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
restart)
    cmd_stop
    cmd_start
    ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
