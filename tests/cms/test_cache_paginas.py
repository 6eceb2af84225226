"""The page cache (cms/cache.py): what it keeps, what it never keeps, and what purges it."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import cache as page_cache
from regiones.models import OrganismoGarante

from . import fabricas
from .conftest import HOSTS


def get(client, region, path, **extra):
    return client.get(path, HTTP_HOST=HOSTS[region], **extra)


def test_anonymous_page_is_served_from_the_cache_without_touching_the_database(client, crear):
    page = crear("centro", "noticias", fabricas.noticia(title="Audiencia pública en Puebla"))
    first = get(client, "centro", page.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"

    with CaptureQueriesContext(connection) as queries:
        second = get(client, "centro", page.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_each_site_path_and_query_is_its_own_entry(client, regions):
    centro = get(client, "centro", "/noticias/")
    norte = get(client, "norte", "/noticias/")
    assert centro["X-Cache"] == norte["X-Cache"] == "MISS"
    assert centro.content != norte.content
    assert get(client, "norte", "/noticias/")["X-Cache"] == "HIT"
    assert get(client, "norte", "/noticias/?page=2").get("X-Cache") in {"MISS", None}


def test_publishing_purges_so_citizens_see_the_change_at_once(client, crear):
    page = crear("norte", "noticias", fabricas.noticia(title="Versión uno"))
    get(client, "norte", page.url)
    assert get(client, "norte", "/noticias/")["X-Cache"] == "MISS"
    assert get(client, "norte", "/noticias/")["X-Cache"] == "HIT"

    page.title = "Versión dos"
    page.save_revision().publish()

    listing = get(client, "norte", "/noticias/")
    assert listing["X-Cache"] == "MISS"
    assert "Versión dos" in listing.content.decode()
    detail = get(client, "norte", page.url)
    assert "Versión dos" in detail.content.decode()


def test_a_draft_does_not_purge_and_is_never_shown(client, crear):
    page = crear("sureste", "noticias", fabricas.noticia(title="Texto publicado"))
    get(client, "sureste", page.url)
    page.title = "Borrador sin aprobar"
    page.save_revision()
    again = get(client, "sureste", page.url)
    assert again["X-Cache"] == "HIT"
    assert "Borrador sin aprobar" not in again.content.decode()


def test_unpublished_page_is_gone_from_the_cache(client, crear):
    page = crear("centro", "noticias", fabricas.noticia(slug="se-retira"))
    assert get(client, "centro", page.url).status_code == 200
    page.unpublish()
    assert get(client, "centro", page.url).status_code == 404


def test_a_changed_record_purges_the_pages_that_show_it(client, regions):
    organismo = OrganismoGarante.objects.filter(region=regions["norte"]).first()
    page = get(client, "norte", "/")
    assert page.status_code == 200
    assert get(client, "norte", "/")["X-Cache"] == "HIT"
    organismo.siglas = (organismo.siglas or "X") + "1"
    organismo.save()
    assert get(client, "norte", "/")["X-Cache"] == "MISS"


def test_purge_after_commit_too(client, crear, django_capture_on_commit_callbacks):
    page = crear("centro", "noticias", fabricas.noticia())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    # A request that rendered between the publish and the commit stored the old page.
    get(client, "centro", page.url)
    assert get(client, "centro", page.url)["X-Cache"] == "HIT"
    for callback in callbacks:
        callback()
    assert get(client, "centro", page.url)["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "path", ["/buscar/?q=transparencia", "/api/v1/buscar?q=transparencia", "/healthz"]
)
def test_search_and_health_are_never_cached(client, regions, path):
    get(client, "centro", path)
    assert "X-Cache" not in get(client, "centro", path)


def test_editors_with_a_session_always_get_the_live_page(client, crear, editor_of):
    page = crear("centro", "noticias", fabricas.noticia())
    get(client, "centro", page.url)
    client.force_login(editor_of("centro"))
    seen = get(client, "centro", page.url)
    assert seen.status_code == 200
    assert "X-Cache" not in seen


def test_responses_that_set_a_cookie_or_are_private_are_not_stored(rf, settings):
    from django.http import HttpResponse

    middleware = page_cache.PageCacheMiddleware(lambda request: answer)
    answer = HttpResponse("con cookie")
    answer.set_cookie("csrftoken", "x")
    request = rf.get("/formulario/", HTTP_HOST="centro.localhost")
    assert "X-Cache" not in middleware(request)

    answer = HttpResponse("privada")
    answer["Cache-Control"] = "private, max-age=0"
    assert "X-Cache" not in middleware(rf.get("/privada/", HTTP_HOST="centro.localhost"))

    answer = HttpResponse("no encontrada", status=404)
    assert "X-Cache" not in middleware(rf.get("/no-hay/", HTTP_HOST="centro.localhost"))

    answer = HttpResponse("pública")
    assert middleware(rf.get("/publica/", HTTP_HOST="centro.localhost"))["X-Cache"] == "MISS"
    assert middleware(rf.get("/publica/", HTTP_HOST="centro.localhost"))["X-Cache"] == "HIT"


def test_a_broken_cache_never_breaks_the_site(client, regions, settings, tmp_path):
    # A cache directory that cannot exist (its parent is a file): every read fails.
    blocker = tmp_path / "archivo"
    blocker.write_text("no soy una carpeta")
    settings.CACHES = {
        **settings.CACHES,
        "paginas": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocker / "paginas"),
        },
    }
    with pytest.raises(OSError):
        caches["paginas"].get("x")
    response = get(client, "centro", "/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    page_cache.purge("prueba")  # logs, does not raise


def test_switching_the_cache_off(client, regions, settings):
    settings.SNT_PAGE_CACHE = {**settings.SNT_PAGE_CACHE, "ENABLED": False}
    get(client, "centro", "/")
    assert "X-Cache" not in get(client, "centro", "/")


def test_memo_lives_as_long_as_the_generation(db, settings):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.memo("prueba-memo", compute) == 1
    assert page_cache.memo("prueba-memo", compute) == 1
    page_cache.purge("prueba")
    assert page_cache.memo("prueba-memo", compute) == 2
    settings.SNT_PAGE_CACHE = {**settings.SNT_PAGE_CACHE, "ENABLED": False}
    assert page_cache.memo("prueba-memo", compute) == 3
    assert page_cache.memo("prueba-memo", compute) == 4


def test_a_new_promotion_is_found_at_once(client, regions, crear):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = crear("norte", "noticias", fabricas.noticia(title="Guía de solicitudes"))
    url = "/api/v1/buscar?q=guia+rapida"
    assert get(client, "norte", url).json()["promovidos"] == []  # remembered: none
    SearchPromotion.objects.create(
        query=Query.get("guia rapida"), page=page, sort_order=0, description="La guía."
    )
    promovidos = get(client, "norte", url).json()["promovidos"]
    assert [p["titulo"] for p in promovidos] == ["Guía de solicitudes"]


@pytest.mark.parametrize("restriccion", ["password", "login"])
def test_restricted_pages_are_never_cached(client, crear, restriccion):
    from wagtail.models import PageViewRestriction

    page = crear("centro", "noticias", fabricas.noticia(slug=f"restringida-{restriccion}"))
    # Public and cached first; then the committee restricts it.
    assert get(client, "centro", page.url)["X-Cache"] == "MISS"
    assert get(client, "centro", page.url)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(
        page=page, restriction_type=restriccion, password="clave-del-comite"
    )
    # A visitor who already has a CSRF cookie gets the password form without a new cookie:
    # the form's token is still theirs alone.
    client.cookies["csrftoken"] = "a" * 32
    first = get(client, "centro", page.url)
    second = get(client, "centro", page.url)
    assert first.status_code == (200 if restriccion == "password" else 302)
    assert "X-Cache" not in first
    assert "X-Cache" not in second


def test_remembered_lookups_live_no_longer_than_a_cached_page(monkeypatch, settings):
    # A lookup remembered per generation (menus, registries, a page's restriction) must
    # follow what changes with time alone, with no purge (a page's expiry passing before
    # publish_scheduled runs), as a cached page does: at most TIMEOUT seconds.
    settings.SNT_PAGE_CACHE = {**settings.SNT_PAGE_CACHE, "ENABLED": True, "TIMEOUT": 300}
    reloj = [1_000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: reloj[0])
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.memo(("prueba-caducidad",), compute) == 1
    reloj[0] += 299
    assert page_cache.memo(("prueba-caducidad",), compute) == 1  # still remembered
    reloj[0] += 2
    assert page_cache.memo(("prueba-caducidad",), compute) == 2  # older than TIMEOUT


# --- What a miss remembers per generation: routes, view restrictions -----------------------


@pytest.fixture
def sin_paginas_guardadas(settings):
    """Pages always rendered, lookups still remembered: what a page-cache miss runs."""
    settings.SNT_PAGE_CACHE = {**settings.SNT_PAGE_CACHE, "PAGES": False}


def test_a_remembered_route_follows_publishing(client, crear, sin_paginas_guardadas):
    url = "/noticias/ruta-recordada/"
    assert get(client, "norte", url).status_code == 404
    page = crear("norte", "noticias", fabricas.noticia(slug="ruta-recordada", title="Ruta uno"))
    assert page.url.endswith(url)
    first = get(client, "norte", url)
    assert first.status_code == 200 and "Ruta uno" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = get(client, "norte", url)
    assert again.content == first.content
    # Remembered: no walk down the tree, no restriction lookup, no Locale lookup.
    walked = [q["sql"] for q in queries if '"wagtailcore_page"."slug" =' in q["sql"]]
    assert not walked, walked
    assert not [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert not [q for q in queries if 'FROM "wagtailcore_locale"' in q["sql"]]

    page.title = "Ruta dos"
    page.save_revision().publish()
    assert "Ruta dos" in get(client, "norte", url).content.decode()

    page.unpublish()
    assert get(client, "norte", url).status_code == 404

    page.refresh_from_db()
    page.slug = "ruta-movida"
    page.save_revision().publish()
    assert get(client, "norte", url).status_code == 404
    assert "Ruta dos" in get(client, "norte", "/noticias/ruta-movida/").content.decode()


def test_paths_that_do_not_exist_take_no_place_among_remembered_routes(
    client, regions, sin_paginas_guardadas
):
    # Anyone can ask for endless paths that do not exist; remembered, each would push a hot
    # lookup of the process out.
    page_cache._MEMO.clear()
    for n in range(30):
        assert get(client, "norte", f"/noticias/no-existe-{n}/").status_code == 404
    rutas = [k for k in page_cache._MEMO if k[0] == "ruta"]
    assert rutas == []
    assert get(client, "norte", "/noticias/").status_code == 200
    assert [k for k in page_cache._MEMO if k[0] == "ruta"]


def test_a_full_memo_lets_its_oldest_entry_go_not_all(monkeypatch, regions):
    page_cache._MEMO.clear()
    monkeypatch.setattr(page_cache, "_MEMO_MAX", 3)
    for n in range(5):
        page_cache.memo(("prueba-lleno", n), lambda n=n: n)
    assert [k[1] for k in page_cache._MEMO if k[0] == "prueba-lleno"] == [2, 3, 4]


@pytest.mark.parametrize("restriccion", ["password", "login"])
@pytest.mark.parametrize("en", ["pagina", "indice"])
def test_a_remembered_route_sees_a_restriction_on_the_next_request(
    client, crear, indice, sin_paginas_guardadas, restriccion, en
):
    from wagtail.models import PageViewRestriction

    page = crear("centro", "noticias", fabricas.noticia(slug=f"ruta-{en}", title="Acta secreta"))
    for _ in range(2):  # the second one from what was remembered
        response = get(client, "centro", page.url)
        assert response.status_code == 200 and "Acta secreta" in response.content.decode()
    restringida = page if en == "pagina" else indice("centro", "noticias")
    restriction = PageViewRestriction.objects.create(
        page=restringida, restriction_type=restriccion, password="clave-del-comite"
    )
    response = get(client, "centro", page.url)
    assert response.status_code == (200 if restriccion == "password" else 302)
    assert "Acta secreta" not in response.content.decode()

    restriction.delete()
    response = get(client, "centro", page.url)
    assert response.status_code == 200 and "Acta secreta" in response.content.decode()


def test_every_page_model_routes_by_path_alone():
    # cms.cache.remembered_route keeps a route per language and path: a page model whose
    # routing looked at anything else of the request would be served another request's
    # route. Every route must be Wagtail's walk, a routable page's sub-routes or the home's
    # language check (all decided by the path, the language and the published tree).
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page, get_page_models

    from cms.models import HomePage

    known = {Page.route, RoutablePageMixin.route, HomePage.route}
    unknown = [model.__name__ for model in get_page_models() if model.route not in known]
    assert not unknown, unknown


def _cabecera(client, region, path):
    html = get(client, region, path).content.decode()
    return html.split('<header class="cabecera">')[1].split("</header>")[0]


@pytest.mark.parametrize("cambio", ["despublicar", "restringir", "renombrar el sitio"])
def test_the_remembered_header_follows_what_it_shows(
    client, regions, sin_paginas_guardadas, cambio
):
    # The header is rendered once per region, language and host per generation
    # ({% fragmento_recordado %}): unpublishing or restricting a registry it links to, or
    # renaming the site, shows on the next request.
    from wagtail.models import PageViewRestriction

    cabecera = _cabecera(client, "norte", "/noticias/")
    assert 'href="/directorio/"' in cabecera
    assert _cabecera(client, "norte", "/eventos/") == cabecera  # the same, remembered
    directorio = regions["norte"].site.root_page.get_children().get(slug="directorio")
    if cambio == "despublicar":
        directorio.specific.unpublish()
    elif cambio == "restringir":
        PageViewRestriction.objects.create(page=directorio, restriction_type="login")
    else:
        site = regions["norte"].site
        site.site_name = "Región Norte renombrada"
        site.save()
    despues = _cabecera(client, "norte", "/noticias/")
    if cambio == "renombrar el sitio":
        assert "Región Norte renombrada" in despues
    else:
        assert 'href="/directorio/"' not in despues


def test_a_regional_home_presents_its_institutions_as_they_are_now(
    client, regions, sin_paginas_guardadas
):
    # The home's presentation (states, institutions, shared pages) is remembered per region
    # and host per generation: an institution renamed or extinct shows on the next request.
    import re

    def vigentes():
        html = get(client, "norte", "/").content.decode()
        return html, int(re.search(r"<strong>(\d+)</strong> instituciones garantes", html)[1])

    organismo = OrganismoGarante.objects.de_region(regions["norte"]).vigentes().first()
    html, antes = vigentes()
    assert organismo.nombre in html and antes > 0
    organismo.nombre = "Instituto renombrado de transparencia"
    organismo.save()
    html, _ = vigentes()
    assert "Instituto renombrado de transparencia" in html
    organismo.estado = OrganismoGarante.Estado.EXTINTA
    organismo.save()
    assert vigentes()[1] == antes - 1


def test_a_news_items_topics_link_to_its_listing_where_it_is_now(
    client, crear, indice, sin_paginas_guardadas
):
    # The listing's URL under each topic is remembered per page and generation: renaming
    # the listing purges, and the next render links to where it is now.
    page = fabricas.noticia(slug="con-temas", title="Con temas")
    page.temas.add("rendicion de cuentas")
    page = crear("norte", "noticias", page)
    for _ in range(2):
        html = get(client, "norte", page.url).content.decode()
        assert 'href="/noticias/?tema=rendicion-de-cuentas"' in html
    listado = indice("norte", "noticias")
    listado.slug = "avisos"
    listado.save_revision().publish()
    html = get(client, "norte", "/avisos/con-temas/").content.decode()
    assert 'href="/avisos/?tema=rendicion-de-cuentas"' in html
    assert "/noticias/?tema=" not in html


def test_a_remembered_route_reads_the_lead_image_with_its_page(
    client, crear, regions, sin_paginas_guardadas
):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    def foto(titulo):
        return get_image_model().objects.create(
            title=titulo,
            file=get_test_image_file(),
            collection=regions["sureste"].coleccion,
            description=f"Descripción de {titulo}",
        )

    primera, segunda = foto("primera"), foto("segunda")
    page = crear("sureste", "noticias", fabricas.noticia(slug="con-foto", imagen_principal=primera))
    get(client, "sureste", page.url)
    with CaptureQueriesContext(connection) as queries:
        html = get(client, "sureste", page.url).content.decode()
    assert "Descripción de primera" in html
    imagenes = [q["sql"] for q in queries if 'FROM "wagtailimages_image"' in q["sql"]]
    assert imagenes == [], imagenes  # joined to the page's own query

    page.imagen_principal = segunda
    page.save_revision().publish()
    html = get(client, "sureste", page.url).content.decode()
    assert "Descripción de segunda" in html and "Descripción de primera" not in html


def test_static_urls_are_remembered_per_process_until_a_setting_changes(settings):
    from django.templatetags.static import static

    from cms.templatetags.cms_tags import estatico

    assert estatico("cms/sitio.css") == static("cms/sitio.css")
    settings.STATIC_URL = "/estaticos-nuevos/"
    assert estatico("cms/sitio.css") == static("cms/sitio.css")
    assert estatico("cms/sitio.css").startswith("/estaticos-nuevos/")


def test_the_editors_toolbar_is_drawn_for_editors_only(client, crear, editor_of):
    page = crear("norte", "noticias", fabricas.noticia(slug="con-barra"))
    assert "wagtail-userbar" not in get(client, "norte", page.url).content.decode()
    client.force_login(editor_of("norte", "edicion"))
    assert "wagtail-userbar" in get(client, "norte", page.url).content.decode()


# --- A plugin's page: its site's region, remembered per page and generation ----------------


def _consultas_de_sitio_o_region(queries):
    """The page's site by id (Page.get_site) and the region of a site (Region.for_site)."""
    marcas = (
        ('SELECT "wagtailcore_site"."id"', 'WHERE "wagtailcore_site"."id" ='),
        ('SELECT "regiones_region"."id"', 'WHERE "regiones_region"."site_id" ='),
    )
    return [
        q["sql"]
        for q in queries
        if any(q["sql"].startswith(fila) and donde in q["sql"] for fila, donde in marcas)
    ]


