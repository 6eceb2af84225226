#!/usr/bin/env bash
# What the browser tests need (tests/navegador): Debian's chromium (installed
# with apt-get if missing) and axe-core from the npm registry, cached in
# var/node/. Nothing runs in the background: each test session launches its
# own headless chromium, so `stop` has nothing to stop.
#
#   scripts/services/browser.sh start|stop|status|restart
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=browser
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

CHROMIUM="${SNT_CHROMIUM:-/usr/bin/chromium}"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
NODE_DIR="$VAR_DIR/node"
AXE_JS="$NODE_DIR/node_modules/axe-core/axe.min.js"
INSTALL_LOG="$LOG_DIR/browser-install.log"

chromium_version() {
    # The Debian wrapper script may print shell noise on stderr; keep stdout only.
    "$CHROMIUM" --version 2>/dev/null | head -n 1
}

axe_version() {
    [[ -s "$AXE_JS" ]] || return 1
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
        "$NODE_DIR/node_modules/axe-core/package.json" 2>/dev/null
}

ensure_chromium() {
    if [[ -x "$CHROMIUM" ]] && [[ -n "$(chromium_version)" ]]; then
        return 0
    fi
    [[ "$CHROMIUM" == /usr/bin/chromium ]] || die "SNT_CHROMIUM=$CHROMIUM does not run"
    require_root_for "installing chromium"
    msg "chromium not found; installing Debian package 'chromium' (log: $INSTALL_LOG)"
    {
        apt-get update -q &&
            apt-get install -y -q chromium
    } >>"$INSTALL_LOG" 2>&1 || {
        show_log_tail "$INSTALL_LOG"
        die "apt-get install chromium failed"
    }
    [[ -n "$(chromium_version)" ]] || die "chromium installed but '$CHROMIUM --version' fails"
}

ensure_axe() {
    local have
    have="$(axe_version || true)"
    [[ "$have" == "$AXE_VERSION" ]] && return 0
    command -v npm >/dev/null 2>&1 || die "'npm' (Node.js) is not installed; it is needed to fetch axe-core"
    msg "installing axe-core@$AXE_VERSION from the npm registry into ${NODE_DIR#"$ROOT"/} (log: $INSTALL_LOG)"
    mkdir -p "$NODE_DIR"
    [[ -f "$NODE_DIR/package.json" ]] ||
        printf '{"name": "snt-cms-browser-tests", "private": true}\n' >"$NODE_DIR/package.json"
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --save-exact \
        "axe-core@$AXE_VERSION" >>"$INSTALL_LOG" 2>&1 || {
        show_log_tail "$INSTALL_LOG"
        die "npm install axe-core@$AXE_VERSION failed"
    }
    have="$(axe_version || true)"
    [[ "$have" == "$AXE_VERSION" ]] || die "axe-core $AXE_VERSION expected in $AXE_JS, found '${have:-nothing}'"
}

cmd_start() {
    ensure_base_dirs
    take_lock browser
    ensure_chromium
    ensure_axe
    msg "ready: $(chromium_version) at $CHROMIUM; axe-core $(axe_version) at ${AXE_JS#"$ROOT"/}"
}

cmd_status() {
    local ok=0 v
    if v="$(chromium_version)" && [[ -n "$v" ]]; then
        msg "chromium: $v ($CHROMIUM)"
    else
        msg "chromium: not installed ($CHROMIUM)"
        ok=1
    fi
    if v="$(axe_version)"; then
        msg "axe-core: $v (${AXE_JS#"$ROOT"/})"
    else
        msg "axe-core: not installed (${AXE_JS#"$ROOT"/})"
        ok=1
    fi
    return "$ok"
}

case "${1:-}" in
start | restart) cmd_start ;;
stop) msg "nothing to stop (each test session launches and closes its own browser)" ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
