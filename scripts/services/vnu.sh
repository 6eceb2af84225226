#!/usr/bin/env bash
# The Nu HTML Checker (the W3C validator, nu.validator:validator) for the tests that check
# the public pages' HTML (tests/cms/test_html_valido.py): fetched from Maven Central with
# mvn into var/m2 and run with the machine's Java 17+. Nothing runs in the background:
# the tests call its command-line client once per run, so `stop` has nothing to stop.
#
#   scripts/services/vnu.sh start|stop|status|restart
#
# Writes var/vnu/classpath.txt (the jars, one a line) and var/vnu/vnu (a launcher taking
# the same arguments as the `vnu` command: files to check, --format json, --errors-only…).
# Environment override: VNU_VERSION (a version or a space-separated preference list).
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=vnu
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

# 20.6.30 is the newest release whose jar Maven Central serves (later ones publish only
# the pom).
VERSIONS="${VNU_VERSION:-20.6.30}"
M2_REPO="$VAR_DIR/m2"
VNU_DIR="$VAR_DIR/vnu"
CLASSPATH_FILE="$VNU_DIR/classpath.txt"
LAUNCHER="$VNU_DIR/vnu"
INSTALL_LOG="$LOG_DIR/vnu-install.log"
MAVEN_DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
MAIN_CLASS="nu.validator.client.SimpleCommandLineValidator"

installed_version() {
    [[ -s "$VNU_DIR/version" && -s "$CLASSPATH_FILE" && -x "$LAUNCHER" ]] || return 1
    local jar
    while IFS= read -r jar; do
        [[ -z "$jar" || -f "$jar" ]] || return 1
    done <"$CLASSPATH_FILE"
    cat "$VNU_DIR/version"
}

resolve() { # version, work dir: resolves the validator and its dependencies into var/m2
    local v="$1" work="$2"
    mkdir -p "$work"
    cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.snt-cms</groupId><artifactId>vnu-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>nu.validator</groupId><artifactId>validator</artifactId><version>$v</version></dependency>
  </dependencies>
</project>
POM
    rm -f "$work/classpath.txt"
    (cd "$work" && mvn -B -q -U -Dstyle.color=never -Dmaven.repo.local="$M2_REPO" \
        "$MAVEN_DEP_PLUGIN:build-classpath" \
        -Dmdep.outputFile="$work/classpath.txt" -Dmdep.pathSeparator=$'\n' \
        </dev/null) >>"$INSTALL_LOG" 2>&1 || return 1
    [[ -s "$work/classpath.txt" ]]
}

write_launcher() {
    cat >"$LAUNCHER" <<LAUNCH
#!/usr/bin/env bash
# Written by scripts/services/vnu.sh: the Nu HTML Checker's command-line client.
exec java -Xss2m -cp "\$(paste -sd: "$CLASSPATH_FILE")" $MAIN_CLASS "\$@"
LAUNCH
    chmod 755 "$LAUNCHER"
}

cmd_start() {
    ensure_base_dirs
    take_lock vnu
    command -v java >/dev/null 2>&1 || die "'java' (17 or later) is not installed; the Nu HTML Checker needs it"
    local have v work
    if have="$(installed_version)"; then
        msg "ready: Nu HTML Checker $have (${LAUNCHER#"$ROOT"/})"
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "'mvn' (Maven) is not installed; it is needed to fetch the Nu HTML Checker"
    mkdir -p "$VNU_DIR"
    for v in $VERSIONS; do
        work="$VNU_DIR/fetch-$v"
        msg "fetching nu.validator:validator:$v with mvn (log: ${INSTALL_LOG#"$ROOT"/})"
        if resolve "$v" "$work"; then
            cp "$work/classpath.txt" "$CLASSPATH_FILE"
            printf '%s\n' "$v" >"$VNU_DIR/version"
            write_launcher
            # A smoke test: one valid document must pass.
            printf '<!DOCTYPE html><html lang="es"><title>t</title><p>ok</p></html>\n' >"$VNU_DIR/smoke.html"
            if "$LAUNCHER" --errors-only "$VNU_DIR/smoke.html" >>"$INSTALL_LOG" 2>&1; then
                msg "ready: Nu HTML Checker $v (${LAUNCHER#"$ROOT"/})"
                return 0
            fi
            warn "Nu HTML Checker $v was fetched but does not run (log: ${INSTALL_LOG#"$ROOT"/})"
            rm -f "$VNU_DIR/version"
        fi
    done
    show_log_tail "$INSTALL_LOG"
    die "could not install the Nu HTML Checker (tried: $VERSIONS)"
}

cmd_status() {
    local v
    if v="$(installed_version)"; then
        msg "Nu HTML Checker: $v (${LAUNCHER#"$ROOT"/})"
    else
        msg "Nu HTML Checker: not installed (${LAUNCHER#"$ROOT"/})"
        return 1
    fi
}

case "${1:-}" in
start | restart) cmd_start ;;
stop) msg "nothing to stop (the tests run the checker's command-line client)" ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
