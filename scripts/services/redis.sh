#!/usr/bin/env bash
# Redis for the page cache and the rate limits of several application servers (bench,
# fault scenarios, the cross-process limit test): Debian's redis-server (installed with
# apt-get if missing), run as the unprivileged user 'redis' on 127.0.0.1 only, no
# persistence (a cache: losing it costs nothing but a cold start).
#
#   scripts/services/redis.sh start|stop|status|restart
#
# Port: REDIS_PORT (6390; Debian's own service, if any, keeps 6379). Config and data:
# var/redis/, log: var/log/redis.log. Memory: REDIS_MAXMEMORY (256mb), LRU eviction.
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=redis
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

REDIS_PORT="${REDIS_PORT:-6390}"
REDIS_USER="${REDIS_USER:-redis}"
REDIS_DIR="$VAR_DIR/redis"
CONF="$REDIS_DIR/redis-$REDIS_PORT.conf"
PIDFILE="$RUN_DIR/redis-$REDIS_PORT.pid"
OUT_LOG="$LOG_DIR/redis-$REDIS_PORT.log"
INSTALL_LOG="$LOG_DIR/redis-install.log"

ensure_installed() {
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
    require_root_for "installing redis-server"
    msg "installing redis-server (Debian package; log: $INSTALL_LOG)"
    { apt-get -o DPkg::Lock::Timeout=300 install -y -q redis-server ||
        { apt-get update -q && apt-get -o DPkg::Lock::Timeout=300 install -y -q redis-server; }; } \
        >>"$INSTALL_LOG" 2>&1 || die "could not install redis-server (see $INSTALL_LOG)"
}

ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -qx PONG; }

write_config() {
    mkdir -p "$REDIS_DIR/data-$REDIS_PORT"
    cat >"$CONF" <<CONF
# Written by scripts/services/redis.sh
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
dir $REDIS_DIR/data-$REDIS_PORT
save ""
appendonly no
maxmemory ${REDIS_MAXMEMORY:-256mb}
maxmemory-policy allkeys-lru
loglevel notice
logfile ""
CONF
    if id -u "$REDIS_USER" >/dev/null 2>&1; then
        chown -R "$REDIS_USER" "$REDIS_DIR/data-$REDIS_PORT"
        chmod 644 "$CONF"
        ensure_traversable "$REDIS_USER" "$REDIS_DIR/data-$REDIS_PORT"
    fi
}

cmd_start() {
    local i
    ensure_base_dirs
    take_lock "redis-$REDIS_PORT"
    if ping; then
        msg "already running: redis://127.0.0.1:$REDIS_PORT"
        return 0
    fi
    port_open "$REDIS_PORT" && die "port $REDIS_PORT is in use by something that is not Redis"
    ensure_installed
    write_config
    if [[ "$(id -u)" -eq 0 ]] && id -u "$REDIS_USER" >/dev/null 2>&1; then
        setsid setpriv --reuid="$REDIS_USER" --regid="$(id -g "$REDIS_USER")" --init-groups -- \
            redis-server "$CONF" </dev/null >>"$OUT_LOG" 2>&1 9>&- &
    else
        setsid redis-server "$CONF" </dev/null >>"$OUT_LOG" 2>&1 9>&- &
    fi
    echo $! >"$PIDFILE"
    for ((i = 0; i < 40; i++)); do
        if ping; then
            msg "ready: redis://127.0.0.1:$REDIS_PORT (pid $(cat "$PIDFILE"))"
            return 0
        fi
        sleep 0.25
    done
    show_log_tail "$OUT_LOG"
    die "redis-server did not answer on port $REDIS_PORT"
}

cmd_stop() {
    ensure_base_dirs
    take_lock "redis-$REDIS_PORT"
    stop_pidfile_group "$PIDFILE" "redis on port $REDIS_PORT" 20 redis-server
    msg "stopped"
}

cmd_status() {
    if ping; then
        msg "running: redis://127.0.0.1:$REDIS_PORT (pid $(alive_pid "$PIDFILE" redis-server || echo '?'))"
        return 0
    fi
    msg "not running"
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
