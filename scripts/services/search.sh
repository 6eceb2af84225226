#!/usr/bin/env bash
# Search engines for the test suite, one single-node cluster each, fetched
# from Maven Central with mvn (the "integ-test-zip" distributions: no
# bundled JDK, no security plugin) and run with the machine's Java 17+:
#
#   opensearch     2.19.x  http://127.0.0.1:9201  (transport 9301)
#                  + modules analysis-common and lang-painless, assembled
#                    from their jars (they are not in the integ-test-zip)
#   elasticsearch  8.19.x  http://127.0.0.1:9202  (transport 9302)
#                  security off; ships WITHOUT analysis-common (expected)
#
#   scripts/services/search.sh start|stop|status|restart [opensearch|elasticsearch|bench]
#   scripts/services/search.sh start|stop|status|restart cluster [1|2|3]
#
# "cluster": a three-node OpenSearch cluster (same distribution) for the
# distributed bench and the fault scenario: http 9211-9213, transport
# 9311-9313, cluster "snt-cms-cluster", one data directory per node
# (var/search/opensearch-<version>-cluster-<n>/), discovery.seed_hosts and
# cluster.initial_cluster_manager_nodes naming the three, heap CLUSTER_HEAP
# (256m) each. New indices keep the engine's default of one replica. A node
# number acts on that node only (the fault scenario stops and restarts one).
# It never touches the single-node engines on 9201/9202.
#
#   scripts/services/search.sh start|stop|status|restart bench
#
# "bench": one more single OpenSearch node (same distribution and modules)
# for the million-document search_benchmark, so that a big corpus never
# loads the shared test node: http 9221, transport 9321 (BENCH_HTTP_PORT,
# BENCH_TRANSPORT_PORT), cluster "snt-cms-bench", heap BENCH_HEAP (4g),
# indexing buffer BENCH_INDEX_BUFFER (25% of the heap: larger segments,
# less merging while a corpus is loaded), data in
# var/search/opensearch-<version>-bench/, log var/log/opensearch-bench.log.
# Stop it when the benchmark is done; it is not in all.sh.
#
# Both engines refuse to run as root: they run as the system user
# 'sntsearch' (created if missing). Cached downloads: var/m2 (Maven local
# repo) and var/search/<engine>-<version>/ (unpacked distribution).
# Node state: var/search/<engine>-<version>-node/, logs: var/log/<engine>/.
#
# Environment overrides: OPENSEARCH_VERSION / ELASTICSEARCH_VERSION (a
# version or a space-separated preference list), SEARCH_HEAP (512m),
# SEARCH_START_TIMEOUT (seconds, 240).
ENGINE="${2:-opensearch}"
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME="$ENGINE"
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

SEARCH_DIR="$VAR_DIR/search"
M2_REPO="$VAR_DIR/m2"
SEARCH_USER="${SEARCH_USER:-sntsearch}"
HEAP="${SEARCH_HEAP:-512m}"
START_TIMEOUT="${SEARCH_START_TIMEOUT:-240}"
MAVEN_DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

# The OpenSearch distribution every OpenSearch instance here runs (single node, bench,
# cluster).
opensearch_distribution() {
    GROUP_ID=org.opensearch.distribution.integ-test-zip
    ARTIFACT=opensearch
    VERSIONS="${OPENSEARCH_VERSION:-2.19.6 2.19.5 2.19.4 2.19.3 2.19.2}"
    ENV_PREFIX=OPENSEARCH
    CONF_ENV=OPENSEARCH_PATH_CONF
}

case "$ENGINE" in
opensearch)
    opensearch_distribution
    HTTP_PORT=9201
    TRANSPORT_PORT=9301
    ;;
elasticsearch)
    GROUP_ID=org.elasticsearch.distribution.integ-test-zip
    ARTIFACT=elasticsearch
    VERSIONS="${ELASTICSEARCH_VERSION:-8.19.21 8.19.20 8.19.18 8.19.16 8.19.14}"
    HTTP_PORT=9202
    TRANSPORT_PORT=9302
    ENV_PREFIX=ES
    CONF_ENV=ES_PATH_CONF
    ;;
