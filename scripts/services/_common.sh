# shellcheck shell=bash
# Shared helpers for the scripts in scripts/services/. Sourced, not executed.
#
# Everything these scripts create lives under $ROOT/var/ (git-ignored):
#   var/log/<service>.log   service output
#   var/run/<service>.pid   pid of the running service
#   var/run/<service>.lock  serialises concurrent start/stop of one service

set -Eeuo pipefail

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SERVICES_DIR/../.." && pwd)"
VAR_DIR="$ROOT/var"
LOG_DIR="$VAR_DIR/log"
RUN_DIR="$VAR_DIR/run"
export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C.UTF-8 LANG=C.UTF-8

SVC_NAME="${SVC_NAME:-services}"

msg() { printf '[%s] %s\n' "$SVC_NAME" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$SVC_NAME" "$*" >&2; }
err() { printf '[%s] ERROR: %s\n' "$SVC_NAME" "$*" >&2; }
die() {
    err "$*"
    exit 1
}

# Prints the last lines of a log file to stderr (for failure diagnostics).
show_log_tail() {
    local file="$1" lines="${2:-25}"
    if [[ -s "$file" ]]; then
        printf '[%s] ---- last %s lines of %s ----\n' "$SVC_NAME" "$lines" "$file" >&2
        tail -n "$lines" "$file" | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^/    /' >&2
        printf '[%s] ----\n' "$SVC_NAME" >&2
    fi
}

require_root_for() {
    [[ "$(id -u)" -eq 0 ]] || die "$1 needs root (it creates a system user / runs apt-get); run it as root."
}

ensure_base_dirs() {
    mkdir -p "$VAR_DIR" "$LOG_DIR" "$RUN_DIR"
    chmod 755 "$VAR_DIR" "$LOG_DIR" "$RUN_DIR"
}

# Takes an exclusive lock for this service for the rest of the script (fd 9).
# Children that outlive the script must be started with `9>&-`.
take_lock() {
    local name="$1"
    exec 9>"$RUN_DIR/$name.lock"
    if ! flock -w 900 9; then
        die "another '$name' start/stop has held the lock for 15 minutes ($RUN_DIR/$name.lock)"
    fi
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Reads a pid file; prints the pid if that process is alive (and, if a
# pattern is given, its command line contains it: guards against pid reuse).
alive_pid() {
    local file="$1" pattern="${2:-}" pid
    [[ -f "$file" ]] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -n "$pattern" ]]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
    fi
    printf '%s\n' "$pid"
}

# Stops the daemon whose pid is in $1. We start every daemon with setsid, so
# that pid also leads its own process group: TERM goes to the leader (which
# shuts its children down itself), KILL to the whole group after $3 seconds.
stop_pidfile_group() {
    local file="$1" what="$2" timeout="${3:-60}" pattern="${4:-}" pid i
    pid="$(alive_pid "$file" "$pattern")" || {
        rm -f "$file"
        return 0
    }
    msg "stopping $what (pid $pid)..."
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 2; i++)); do
        kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; then
        warn "$what did not stop within ${timeout}s; sending KILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$file"
}

# Runs a command as an unprivileged user (no PAM, no fork; keeps pid).
as_user() {
    local user="$1"
    shift
    setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@"
}

# Makes sure $user can traverse every directory from / down to $path
# (adds o+x, never read or write, to the ancestors that lack it).
ensure_traversable() {
    local user="$1" path="$2" d acc=""
    IFS='/' read -r -a parts <<<"${path#/}"
    for d in "${parts[@]}"; do
        [[ -n "$d" ]] || continue
        acc="$acc/$d"
        [[ -d "$acc" ]] || break
        if ! as_user "$user" test -x "$acc" 2>/dev/null; then
            msg "granting o+x on $acc so that user '$user' can reach $path"
            chmod o+x "$acc"
        fi
    done
}

# Creates a locked system user (and group) if it does not exist yet.
ensure_system_user() {
    local user="$1" home="$2"
    if ! id -u "$user" >/dev/null 2>&1; then
        msg "creating system user '$user'"
        useradd --system --user-group --no-create-home --home-dir "$home" \
            --shell /usr/sbin/nologin "$user" ||
            die "could not create system user '$user'"
    fi
}

python3_bin() {
    if [[ -x "$ROOT/.venv/bin/python" ]]; then
        printf '%s\n' "$ROOT/.venv/bin/python"
    elif command -v python3 >/dev/null 2>&1; then
        command -v python3
    else
        die "python3 not found"
    fi
}
