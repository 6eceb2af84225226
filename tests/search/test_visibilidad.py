"""The leak table: whatever stops being public disappears from every public output.

For each way of making content non-public, a page or record is created with one unique
token in its title and another in its body, shown to be found while public (so the test
can fail), made non-public through the ordinary model operations (signals → outbox → task
→ engine, with the immediate task backend), and then both tokens must be absent from
search (API, page, suggestions), the sitemap, the feeds, the plugins' JSON APIs and CSV
files — on OpenSearch, on Elasticsearch and on the database fallback.
"""

import random
import string
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.plugins import set_enabled
from plugins.alianzas.models import Convenio
from plugins.directorio.models import CuentaSocial
from plugins.medios.models import ConvenioMedio, MedioOficial
from regiones.models import OrganismoGarante
from search import indexer
from tests.cms import fabricas
from tests.conftest import HOSTS
from tests.search.conftest import _use_engine

SEARCH = ["/api/v1/buscar", "/buscar/", "/api/v1/buscar/sugerencias"]
#: Public outputs without a query: (host, path).
FEEDS = [(h, f"/noticias/{f}/") for h in ("localhost", HOSTS["norte"]) for f in ("rss", "atom")]
SITEMAPS = [(h, "/sitemap.xml") for h in ("localhost", HOSTS["norte"])]
DATA = [
    (h, p)
    for h in ("localhost", HOSTS["norte"])
    for p in (
        "/api/v1/convenios",
        "/datos/convenios.csv",
        "/api/v1/medios",
        "/datos/medios.csv",
        "/api/v1/directorio/organismos",
        "/datos/directorio.csv",
    )
]
STATIC = FEEDS + SITEMAPS + DATA


def token(prefix):
    return prefix + "".join(random.choices(string.ascii_lowercase, k=9))


@pytest.fixture(params=["opensearch", "elasticsearch", "database"])
def motor(request, settings, db):
    """The engine the site searches with; "database" is the fallback without an engine."""
    settings.SEARCH_API_RATE_LIMIT = 100_000
    if request.param == "database":
        settings.SEARCH_ENGINE = "database"
        yield request.param
        return
    engine = _use_engine(settings, request.param)
    indexer.ensure_index(engine)
    yield request.param
    engine.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True)


class Salidas:
    """Reads every public output and counts a token in it, beyond the echo of a query."""

    def __init__(self, client, motor):
        self.client = client
        self.motor = motor

    def _text(self, host, path, params=None):
        response = self.client.get(path, params or {}, HTTP_HOST=host)
        assert response.status_code < 500, (host, path, response.status_code)
        # A refusal (404, or a restricted section asking for a login or password) shows
        # nothing of the content.
        return response.content.decode("utf-8") if response.status_code == 200 else ""

    def search_hits(self, tok, path, host="localhost", shows=None):
        """Occurrences of ``shows`` (by default ``tok`` itself) when searching for ``tok``,
        minus those of the query's echo (measured with a token of the same shape that
        exists nowhere)."""
        shows = shows or tok
        echo = 0
        if shows == tok:
            control = token(tok[:3])
            echo = self._text(host, path, {"q": control}).count(control)
        return self._text(host, path, {"q": tok}).count(shows) - echo

    def static_hits(self, tok, host, path):
        return self._text(host, path).count(tok)

    def leaks(self, *tokens):
        """Every (host, output, query, token) where a token still shows."""
        found = []
        # Each token as written and misspelt (fuzzy matching, "¿Quisiste decir…?").
        typos = [tok[:-2] + tok[-1] + tok[-2] for tok in tokens]
        for query in (*tokens, *typos):
            for path in SEARCH:
                for host in ("localhost", HOSTS["norte"]):
                    for tok in tokens:
                        if self.search_hits(query, path, host, shows=tok) > 0:
                            found.append((host, path, query, tok))
        for tok in tokens:
            for host, path in STATIC:
                if self.static_hits(tok, host, path):
                    found.append((host, path, tok))
        return found

    def assert_searchable(self, titulo, cuerpo):
        """Positive control: found by a word of its title and by one of its body (the
        result shows the title); the title is suggested."""
        assert self.search_hits(titulo, "/api/v1/buscar") > 0
        assert self.search_hits(cuerpo, "/api/v1/buscar", shows=titulo) > 0
        assert self.search_hits(titulo, "/buscar/") > 0
        assert self.search_hits(cuerpo, "/buscar/", shows=titulo) > 0
        if self.motor != "database":  # the fallback offers no suggestions
            assert self.search_hits(titulo, "/api/v1/buscar/sugerencias") > 0