cluster)
    CLUSTER_MODE=1
    ENGINE=opensearch
    SVC_NAME=opensearch-cluster
    opensearch_distribution
    HEAP="${CLUSTER_HEAP:-256m}"
    HTTP_PORT=9211
    TRANSPORT_PORT=9311
    ;;
bench)
    BENCH_MODE=1
    ENGINE=opensearch
    SVC_NAME=opensearch-bench
    opensearch_distribution
    HEAP="${BENCH_HEAP:-4g}"
    HTTP_PORT="${BENCH_HTTP_PORT:-9221}"
    TRANSPORT_PORT="${BENCH_TRANSPORT_PORT:-9321}"
    ;;
*)
    echo "usage: $0 start|stop|status|restart [opensearch|elasticsearch|bench|cluster [1|2|3]]" >&2
    exit 2
    ;;
esac
CLUSTER_MODE="${CLUSTER_MODE:-0}"
CLUSTER_NODES=(1 2 3)
NODE_NAME="$ENGINE-test-node"
DISCOVERY="discovery.type: single-node"

URL="http://127.0.0.1:$HTTP_PORT"
CLUSTER_NAME="snt-cms-test-$ENGINE"
PIDFILE="$RUN_DIR/$ENGINE.pid"
OUT_LOG="$LOG_DIR/$ENGINE.log"
INSTALL_LOG="$LOG_DIR/$ENGINE-install.log"
ENGINE_LOG_DIR="$LOG_DIR/$ENGINE"
VERSION=""
DIST=""
STATE=""
# What tells one single node from another: its lock, its state directory suffix and
# lines added to its configuration.
LOCK_NAME="$ENGINE"
STATE_SUFFIX=node
EXTRA_CONFIG=""
if ((${BENCH_MODE:-0})); then
    NODE_NAME=opensearch-bench
    CLUSTER_NAME=snt-cms-bench
    PIDFILE="$RUN_DIR/opensearch-bench.pid"
    OUT_LOG="$LOG_DIR/opensearch-bench.log"
    ENGINE_LOG_DIR="$LOG_DIR/opensearch-bench"
    LOCK_NAME=opensearch-bench
    STATE_SUFFIX=bench
    EXTRA_CONFIG="# A bulk load fills large segments before they are written (fewer merges).
indices.memory.index_buffer_size: ${BENCH_INDEX_BUFFER:-25%}"
fi

unavailable() { die "Search engine unavailable: $*"; }

# ---------------------------------------------------------------- helpers

http() { curl -sS -m "${CURL_TIMEOUT:-10}" "$@"; }

# Extracts a value from JSON on stdin with a python expression on `d`.
json_get() {
    "$PY3" -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1], {"d": d})
print("" if v is None else (json.dumps(v) if isinstance(v, (dict, list)) else v))' "$1"
}

PY3="$(command -v python3 || true)"
[[ -n "$PY3" ]] || PY3="$(python3_bin)"

find_java_home() {
    local java_bin ver
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        java_bin="$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        java_bin="$(readlink -f "$(command -v java)")"
    else
        unavailable "no 'java' on PATH and JAVA_HOME is not set (need Java 17 or newer)"
    fi
    ver="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)"
    [[ "$ver" =~ ^[0-9]+$ ]] || unavailable "could not determine the Java version of $java_bin"
    ((ver >= 17)) || unavailable "$java_bin is Java $ver; need Java 17 or newer"
    JAVA_HOME_FOR_ENGINE="$(dirname "$(dirname "$java_bin")")"
}

unzip_to() {
    local zip="$1" dest="$2"
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$zip" -d "$dest"
    else
        "$PY3" - "$zip" "$dest" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            os.chmod(path, mode)
EOF
    fi
}

# ------------------------------------------------------------- install

