"""Query budgets of the public pages: no page may have an N+1.

Each public page (and open-data endpoint) is requested through the test client on the
national site (localhost) and on a regional one (norte.localhost), and the database queries
of the request are counted with ``CaptureQueriesContext``. Two properties are checked:

* the count stays under an absolute ceiling (``TECHOS``), and
* the count does **not** grow with the number of items: each listing is measured with the
  demo content, then ``N`` more items of its kind are added (with the relations the page
  shows: topics, institutions, accounts, stations, agreements…) and measured again.

Every request is made twice and only the second is counted, so that per-process caches
(content types, locales, Wagtail's site root paths…) do not make the first request of a
test look more expensive than the page is.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import Campana, Convocatoria, Evento, HistoriaExito, Noticia, Recurso

from .conftest import HOSTS
from .fabricas import campana, convocatoria, evento, historia, noticia, recurso

# ---------------------------------------------------------------------------------------------
# Ceilings: the number of queries measured for each page with the demo content, plus a small
# margin (about 20 %, at least 3) so that an unrelated, constant change (one more setting read,
# one more check) does not break the suite. They are ceilings, NOT exact counts: the property
# that matters, that the count does not grow with the number of items, is asserted separately
# (see CRECIMIENTO_PERMITIDO).
# Measured with SQLite and PostgreSQL (the same counts on both).
# ---------------------------------------------------------------------------------------------
TECHOS = {
    # url: {region: ceiling}                     measured (SQLite = PostgreSQL)
    "/": {"nacional": 50, "norte": 48},  # 41 (43 with «Desde las regiones»), 40
    "/noticias/": {"nacional": 28, "norte": 28},  # 23
    "/eventos/": {"nacional": 30, "norte": 30},  # 25
    "/convocatorias/": {"nacional": 30, "norte": 30},  # 24, 25 with every section shown
    "/historias/": {"nacional": 28, "norte": 28},  # 23
    "/recursos/": {"nacional": 28, "norte": 28},  # 23
    "/campanas/": {"nacional": 28, "norte": 28},  # 23
    # one detail page of each type
    "noticia": {"nacional": 29, "norte": 29},  # 24
    "evento": {"nacional": 28, "norte": 28},  # 23
    "convocatoria": {"nacional": 27, "norte": 27},  # 22
    "historia": {"nacional": 27, "norte": 27},  # 22
    "recurso": {"nacional": 27, "norte": 27},  # 22
    "campana": {"nacional": 28, "norte": 28},  # 23
    # feeds, sitemap, search
    "/noticias/rss/": {"nacional": 19, "norte": 19},  # 15 (was 17 + 1 per item)
    "/noticias/atom/": {"nacional": 19, "norte": 19},  # 15 (was 17 + 1 per item)
    "/eventos/calendario.ics": {"nacional": 18, "norte": 18},  # 14 (was 19 + 2 per event)
    "/sitemap.xml": {"nacional": 70, "norte": 68},  # 58, 56
    "/buscar/?q=datos": {"nacional": 66, "norte": 66},  # 55 (was 273, growing per hit)
    # plugin pages
    "/directorio/": {"nacional": 35, "norte": 33},  # 29, 27
    "/directorio/<clave>/": {"nacional": 32, "norte": 32},
    "/convenios/": {"nacional": 40, "norte": 39},  # 28 / 27 empty, 33 / 32 with agreements
    "/medios/": {"nacional": 45, "norte": 45},  # 34 empty, 37 with agreements
    "/diagnostico/": {"nacional": 29},  # 24
    # open data (the same on every host)
    "/api/v1/directorio/organismos": {"nacional": 8, "norte": 8},  # 5
    "/api/v1/convenios": {"nacional": 17, "norte": 17},  # 5 empty, 14 with agreements
    "/api/v1/medios": {"nacional": 42, "norte": 42},  # 34, 35 with agreements
    "/datos/directorio.csv": {"nacional": 8, "norte": 8},  # 5
}

#: Items added before the first measure, then items added before the second: together
#: more than a listing page (10) shows.
POCOS = 3
N = 12

#: Queries a page may gain when N items are added. 0 everywhere: a listing's queries are
#: per page, never per item.
CRECIMIENTO_PERMITIDO = 0

REGIONES = ["nacional", "norte"]

#: An institution of each site, for /directorio/<clave>/.
CLAVE = {"nacional": "inai", "norte": "istai-sonora"}


def contar(client, region, url):
    """(number of queries, response) of a GET of ``url`` on the region's host."""
    host = HOSTS[region]
    client.get(url, HTTP_HOST=host)  # warm the per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (url, host, response.status_code)
    return len(ctx.captured_queries), response


