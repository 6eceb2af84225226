"""Doors an outsider tries: what a visitor, an editor of another region or someone forging
headers in front of the proxy could read or break. Each test is one door that was found
open, kept shut."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from . import fabricas
from .conftest import HOSTS

# --- Time passing with no purge ------------------------------------------------------------


def test_una_pagina_vencida_sale_de_listados_y_busqueda_guardados_sin_purga(
    client, crear, monkeypatch
):
    """A page's expiry passes before the scheduled job unpublishes it: nothing purges, yet
    the listing that shows it, its feed and the anonymous search answer kept in the cache
    must stop showing it at that moment, not up to PAGE_CACHE_TIMEOUT later."""
    from search import views
    from search.query import SearchResult

    titulo = "Aviso temporal puerta-vence"
    expira = timezone.now() + timedelta(hours=1)
    crear("norte", "noticias", fabricas.noticia(slug="aviso-vence", title=titulo, expire_at=expira))
    host = HOSTS["norte"]

    pedidas = []

    def motor(search_request):
        pedidas.append(search_request)
        return SearchResult(total=0, results=[], engine="opensearch", page=1, pages=0)

    monkeypatch.setattr(views, "search", motor)

    for url in ("/noticias/", "/noticias/rss/"):
        assert titulo in client.get(url, HTTP_HOST=host).content.decode()
        assert client.get(url, HTTP_HOST=host)["X-Cache"] == "HIT"
    client.get("/api/v1/buscar?q=aviso", HTTP_HOST=host)
    client.get("/api/v1/buscar?q=aviso", HTTP_HOST=host)
    assert len(pedidas) == 1  # the second answer came from the cache

    despues = expira + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=despues):
        for url in ("/noticias/", "/noticias/rss/"):
            assert titulo not in client.get(url, HTTP_HOST=host).content.decode(), url
        client.get("/api/v1/buscar?q=aviso", HTTP_HOST=host)
    assert len(pedidas) == 2  # asked again, with the expiry filter at the new time


# --- Malformed input: a 400 that says why, never a 500 -------------------------------------


def _direcciones_publicas():
    """Every documented open-data address (cms.api.OPERACIONES) and the pages and
    listings whose filters come from the query string."""
    from django.urls import reverse

    from cms import api

    reverse("api_documentacion")  # loads every URLconf, so every endpoint is declared
    return sorted(api.OPERACIONES) + ["/noticias/", "/eventos/", "/buscar/", "/directorio/"]


def test_un_caracter_nulo_en_la_consulta_es_un_400_en_cada_direccion(client, regions):
    """A NUL byte in a parameter reached PostgreSQL (which cannot store it) from the
    filters of the open data and the listings: a 500 anyone could cause. One rule for
    every address: such a request is refused with a Spanish 400 (JSON under /api/ and
    /datos/, like every open-data error)."""
    consulta = "region=%00&entidad=%00&tema=%00&q=a%00b&%00=1"
    direcciones = _direcciones_publicas()
    assert "/api/v1/buscar" in direcciones and any(u.startswith("/datos/") for u in direcciones)
    rotas = {}
    for url in direcciones:
        response = client.get(f"{url}?{consulta}", HTTP_HOST=HOSTS["norte"])
        if response.status_code != 400:
            rotas[url] = response.status_code
            continue
        if url.startswith(("/api/", "/datos/")):
            assert response["Content-Type"].startswith("application/json"), url
            assert "carácter" in response.json()["error"], url
        else:
            assert "carácter" in response.content.decode(), url
    assert rotas == {}
    # Without the NUL byte the same addresses answer.
    assert client.get("/api/v1/convenios?region=norte", HTTP_HOST=HOSTS["norte"]).status_code == 200