# Writes a throw-away pom listing what one version needs, lets Maven
# resolve it into var/m2 and prints the resolved file paths, one a line.
maven_resolve() {
    local v="$1" work="$2" extra=""
    if [[ "$ENGINE" == opensearch ]]; then
        # lang-painless brings antlr4-runtime, asm* and the painless spi; the
        # spi's dependency on OpenSearch core is already in lib/.
        extra="
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>lang-painless</artifactId><version>$v</version>
      <exclusions><exclusion><groupId>org.opensearch</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>analysis-common</artifactId><version>$v</version>
      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>"
    fi
    mkdir -p "$work"
    cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.snt-cms</groupId><artifactId>$ENGINE-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>$GROUP_ID</groupId><artifactId>$ARTIFACT</artifactId><version>$v</version><type>zip</type></dependency>$extra
  </dependencies>
</project>
EOF
    rm -f "$work/classpath.txt"
    # -U: retry artifacts an earlier (failed) attempt marked as missing.
    (cd "$work" && mvn -B -q -U -Dstyle.color=never -Dmaven.repo.local="$M2_REPO" \
        "$MAVEN_DEP_PLUGIN:build-classpath" \
        -Dmdep.outputFile="$work/classpath.txt" -Dmdep.pathSeparator=$'\n' \
        </dev/null) >>"$INSTALL_LOG" 2>&1 || return 1
    [[ -s "$work/classpath.txt" ]] || return 1
    cat "$work/classpath.txt"
    echo
}

descriptor() { # name classname description version extended
    cat <<EOF
description=$3
version=$4
name=$1
classname=$2
java.version=11
opensearch.version=$4
custom.foldername=
extended.plugins=$5
has.native.controller=false
EOF
}

# Adds analysis-common and lang-painless to modules/ of an unpacked
# OpenSearch: the jars as Maven resolved them plus a descriptor (the jars
# published on Maven Central carry none) and lang-painless' security policy.
assemble_opensearch_modules() {
    local tmp="$1" v="$2" files="$3" f base
    local painless="$tmp/modules/lang-painless" common="$tmp/modules/analysis-common"
    mkdir -p "$painless" "$common"
    while IFS= read -r f; do
        [[ -n "$f" ]] || continue
        base="$(basename "$f")"
        case "$base" in
        *.zip) ;;
        analysis-common-*.jar) cp "$f" "$common/" ;;
        *.jar) cp "$f" "$painless/" ;;
        esac
    done <<<"$files"
    [[ -f "$common/analysis-common-$v.jar" ]] || return 1
    [[ -f "$painless/lang-painless-$v.jar" ]] || return 1
    ls "$painless"/opensearch-scripting-painless-spi-*.jar "$painless"/antlr4-runtime-*.jar "$painless"/asm-[0-9]*.jar >/dev/null 2>&1 || return 1
    descriptor lang-painless org.opensearch.painless.PainlessPlugin \
        "An easy, safe and fast scripting language for OpenSearch" "$v" "" >"$painless/plugin-descriptor.properties"
    cat >"$painless/plugin-security.policy" <<'EOF'
grant {
  // needed to generate runtime classes
  permission java.lang.RuntimePermission "createClassLoader";

  // needed to find the classloader to load whitelisted classes from
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF
    # analysis-common extends lang-painless (its painless whitelist). Its
    # entry class was renamed in later versions: take the one in the jar.
    local cls=org.opensearch.analysis.common.CommonAnalysisPlugin
    if "$PY3" -c 'import sys, zipfile; sys.exit(0 if "org/opensearch/analysis/common/CommonAnalysisModule.class" in zipfile.ZipFile(sys.argv[1]).namelist() else 1)' \
        "$common/analysis-common-$v.jar"; then
        cls=org.opensearch.analysis.common.CommonAnalysisModule
    fi
    descriptor analysis-common "$cls" \
        'Adds "built in" analyzers to OpenSearch.' "$v" lang-painless >"$common/plugin-descriptor.properties"
}

try_install_version() {
    local v="$1" files zip top
    local work="$SEARCH_DIR/.build-$ENGINE-$v" tmp="$SEARCH_DIR/.tmp-$ENGINE-$v"
    rm -rf "$work" "$tmp"
    msg "fetching $GROUP_ID:$ARTIFACT:$v with mvn (log: $INSTALL_LOG)"
    if ! files="$(maven_resolve "$v" "$work")"; then
        rm -rf "$work"
        return 1
    fi
    zip="$(grep -E "/$ARTIFACT-$v\.zip$" <<<"$files" | head -n 1)"
    [[ -f "$zip" ]] || {
        err "resolved files do not include the $ARTIFACT-$v.zip distribution"
        return 1
    }
    msg "unpacking $(basename "$zip")"
    mkdir -p "$tmp"
    unzip_to "$zip" "$tmp" || return 1
    top="$tmp/$ARTIFACT-$v"
    [[ -x "$top/bin/$ARTIFACT" ]] || {
        err "unexpected layout in $zip (no $ARTIFACT-$v/bin/$ARTIFACT)"
        return 1
    }
    if [[ "$ENGINE" == opensearch ]]; then
        msg "adding modules analysis-common and lang-painless"
        assemble_opensearch_modules "$top" "$v" "$files" || {
            err "could not assemble analysis-common / lang-painless from: $(tr '\n' ' ' <<<"$files")"
            return 1
        }
    fi
    chmod -R go+rX,go-w "$top" || return 1
    rm -rf "${SEARCH_DIR:?}/$ARTIFACT-$v"
    mv "$top" "$SEARCH_DIR/$ARTIFACT-$v" || return 1
    touch "$SEARCH_DIR/$ARTIFACT-$v/.snt-ready" || return 1
    rm -rf "$tmp" "$work"
    return 0
}