def detalle_consultas(ctx_queries):
    """The queries that repeat (the usual sign of an N+1), most repeated first."""
    import re
    from collections import Counter

    formas = Counter(re.sub(r"\b\d+\b|'[^']*'", "?", q["sql"])[:300] for q in ctx_queries)
    return "\n".join(f"{n} × {sql}" for sql, n in formas.most_common() if n > 1)


def techo(clave, region):
    return TECHOS[clave][region]


@pytest.fixture
def demo_complementos(db):
    """The plugins' demo data (directory accounts and areas, organizations, media)."""
    from cms.plugins import load_plugin_demo_data

    load_plugin_demo_data()


@pytest.fixture
def buscar_en_bd(settings):
    settings.SEARCH_ENGINE = "database"


# ---------------------------------------------------------------------------------------------
# Adding items
# ---------------------------------------------------------------------------------------------


def _organismos(region, cuantos=3):
    from regiones.models import OrganismoGarante

    return list(OrganismoGarante.objects.de_region(region).order_by("clave")[:cuantos])


def _publicar(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _indice(region, slug):
    return region.site.root_page.get_children().get(slug=slug).specific


def agregar_noticias(region, n=N, desde=0):
    index = _indice(region, "noticias")
    organismos = _organismos(region)
    hoy = timezone.localdate()
    for i in range(desde, desde + n):
        page = noticia(
            slug=f"noticia-extra-{i}",
            title=f"Datos abiertos en la región, nota {i}",
            entrada="Los datos abiertos ayudan a vigilar el gasto público.",
            fecha=hoy,
        )
        page.temas.add(f"tema extra {i}", "datos abiertos", "transparencia")
        page.organismos = organismos
        _publicar(index, page)


def agregar_eventos(region, n=N, desde=0):
    index = _indice(region, "eventos")
    organismos = _organismos(region)
    ahora = timezone.now().replace(microsecond=0)
    for i in range(desde, desde + n):
        page = evento(
            slug=f"evento-extra-{i}",
            title=f"Taller de datos abiertos {i}",
            inicio=ahora + timedelta(days=1, hours=i),
            fin=ahora + timedelta(days=1, hours=i + 1),
        )
        page.organismos = organismos
        _publicar(index, page)


def agregar_convocatorias(region, n=N, desde=0):
    index = _indice(region, "convocatorias")
    hoy = timezone.localdate()
    for i in range(desde, desde + n):
        # abiertas (unpaginated), próximas (unpaginated) and cerradas (paginated)
        desplazamiento = [-1, 20, -60][i % 3]
        _publicar(
            index,
            convocatoria(
                slug=f"convocatoria-extra-{i}",
                title=f"Convocatoria de datos {i}",
                fecha_apertura=hoy + timedelta(days=desplazamiento),
                fecha_cierre=hoy + timedelta(days=desplazamiento + 10),
            ),
        )


def agregar_historias(region, n=N, desde=0):
    index = _indice(region, "historias")
    for i in range(desde, desde + n):
        _publicar(index, historia(slug=f"historia-extra-{i}", title=f"Historia de datos {i}"))


def agregar_recursos(region, n=N, desde=0):
    index = _indice(region, "recursos")
    for i in range(desde, desde + n):
        _publicar(
            index,
            recurso(
                slug=f"recurso-extra-{i}",
                title=f"Guía de datos {i:02d}",
                materiales=[
                    {
                        "type": "enlace",
                        "value": {"titulo": "Portal", "url": "https://example.org/"},
                    }
                ],
            ),
        )


def agregar_campanas(region, n=N, desde=0):
    index = _indice(region, "campanas")
    organismos = _organismos(region)
    for i in range(desde, desde + n):
        page = campana(slug=f"campana-extra-{i}", title=f"Campaña de datos {i}")
        page.organismos = organismos
        _publicar(index, page)


def agregar_propuestas(region, n=N, desde=0):
    """Regional pages accepted into the national home's «Desde las regiones»."""
    from cms.curaduria import PropuestaRed
    from regiones.models import Region

    norte = Region.objects.get(slug="norte")
    agregar_noticias(norte, n, desde)
    nuevas = Noticia.objects.filter(slug__startswith="noticia-extra-").exclude(
        propuestas_red__isnull=False
    )
    for page in nuevas.descendant_of(norte.site.root_page):
        PropuestaRed.objects.create(
            pagina=page,
            region=norte,
            estado=PropuestaRed.Estado.ACEPTADA,
            revisada_en=timezone.now(),
        )


def agregar_organismos(region, n=N, desde=0):
    """Institutions of the region with a communication area and social accounts."""
    from plugins.directorio.models import AreaComunicacion, CuentaSocial
    from regiones.models import EntidadFederativa, OrganismoGarante

    entidad = EntidadFederativa.objects.filter(region=region).first()
    sucesor = OrganismoGarante.objects.de_region(region).order_by("clave").first()
    for i in range(desde, desde + n):
        organismo = OrganismoGarante.objects.create(
            clave=f"extra-{region.slug}-{i}",
            nombre=f"Organismo extra {i}",
            siglas=f"OE{i}",
            tipo=OrganismoGarante.Tipo.GARANTE_ESTATAL,
            entidad=entidad,
            region=region,
            sitio_web=f"https://organismo-{i}.example.org/",
            # half of them extinct, with a successor: the history list shows them
            estado=(OrganismoGarante.Estado.EXTINTA if i % 2 else OrganismoGarante.Estado.VIGENTE),
            fecha_extincion=date(2025, 3, 20) if i % 2 else None,
            sucesor=sucesor if i % 2 else None,
        )
        AreaComunicacion.objects.create(
            organismo=organismo, sitio_web=f"https://organismo-{i}.example.org/prensa"
        )
        for plataforma, url in [
            ("facebook", f"https://www.facebook.com/organismo{i}"),
            ("x", f"https://x.com/organismo{i}"),
            ("youtube", f"https://www.youtube.com/@organismo{i}"),
        ]:
            CuentaSocial.objects.create(
                organismo=organismo,
                plataforma=plataforma,
                url=url,
                usuario=f"organismo{i}",
                estado=CuentaSocial.Estado.ACTIVA,
            )


def agregar_convenios(region, n=N, desde=0):
    """Public agreements (alianzas) with organizations and institutions."""
    from plugins.alianzas.models import Convenio, Organizacion

    hoy = timezone.localdate()
    organismos = _organismos(region)
    for i in range(desde, desde + n):
        convenio = Convenio.objects.create(
            titulo=f"Convenio extra {i}",
            objeto="Difundir el derecho de acceso a la información.",
            tipo="colaboracion",
            region=region,
            estado="vigente",
            fecha_firma=hoy - timedelta(days=100 + i),
            vigencia_inicio=hoy - timedelta(days=90),
            vigencia_fin=hoy + timedelta(days=300),
        )
        convenio.organismos.add(*organismos)
        convenio.organizaciones.add(
            Organizacion.objects.create(nombre=f"Organización extra {i}", tipo="osc"),
            Organizacion.objects.create(nombre=f"Colectivo extra {i}", tipo="osc"),
        )
        convenio.save()


def agregar_medios(region, n=N, desde=0):
    """Outlets of the region with stations, accounts and a public agreement each."""
    from plugins.medios.models import (
        ConvenioMedio,
        CuentaSocialMedio,
        EstacionMedio,
        MedioOficial,
    )
    from regiones.models import EntidadFederativa

    hoy = timezone.localdate()
    entidad = EntidadFederativa.objects.filter(region=region).first()
    organismos = _organismos(region)
    for i in range(desde, desde + n):
        datos = {"ambito": "estatal", "entidad": entidad} if entidad else {"ambito": "federal"}
        medio = MedioOficial.objects.create(
            nombre=f"Medio extra {i:02d}", tipo="radio", contacto="interno", **datos
        )
        EstacionMedio.objects.create(medio=medio, distintivo=f"XEX{i}-AM", frecuencia="1060 kHz")
        CuentaSocialMedio.objects.create(
            medio=medio, plataforma="facebook", url=f"https://www.facebook.com/medio{i}"
        )
        convenio = ConvenioMedio.objects.create(
            titulo=f"Convenio con medio extra {i}",
            objeto="Difundir el derecho de acceso a la información.",
            medio=medio,
            region=region,
            estado="vigente",
            fecha_firma=hoy - timedelta(days=100),
            vigencia_inicio=hoy - timedelta(days=90),
            vigencia_fin=hoy + timedelta(days=300),
        )
        convenio.organismos.add(*organismos)


def agregar_ediciones(region, n=N, desde=0):
    """Published diagnosis rounds."""
    from plugins.diagnostico.models import Cuestionario, Edicion

    cuestionario = Cuestionario.objects.get(version=1)
    for i in range(desde, desde + n):
        Edicion.objects.create(
            nombre=f"Edición {2000 + i}",
            slug=f"edicion-{2000 + i}",
            inicio=date(2000 + i, 3, 1),
            fin=date(2000 + i, 6, 30),
            cuestionario=cuestionario,
            estado=Edicion.Estado.PUBLICADA,
        )


# ---------------------------------------------------------------------------------------------
# Listings: the count must not grow with the number of items
# ---------------------------------------------------------------------------------------------

# url -> what to add so that the page shows more items. Feeds and the sitemap grow with
# news; the search with pages that match "datos"; the home with news, events and calls
# (and, on the national site, with curated regional pages).
LISTADOS = [
    ("/noticias/", [agregar_noticias]),
    ("/eventos/", [agregar_eventos]),
    ("/convocatorias/", [agregar_convocatorias]),
    ("/historias/", [agregar_historias]),
    ("/recursos/", [agregar_recursos]),
    ("/campanas/", [agregar_campanas]),
    ("/noticias/rss/", [agregar_noticias]),
    ("/noticias/atom/", [agregar_noticias]),
    ("/eventos/calendario.ics", [agregar_eventos]),
    ("/sitemap.xml", [agregar_noticias, agregar_eventos, agregar_campanas]),
    ("/", [agregar_noticias, agregar_eventos, agregar_convocatorias]),
]

COMPLEMENTOS = [
    ("/directorio/", [agregar_organismos], REGIONES),
    ("/convenios/", [agregar_convenios], REGIONES),
    ("/medios/", [agregar_medios], REGIONES),
    ("/diagnostico/", [agregar_ediciones], ["nacional"]),
    ("/api/v1/directorio/organismos", [agregar_organismos], REGIONES),
    ("/api/v1/convenios", [agregar_convenios], REGIONES),
    ("/api/v1/medios", [agregar_medios], REGIONES),
    ("/datos/directorio.csv", [agregar_organismos], REGIONES),
]


def _crece(client, region_slug, url, agregar, regions):
    """(queries with the demo content plus POCOS items, with N more, response).

    The first measure already has a few items of each kind, so that every section of the
    page that only shows when it has items (e.g. «Próximamente», a region's agreements) is
    already there: what is left to compare is the cost per item.
    """
    region = regions[region_slug]
    demo, _ = contar(client, region_slug, url)
    assert demo <= techo(url, region_slug), (
        f"{url} en {region_slug}: {demo} consultas, más que el techo {techo(url, region_slug)}"
    )
    for funcion in agregar:
        funcion(region, POCOS)
    antes, _ = contar(client, region_slug, url)
    for funcion in agregar:
        funcion(region, N, desde=POCOS)
    host = HOSTS[region_slug]
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    despues = len(ctx.captured_queries)
    assert despues <= antes + CRECIMIENTO_PERMITIDO, (
        f"{url} en {region_slug}: {antes} consultas con {POCOS} elementos más que la "
        f"demostración y {despues} con {POCOS + N} (N+1). Consultas repetidas:\n"
        f"{detalle_consultas(ctx.captured_queries)}"
    )
    assert despues <= techo(url, region_slug)
    return antes, despues, response


@pytest.mark.parametrize("region_slug", REGIONES)
@pytest.mark.parametrize("url,agregar", LISTADOS, ids=[u for u, _ in LISTADOS])
def test_listado_no_crece_con_los_elementos(client, regions, region_slug, url, agregar):
    _antes, _despues, response = _crece(client, region_slug, url, agregar, regions)
    # The added items are really on the page (or in the feed/sitemap).
    contenido = response.content.decode()
    assert "extra-" in contenido or "Datos abiertos en la región" in contenido or url == "/"


def test_inicio_nacional_desde_las_regiones_no_crece(client, regions):
    """The national home's «Desde las regiones» (curated regional pages of any type)."""
    _antes, _despues, response = _crece(client, "nacional", "/", [agregar_propuestas], regions)
    assert "Desde las regiones" in response.content.decode()


@pytest.mark.parametrize("region_slug", REGIONES)
def test_busqueda_no_crece_con_los_resultados(client, regions, region_slug, buscar_en_bd):
    url = "/buscar/?q=datos"
    _crece(client, region_slug, url, [agregar_noticias], regions)


@pytest.mark.parametrize(
    "url,agregar,region_slug",
    [(u, a, r) for u, a, rs in COMPLEMENTOS for r in rs],
    ids=[f"{u}-{r}" for u, _a, rs in COMPLEMENTOS for r in rs],
)
def test_complemento_no_crece_con_los_registros(
    client, regions, demo_complementos, url, agregar, region_slug
):
    _crece(client, region_slug, url, agregar, regions)


# ---------------------------------------------------------------------------------------------
# Detail pages: a ceiling, and no growth with the page's own relations
# ---------------------------------------------------------------------------------------------

DETALLES = {
    "noticia": ("noticias", Noticia),
    "evento": ("eventos", Evento),
    "convocatoria": ("convocatorias", Convocatoria),
    "historia": ("historias", HistoriaExito),
    "recurso": ("recursos", Recurso),
    "campana": ("campanas", Campana),
}


@pytest.mark.parametrize("region_slug", REGIONES)
@pytest.mark.parametrize("tipo", list(DETALLES))
def test_detalle_bajo_el_techo(client, regions, region_slug, tipo):
    slug_indice, modelo = DETALLES[tipo]
    index = _indice(regions[region_slug], slug_indice)
    page = modelo.objects.child_of(index).live().order_by("path").first()
    assert page is not None, f"La demostración no tiene {tipo} en {region_slug}"
    url = page.get_url()
    consultas, _ = contar(client, region_slug, url)
    assert consultas <= techo(tipo, region_slug), (url, consultas)


@pytest.mark.parametrize("region_slug", REGIONES)
def test_detalle_de_noticia_no_crece_con_temas_y_organismos(client, regions, region_slug):
    """A news page lists its topics and institutions: one query each, not one per item."""
    from regiones.models import OrganismoGarante

    index = _indice(regions[region_slug], "noticias")
    pocos = noticia(slug="pocos")
    pocos.temas.add("uno")
    pocos.organismos = _organismos(regions[region_slug], 1)
    _publicar(index, pocos)
    muchos = noticia(slug="muchos")
    muchos.temas.add(*[f"tema {i}" for i in range(N)])
    muchos.organismos = list(OrganismoGarante.objects.order_by("clave")[:N])
    _publicar(index, muchos)
    con_pocos, _ = contar(client, region_slug, pocos.get_url())
    con_muchos, _ = contar(client, region_slug, muchos.get_url())
    assert con_muchos == con_pocos
    assert con_muchos <= techo("noticia", region_slug)


@pytest.mark.parametrize("region_slug", REGIONES)
def test_institucion_del_directorio_bajo_el_techo(client, demo_complementos, region_slug):
    url = f"/directorio/{CLAVE[region_slug]}/"
    consultas, _ = contar(client, region_slug, url)
    assert consultas <= techo("/directorio/<clave>/", region_slug), (url, consultas)


# ---------------------------------------------------------------------------------------------
# A page the page cache cannot answer (a first visit after a publish, a page nobody asked for
# in five minutes): every page rendered, the lookups remembered per page-cache generation
# (cms.cache.memo: site, regions, network, plugin switches, restrictions, menus, feeds, the
# footer) already warm. Ceilings measured on PostgreSQL plus a small margin.
# ---------------------------------------------------------------------------------------------
TECHOS_FALLO = {
    # measured with routes, restrictions, the header and a regional home's presentation
    # remembered (before: 20/27, 13, 14, 13, 13, 30)
    "/": {"nacional": 12, "norte": 14},  # 10, 12
    "/noticias/": {"nacional": 5, "norte": 5},  # 3
    "/eventos/": {"nacional": 6, "norte": 6},  # 4
    "noticia": {"nacional": 6, "norte": 6},  # 4
    "evento": {"nacional": 4, "norte": 4},  # 2
    "/directorio/": {"nacional": 25, "norte": 16},  # 21, 13
}

#: Tables the frame of every page reads (header, footer, metadata, the site and region of the
#: request, its route): none of them is asked again while the generation holds.
TABLAS_DEL_MARCO = (
    "regiones_red",
    "regiones_complementoregion",
    "cms_redessocialessettings",
    # Wagtail's routing (the active Locale) and its view-restriction check (cms.cache)
    "wagtailcore_locale",
    "wagtailcore_pageviewrestriction",
)


@pytest.fixture
def sin_paginas_guardadas(settings):
    settings.SNT_PAGE_CACHE = {**settings.SNT_PAGE_CACHE, "PAGES": False}


def _url_fallo(regions, region_slug, clave):
    if clave in DETALLES:
        slug_indice, modelo = DETALLES[clave]
        index = _indice(regions[region_slug], slug_indice)
        return modelo.objects.child_of(index).live().order_by("path").first().get_url()
    return clave


@pytest.mark.parametrize("region_slug", REGIONES)
@pytest.mark.parametrize("clave", list(TECHOS_FALLO))
def test_pagina_sin_cache_con_consultas_recordadas(
    client, regions, demo_complementos, sin_paginas_guardadas, region_slug, clave
):
    url = _url_fallo(regions, region_slug, clave)
    host = HOSTS[region_slug]
    client.get(url, HTTP_HOST=host)  # warms the remembered lookups, stores no page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    assert "X-Cache" not in response  # rendered, not served from the page cache
    consultas = [q["sql"] for q in ctx.captured_queries]
    assert len(consultas) <= TECHOS_FALLO[clave][region_slug], (
        f"{url} en {region_slug}: {len(consultas)} consultas\n"
        f"{detalle_consultas(ctx.captured_queries)}"
    )
    del_marco = [q for q in consultas if any(f'FROM "{t}"' in q for t in TABLAS_DEL_MARCO)]
    assert not del_marco, f"{url}: el marco de la página consulta otra vez:\n" + "\n".join(
        q[:200] for q in del_marco
    )


def test_publicar_refresca_lo_recordado(client, regions, sin_paginas_guardadas):
    """What the frame remembers goes with the generation: a registry switched off in a
    region leaves its menu and footer at once."""
    from cms.plugins import set_enabled

    host = HOSTS["norte"]
    antes = client.get("/noticias/", HTTP_HOST=host).content.decode()
    assert 'href="/directorio/"' in antes
    set_enabled("directorio", regions["norte"], False)
    despues = client.get("/noticias/", HTTP_HOST=host).content.decode()
    assert 'href="/directorio/"' not in despues


# ---------------------------------------------------------------------------------------------
# Search results of anonymous visitors: asked to the engine once per query, site, language,
# filters and page while the page-cache generation holds (search/views.py).
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def motor_contado(monkeypatch):
    """search.views.search replaced by a stand-in engine that counts what it is asked."""
    from search import views
    from search.query import SearchResult

    pedidas = []

    def buscar(search_request, motor="opensearch"):
        pedidas.append(search_request)
        titulo = f"Resultado {len(pedidas)}"
        resultado = {"title": titulo, "kind": "noticia", "region": "norte", "url": "/x/"}
        return SearchResult(total=1, results=[resultado], engine=motor, page=1, pages=1)

    monkeypatch.setattr(views, "search", buscar)
    return pedidas


def test_busqueda_anonima_recordada_hasta_la_purga(client, regions, motor_contado):
    from cms import cache as page_cache

    host = HOSTS["norte"]
    url = "/api/v1/buscar?q=transparencia"
    primera = client.get(url, HTTP_HOST=host).json()
    assert client.get(url, HTTP_HOST=host).json() == primera
    assert client.get("/buscar/?q=transparencia", HTTP_HOST=host).status_code == 200
    assert len(motor_contado) == 1  # the page and the API share the answer
    # Another page, filter, site or query is another answer.
    client.get(url + "&pagina=2", HTTP_HOST=host)
    client.get(url + "&tipo=evento", HTTP_HOST=host)
    client.get(url, HTTP_HOST=HOSTS["nacional"])
    client.get("/api/v1/buscar?q=datos", HTTP_HOST=host)
    assert len(motor_contado) == 5
    # Anything public that changes purges it: the next search asks the engine again.
    page_cache.purge("prueba")
    assert client.get(url, HTTP_HOST=host).json() != primera
    assert len(motor_contado) == 6


def test_busqueda_sin_recordar(client, regions, motor_contado, settings, make_user):
    """Not kept: with SEARCH_CACHE_TIMEOUT=0, for someone signed in, or when the answer
    comes from the database fallback (the engine's answer must come back with it)."""
    from search import views

    host = HOSTS["norte"]
    url = "/api/v1/buscar?q=transparencia"
    settings.SEARCH_CACHE_TIMEOUT = 0
    client.get(url, HTTP_HOST=host)
    client.get(url, HTTP_HOST=host)
    assert len(motor_contado) == 2
    settings.SEARCH_CACHE_TIMEOUT = 30
    client.force_login(make_user())
    client.get(url, HTTP_HOST=host)
    client.get(url, HTTP_HOST=host)
    assert len(motor_contado) == 4
    client.logout()
    respaldo = views.search
    views.search = lambda r: respaldo(r, motor="database")
    try:
        client.get(url, HTTP_HOST=host)
        client.get(url, HTTP_HOST=host)
    finally:
        views.search = respaldo
    assert len(motor_contado) == 6
