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