ensure_installed() {
    local v
    mkdir -p "$SEARCH_DIR"
    for v in $VERSIONS; do
        if [[ -f "$SEARCH_DIR/$ARTIFACT-$v/.snt-ready" ]]; then
            VERSION="$v"
            DIST="$SEARCH_DIR/$ARTIFACT-$v"
            return 0
        fi
    done
    command -v mvn >/dev/null 2>&1 || unavailable "'mvn' (Maven) is not installed; it is needed to fetch $ENGINE"
    mkdir -p "$M2_REPO"
    for v in $VERSIONS; do
        # Twice each: a transient network error should not switch versions.
        if try_install_version "$v" || try_install_version "$v"; then
            VERSION="$v"
            DIST="$SEARCH_DIR/$ARTIFACT-$v"
            msg "installed $ENGINE $v in $DIST"
            return 0
        fi
        warn "$ENGINE $v could not be fetched or assembled"
    done
    show_log_tail "$INSTALL_LOG" 15
    unavailable "could not fetch $ENGINE (tried versions: $VERSIONS) from the Maven repository; see $INSTALL_LOG"
}

# ------------------------------------------------------------- configure

write_config() {
    local conf="$STATE/config"
    mkdir -p "$conf" "$STATE/data" "$STATE/tmp" "$ENGINE_LOG_DIR"
    # Files from the distribution (log4j2.properties, ...) once; the engine
    # may write its keystore here, so the directory belongs to the user.
    cp -rn "$DIST/config/." "$conf/" || true
    rm -f "$conf/jvm.options.d/"*.snt 2>/dev/null || true
    # jvm.options with absolute log/dump paths and no heap lines (the heap
    # is set with ${ENV_PREFIX}_JAVA_OPTS).
    sed -e '/^-Xm[sx]/d' \
        -e "s#file=logs/gc.log#file=$ENGINE_LOG_DIR/gc.log#" \
        -e "s#file=gc.log#file=$ENGINE_LOG_DIR/gc.log#" \
        -e "s#ErrorFile=logs/hs_err#ErrorFile=$ENGINE_LOG_DIR/hs_err#" \
        -e "s#ErrorFile=hs_err#ErrorFile=$ENGINE_LOG_DIR/hs_err#" \
        -e "s#HeapDumpPath=data#HeapDumpPath=$STATE/tmp#" \
        "$DIST/config/jvm.options" >"$conf/jvm.options"

    local common="# Managed by scripts/services/search.sh -- regenerated on every start.
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
path.data: $STATE/data
path.logs: $ENGINE_LOG_DIR
network.host: 127.0.0.1
http.port: $HTTP_PORT
transport.port: $TRANSPORT_PORT
$DISCOVERY
# Test machine: do not stop allocating shards when the disk fills up.
cluster.routing.allocation.disk.threshold_enabled: false
# Let tests delete indices by wildcard.
action.destructive_requires_name: false${EXTRA_CONFIG:+
$EXTRA_CONFIG}"
    if [[ "$ENGINE" == opensearch ]]; then
        cat >"$conf/opensearch.yml" <<EOF
$common
EOF
    else
        cat >"$conf/elasticsearch.yml" <<EOF
$common
xpack.security.enabled: false
xpack.security.enrollment.enabled: false
xpack.security.http.ssl.enabled: false
xpack.security.transport.ssl.enabled: false
EOF
    fi
    chown -R "$SEARCH_USER:" "$STATE" "$ENGINE_LOG_DIR"
    chmod 750 "$STATE"
}

