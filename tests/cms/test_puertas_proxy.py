"""X-Forwarded-For is believed only from a proxy of ours (cms/limites.py).

With ``SNT_TRUSTED_PROXIES = 1`` the client is the last entry of X-Forwarded-For, the one
nginx appends. A client that reaches the application without going through nginx (a
gunicorn port open on a public address, a second route to the servers) wrote that header
itself: a new address in it each request was a new, empty count, so the limit on searches
did not apply. The header is believed only when the connection comes from a proxy's network
(``SNT_TRUSTED_PROXY_NETWORKS``: loopback and private networks by default).
"""

import time

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from cms.limites import direccion_cliente

pytestmark = pytest.mark.django_db

API = "/api/v1/buscar"
WINDOW = int(time.time()) + 55


@pytest.fixture(autouse=True)
def counters(settings, monkeypatch):
    settings.SEARCH_ENGINE = "database"
    settings.SNT_TRUSTED_PROXIES = 1
    caches["limites"].clear()
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: WINDOW)


@pytest.mark.parametrize(
    "remote, expected",
    [
        ("127.0.0.1", "203.0.113.9"),  # nginx on the same host
        ("10.0.0.2", "203.0.113.9"),  # nginx on the private network
        ("::1", "203.0.113.9"),
        ("198.51.100.20", "198.51.100.20"),  # straight from the Internet: its own address
        ("2001:db8::5", "2001:db8::5"),
        ("", "203.0.113.9"),  # nginx through a Unix socket (no address): local
    ],
)
def test_the_header_is_believed_only_from_a_proxys_network(remote, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert direccion_cliente(request) == expected


def _five_searches(client, settings, remote, forwarded):
    """Status codes of five searches under a limit of three, each with its own forwarded
    address (``forwarded(n)``), from ``remote``."""
    settings.SEARCH_API_RATE_LIMIT = 3
    return [
        client.get(
            API,
            {"q": "transparencia"},
            REMOTE_ADDR=remote,
            HTTP_HOST="localhost",
            HTTP_X_FORWARDED_FOR=forwarded(n),
        ).status_code
        for n in range(5)
    ]


def test_a_client_reaching_the_application_directly_cannot_forge_new_counts(client, settings):
    codes = _five_searches(client, settings, "198.51.100.20", lambda n: f"203.0.113.{n}")
    assert codes == [200, 200, 200, 429, 429]


def test_the_proxy_networks_are_a_setting(settings):
    settings.SNT_TRUSTED_PROXY_NETWORKS = ["192.0.2.0/24"]
    desde = {
        remote: direccion_cliente(
            RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.9")
        )
        for remote in ("192.0.2.7", "127.0.0.1")
    }
    assert desde == {"192.0.2.7": "203.0.113.9", "127.0.0.1": "127.0.0.1"}


def test_addresses_of_one_ipv6_network_share_a_count(client, settings):
    """An IPv6 client holds a whole /64: a new address each request is still the same count."""
    codes = _five_searches(client, settings, "127.0.0.1", lambda n: f"2001:db8:1:2::{n + 1:x}")
    assert codes == [200, 200, 200, 429, 429]