@pytest.fixture
def salidas(client, motor):
    return Salidas(client, motor)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if committed: its on-commit work (the outbox task) runs at once."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = change(*args, **kwargs)
        return result

    return run


# --- Pages ------------------------------------------------------------------------------


@pytest.fixture
def noticia(regions, commit):
    """A live news item of Norte with a token in its title (and slug) and one in its body."""
    titulo, cuerpo = token("tit"), token("cue")
    indice = regions["norte"].site.root_page.get_children().get(slug="noticias").specific
    page = fabricas.noticia(
        slug=f"nota-{titulo}",
        title=f"Noticia {titulo}",
        entrada=f"Entrada {titulo}.",
        cuerpo=[{"type": "parrafo", "value": f"<p>Cuerpo con {cuerpo}.</p>"}],
    )

    def publish():
        indice.add_child(instance=page)
        page.save_revision().publish()

    commit(publish)
    page.refresh_from_db()
    return page, titulo, cuerpo


def _restrict(page, tipo, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=tipo, **extra)
    if tipo == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name=f"Grupo {token('g')}"))
    return restriction


def _move_into_a_restricted_section(page):
    from cms.models import PaginaBasica

    home = page.get_parent().get_parent()
    seccion = PaginaBasica(title="Sección reservada", slug=token("seccion"))
    home.add_child(instance=seccion)
    seccion.save_revision().publish()
    _restrict(seccion, PageViewRestriction.PASSWORD, password="clave-secreta")
    page.refresh_from_db()
    page.move(seccion, pos="last-child")


PAGE_CASES = {
    "password-on-the-page": lambda page: _restrict(
        page, PageViewRestriction.PASSWORD, password="clave-secreta"
    ),
    "login-on-an-ancestor": lambda page: _restrict(page.get_parent(), PageViewRestriction.LOGIN),
    "groups-on-an-ancestor": lambda page: _restrict(page.get_parent(), PageViewRestriction.GROUPS),
    "unpublished": lambda page: page.specific.unpublish(),
    "moved-into-a-restricted-section": _move_into_a_restricted_section,
}


@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_page_made_non_public_leaves_every_output(salidas, noticia, commit, case):
    page, titulo, cuerpo = noticia
    salidas.assert_searchable(titulo, cuerpo)
    assert salidas.static_hits(titulo, HOSTS["norte"], "/sitemap.xml")
    assert salidas.static_hits(titulo, HOSTS["norte"], "/noticias/rss/")
    assert salidas.static_hits(titulo, HOSTS["norte"], "/noticias/atom/")
    commit(PAGE_CASES[case], page)
    assert salidas.leaks(titulo, cuerpo) == []


def test_removing_the_restriction_brings_the_page_back(salidas, noticia, commit):
    page, titulo, cuerpo = noticia
    restriction = commit(_restrict, page.get_parent(), PageViewRestriction.LOGIN)
    assert salidas.leaks(titulo, cuerpo) == []
    commit(restriction.delete)
    salidas.assert_searchable(titulo, cuerpo)


def test_expired_page_leaves_every_output_before_it_is_unpublished(
    salidas, noticia, commit, regions
):
    """The expiry time passes before the scheduled unpublishing runs: query time filters
    on the expiry stored in the index, and every listing on the same rule."""
    from django.core.cache import caches

    page, titulo, cuerpo = noticia
    expira = timezone.now() + timedelta(hours=1)
    page.expire_at = expira

    def republish():
        page.save_revision().publish()

    commit(republish)
    salidas.assert_searchable(titulo, cuerpo)
    later = expira + timedelta(minutes=1)
    # A stored page lasts at most PAGE_CACHE_TIMEOUT; the point here is the rule.
    caches["paginas"].clear()
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert salidas.leaks(titulo, cuerpo) == []


