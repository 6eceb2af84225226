"""The database goes away and comes back while the site runs.

A real application server (gunicorn, with persistent database connections as in
production) talks to the real PostgreSQL of the test run through a TCP relay that the test
cuts and restores: an outage as the application sees it, without stopping the database
the rest of the suite uses.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import require_service
from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]


class Relay:
    """A TCP relay on loopback that can be cut (every connection dropped, new ones
    refused) and restored on the same port."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self._server = None
        self._sockets = set()
        self._lock = threading.Lock()

    def start(self):
        self._server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self._server,), daemon=True).start()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        try:
            self._server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._server.close()
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self._sockets.clear()

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update({client, upstream})
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


HEALTHZ_TOKEN = "token-de-monitoreo"


def fetch(port, path, host="centro.localhost", headers=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **(headers or {})}
    )
    try:
        # A fresh server's first page (imports, templates) can take seconds on a busy machine.
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    return check()


@pytest.fixture
def app_server(db):
    """gunicorn serving the test database (the network bootstrapped for this session)
    through the relay."""
    settings_dict = connection.settings_dict
    require_service(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "La prueba de caída lo necesita (make test).",
    )
    relay = Relay((settings_dict["HOST"], int(settings_dict["PORT"])))
    relay.start()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}"
            f"@127.0.0.1:{relay.port}/{settings_dict['NAME']}"
        ),
        "DATABASE_CONN_MAX_AGE": "600",
        "SEARCH_ENGINE": "database",
        "SEARCH_URL": "",
        "SNT_HEALTHZ_TOKEN": HEALTHZ_TOKEN,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        started = wait_for(lambda: _listening(port), seconds=60)
        if not started:
            process.kill()
            pytest.fail(f"gunicorn no arrancó:\n{process.communicate()[0]}")
        yield port, relay
    finally:
        relay.cut()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_database_outage_answers_503_in_spanish_and_the_site_recovers_by_itself(app_server):
    port, relay = app_server
    status, _, body = fetch(port, "/noticias/")
    assert status == 200, body[:500]
    cached_status, headers, _ = fetch(port, "/")
    assert cached_status == 200
    assert fetch(port, "/")[1].get("X-Cache") == "HIT"

    relay.cut()

    status, headers, body = fetch(port, "/eventos/")
    assert status == 503, (headers, body[:300])
    assert "Servicio no disponible" in body
    assert 'lang="es-MX"' in body
    assert headers.get("Retry-After") == "30"
    assert "no-store" in headers.get("Cache-Control", "")
    # The health check says why.
    health_status, _, health = fetch(port, "/healthz", headers={"X-Healthz-Token": HEALTHZ_TOKEN})
    assert health_status == 503
    assert '"database": {"state": "down"' in health
    assert fetch(port, "/healthz")[2] == '{"estado": "sin servicio"}'  # anonymous: no details
    # A page already in the cache keeps serving: a hit needs no database.
    status, headers, _ = fetch(port, "/")
    assert (status, headers.get("X-Cache")) == (200, "HIT")

    relay.start()

    # Same process, no restart: the broken persistent connection is dropped and replaced.
    recovered = wait_for(lambda: fetch(port, "/eventos/")[0] == 200, seconds=30)
    assert recovered, fetch(port, "/eventos/")
    assert fetch(port, "/healthz")[0] == 200