@pytest.mark.parametrize("cambio", ["apagar", "despublicar", "restringir"])
def test_a_plugin_page_remembers_its_region_and_sees_a_change_on_the_next_request(
    client, regions, sin_paginas_guardadas, cambio
):
    # PluginPageMixin.serve and PluginIndexPage.region() read the page's site and its region
    # once per page and generation; the plugin switch, unpublishing and a restriction must
    # still reach the very next request.
    from wagtail.models import PageViewRestriction

    from cms.plugins import set_enabled

    api = "/api/v1/directorio/organismos"
    assert get(client, "norte", "/directorio/").status_code == 200
    assert get(client, "norte", api).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert get(client, "norte", "/directorio/").status_code == 200
    assert _consultas_de_sitio_o_region(queries) == []

    directorio = regions["norte"].site.root_page.get_children().get(slug="directorio")
    if cambio == "apagar":
        set_enabled("directorio", regions["norte"], False)
        assert get(client, "norte", "/directorio/").status_code == 404
        assert get(client, "norte", api).status_code == 404
        assert get(client, "sureste", "/directorio/").status_code == 200
        set_enabled("directorio", regions["norte"], True)
        assert get(client, "norte", "/directorio/").status_code == 200
        assert get(client, "norte", api).status_code == 200
    elif cambio == "despublicar":
        directorio.specific.unpublish()
        assert get(client, "norte", "/directorio/").status_code == 404
    else:
        PageViewRestriction.objects.create(page=directorio, restriction_type="login")
        response = get(client, "norte", "/directorio/")
        assert response.status_code == 302 and "/directorio/" not in response.content.decode()


def test_renditions_have_a_cache_of_their_own_that_holds_a_network():
    # In "default" (LocMemCache, 300 entries) a network's renditions pushed each other out
    # and a page-cache miss read them from the database again; Wagtail reads the
    # "renditions" alias when there is one.
    from cms.settings import base

    renditions = base.CACHES["renditions"]
    assert renditions["LOCATION"] != base.CACHES["default"]["LOCATION"]
    assert renditions["OPTIONS"]["MAX_ENTRIES"] >= 10_000
