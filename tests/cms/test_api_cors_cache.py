"""CORS and conditional requests on every kind of open URL (API, CSV, data package, feeds,
calendars), and on nothing else (the admin, the pages)."""

import pytest
from django.urls import get_resolver

from cms import api

pytestmark = pytest.mark.django_db
_ = get_resolver().url_patterns  # every endpoint declares itself with its URLconf

HOST = "localhost"
ORIGEN = "https://periodistas.example.org"
ABIERTAS = [
    "/api/v1/medios",
    "/api/v1/buscar/sugerencias?q=tr",
    "/datos/directorio.csv",
    "/datos/convenios.csv",
    "/datos/datapackage.json",
    "/api/v1/openapi.json",
    "/noticias/rss/",
    "/noticias/atom/",
    "/eventos/calendario.ics",
]
CERRADAS = ["/admin/login/", "/", "/noticias/", "/buscar/?q=convenio"]


def test_the_list_covers_every_declared_endpoint():
    assert set(api.OPERACIONES) <= {r.split("?")[0] for r in ABIERTAS} | set(api.OPERACIONES)
    assert {r for r in api.OPERACIONES if r.endswith(".csv")} >= {
        "/datos/directorio.csv",
        "/datos/convenios.csv",
        "/datos/medios.csv",
        "/datos/donde-ejercer.csv",
    }


@pytest.mark.parametrize("ruta", [*ABIERTAS, *sorted(api.OPERACIONES)])
def test_open_urls_answer_any_origin(client, ruta):
    response = client.get(ruta, HTTP_HOST=HOST, HTTP_ORIGIN=ORIGEN)
    assert response.status_code == 200, ruta
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("ruta", ABIERTAS)
def test_preflight_is_answered(client, ruta):
    response = client.options(
        ruta,
        HTTP_HOST=HOST,
        HTTP_ORIGIN=ORIGEN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("ruta", CERRADAS)
def test_nothing_else_answers_another_origin(client, ruta):
    response = client.get(ruta, HTTP_HOST=HOST, HTTP_ORIGIN=ORIGEN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        ruta, HTTP_HOST=HOST, HTTP_ORIGIN=ORIGEN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


@pytest.mark.parametrize("ruta", ABIERTAS)
def test_conditional_get_answers_304(client, ruta):
    primera = client.get(ruta, HTTP_HOST=HOST)
    assert primera.status_code == 200
    assert primera["ETag"]
    assert "max-age" in primera["Cache-Control"] or "no-cache" in primera["Cache-Control"]
    segunda = client.get(ruta, HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=primera["ETag"])
    assert segunda.status_code == 304
    assert segunda.content == b""
    otra = client.get(ruta, HTTP_HOST=HOST, HTTP_IF_NONE_MATCH='"otra-version"')
    assert otra.status_code == 200 and otra.content == primera.content


def test_the_etag_changes_with_the_data(client, regions):
    from regiones.models import OrganismoGarante

    primera = client.get("/datos/directorio.csv", HTTP_HOST=HOST)
    organismo = OrganismoGarante.objects.order_by("pk").first()
    organismo.nombre += " (renombrado)"
    organismo.save()
    segunda = client.get(
        "/datos/directorio.csv", HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=primera["ETag"]
    )
    assert segunda.status_code == 200
    assert "(renombrado)" in segunda.content.decode("utf-8-sig")


def test_pages_keep_their_own_caching(client):
    """The page cache (cms/cache.py) still serves pages; they get no open-data headers."""
    primera = client.get("/noticias/", HTTP_HOST=HOST)
    segunda = client.get("/noticias/", HTTP_HOST=HOST)
    assert segunda.get("X-Cache") == "HIT"
    assert "ETag" not in primera and "ETag" not in segunda


def test_cached_open_data_is_validated_too(client):
    primera = client.get("/api/v1/medios", HTTP_HOST=HOST)
    segunda = client.get("/api/v1/medios", HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=primera["ETag"])
    assert segunda.status_code == 304