def test_draft_of_a_live_page_never_shows(salidas, noticia, commit):
    page, titulo, cuerpo = noticia
    borrador_titulo, borrador_cuerpo = token("bti"), token("bcu")
    page = page.specific
    page.title = f"Borrador {borrador_titulo}"
    page.cuerpo = [{"type": "parrafo", "value": f"<p>Borrador {borrador_cuerpo}.</p>"}]
    commit(page.save_revision)
    assert salidas.leaks(borrador_titulo, borrador_cuerpo) == []
    # The live version is still public.
    salidas.assert_searchable(titulo, cuerpo)


# --- Records ----------------------------------------------------------------------------


def _convenio(regions, titulo, cuerpo, estado="vigente"):
    hoy = timezone.localdate()
    return Convenio.objects.create(
        titulo=f"Convenio {titulo}",
        objeto=f"Objeto con {cuerpo}.",
        tipo="colaboracion",
        region=regions["norte"],
        estado=estado,
        fecha_firma=hoy - timedelta(days=100),
        vigencia_inicio=hoy - timedelta(days=90),
        vigencia_fin=hoy + timedelta(days=300),
    )


def _convenio_medio(regions, titulo, cuerpo, estado="vigente"):
    hoy = timezone.localdate()
    medio = MedioOficial.objects.create(
        nombre=f"Radio {token('m')}", tipo="radio", ambito="estatal", region=regions["norte"]
    )
    return ConvenioMedio.objects.create(
        titulo=f"Convenio {titulo}",
        objeto=f"Objeto con {cuerpo}.",
        medio=medio,
        region=regions["norte"],
        estado=estado,
        fecha_firma=hoy - timedelta(days=100),
        vigencia_inicio=hoy - timedelta(days=90),
        vigencia_fin=hoy + timedelta(days=300),
    )


RECORDS = {
    "alianzas": (_convenio, ["/api/v1/convenios", "/datos/convenios.csv"]),
    "medios": (_convenio_medio, ["/api/v1/medios"]),
}


def _to_internal_state(record):
    record.estado = "en_negociacion"
    record.fecha_firma = record.vigencia_inicio = record.vigencia_fin = None
    record.save()


@pytest.mark.parametrize("plugin", sorted(RECORDS))
@pytest.mark.parametrize("case", ["internal-state", "plugin-off-in-its-region"])
def test_agreement_made_non_public_leaves_every_output(salidas, regions, commit, plugin, case):
    titulo, cuerpo = token("tit"), token("cue")
    make, outputs = RECORDS[plugin]
    record = commit(make, regions, titulo, cuerpo)
    salidas.assert_searchable(titulo, cuerpo)
    for path in outputs:
        assert salidas.static_hits(titulo, "localhost", path), path
    if case == "internal-state":
        commit(_to_internal_state, record)
    else:
        commit(set_enabled, plugin, regions["norte"], False)
    assert salidas.leaks(titulo, cuerpo) == []
    if case == "plugin-off-in-its-region":
        commit(set_enabled, plugin, regions["norte"], True)
        salidas.assert_searchable(titulo, cuerpo)


def test_inactive_directory_account_leaves_every_output(salidas, commit):
    usuario, enlace = token("usu"), token("url")
    organismo = OrganismoGarante.objects.get(clave="istai-sonora")
    cuenta = commit(
        CuentaSocial.objects.create,
        organismo=organismo,
        plataforma="youtube",
        usuario=usuario,
        url=f"https://www.youtube.com/@{enlace}",
    )
    # Found while active: search (the institution's document), JSON, CSV and its page.
    assert salidas.search_hits(usuario, "/api/v1/buscar", shows=organismo.siglas) > 0
    assert salidas.search_hits(enlace, "/api/v1/buscar", shows=organismo.siglas) > 0
    assert salidas.static_hits(usuario, "localhost", "/api/v1/directorio/organismos")
    assert salidas.static_hits(enlace, "localhost", "/datos/directorio.csv")
    cuenta.estado = CuentaSocial.Estado.INACTIVA
    commit(cuenta.save)
    assert salidas.leaks(usuario, enlace) == []
    # Its words no longer find the institution.
    assert salidas.search_hits(usuario, "/api/v1/buscar", shows=organismo.siglas) == 0
    pagina = salidas._text(HOSTS["norte"], "/directorio/istai-sonora/")
    assert pagina and usuario not in pagina and enlace not in pagina