# ------------------------------------------------------------- run

# Prints "<version> <cluster_name>" of the node on $URL, or fails. (Not
# `GET /`: the Elasticsearch integ-test-zip lacks the rest-root module, so
# `GET /` and `HEAD /` answer 405 there.) The cluster name tells our two
# engines apart.
engine_banner() {
    http -f "$URL/_nodes/_local?filter_path=cluster_name,nodes.*.version" 2>/dev/null |
        json_get '"%s %s" % (list(d["nodes"].values())[0]["version"], d["cluster_name"])' 2>/dev/null
}

engine_version() { engine_banner | cut -d' ' -f1; }

is_ours() {
    local b
    b="$(CURL_TIMEOUT=5 engine_banner)" || return 1
    [[ "$b" == *" $CLUSTER_NAME" ]]
}

launch() {
    local pid
    printf '\n==== %s start %s %s ====\n' "$(date -u +%FT%TZ)" "$ENGINE" "$VERSION" >>"$OUT_LOG"
    rm -f "$PIDFILE"
    # setsid: own process group (stop kills the group: for Elasticsearch the
    # CLI launcher and the server JVM). env -i: nothing from the caller's
    # environment (JAVA_TOOL_OPTIONS, ...) leaks into the JVM.
    (
        cd "$STATE" || exit 1
        exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$STATE" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            "$CONF_ENV=$STATE/config" \
            "${ENV_PREFIX}_JAVA_HOME=$JAVA_HOME_FOR_ENGINE" \
            "${ENV_PREFIX}_JAVA_OPTS=-Xms$HEAP -Xmx$HEAP" \
            "${ENV_PREFIX}_TMPDIR=$STATE/tmp" \
            setsid setpriv --reuid="$SEARCH_USER" --regid="$(id -g "$SEARCH_USER")" --init-groups -- \
            "$DIST/bin/$ARTIFACT" -p "$STATE/node.pid"
    ) </dev/null >>"$OUT_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PIDFILE"
    msg "launched $ENGINE $VERSION as user $SEARCH_USER (pid $pid, log: $OUT_LOG)"
}

health_status() { # $1: status to wait for, $2: server-side wait
    CURL_TIMEOUT=$((${2%s} + 10)) http "$URL/_cluster/health?wait_for_status=$1&timeout=$2" 2>/dev/null |
        json_get 'd.get("status", "")' 2>/dev/null || true
}

# Waits for the node to answer with all primaries assigned (yellow), then
# up to 30 s more for green. A single node can never assign replicas, so an
# index that asks for some keeps the cluster yellow: that is only reported.
wait_ready() {
    local deadline=$((SECONDS + START_TIMEOUT)) pid status=""
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    while ((SECONDS < deadline)); do
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            show_log_tail "$OUT_LOG" 40
            rm -f "$PIDFILE"
            die "$ENGINE exited during startup (see $OUT_LOG and $ENGINE_LOG_DIR/)"
        fi
        status="$(health_status yellow 10s)"
        [[ "$status" == green || "$status" == yellow ]] && break
        sleep 1
    done
    if [[ "$status" != green && "$status" != yellow ]]; then
        show_log_tail "$OUT_LOG" 40
        die "$ENGINE did not become ready at $URL within ${START_TIMEOUT}s (last health: ${status:-no answer})"
    fi
    [[ "$status" == green ]] || status="$(health_status green 30s)"
    if [[ "$status" == green ]]; then
        msg "cluster health: green"
    else
        warn "cluster health is '$status': some index asks for replicas a single node cannot assign ($(http "$URL/_cat/indices?health=yellow&h=index" 2>/dev/null | tr '\n' ' '))"
    fi
}

# ------------------------------------------------------------- verify

