import pytest
from django.db.utils import OperationalError

from tests.conftest import require_service
from tests.services import (
    ELASTICSEARCH_URL,
    MEDIA_BUCKET,
    OPENSEARCH_URL,
    S3_ENDPOINT_URL,
    answers,
    closed_port_url,
)

TOKEN = "token-de-monitoreo"


@pytest.fixture
def client(settings):
    """These tests read the details: they come as the monitoring does, with the token
    (what anonymous callers get is in test_puertas_healthz.py)."""
    from django.test import Client

    settings.SNT_HEALTHZ_TOKEN = TOKEN
    return Client(headers={"X-Healthz-Token": TOKEN})


HOSTS = [
    "localhost",
    "centro.localhost",
    "centro-occidente.localhost",
    "norte.localhost",
    "sureste.localhost",
]


@pytest.mark.parametrize("host", HOSTS)
def test_healthz_answers_on_every_site(client, db, host):
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    data = response.json()
    assert data["checks"]["database"]["state"] == "ok"
    assert set(data["checks"]) == {"database", "search", "storage"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    ("engine", "url"), [("opensearch", OPENSEARCH_URL), ("elasticsearch", ELASTICSEARCH_URL)]
)
def test_healthz_reports_a_running_engine_ok(client, db, settings, engine, url):
    require_service(engine, answers(url), f"({url})")
    settings.SEARCH_ENGINE, settings.SEARCH_URL = engine, url
    data = client.get("/healthz", HTTP_HOST="localhost").json()
    assert data["checks"]["search"]["state"] == "ok"
    assert data["checks"]["search"]["engine"] == engine


def test_engine_down_is_reported_and_the_site_stays_up(client, db, settings):
    settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", closed_port_url()
    response = client.get("/healthz", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    data = response.json()
    assert data["checks"]["search"]["state"] == "down"
    assert data["state"] == "degraded"


def test_database_engine_is_reported_as_degraded_search(client, db, settings):
    settings.SEARCH_ENGINE = "database"
    data = client.get("/healthz", HTTP_HOST="localhost").json()
    assert data["checks"]["search"] == {
        "state": "degraded",
        "engine": "database",
        "detail": "sin motor de búsqueda configurado; se busca en la base de datos",
    }


def _s3_settings(settings, endpoint, bucket):
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_ACCESS_KEY_ID = settings.AWS_ACCESS_KEY_ID or "testing"
    settings.AWS_SECRET_ACCESS_KEY = settings.AWS_SECRET_ACCESS_KEY or "testing"


def test_storage_on_s3_is_checked_over_http(client, db, settings):
    require_service("S3", answers(S3_ENDPOINT_URL), f"({S3_ENDPOINT_URL})")
    _s3_settings(settings, S3_ENDPOINT_URL, MEDIA_BUCKET)
    storage = client.get("/healthz", HTTP_HOST="localhost").json()["checks"]["storage"]
    assert storage == {"state": "ok", "backend": "s3", "bucket": MEDIA_BUCKET}


def test_missing_bucket_or_unreachable_s3_is_down(client, db, settings):
    require_service("S3", answers(S3_ENDPOINT_URL), f"({S3_ENDPOINT_URL})")
    _s3_settings(settings, S3_ENDPOINT_URL, "no-existe-este-bucket")
    storage = client.get("/healthz", HTTP_HOST="localhost").json()["checks"]["storage"]
    assert storage["state"] == "down"
    _s3_settings(settings, closed_port_url(), MEDIA_BUCKET)
    response = client.get("/healthz", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["state"] == "down"


def test_database_down_answers_503(client, db, monkeypatch):
    class BrokenConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("orchestration.health.connection", BrokenConnection())
    response = client.get("/healthz", HTTP_HOST="localhost")
    assert response.status_code == 503
    assert response.json()["state"] == "down"
