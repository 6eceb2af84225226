"""Request limits per client behind a proxy (cms/limites.py, django-ratelimit), shared by
every process through Redis; the site keeps answering when Redis is away."""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from cms.limites import Limitado, direccion_cliente, limitar
from tests.conftest import require_service
from tests.services import REDIS_URL, answers, free_port

pytestmark = pytest.mark.django_db

API = "/api/v1/buscar"


@pytest.fixture(autouse=True)
def clean_counters(settings, monkeypatch):
    settings.SEARCH_ENGINE = "database"
    caches["limites"].clear()
    # One fixed one-minute window for the whole test: a slow run never straddles two.
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: WINDOW)
    yield


WINDOW = int(time.time()) + 55


def _get(client, path, remote="127.0.0.1", forwarded=None, **params):
    extra = {"REMOTE_ADDR": remote, "HTTP_HOST": "localhost"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.get(path, {"q": "transparencia", **params}, **extra)


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy of ours: the header is the client's word
        (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the client's address
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # a forged first entry is ignored
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # CDN then nginx
        (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: not trusted
    ],
)
def test_the_client_address_comes_only_through_trusted_proxies(settings, hops, forwarded, expected):
    settings.SNT_TRUSTED_PROXIES = hops
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert direccion_cliente(request) == expected


def test_two_clients_behind_the_proxy_have_separate_counts(client, settings):
    settings.SNT_TRUSTED_PROXIES = 1
    settings.SEARCH_API_RATE_LIMIT = 3
    a = [_get(client, API, forwarded="203.0.113.1").status_code for _ in range(5)]
    b = [_get(client, API, forwarded="203.0.113.2").status_code for _ in range(3)]
    assert a == [200, 200, 200, 429, 429]
    assert b == [200, 200, 200]


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, settings):
    settings.SEARCH_API_RATE_LIMIT = 3
    settings.SNT_TRUSTED_PROXIES = 0
    codes = [_get(client, API, forwarded=f"198.51.100.{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # Behind nginx the forged part comes first; the address nginx appended still counts.
    caches["limites"].clear()
    settings.SNT_TRUSTED_PROXIES = 1
    codes = [
        _get(client, API, forwarded=f"198.51.100.{n}, 203.0.113.7").status_code for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_the_api_answers_429_in_spanish_json_with_retry_after(client, settings):
    settings.SEARCH_API_RATE_LIMIT = 1
    assert _get(client, API).status_code == 200
    response = _get(client, API)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "Demasiadas consultas. Espere un minuto e intente de nuevo."
    assert 1 <= int(response["Retry-After"]) <= 65


def test_the_search_page_answers_429_as_a_spanish_page_with_retry_after(client, settings):
    settings.SEARCH_PAGE_RATE_LIMIT = 2
    assert [_get(client, "/buscar/").status_code for _ in range(2)] == [200, 200]
    response = _get(client, "/buscar/")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert 'lang="es-MX"' in body and "Demasiadas consultas" in body
    assert f"en {response['Retry-After']} segundo" in body
    assert response["Cache-Control"] == "no-store"


def test_suggestions_share_the_mechanism(client, settings):
    settings.SEARCH_API_RATE_LIMIT = 1  # suggestions allow five times the search limit
    codes = [_get(client, "/api/v1/buscar/sugerencias").status_code for _ in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429


def _redis_caches(url):
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
             "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}}  # fmt: skip
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "paginas": {**redis, "KEY_PREFIX": "paginas"},
        "limites": {**redis, "KEY_PREFIX": f"limites-{uuid.uuid4().hex[:8]}"},
    }


COUNT_IN_A_PROCESS = """
import json, os, sys
import django
django.setup()
import django_ratelimit.core
django_ratelimit.core._get_window = lambda value, period: int(sys.argv[4])
from django.conf import settings
from django.test import RequestFactory, override_settings
from cms.limites import Limitado, limitar
caches, group, n = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
limited = 0
with override_settings(CACHES=caches, SNT_TRUSTED_PROXIES=1):
    for _ in range(n):
        request = RequestFactory().get("/api/v1/buscar", REMOTE_ADDR="127.0.0.1",
                                       HTTP_X_FORWARDED_FOR="203.0.113.50")
        try:
            limitar(request, group, 10)
        except Limitado:
            limited += 1
print(limited)
"""


def test_the_limit_is_shared_by_processes_through_redis(settings):
    require_service("redis", answers(REDIS_URL.replace("redis://", "http://")), f"({REDIS_URL})")
    config = _redis_caches(REDIS_URL)
    group = f"prueba-{uuid.uuid4().hex[:8]}"

    def other_process(n):
        out = subprocess.run(
            [sys.executable, "-c", COUNT_IN_A_PROCESS, json.dumps(config), group, str(n),
             str(WINDOW)],
            capture_output=True, text=True, env=os.environ.copy(), check=True,
        )  # fmt: skip
        return int(out.stdout.strip().splitlines()[-1])

    settings.CACHES = config
    settings.SNT_TRUSTED_PROXIES = 1
    request = RequestFactory().get(
        "/api/v1/buscar", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50"
    )
    # Two other processes take 4 + 4 of the client's 10; this one has 2 left.
    assert other_process(4) == 0
    assert other_process(4) == 0
    limitar(request, group, 10)
    limitar(request, group, 10)
    with pytest.raises(Limitado):
        limitar(request, group, 10)
    # And a third process sees the same count.
    assert other_process(3) == 3


def test_redis_down_means_uncached_pages_and_no_limit_never_an_error(client, settings):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = _redis_caches(closed)
    settings.SEARCH_API_RATE_LIMIT = 1
    for _ in range(2):
        home = client.get("/", HTTP_HOST="localhost")
        assert home.status_code == 200
        assert "X-Cache" not in home  # served, not cached
    assert [_get(client, API).status_code for _ in range(3)] == [200, 200, 200]
    assert _get(client, "/buscar/").status_code == 200