def test_directory_switched_off_in_a_region_leaves_every_output(salidas, commit, regions):
    organismo = OrganismoGarante.objects.get(clave="istai-sonora")
    nombre = organismo.nombre
    assert salidas.static_hits(nombre, "localhost", "/api/v1/directorio/organismos")
    commit(set_enabled, "directorio", regions["norte"], False)
    assert not salidas.static_hits(nombre, "localhost", "/api/v1/directorio/organismos")
    assert not salidas.static_hits(nombre, "localhost", "/datos/directorio.csv")


# --- Curation and promoted results (issue 16, item 3) -------------------------------------


def test_curated_page_made_private_leaves_the_national_home(client, noticia, commit, regions):
    from cms.curaduria import PropuestaRed

    page, titulo, _cuerpo = noticia
    PropuestaRed.objects.create(
        pagina=page, region=regions["norte"], estado=PropuestaRed.Estado.ACEPTADA
    )
    assert titulo in client.get("/", HTTP_HOST="localhost").content.decode()
    commit(_restrict, page.get_parent(), PageViewRestriction.PASSWORD, password="clave")
    assert titulo not in client.get("/", HTTP_HOST="localhost").content.decode()


@pytest.mark.parametrize("case", ["password-on-the-page", "unpublished"])
def test_promoted_page_made_non_public_is_not_shown(salidas, noticia, commit, case):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page, titulo, _cuerpo = noticia
    consulta = token("pro")
    SearchPromotion.objects.create(query=Query.get(consulta), page=page, sort_order=0)
    assert salidas.search_hits(consulta, "/buscar/", shows=titulo) > 0
    assert salidas.search_hits(consulta, "/api/v1/buscar", shows=titulo) > 0
    commit(PAGE_CASES[case], page)
    assert salidas.search_hits(consulta, "/buscar/", shows=titulo) == 0
    assert salidas.search_hits(consulta, "/api/v1/buscar", shows=titulo) == 0


def test_a_private_page_cannot_be_promoted(client, editor_of, noticia, commit, regions):
    from django.urls import reverse
    from wagtail.contrib.search_promotions.models import SearchPromotion

    page, titulo, _cuerpo = noticia
    commit(_restrict, page, PageViewRestriction.LOGIN)
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("snt_search_promociones")
    form = client.get(url).context["form"]
    assert page.pk not in set(form.fields["pagina"].queryset.values_list("pk", flat=True))
    data = {"region": regions["norte"].pk, "consulta": "x", "pagina": page.pk, "orden": 0}
    response = client.post(url, data)
    assert response.status_code == 200 and not SearchPromotion.objects.exists()
    # A public page of the same site is accepted (the form works).
    publica = page.get_parent().get_children().live().public().exclude(pk=page.pk).first()
    publica = publica or page.get_parent()
    client.post(url, {**data, "pagina": publica.pk})
    assert SearchPromotion.objects.filter(page=publica).exists()


def test_plugin_pages_leave_the_sitemap_and_search_where_the_plugin_is_off(
    salidas, commit, regions
):
    from plugins.alianzas.models import ConveniosPage

    pagina = ConveniosPage.objects.child_of(regions["norte"].site.root_page).live().get()
    url = pagina.get_full_url()
    commit(pagina.save_revision().publish)  # indexed like any published page
    assert salidas.static_hits(url, HOSTS["norte"], "/sitemap.xml")
    assert salidas.search_hits(pagina.title, "/api/v1/buscar", shows=url) > 0
    commit(set_enabled, "alianzas", regions["norte"], False)
    assert not salidas.static_hits(url, HOSTS["norte"], "/sitemap.xml")
    assert salidas.search_hits(pagina.title, "/api/v1/buscar", shows=url) == 0


def test_query_time_filter_hides_what_the_index_has_not_caught_up_with(
    salidas, noticia, commit, regions
):
    """Defence in depth: the change is committed but its index work still waits in the
    outbox (the worker is behind, or the engine was away); searches already hide it."""
    from search.models import IndexOutbox

    page, titulo, cuerpo = noticia
    convenio_titulo, convenio_cuerpo = token("tit"), token("cue")
    commit(_convenio, regions, convenio_titulo, convenio_cuerpo)
    salidas.assert_searchable(titulo, cuerpo)
    salidas.assert_searchable(convenio_titulo, convenio_cuerpo)
    # Not run as committed: the outbox task is never scheduled.
    _restrict(page.get_parent(), PageViewRestriction.LOGIN)
    set_enabled("alianzas", regions["norte"], False)
    assert IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).exists()
    assert salidas.leaks(titulo, cuerpo, convenio_titulo, convenio_cuerpo) == []


