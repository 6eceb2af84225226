"""Nobody can make the page cache keep a variant that others then get (cms/cache.py).

The key is the scheme, the host, the path and the query string. Whatever else a request
carries must either not change the page or keep it out of the cache: a language asked for by
header or cookie, forwarded host, port or scheme headers of a client that reaches the
application directly, a CSRF cookie. A page that answered 404 is not remembered as such
once it is published.
"""

import pytest

from cms import cache as page_cache

from . import fabricas
from .conftest import HOSTS

VARIANTES = {
    "idioma por encabezado": {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"},
    "idioma por cookie": {"HTTP_COOKIE": "django_language=en"},
    "host reenviado": {"HTTP_X_FORWARDED_HOST": HOSTS["sureste"]},
    "puerto reenviado": {"HTTP_X_FORWARDED_PORT": "8443"},
    "esquema reenviado": {"HTTP_X_FORWARDED_PROTO": "https"},
    "cookie csrf": {"HTTP_COOKIE": "csrftoken=" + "a" * 32},
}


@pytest.mark.parametrize("variante", VARIANTES)
def test_what_a_request_carries_besides_the_key_does_not_reach_other_visitors(
    client, crear, variante
):
    page = crear("norte", "noticias", fabricas.noticia(title="Informe anual de Sonora"))
    for path in ("/", page.url):
        referencia = client.get(path, HTTP_HOST=HOSTS["norte"])
        assert referencia.status_code == 200
        page_cache.purge("test")

        primera = client.get(path, HTTP_HOST=HOSTS["norte"], **VARIANTES[variante])
        client.cookies.clear()
        despues = client.get(path, HTTP_HOST=HOSTS["norte"])
        assert despues.status_code == 200
        assert despues.content == referencia.content, (variante, path, primera.status_code)
        page_cache.purge("test")


def test_each_scheme_is_its_own_entry(client, regions):
    assert client.get("/", HTTP_HOST=HOSTS["norte"], secure=True)["X-Cache"] == "MISS"
    assert client.get("/", HTTP_HOST=HOSTS["norte"])["X-Cache"] == "MISS"


def test_a_page_that_was_not_found_is_served_once_published(client, crear):
    page = crear("norte", "noticias", fabricas.noticia(title="Aviso por publicar"), False)
    ruta = "/noticias/noticia-de-prueba/"
    assert client.get(ruta, HTTP_HOST=HOSTS["norte"]).status_code == 404
    assert client.get(ruta, HTTP_HOST=HOSTS["norte"]).status_code == 404

    page.save_revision().publish()
    publicada = client.get(ruta, HTTP_HOST=HOSTS["norte"])
    assert publicada.status_code == 200
    assert "Aviso por publicar" in publicada.content.decode()
