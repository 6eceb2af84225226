#!/usr/bin/env bash
# nginx in front of several application servers (the distributed bench and its fault
# checks): Debian's nginx (installed with apt-get if missing), run as the unprivileged
# user www-data, listening on 127.0.0.1 only, configuration and temporary files under
# var/nginx/. It appends the client's address to X-Forwarded-For (the application trusts
# one proxy: SNT_TRUSTED_PROXIES=1) and says which server answered in X-Upstream.
#
#   scripts/services/nginx.sh start|stop|status|restart
#
# NGINX_PORT (8100: the port the bench's sites are configured with) and NGINX_UPSTREAMS
# ("127.0.0.1:8101 127.0.0.1:8102"). Log: var/log/nginx-<port>.log.
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=nginx
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

NGINX_PORT="${NGINX_PORT:-8100}"
NGINX_UPSTREAMS="${NGINX_UPSTREAMS:-127.0.0.1:8101 127.0.0.1:8102}"
NGINX_USER="${NGINX_USER:-www-data}"
NGINX_DIR="$VAR_DIR/nginx/$NGINX_PORT"
CONF="$NGINX_DIR/nginx.conf"
PIDFILE="$NGINX_DIR/nginx.pid"
OUT_LOG="$LOG_DIR/nginx-$NGINX_PORT.log"
INSTALL_LOG="$LOG_DIR/nginx-install.log"
NGINX_BIN=/usr/sbin/nginx

ensure_installed() {
    [[ -x "$NGINX_BIN" ]] && return 0
    require_root_for "installing nginx"
    msg "installing nginx (Debian package; log: $INSTALL_LOG)"
    { apt-get -o DPkg::Lock::Timeout=300 install -y -q nginx-light ||
        { apt-get update -q && apt-get -o DPkg::Lock::Timeout=300 install -y -q nginx; }; } \
        >>"$INSTALL_LOG" 2>&1 || die "could not install nginx (see $INSTALL_LOG)"
}

write_config() {
    local upstream servers=""
    mkdir -p "$NGINX_DIR/tmp"
    for upstream in $NGINX_UPSTREAMS; do
        servers+="        server $upstream max_fails=1 fail_timeout=5s;"$'\n'
    done
    cat >"$CONF" <<CONF
# Written by scripts/services/nginx.sh
worker_processes 1;
daemon off;
pid $PIDFILE;
error_log $OUT_LOG warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    upstream snt_app {
$servers        keepalive 64;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        location / {
            proxy_pass http://snt_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # An application server that is down: the request goes to the other one.
            proxy_next_upstream error timeout http_502;
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
CONF
    if [[ "$(id -u)" -eq 0 ]] && id -u "$NGINX_USER" >/dev/null 2>&1; then
        chown -R "$NGINX_USER" "$NGINX_DIR"
        touch "$OUT_LOG" && chown "$NGINX_USER" "$OUT_LOG"
        ensure_traversable "$NGINX_USER" "$NGINX_DIR"
    fi
}

answers() { curl -s -o /dev/null -m 3 "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null; }

cmd_start() {
    local i pid
    ensure_base_dirs
    take_lock "nginx-$NGINX_PORT"
    if pid="$(alive_pid "$PIDFILE" nginx)"; then
        msg "already running on 127.0.0.1:$NGINX_PORT (pid $pid)"
        return 0
    fi
    port_open "$NGINX_PORT" && die "port $NGINX_PORT is in use by another process"
    ensure_installed
    write_config
    local run_as=()
    if [[ "$(id -u)" -eq 0 ]] && id -u "$NGINX_USER" >/dev/null 2>&1; then
        run_as=(setpriv --reuid="$NGINX_USER" --regid="$(id -g "$NGINX_USER")" --init-groups --)
    fi
    "${run_as[@]}" "$NGINX_BIN" -t -q -c "$CONF" -e "$OUT_LOG" 2>>"$OUT_LOG" || {
        show_log_tail "$OUT_LOG"
        die "nginx refused its configuration ($CONF)"
    }
    setsid "${run_as[@]}" "$NGINX_BIN" -c "$CONF" -e "$OUT_LOG" </dev/null >>"$OUT_LOG" 2>&1 9>&- &
    for ((i = 0; i < 40; i++)); do
        if port_open "$NGINX_PORT" && pid="$(alive_pid "$PIDFILE" nginx)"; then
            msg "ready: http://127.0.0.1:$NGINX_PORT -> $NGINX_UPSTREAMS (pid $pid)"
            return 0
        fi
        sleep 0.25
    done
    show_log_tail "$OUT_LOG"
    die "nginx did not listen on port $NGINX_PORT"
}

cmd_stop() {
    ensure_base_dirs
    take_lock "nginx-$NGINX_PORT"
    stop_pidfile_group "$PIDFILE" "nginx on port $NGINX_PORT" 20 nginx
    msg "stopped"
}

cmd_status() {
    local pid
    if pid="$(alive_pid "$PIDFILE" nginx)" && port_open "$NGINX_PORT"; then
        msg "running: http://127.0.0.1:$NGINX_PORT -> $NGINX_UPSTREAMS (pid $pid)"
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
