#!/usr/bin/env bash
# Deleting a plugin must break nothing: for each plugin named (default: medios), copy the
# tree, delete plugins/<label> and its tests from the copy, and run the core tests there
# on a fresh database and index prefix of their own. The plugin stays registered as an
# entry point of the installed package, so the copy runs with SNT_PLUGINS_DISABLED=<label>,
# as a deployment that uninstalled it would not need to.
#   scripts/ci/sin_complemento.sh [label ...]      (make test-sin-complemento)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PLUGINS=("${@:-medios}")
# The core tests (SIN_COMPLEMENTO_TESTS narrows them, e.g. to one file while working on it).
read -r -a CORE_TESTS <<<"${SIN_COMPLEMENTO_TESTS:-tests/cms tests/regiones tests/search tests/media tests/plugins}"

for plugin in "${PLUGINS[@]}"; do
	if [ ! -d "plugins/$plugin" ]; then
		echo "No existe plugins/$plugin." >&2
		exit 2
	fi
	copy=$(mktemp -d "${TMPDIR:-/tmp}/snt-sin-$plugin.XXXXXX")
	trap 'rm -rf "$copy"' EXIT
	# The working tree as git sees it (tracked and new files, nothing ignored).
	git ls-files -z --cached --others --exclude-standard \
		| xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' \
		| tar --null -T - -cf - | tar -xf - -C "$copy"
	rm -rf "$copy/plugins/$plugin" "$copy/tests/plugins/$plugin"
	ln -s "$ROOT/.venv" "$copy/.venv"
	# The editable install would still find the deleted package in this checkout: the copy
	# imports only its own code.
	mkdir -p "$copy/.ci-site"
	cat >"$copy/.ci-site/sitecustomize.py" <<'PY'
import sys

sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
PY
	echo "== Núcleo sin plugins/$plugin (copia en $copy)"
	(
		cd "$copy"
		PYTHONPATH="$copy/.ci-site" SNT_PLUGINS_DISABLED="$plugin" \
			TEST_DATABASE_NAME="test_snt_sin_${plugin//-/_}" \
			SNT_TEST_SEARCH_INDEX_PREFIX="snt_test_sin_${plugin}_" \
			.venv/bin/python -m pytest "${CORE_TESTS[@]}" -q -p no:cacheprovider --create-db \
			${PYTEST_ARGS:-}
	)
	rm -rf "$copy"
	trap - EXIT
done
