#!/usr/bin/env bash
# Starts / stops / checks every service the test suite needs, in order:
# PostgreSQL, S3 (moto), OpenSearch, Elasticsearch, Redis, and the browser tests' chromium
# and axe-core, and the Nu HTML Checker (installed, nothing kept running). Every service is tried
# even if an earlier one failed; the exit status is non-zero if any failed.
#
#   scripts/services/all.sh start|stop|status|restart
#
# After `start` the variables a test run should use are printed and
# written to var/services.env (sourceable).
# shellcheck disable=SC2034  # used by _common.sh
SVC_NAME=services
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

ENV_FILE="$VAR_DIR/services.env"
SERVICES=("postgres.sh" "s3.sh" "search.sh opensearch" "search.sh elasticsearch" "redis.sh" "browser.sh" "vnu.sh")
ENV_LINES=(
    "DATABASE_URL=postgres://snt:snt@127.0.0.1:55432/snt_cms"
    "OPENSEARCH_URL=http://127.0.0.1:9201"
    "ELASTICSEARCH_URL=http://127.0.0.1:9202"
    "AWS_S3_ENDPOINT_URL=http://127.0.0.1:5055"
    "REDIS_URL=redis://127.0.0.1:6390/0"
)

run_all() { # action, then the services in the order to use
    local action="$1" svc failed=() t0
    shift
    for svc in "$@"; do
        read -r script arg <<<"$svc"
        t0=$SECONDS
        # shellcheck disable=SC2086
        if "$SERVICES_DIR/$script" "$action" $arg; then
            [[ "$action" == status ]] || msg "${arg:-${script%.sh}}: $action ok ($((SECONDS - t0))s)"
        else
            failed+=("${arg:-${script%.sh}}")
        fi
    done
    FAILED=("${failed[@]+"${failed[@]}"}")
}

print_env() {
    local line
    ensure_base_dirs
    printf '%s\n' "# Written by scripts/services/all.sh start" "${ENV_LINES[@]}" >"$ENV_FILE"
    msg "test environment (also in ${ENV_FILE#"$ROOT"/}):"
    for line in "${ENV_LINES[@]}"; do
        printf '  %s\n' "$line"
    done
}

FAILED=()
case "${1:-}" in
start)
    t_start=$SECONDS
    run_all start "${SERVICES[@]}"
    if ((${#FAILED[@]})); then
        err "failed to start: ${FAILED[*]} (logs in var/log/)"
        print_env
        exit 1
    fi
    msg "all services up in $((SECONDS - t_start))s"
    print_env
    ;;
stop)
    run_all stop "browser.sh" "redis.sh" "search.sh elasticsearch" "search.sh opensearch" "s3.sh" "postgres.sh"
    if ((${#FAILED[@]})); then
        err "failed to stop: ${FAILED[*]}"
        exit 1
    fi
    msg "all services stopped"
    ;;
restart)
    "$0" stop
    exec "$0" start
    ;;
status)
    run_all status "${SERVICES[@]}"
    if ((${#FAILED[@]})); then
        msg "not running: ${FAILED[*]}"
        exit 1
    fi
    msg "all services running"
    ;;
*)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
