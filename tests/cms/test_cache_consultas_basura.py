"""Query strings a page does not read never become page-cache entries (cms/cache.py): any
visitor can send endless ``?x=<random>``, and each stored copy would push real pages out."""

import secrets

import pytest
from django.core.cache import caches

from cms import cache as page_cache

from . import fabricas
from .test_cache_paginas import get


def entradas():
    # The page cache of the tests is Django's LocMemCache (cms/settings/test.py).
    return len(caches["paginas"]._cache)


@pytest.fixture
def detalle(client, crear):
    page = crear("centro", "noticias", fabricas.noticia(title="Informe de transparencia"))
    return page.url


@pytest.mark.parametrize("junk", ["utm_source=x", "x={random}"])
@pytest.mark.parametrize("which", ["detalle", "listado"])
def test_unread_parameters_are_served_but_not_stored(client, detalle, junk, which):
    path = detalle if which == "detalle" else "/noticias/"
    clean = get(client, "centro", path)
    assert clean["X-Cache"] == "MISS"
    before = entradas()
    query = junk.format(random=secrets.token_hex(8))
    for _ in range(2):
        response = get(client, "centro", f"{path}?{query}")
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert response.content == clean.content
    assert entradas() == before


@pytest.mark.parametrize("query", ["pagina=2", "pagina=1&tema=acceso"])
def test_parameters_the_listing_reads_are_still_cached(client, crear, query):
    for numero in range(12):
        crear("norte", "noticias", fabricas.noticia(slug=f"nota-{numero}", title=f"Nota {numero}"))
    first = get(client, "norte", f"/noticias/?{query}")
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    second = get(client, "norte", f"/noticias/?{query}")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_a_listing_filter_is_cached_per_value(client, regions):
    for tipo in ("guia", "otro"):
        assert get(client, "sureste", f"/recursos/?tipo={tipo}")["X-Cache"] == "MISS"
        assert get(client, "sureste", f"/recursos/?tipo={tipo}")["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "query",
    [
        "tema=" + "a" * page_cache.QUERY_STRING_MAX,  # read, but too long
        "tema=a&tema=b",  # a parameter twice
        "tema=a&&",  # not the one way the same parameters are written
        "%74ema=a",
    ],
)
def test_long_repeated_or_oddly_written_query_strings_are_not_stored(client, regions, query):
    get(client, "centro", "/noticias/")
    before = entradas()
    response = get(client, "centro", f"/noticias/?{query}")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert entradas() == before


def test_a_flood_of_random_parameters_adds_no_entry(client, detalle):
    for path in (detalle, "/noticias/", "/"):
        assert get(client, "centro", path)["X-Cache"] == "MISS"
    before = entradas()
    paths = [detalle, "/noticias/", "/"]
    for n in range(200):
        name = secrets.token_hex(3)
        response = get(client, "centro", f"{paths[n % 3]}?{name}={secrets.token_hex(6)}")
        assert response.status_code == 200
    assert entradas() == before
    # The real pages were never pushed out.
    for path in paths:
        assert get(client, "centro", path)["X-Cache"] == "HIT"


def test_a_page_that_echoes_every_parameter_is_stored_per_query_string(client, crear):
    # The listing's page links (cms_tags.url_pagina: request.GET.copy()) carry every
    # parameter of the address, so each query string really is another page.
    for numero in range(12):
        crear("centro", "noticias", fabricas.noticia(slug=f"eco-{numero}", title=f"Eco {numero}"))
    response = get(client, "centro", "/noticias/?origen=boletin")
    assert response["X-Cache"] == "MISS"
    assert "origen=boletin" in response.content.decode()
    assert get(client, "centro", "/noticias/?origen=boletin")["X-Cache"] == "HIT"


def test_an_address_holds_a_bounded_number_of_query_string_variants(client, crear, settings):
    # Parameters a page reads with any value (``pagina`` is clamped to a real page) and pages
    # that echo every parameter still answer each variant; past the quota they are not stored.
    for numero in range(12):
        crear("centro", "noticias", fabricas.noticia(slug=f"cupo-{numero}", title=f"Cupo {numero}"))
    get(client, "centro", "/noticias/")
    before = entradas()
    stored = 0
    for n in range(page_cache.QUERY_VARIANTS_MAX + 20):
        response = get(client, "centro", f"/noticias/?origen={secrets.token_hex(4)}&pagina={n}")
        assert response.status_code == 200
        stored += response.get("X-Cache") == "MISS"
    assert stored == page_cache.QUERY_VARIANTS_MAX
    # Each stored variant is one entry, plus the address's counter.
    assert entradas() == before + page_cache.QUERY_VARIANTS_MAX + 1
    # The plain address and the variants stored first still answer from the cache.
    assert get(client, "centro", "/noticias/")["X-Cache"] == "HIT"
    # A publish starts a new generation, with the quota free again.
    crear("centro", "noticias", fabricas.noticia(slug="cupo-nueva", title="Cupo nueva"))
    assert get(client, "centro", "/noticias/?origen=x&pagina=2")["X-Cache"] == "MISS"


def test_the_recording_querydict_behaves_as_request_get(rf):
    from django.http import QueryDict

    request = rf.get("/noticias/?pagina=2&tema=acceso")
    leidos = page_cache.ParametrosLeidos.de(request.GET)
    assert leidos == request.GET
    assert leidos.get("pagina") == "2" and leidos.getlist("tema") == ["acceso"]
    assert "otro" not in leidos
    with pytest.raises(AttributeError):
        leidos["x"] = "1"
    copia = leidos.copy()
    assert type(copia) is QueryDict and copia._mutable
    copia["x"] = "1"
    assert "x" not in leidos.nombres()

    solo = page_cache.ParametrosLeidos.de(request.GET)
    solo.get("pagina")
    assert solo.leidos == {"pagina"} and not solo.todos_leidos
    for whole in ("items", "lists", "dict", "urlencode", "copy", "keys"):
        todo = page_cache.ParametrosLeidos.de(request.GET)
        getattr(todo, whole)()
        assert todo.todos_leidos, whole
