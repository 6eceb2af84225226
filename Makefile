# snt-cms: two commands on a fresh machine.
#   make demo   installs, starts what the demo needs, loads the network and serves on :8000
#   make test   installs, starts PostgreSQL, both search engines and S3, lints, runs the whole suite

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SERVICES := scripts/services

# Environment of a test run: the real services started by scripts/services.
TEST_ENV := DJANGO_SETTINGS_MODULE=cms.settings.test \
	DATABASE_URL=postgres://snt:snt@127.0.0.1:55432/snt_cms \
	OPENSEARCH_URL=http://127.0.0.1:9201 \
	ELASTICSEARCH_URL=http://127.0.0.1:9202 \
	SEARCH_ENGINE=opensearch SEARCH_URL=http://127.0.0.1:9201 \
	AWS_S3_ENDPOINT_URL=http://127.0.0.1:5055 \
	AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
	SNT_REQUIRE_SERVICES=1

.PHONY: install demo test test-sin-complemento capas services services-stop lint migrate check clean bench

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	@if $(SERVICES)/search.sh start opensearch; then \
		echo "Búsqueda: OpenSearch en http://127.0.0.1:9201"; \
		export SEARCH_ENGINE=opensearch SEARCH_URL=http://127.0.0.1:9201; \
	else \
		echo "AVISO: no se pudo iniciar el motor de búsqueda; la demo busca en la base de datos."; \
	fi; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py bootstrap_snt --port $(PORT) && \
	$(PY) manage.py load_demo && \
	if [ -n "$$SEARCH_URL" ]; then $(PY) manage.py search_reindex; fi && \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

services: install
	$(SERVICES)/all.sh start

services-stop:
	$(SERVICES)/all.sh stop

# The suite runs in TEST_WORKERS processes (pytest-xdist; 0 runs it in this one): each has
# its own test database and indexes, a module's tests stay in one (tests/conftest.py).
TEST_WORKERS ?= 2
test: install services lint
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Deleting a plugin breaks nothing: tests in a copy of the tree without it (PLUGINS="medios
# alianzas" for more than one). CI runs the plugin contract, the admin crawler (no 500 on
# any admin URL), the switch and the public API there after make test; SIN_COMPLEMENTO_TESTS=
# "tests/cms tests/regiones tests/search tests/media tests/plugins" runs every core test.
PLUGINS ?= medios
SIN_COMPLEMENTO_TESTS ?= tests/plugins tests/regiones/test_crawler_admin.py \
	tests/cms/test_interruptor.py tests/cms/test_api_contrato.py
test-sin-complemento: install services
	$(TEST_ENV) SIN_COMPLEMENTO_TESTS="$(SIN_COMPLEMENTO_TESTS)" \
		scripts/ci/sin_complemento.sh $(PLUGINS)

# Load, search and indexing benchmark on loopback; writes docs/rendimiento.md.
# BENCH_ARGS=--faults adds the fault scenario (stops and restarts PostgreSQL and OpenSearch).
bench: install
	scripts/bench/run.sh $(BENCH_ARGS)

# Style (ruff) and the import layers (make capas); make test runs it first.
lint: install capas
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Import layers (.importlinter): orchestration -> plugins -> search -> cms -> regiones -> media.
capas: install
	$(VENV)/bin/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/static .pytest_cache