def test_query_time_filter_hides_unpublished_pages_and_records_out_of_a_public_state(
    salidas, noticia, commit, regions
):
    """An unpublished page and agreements moved to an internal state, while the writes that
    remove them from the index wait (an engine away, an error that is not a connection's,
    a rebuild that read them before the change): every query leaves them out by id."""
    from search.models import IndexOutbox

    page, titulo, cuerpo = noticia
    salidas.assert_searchable(titulo, cuerpo)
    tokens, records = [titulo, cuerpo], []
    for _plugin, (make, _outputs) in sorted(RECORDS.items()):
        record_titulo, record_cuerpo = token("tit"), token("cue")
        records.append(commit(make, regions, record_titulo, record_cuerpo))
        salidas.assert_searchable(record_titulo, record_cuerpo)
        tokens += [record_titulo, record_cuerpo]
    # Not run as committed: the outbox task is never scheduled.
    page.specific.unpublish()
    for record in records:
        _to_internal_state(record)
    pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE)
    assert pending.filter(doc_id=f"page:{page.pk}").exists()
    assert pending.count() >= 1 + len(records)
    assert salidas.leaks(*tokens) == []


def test_query_time_filter_hides_an_alias_whose_source_was_made_private(
    salidas, noticia, commit, regions
):
    """An alias («Crear alias», here into Sureste's news) shows its source's content from
    another place in the tree. A restriction on the source's section hides the alias at
    query time too, before the alias's own index work has run."""
    page, titulo, cuerpo = noticia
    destino = regions["sureste"].site.root_page.get_children().get(slug="noticias")
    alias = commit(page.create_alias, parent=destino, update_slug=f"copia-{titulo}")
    assert alias.live and alias.alias_of_id == page.pk
    # Created live, it is indexed as a public page (no publication of its own).
    salidas.assert_searchable(titulo, cuerpo)
    assert salidas.search_hits(titulo, "/api/v1/buscar", shows="sureste.") > 0
    # Not run as committed: neither page's index work is scheduled.
    _restrict(page.get_parent(), PageViewRestriction.LOGIN)
    assert salidas.leaks(titulo, cuerpo) == []


# --- Events and calls: their feeds, the calendar and the region's home -----------------------

AGENDA = [
    (HOSTS["norte"], path)
    for path in (
        "/",
        "/eventos/rss/",
        "/eventos/atom/",
        "/eventos/calendario.ics",
        "/convocatorias/rss/",
        "/convocatorias/atom/",
        "/sitemap.xml",
    )
]


@pytest.mark.parametrize("case", ["password-on-the-page", "unpublished"])
def test_event_and_call_made_non_public_leave_feeds_calendar_and_home(
    client, regions, commit, case
):
    """The events and open-calls feeds, the events calendar and the regional home (upcoming
    events, open calls) follow the same rule as the news feeds."""
    home = regions["norte"].site.root_page
    evento_tok, conv_tok = token("eve"), token("con")
    evento = fabricas.evento(slug=f"evento-{evento_tok}", title=f"Evento {evento_tok}")
    convocatoria = fabricas.convocatoria(
        slug=f"convocatoria-{conv_tok}", title=f"Convocatoria {conv_tok}"
    )

    def publish():
        for page, seccion in ((evento, "eventos"), (convocatoria, "convocatorias")):
            home.get_children().get(slug=seccion).add_child(instance=page)
            page.save_revision().publish()

    commit(publish)

    def shown(tok):
        return [
            (host, path)
            for host, path in AGENDA
            if tok in client.get(path, HTTP_HOST=host).content.decode("utf-8")
        ]

    antes_evento, antes_conv = shown(evento_tok), shown(conv_tok)
    assert {p for _h, p in antes_evento} >= {
        "/eventos/rss/",
        "/eventos/atom/",
        "/eventos/calendario.ics",
        "/sitemap.xml",
    }
    assert {p for _h, p in antes_conv} >= {"/convocatorias/rss/", "/convocatorias/atom/"}
    for page in (evento, convocatoria):
        commit(PAGE_CASES[case], page)
    assert shown(evento_tok) == [] and shown(conv_tok) == []
