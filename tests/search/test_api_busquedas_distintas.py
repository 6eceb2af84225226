"""What an all-different search costs the application besides the engine: no write to a
file page cache (Django's FileBasedCache lists its whole directory on every write), no
database query beyond the day's row of the query log, and the engine's answer handed to
each visitor unchanged however many times it is labelled."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import HOSTS

HOST = HOSTS["norte"]


@pytest.fixture
def motor_contado(monkeypatch):
    """search.views.search replaced by a stand-in engine that counts what it is asked."""
    from search import views
    from search.query import SearchResult

    pedidas = []

    def buscar(search_request):
        pedidas.append(search_request.q)
        resultado = {"title": f"Resultado de {search_request.q}", "kind": "noticia",
                     "region": "norte", "url": "/x/", "date": "2026-11-30"}  # fmt: skip
        return SearchResult(
            total=1, results=[resultado], engine="opensearch", page=1, pages=1,
            facets={"region": [{"value": "norte", "count": 1, "selected": False}]},
        )  # fmt: skip

    monkeypatch.setattr(views, "search", buscar)
    views._process_results.clear()
    yield pedidas
    views._process_results.clear()


@pytest.fixture
def cache_de_archivos(settings, tmp_path):
    """The page cache as a single host runs it: files in a directory."""
    settings.CACHES = {
        **settings.CACHES,
        "paginas": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    return tmp_path


def test_busquedas_distintas_no_escriben_en_la_cache_de_archivos(
    client, regions, motor_contado, cache_de_archivos
):
    for palabra in ("transparencia", "archivo", "datos", "rendición"):
        assert client.get(f"/api/v1/buscar?q={palabra}", HTTP_HOST=HOST).status_code == 200
        assert client.get(f"/buscar/?q={palabra}", HTTP_HOST=HOST).status_code == 200
    # The page and the API share one answer per query.
    assert motor_contado == ["transparencia", "archivo", "datos", "rendición"]
    # Only the page-cache generation is a file: no answer was written there.
    assert len(list(cache_de_archivos.glob("*.djcache"))) == 1


def test_la_purga_alcanza_lo_recordado_en_el_proceso(
    client, regions, motor_contado, cache_de_archivos
):
    from cms import cache as page_cache

    url = "/api/v1/buscar?q=transparencia"
    client.get(url, HTTP_HOST=HOST)
    client.get(url, HTTP_HOST=HOST)
    assert len(motor_contado) == 1
    page_cache.purge("prueba")
    client.get(url, HTTP_HOST=HOST)
    assert len(motor_contado) == 2


def test_una_cache_compartida_guarda_la_respuesta_para_otros_procesos(
    client, regions, motor_contado
):
    """With a shared cache that writes cheaply (Redis; the tests' in-memory one stands in),
    another process (here: this one with its own memory emptied) gets the answer without
    asking the engine."""
    from search import views

    url = "/api/v1/buscar?q=transparencia"
    primera = client.get(url, HTTP_HOST=HOST).json()
    views._process_results.clear()
    assert client.get(url, HTTP_HOST=HOST).json() == primera
    assert len(motor_contado) == 1


def test_la_respuesta_guardada_no_cambia_al_etiquetarla(client, regions, motor_contado):
    """The page labels results in place (kind, region, date): a later visitor of the API
    gets the engine's answer, not the page's labelled copy."""
    url = "/api/v1/buscar?q=transparencia"
    primera = client.get(url, HTTP_HOST=HOST).json()
    for _ in range(2):
        assert client.get("/buscar/?q=transparencia", HTTP_HOST=HOST).status_code == 200
        assert client.get(url, HTTP_HOST=HOST).json() == primera
    assert primera["resultados"][0]["fecha"] == "2026-11-30"
    assert len(motor_contado) == 1


def test_filtro_de_region_sin_consultar_la_base(client, regions, motor_contado):
    """The API checks a region filter against the names remembered per generation: a
    repeated search makes one query, the day's row of the query log."""
    url = "/api/v1/buscar?q=transparencia&region=norte"
    assert client.get(url, HTTP_HOST=HOST).status_code == 200
    assert client.get("/api/v1/buscar?q=x&region=ninguna", HTTP_HOST=HOST).status_code == 400
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
    tablas = [q["sql"] for q in ctx.captured_queries]
    assert len(tablas) == 1, tablas
    assert "search_consultabusqueda" in tablas[0]
