#!/usr/bin/env bash
# S3 stand-in for the test suite: moto in server mode on 127.0.0.1:5055
# (from the project venv), with the buckets snt-cms-media and
# snt-cms-backups. moto keeps its state in memory: a restart empties the
# buckets, and `start` (re)creates them.
#
#   scripts/services/s3.sh start|stop|status|restart
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=s3
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

S3_HOST=127.0.0.1
S3_PORT=5055
S3_URL="http://$S3_HOST:$S3_PORT"
S3_BUCKETS=(snt-cms-media snt-cms-backups)
S3_LOG="$LOG_DIR/s3.log"
S3_PIDFILE="$RUN_DIR/s3.pid"
START_TIMEOUT="${S3_START_TIMEOUT:-60}"

# Fake credentials; nothing ever leaves 127.0.0.1.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN || true

PY=""
MOTO=()

find_moto() {
    PY="$(python3_bin)"
    if ! "$PY" -c 'import boto3, moto.server' >/dev/null 2>&1; then
        die "moto[server] and boto3 are not importable by $PY; install the project's requirements into .venv first"
    fi
    if [[ -x "$ROOT/.venv/bin/moto_server" ]]; then
        MOTO=("$ROOT/.venv/bin/moto_server")
    else
        MOTO=("$PY" -m moto.server)
    fi
}

# True if the thing listening on the port is a moto server. Its dashboard page, not
# /moto-api/data.json: that one answers 500 once a test has deleted a bucket that other
# state still names, and a healthy server would then look like a stranger on the port.
is_moto() {
    curl -fsS -m 5 "$S3_URL/moto-api/" 2>/dev/null | grep -i moto >/dev/null
}

ensure_buckets() {
    local out
    if ! out="$("$PY" - "$S3_URL" "${S3_BUCKETS[@]}" 2>&1 <<'EOF'
import sys
import boto3
from botocore.config import Config

url, buckets = sys.argv[1], sys.argv[2:]
s3 = boto3.client(
    "s3",
    endpoint_url=url,
    region_name="us-east-1",
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
    config=Config(retries={"max_attempts": 3}, connect_timeout=5, read_timeout=30),
)
existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
created = []
for name in buckets:
    if name not in existing:
        try:
            s3.create_bucket(Bucket=name)
            created.append(name)
        except s3.exceptions.BucketAlreadyOwnedByYou:
            pass
# Round trip through one bucket to be sure the server really works.
s3.put_object(Bucket=buckets[0], Key=".services-check", Body=b"ok")
assert s3.get_object(Bucket=buckets[0], Key=".services-check")["Body"].read() == b"ok"
s3.delete_object(Bucket=buckets[0], Key=".services-check")
now = sorted(b["Name"] for b in s3.list_buckets().get("Buckets", []))
missing = [b for b in buckets if b not in now]
if missing:
    sys.exit("buckets missing after create: %s" % ", ".join(missing))
print("created: %s; buckets: %s" % (", ".join(created) or "none", ", ".join(now)))
EOF
)"; then
        die "bucket setup against $S3_URL failed: $out"
    fi
    msg "$out"
}

cmd_start() {
    ensure_base_dirs
    find_moto
    take_lock s3
    local pid i
    if pid="$(alive_pid "$S3_PIDFILE" moto)" && is_moto; then
        ensure_buckets
        msg "already running: $S3_URL (pid $pid)"
        return 0
    fi
    if port_open "$S3_PORT"; then
        if is_moto; then
            warn "a moto server not started by this script already listens on $S3_PORT; using it"
            ensure_buckets
            msg "ready: $S3_URL"
            return 0
        fi
        die "port $S3_PORT is already in use by another process (not moto)"
    fi
    rm -f "$S3_PIDFILE"
    msg "starting moto server on $S3_HOST:$S3_PORT (log: $S3_LOG)"
    printf '\n==== %s start ====\n' "$(date -u +%FT%TZ)" >>"$S3_LOG"
    setsid "${MOTO[@]}" -H "$S3_HOST" -p "$S3_PORT" </dev/null >>"$S3_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$S3_PIDFILE"
    for ((i = 0; i < START_TIMEOUT * 2; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            show_log_tail "$S3_LOG"
            rm -f "$S3_PIDFILE"
            die "moto server exited during startup"
        fi
        is_moto && break
        sleep 0.5
    done
    if ! is_moto; then
        show_log_tail "$S3_LOG"
        stop_pidfile_group "$S3_PIDFILE" "moto server" 10 moto
        die "moto server did not answer on $S3_URL within ${START_TIMEOUT}s"
    fi
    ensure_buckets
    msg "ready: $S3_URL (pid $pid)"
}

cmd_stop() {
    ensure_base_dirs
    take_lock s3
    if ! alive_pid "$S3_PIDFILE" moto >/dev/null; then
        rm -f "$S3_PIDFILE"
        if port_open "$S3_PORT"; then
            warn "something still listens on $S3_PORT but was not started by this script; leaving it alone"
        fi
        msg "not running"
        return 0
    fi
    stop_pidfile_group "$S3_PIDFILE" "moto server" 20 moto
    msg "stopped"
}

cmd_status() {
    local pid
    if pid="$(alive_pid "$S3_PIDFILE" moto)" && is_moto; then
        msg "running: $S3_URL (pid $pid)"
        return 0
    fi
    if is_moto; then
        msg "running: $S3_URL (not started by this script)"
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
