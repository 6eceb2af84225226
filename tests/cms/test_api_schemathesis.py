"""schemathesis against the published OpenAPI document, on a real HTTP server: every
endpoint, generated valid and invalid parameters, no server error, and every response
conforms to the document (status, content type, schema).

The server is Django's live-server thread on the suite's database, which is bootstrapped
once per session and must not be flushed (so not pytest-django's ``live_server``); what
the search records is deleted afterwards.
"""

import subprocess
import sys
from pathlib import Path

import pytest

MAX_EJEMPLOS = 20


@pytest.fixture(scope="module")
def servidor_api(django_db_setup, django_db_blocker):
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    with django_db_blocker.unblock():
        hilo = LiveServerThread("localhost", _StaticFilesHandler, port=0)
        hilo.daemon = True
        hilo.start()
        hilo.is_ready.wait()
        if hilo.error:
            raise hilo.error
        try:
            yield f"http://localhost:{hilo.port}"
        finally:
            hilo.terminate()
            from search.models import ConsultaBusqueda

            ConsultaBusqueda.objects.all().delete()


def test_api_conforms_to_its_document(servidor_api, tmp_path):
    """The schemathesis command line (its pytest plugin does not run under pytest 9)."""
    comando = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{servidor_api}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EJEMPLOS),
        "--phases",
        "examples,coverage,fuzzing",
        "--generation-deterministic",
        "--seed",
        "17",
        "--request-timeout",
        "60",
        # Conformance, not speed (the bench measures speed): only a hang fails the run.
        # schemathesis would otherwise fail any response slower than 10 s, which a 2-core
        # machine running the rest of the suite can produce for reasons of its own.
        "--max-response-time",
        "60",
        "--no-color",
    ]
    # In a folder of its own: schemathesis keeps a cache where it runs.
    salida = subprocess.run(comando, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    informe = salida.stdout + salida.stderr
    assert salida.returncode == 0, informe[-6000:]
    assert "No issues found" in informe or "passed" in informe, informe[-2000:]