verify_opensearch() {
    local idx="snt-services-check-$$" out modules tokens
    modules="$(http -f "$URL/_nodes/plugins" | json_get \
        '" ".join(sorted({m["name"] for n in d["nodes"].values() for m in n.get("modules", [])}))')" ||
        die "could not list the node's modules (GET $URL/_nodes/plugins)"
    for m in analysis-common lang-painless; do
        [[ " $modules " == *" $m "* ]] || die "module $m is NOT loaded (modules: $modules)"
    done
    out="$(http -X PUT "$URL/$idx" -H 'Content-Type: application/json' -d '{
      "settings": {
        "number_of_shards": 1, "number_of_replicas": 0,
        "analysis": {
          "filter": {"snt_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 10}},
          "analyzer": {"snt_autocomplete": {"type": "custom", "tokenizer": "standard",
                                            "filter": ["lowercase", "asciifolding", "snt_edge"]}}
        }
      }
    }')" || die "could not create a test index: $out"
    if ! json_get 'd["acknowledged"]' <<<"$out" 2>/dev/null | grep -qx True; then
        die "creating an index with asciifolding + edge_ngram failed: $out"
    fi
    tokens="$(http -f "$URL/$idx/_analyze" -H 'Content-Type: application/json' \
        -d '{"analyzer": "snt_autocomplete", "text": "Crème"}' |
        json_get '" ".join(t["token"] for t in d["tokens"])')" || tokens=""
    http -X DELETE "$URL/$idx" >/dev/null 2>&1 || true
    [[ " $tokens " == *" creme "* ]] || die "analyzer check failed: 'Crème' gave tokens [$tokens], expected 'creme' among them"
    out="$(http -f "$URL/_scripts/painless/_execute" -H 'Content-Type: application/json' \
        -d '{"script": {"source": "params.a * 2", "params": {"a": 21}}}' | json_get 'd["result"]')" || out=""
    [[ "$out" == 42 ]] || die "painless script check failed (got '$out')"
    msg "verified: modules analysis-common + lang-painless loaded, asciifolding/edge_ngram analyzer and painless work"
}

verify_elasticsearch() {
    local idx="snt-services-check-$$" out modules
    modules="$(http -f "$URL/_nodes/plugins" | json_get \
        '" ".join(sorted({m["name"] for n in d["nodes"].values() for m in n.get("modules", [])}))')" ||
        die "could not list the node's modules (GET $URL/_nodes/plugins)"
    out="$(http -X PUT "$URL/$idx" -H 'Content-Type: application/json' \
        -d '{"settings": {"number_of_shards": 1, "number_of_replicas": 0}}')" || die "could not create a test index: $out"
    json_get 'd["acknowledged"]' <<<"$out" 2>/dev/null | grep -qx True || die "creating a test index failed: $out"
    out="$(http -X PUT "$URL/$idx/_doc/1?refresh=true" -H 'Content-Type: application/json' -d '{"title": "hello"}')" ||
        die "could not index a document: $out"
    out="$(http -f "$URL/$idx/_count" | json_get 'd["count"]')" || out=""
    http -X DELETE "$URL/$idx" >/dev/null 2>&1 || true
    [[ "$out" == 1 ]] || die "index/count check failed (count '$out')"
    msg "verified: index/search works; modules: $modules"
}

# One node: new indices must get no replica, or the cluster turns yellow.
apply_cluster_defaults() {
    local out
    if [[ "$ENGINE" == opensearch ]]; then
        # Read by OpenSearch from the cluster state (not from opensearch.yml).
        out="$(http -X PUT "$URL/_cluster/settings" -H 'Content-Type: application/json' \
            -d '{"persistent": {"cluster.default_number_of_replicas": 0}}')" || out="${out:-no answer}"
        [[ "$out" == *'"acknowledged":true'* ]] || die "could not set cluster.default_number_of_replicas=0: $out"
    else
        # Elasticsearch has no such setting: a catch-all legacy template with
        # the lowest order (any other template or explicit setting wins).
        out="$(http -X PUT "$URL/_template/snt-single-node-defaults" -H 'Content-Type: application/json' \
            -d '{"index_patterns": ["*"], "order": -1000, "settings": {"number_of_replicas": 0}}')" || out="${out:-no answer}"
        [[ "$out" == *'"acknowledged":true'* ]] || die "could not install the zero-replica default template: $out"
    fi
}

verify() {
    apply_cluster_defaults
    "verify_$ENGINE"
}

# ------------------------------------------------------------- commands

