"""/healthz tells anonymous callers only the overall state; details (database vendor,
search engine, storage backend, exception classes) go to logged-in staff and to the
monitoring token."""

import pytest
from django.db.utils import OperationalError

SECRETOS = ("postgresql", "sqlite", "vendor", "engine", "backend", "checks", "Error")


def _sin_detalles(response):
    body = response.content.decode()
    assert not any(palabra in body for palabra in SECRETOS), body
    return response.json()


def test_anonymous_callers_get_only_the_state(client, db):
    response = client.get("/healthz", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    assert set(_sin_detalles(response)) == {"estado"}


def test_anonymous_callers_get_503_and_no_exception_class(client, db, monkeypatch):
    class BrokenConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("orchestration.health.connection", BrokenConnection())
    response = client.get("/healthz", HTTP_HOST="localhost")
    assert response.status_code == 503
    assert _sin_detalles(response) == {"estado": "sin servicio"}


def test_a_wrong_or_unset_token_gets_no_details(client, db, settings):
    settings.SNT_HEALTHZ_TOKEN = "el-bueno"
    response = client.get("/healthz", HTTP_HOST="localhost", HTTP_X_HEALTHZ_TOKEN="otro")
    _sin_detalles(response)
    settings.SNT_HEALTHZ_TOKEN = ""
    response = client.get("/healthz", HTTP_HOST="localhost", HTTP_X_HEALTHZ_TOKEN="")
    _sin_detalles(response)


def test_the_token_gets_details(client, db, settings):
    settings.SNT_HEALTHZ_TOKEN = "el-bueno"
    data = client.get("/healthz", HTTP_HOST="localhost", HTTP_X_HEALTHZ_TOKEN="el-bueno").json()
    assert data["estado"] == "ok" or data["state"] in ("ok", "degraded")
    assert data["checks"]["database"]["vendor"] == "postgresql"
    assert "backend" in data["checks"]["storage"]


@pytest.mark.parametrize(("staff", "details"), [(True, True), (False, False)])
def test_logged_in_staff_gets_details_editors_do_not(client, make_user, regions, staff, details):
    user = make_user(regions["norte"].grupo_edicion)
    user.is_staff = staff
    user.save()
    client.force_login(user)
    data = client.get("/healthz", HTTP_HOST="norte.localhost").json()
    assert ("checks" in data) is details