select_installed_version() {
    local v
    for v in $VERSIONS; do
        if [[ -f "$SEARCH_DIR/$ARTIFACT-$v/.snt-ready" ]]; then
            VERSION="$v"
            DIST="$SEARCH_DIR/$ARTIFACT-$v"
            STATE="$SEARCH_DIR/$ARTIFACT-$v-$STATE_SUFFIX"
            return 0
        fi
    done
    return 1
}

cmd_start() {
    local pid
    ensure_base_dirs
    take_lock "$LOCK_NAME"
    if pid="$(alive_pid "$PIDFILE" java)"; then
        if ! is_ours; then
            msg "process $pid is up; waiting for it to answer"
            select_installed_version || true
            wait_ready
        fi
        verify
        msg "already running: $URL ($ENGINE $(engine_version), pid $pid)"
        return 0
    fi
    if port_open "$HTTP_PORT"; then
        if is_ours; then
            warn "$ENGINE answers on $URL but var/run has no live pid for it (started elsewhere?); using it"
            verify
            msg "ready: $URL ($ENGINE $(engine_version))"
            return 0
        fi
        die "port $HTTP_PORT is in use by another process (not our $ENGINE)"
    fi
    port_open "$TRANSPORT_PORT" && die "transport port $TRANSPORT_PORT is in use by another process"

    require_root_for "starting $ENGINE"
    find_java_home
    ensure_installed
    STATE="$SEARCH_DIR/$ARTIFACT-$VERSION-$STATE_SUFFIX"
    ensure_system_user "$SEARCH_USER" "$SEARCH_DIR"
    ensure_traversable "$SEARCH_USER" "$DIST/bin"
    ensure_traversable "$SEARCH_USER" "$LOG_DIR"
    write_config
    launch
    wait_ready
    verify
    msg "ready: $URL ($ENGINE $VERSION, pid $(cat "$PIDFILE"))"
}

cmd_stop() {
    ensure_base_dirs
    take_lock "$LOCK_NAME"
    if ! alive_pid "$PIDFILE" java >/dev/null; then
        # Fall back to the pid file the engine itself writes.
        if select_installed_version && alive_pid "$STATE/node.pid" java >/dev/null; then
            cp "$STATE/node.pid" "$PIDFILE"
        else
            rm -f "$PIDFILE"
            port_open "$HTTP_PORT" && warn "something still listens on $HTTP_PORT but was not started by this script; leaving it alone"
            msg "not running"
            return 0
        fi
    fi
    stop_pidfile_group "$PIDFILE" "$ENGINE" 60 java
    msg "stopped"
}

cmd_status() {
    local pid banner health
    if banner="$(engine_banner)" && [[ "$banner" == *" $CLUSTER_NAME" ]]; then
        health="$(http "$URL/_cluster/health" | json_get 'd["status"]' 2>/dev/null || echo '?')"
        pid="$(alive_pid "$PIDFILE" java || echo '?')"
        msg "running: $URL ($ENGINE ${banner%% *}, health $health, pid $pid)"
        return 0
    fi
    if pid="$(alive_pid "$PIDFILE" java)"; then
        msg "process $pid is up but $URL does not answer (starting?)"
        return 1
    fi
    msg "not running"
    return 1
}

# ------------------------------------------------------------- cluster

# Points every per-node variable at node $1 of the three-node cluster.
select_node() {
    local n="$1" seeds="" managers="" i
    for i in "${CLUSTER_NODES[@]}"; do
        seeds+="${seeds:+, }\"127.0.0.1:$((9310 + i))\""
        managers+="${managers:+, }\"opensearch-cluster-$i\""
    done
    HTTP_PORT=$((9210 + n))
    TRANSPORT_PORT=$((9310 + n))
    URL="http://127.0.0.1:$HTTP_PORT"
    CLUSTER_NAME="snt-cms-cluster"
    NODE_NAME="opensearch-cluster-$n"
    DISCOVERY="discovery.seed_hosts: [$seeds]
cluster.initial_cluster_manager_nodes: [$managers]"
    PIDFILE="$RUN_DIR/opensearch-cluster-$n.pid"
    OUT_LOG="$LOG_DIR/opensearch-cluster-$n.log"
    ENGINE_LOG_DIR="$LOG_DIR/opensearch-cluster-$n"
    [[ -n "$VERSION" ]] && STATE="$SEARCH_DIR/$ARTIFACT-$VERSION-cluster-$n"
    return 0
}

cluster_targets() { # the node given on the command line, or all three
    if [[ -n "${CLUSTER_NODE:-}" ]]; then
        [[ "$CLUSTER_NODE" =~ ^[123]$ ]] || die "node must be 1, 2 or 3 (got '$CLUSTER_NODE')"
        echo "$CLUSTER_NODE"
    else
        echo "${CLUSTER_NODES[@]}"
    fi
}

cluster_health_of() { # any node that answers: the cluster's status and node count
    local i out
    for i in "${CLUSTER_NODES[@]}"; do
        out="$(CURL_TIMEOUT=5 http "http://127.0.0.1:$((9210 + i))/_cluster/health?$1" 2>/dev/null)" || continue
        json_get '"%s %s" % (d["status"], d["number_of_nodes"])' <<<"$out" 2>/dev/null && return 0
    done
    return 1
}

cluster_start() {
    local n pid launched=() status
    ensure_base_dirs
    take_lock opensearch-cluster
    require_root_for "starting the OpenSearch cluster"
    find_java_home
    ensure_installed
    ensure_system_user "$SEARCH_USER" "$SEARCH_DIR"
    ensure_traversable "$SEARCH_USER" "$DIST/bin"
    ensure_traversable "$SEARCH_USER" "$LOG_DIR"
    for n in $(cluster_targets); do
        select_node "$n"
        if pid="$(alive_pid "$PIDFILE" java)"; then
            msg "node $n already running (pid $pid, $URL)"
            continue
        fi
        port_open "$HTTP_PORT" && die "port $HTTP_PORT is in use by another process"
        port_open "$TRANSPORT_PORT" && die "transport port $TRANSPORT_PORT is in use by another process"
        write_config
        launch
        launched+=("$n")
    done
    # The nodes form the cluster together: wait for each to answer, then for the health.
    for n in "${launched[@]+"${launched[@]}"}"; do
        select_node "$n"
        local deadline=$((SECONDS + START_TIMEOUT))
        pid="$(cat "$PIDFILE")"
        until CURL_TIMEOUT=3 http -f "$URL/_cluster/health?local=true" >/dev/null 2>&1; do
            if ! kill -0 "$pid" 2>/dev/null; then
                show_log_tail "$OUT_LOG" 40
                die "node $n exited during startup (see $OUT_LOG)"
            fi
            ((SECONDS < deadline)) || die "node $n did not answer within ${START_TIMEOUT}s"
            sleep 1
        done
        msg "node $n answers on $URL"
    done
    status="$(cluster_health_of "wait_for_status=green&timeout=120s" || echo "none 0")"
    msg "cluster health: ${status% *} (${status#* } nodes)"
    if [[ -z "${CLUSTER_NODE:-}" ]]; then
        [[ "${status#* }" == 3 ]] || die "the cluster has ${status#* } nodes, expected 3"
        select_node 1
        verify_opensearch
    fi
}

cluster_stop() {
    local n
    ensure_base_dirs
    take_lock opensearch-cluster
    select_installed_version || true
    for n in $(cluster_targets); do
        select_node "$n"
        stop_pidfile_group "$PIDFILE" "cluster node $n" 60 java
    done
    msg "stopped: node(s) $(cluster_targets | tr '\n' ' ')"
}

cluster_status() {
    local n up=0 status
    for n in "${CLUSTER_NODES[@]}"; do
        select_node "$n"
        if pid="$(alive_pid "$PIDFILE" java)"; then
            msg "node $n: running (pid $pid, $URL)"
            up=$((up + 1))
        else
            msg "node $n: not running"
        fi
    done
    status="$(cluster_health_of "" || echo "none 0")"
    msg "cluster health: ${status% *} (${status#* } nodes)"
    ((up > 0))
}

if ((CLUSTER_MODE)); then
    CLUSTER_NODE="${3:-}"
    case "${1:-}" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    restart)
        cluster_stop
        cluster_start
        ;;
    status) cluster_status ;;
    *)
        echo "usage: $0 start|stop|status|restart cluster [1|2|3]" >&2
        exit 2
        ;;
    esac
    exit $?
fi

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
restart)
    cmd_stop
    cmd_start
    ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|status|restart [opensearch|elasticsearch|cluster [1|2|3]]" >&2
    exit 2
    ;;
esac
