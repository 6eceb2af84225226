"""Cross-region search against the real engines."""

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.models import PaginaBasica
from search import indexer
from search.models import IndexOutbox
from search.query import SearchRequest, autocomplete, parse_request, search
from tests.search.conftest import require_full_profile
from tests.testdummy.models import Ficha


def add_page(region, title, intro="", body=""):
    home = region.site.root_page
    page = PaginaBasica(
        title=title,
        slug=f"p-{timezone.now().strftime('%H%M%S%f')}",
        introduccion=intro,
        cuerpo=[{"type": "parrafo", "value": f"<p>{body}</p>"}] if body else [],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def run(q="", **kwargs):
    return search(SearchRequest(q=q, **kwargs))


@pytest.fixture
def corpus(regions):
    pages = {
        "info": add_page(
            regions["norte"],
            "Información pública del estado",
            "Cómo consultar la información pública de tu municipio.",
        ),
        "convenio": add_page(
            regions["sureste"],
            "Firma de convenio con universidades",
            "El organismo garante firmó un convenio de colaboración.",
        ),
        "dai": add_page(
            regions["centro"],
            "Taller sobre el derecho de acceso a la información",
            "Aprende a ejercer tu derecho de acceso a la información.",
        ),
        "datos": add_page(
            regions["nacional"],
            "Protege tus datos personales en línea",
            "Consejos para cuidar tus datos personales.",
        ),
    }
    Ficha.objects.create(titulo="Ficha informativa del norte", region=regions["norte"])
    Ficha.objects.create(titulo="Ficha informativa del sureste", region=regions["sureste"])
    Ficha.objects.create(titulo="Ficha informativa del centro", region=regions["centro"])
    return pages


def ids(result):
    return [r["id"] for r in result.results]


def test_cross_region_results_and_region_facet_counts(engine, corpus):
    indexer.rebuild(engine)
    result = run("ficha informativa")
    regions = {r["region"] for r in result.results}
    assert regions == {"norte", "sureste", "centro"}
    counts = {f["value"]: f["count"] for f in result.facets["region"]}
    assert counts == {"norte": 1, "sureste": 1, "centro": 1}
    kinds = {f["value"]: f["count"] for f in result.facets["tipo"]}
    assert kinds["ficha"] == 3


def test_facet_counts_ignore_their_own_filter(engine, corpus):
    indexer.rebuild(engine)
    result = run("ficha informativa", filters={"region": ["norte"]})
    assert result.total == 1 and result.results[0]["region"] == "norte"
    counts = {f["value"]: (f["count"], f["selected"]) for f in result.facets["region"]}
    assert counts["norte"] == (1, True)
    assert counts["sureste"] == (1, False) and counts["centro"] == (1, False)
    both = run("ficha informativa", filters={"region": ["norte", "centro"]})
    assert both.total == 2


def test_accents_are_ignored_on_both_engines(engine, corpus):
    indexer.rebuild(engine)
    assert f"page:{corpus['info'].pk}" in ids(run("informacion publica"))
    assert f"page:{corpus['info'].pk}" in ids(run("INFORMACIÓN PÚBLICA"))


def test_stemming_finds_singular_from_plural(full_engine, corpus):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine)
    assert f"page:{corpus['convenio'].pk}" in ids(run("convenios"))


def test_synonyms_expand_acronyms(full_engine, corpus):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine)
    # Recall through synonyms: the documents say it in other words, never the query's.
    assert f"page:{corpus['dai'].pk}" in ids(run("DAI", size=100))
    assert f"page:{corpus['datos'].pk}" in ids(run("protección de datos", size=100))
    assert f"page:{corpus['datos'].pk}" not in ids(run("protección de edificios", size=100))


def test_autocomplete_from_the_first_letters(full_engine, corpus):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine)
    titles = [s["title"] for s in autocomplete("proteg")]
    assert "Protege tus datos personales en línea" in titles
    assert autocomplete("p") == []


def test_core_profile_on_elasticsearch_is_detected_and_still_searches(settings, db, corpus):
    from tests.search.conftest import _use_engine

    engine = _use_engine(settings, "elasticsearch")
    try:
        result = indexer.rebuild(engine)
        from search.analysis import detect_profile

        assert result["profile"] == detect_profile(engine)
        assert f"page:{corpus['info'].pk}" in ids(run("informacion publica"))
    finally:
        engine.client.indices.delete(
            index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True
        )


def test_suggestion_for_a_misspelling(full_engine, corpus):
    indexer.rebuild(full_engine)
    result = run("univercidades")
    assert "universidades" in result.suggestion


def test_unpublish_removes_and_publish_adds(engine, corpus, django_capture_on_commit_callbacks):
    indexer.rebuild(engine)
    page = corpus["info"]
    assert f"page:{page.pk}" in ids(run("informacion publica"))
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"page:{page.pk}" not in ids(run("informacion publica"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert f"page:{page.pk}" in ids(run("informacion publica"))
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert f"page:{page.pk}" not in ids(run("informacion publica"))


def test_engine_down_keeps_work_in_the_outbox_then_catches_up(
    engine, corpus, regions, settings, django_capture_on_commit_callbacks
):
    from tests.services import closed_port_url

    indexer.rebuild(engine)
    good_url = settings.SEARCH_URL
    settings.SEARCH_URL = closed_port_url()
    with django_capture_on_commit_callbacks(execute=True):
        nueva = add_page(
            regions["norte"], "Rendición de cuentas municipal", "Informe anual de resultados."
        )
        corpus["convenio"].unpublish()
        Ficha.objects.create(titulo="Ficha creada sin motor", region=regions["sureste"])
    pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE)
    assert pending.count() >= 3
    assert pending.order_by("pk").first().intentos == 1
    # Nothing was lost: when the engine is back, the backlog applies in order.
    settings.SEARCH_URL = good_url
    IndexOutbox.objects.update(siguiente_intento=None)
    applied, remaining = indexer.process_outbox()
    assert remaining == 0 and applied >= 3
    assert f"page:{nueva.pk}" in ids(run("rendicion de cuentas"))
    assert f"page:{corpus['convenio'].pk}" not in ids(run("convenio universidades"))
    assert any(r["title"] == "Ficha creada sin motor" for r in run("ficha creada").results)


def _stored(engine, doc_id):
    """The document the index the alias names holds for ``doc_id``, or None."""
    try:
        return engine.client.get(index=indexer.alias_name(), id=doc_id)["_source"]
    except engine.not_found_error:
        return None


def test_changes_made_while_a_rebuild_reads_reach_the_new_index(
    engine, corpus, django_capture_on_commit_callbacks
):
    """An editor renames one record and deletes another after the rebuild has read them and
    before the alias moves: their index work is applied to the old index at once, then
    asked again for the new one, which ends up with the rename and without the deleted."""
    indexer.rebuild(engine)
    renombrada = Ficha.objects.get(titulo="Ficha informativa del norte")
    borrada = Ficha.objects.get(titulo="Ficha informativa del sureste")
    doc_renombrada, doc_borrada = (
        f"testdummy.ficha:{renombrada.pk}",
        f"testdummy.ficha:{borrada.pk}",
    )
    assert _stored(engine, doc_borrada) is not None
    changed = []

    def edit_while_reading(done):
        if changed:
            return
        with django_capture_on_commit_callbacks(execute=True):
            renombrada.titulo = "Ficha renombrada durante la reconstrucción"
            renombrada.save()
            borrada.delete()
        changed.append(engine.alias_targets(indexer.alias_name()))

    result = indexer.rebuild(engine, progress=edit_while_reading)
    # The edits went to the index the alias named then, not to the one being built.
    assert changed and result["index"] not in changed[0]
    assert _stored(engine, doc_renombrada)["title"].lower() == "ficha informativa del norte"
    assert _stored(engine, doc_borrada) is not None
    applied, remaining = indexer.process_outbox()
    assert applied >= 2 and remaining == 0
    assert "renombrada" in _stored(engine, doc_renombrada)["title"].lower()
    assert _stored(engine, doc_borrada) is None


def test_an_index_refusing_writes_keeps_its_work_in_order_until_it_accepts_them(
    engine, corpus, settings, django_capture_on_commit_callbacks
):
    """A write block (a full disk, maintenance) is not bad data: the removal of an
    unpublished page waits with its back-off however many times it is tried, never
    «fallido», and is applied once the index accepts writes again."""
    first = indexer.rebuild(engine)
    page = corpus["info"]
    assert _stored(engine, f"page:{page.pk}") is not None
    engine.put_settings(first["index"], {"blocks.write": True})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        entry = IndexOutbox.objects.get(doc_id=f"page:{page.pk}", estado="pendiente")
        for _ in range(indexer.MAX_ATTEMPTS + 1):
            IndexOutbox.objects.update(siguiente_intento=None)
            assert indexer.process_outbox()[0] == 0
        entry.refresh_from_db()
        assert entry.estado == IndexOutbox.Estado.PENDIENTE
        assert not IndexOutbox.objects.filter(estado=IndexOutbox.Estado.FALLIDO).exists()
        # In order: the first pending row was tried every time and waits with its back-off.
        first_row = IndexOutbox.objects.filter(estado="pendiente").order_by("pk").first()
        assert first_row.intentos > indexer.MAX_ATTEMPTS and first_row.siguiente_intento
        assert "cluster_block" in first_row.ultimo_error
        assert _stored(engine, f"page:{page.pk}") is not None
    finally:
        engine.put_settings(first["index"], {"blocks.write": False})
    IndexOutbox.objects.update(siguiente_intento=None)
    applied, remaining = indexer.process_outbox()
    assert applied >= 1 and remaining == 0
    assert _stored(engine, f"page:{page.pk}") is None


def test_a_document_the_engine_keeps_answering_5xx_stops_blocking_the_rest(
    engine, corpus, regions, monkeypatch, django_capture_on_commit_callbacks
):
    """A 5xx may be one document's (a body a proxy refuses): after MAX_TRANSIENT_ATTEMPTS
    back-offs its row is recorded as failed and the rows after it are applied."""
    indexer.rebuild(engine)
    mala = Ficha.objects.get(titulo="Ficha informativa del norte")
    real_index = engine.client.index

    class BadGateway(Exception):
        status_code = 502

    def index(*args, **kwargs):
        if kwargs.get("id") == f"testdummy.ficha:{mala.pk}":
            raise BadGateway("502 Bad Gateway")
        return real_index(*args, **kwargs)

    monkeypatch.setattr(engine.client, "index", index)
    monkeypatch.setattr("search.indexer.get_engine", lambda *a, **k: engine)
    mala.titulo = "Ficha que el motor no acepta"
    mala.save()
    Ficha.objects.create(titulo="Ficha creada después", region=regions["sureste"])
    for _ in range(indexer.MAX_TRANSIENT_ATTEMPTS + 1):
        IndexOutbox.objects.update(siguiente_intento=None)
        indexer.process_outbox(engine)
    filas = IndexOutbox.objects.filter(doc_id=f"testdummy.ficha:{mala.pk}")
    fila = filas.exclude(estado=IndexOutbox.Estado.HECHO).get()
    assert fila.estado == IndexOutbox.Estado.FALLIDO and "502" in fila.ultimo_error
    assert any(r["title"] == "Ficha creada después" for r in run("ficha creada").results)


def test_the_hidden_ids_a_query_carries_are_capped_most_recent_first(regions, settings):
    """However many unpublished pages there are, a query carries at most MAX_HIDDEN ids
    (the engines refuse more), the most recently unpublished first."""
    from search import visibility

    paginas = [add_page(regions["norte"], f"Página retirada {n}") for n in range(3)]
    for pagina in paginas:
        Page.objects.get(pk=pagina.pk).specific.unpublish()
    settings.SEARCH_ENGINE = "database"
    ids = set(visibility._hidden_documents())
    assert {f"page:{p.pk}" for p in paginas} <= ids
    visibility.MAX_HIDDEN, antes = 2, visibility.MAX_HIDDEN
    try:
        recortados = visibility._hidden_documents()
    finally:
        visibility.MAX_HIDDEN = antes
    assert len(recortados) == 2 and f"page:{paginas[0].pk}" not in recortados


def test_reindex_swaps_the_alias_and_a_failed_rebuild_keeps_the_old_index(engine, corpus):
    first = indexer.rebuild(engine)
    assert engine.alias_targets(indexer.alias_name()) == [first["index"]]
    seen_during_rebuild = []

    def progress(done):
        if done == 1:
            seen_during_rebuild.append(run("ficha informativa").total)

    with pytest.raises(RuntimeError):
        indexer.rebuild(engine, progress=progress, fail_after=2)
    assert seen_during_rebuild == [3]
    assert engine.alias_targets(indexer.alias_name()) == [first["index"]]
    assert run("ficha informativa").total == 3
    second = indexer.rebuild(engine, progress=progress)
    assert engine.alias_targets(indexer.alias_name()) == [second["index"]]
    assert not engine.index_exists(first["index"])
    assert run("ficha informativa").total == 3


def test_disabled_plugin_region_is_not_indexed(engine, corpus, regions):
    from cms.plugins import set_enabled

    set_enabled("testdummy", regions["norte"], False)
    indexer.rebuild(engine)
    assert {r["region"] for r in run("ficha informativa").results} == {"sureste", "centro"}


def test_engine_down_search_answers_from_the_database(settings, db, corpus):
    from tests.services import closed_port_url

    settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", closed_port_url()
    result = run("datos personales")
    assert result.fallback and result.notice
    assert f"page:{corpus['datos'].pk}" in ids(result)


def test_promoted_results_are_per_site(engine, corpus, regions):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from search.models import PromocionSitio

    indexer.rebuild(engine)
    query = Query.get("transparencia")
    norte = SearchPromotion.objects.create(
        query=query, page=corpus["info"], sort_order=0, description="Destacado de Norte"
    )
    PromocionSitio.objects.create(promocion=norte, site=regions["norte"].site)
    SearchPromotion.objects.create(
        query=query, page=corpus["datos"], sort_order=1, description="Destacado de la red"
    )
    on_norte = run("transparencia", site_id=regions["norte"].site_id)
    assert [p["description"] for p in on_norte.promoted] == [
        "Destacado de Norte",
        "Destacado de la red",
    ]
    on_sureste = run("transparencia", site_id=regions["sureste"].site_id)
    assert [p["description"] for p in on_sureste.promoted] == ["Destacado de la red"]


BAD_INPUTS = [
    # (parameters, status of the page, status of the API: a value that does not exist is a
    # 400 and a page past the last a 404 there, cms/api.py)
    ({"q": ""}, 200, 200),
    ({"q": "x" * 1000}, 200, 200),
    ({"q": "!!! ??? ..."}, 200, 200),
    ({"q": '" * ( ) \\ ~ ^ : AND OR'}, 200, 200),
    ({"q": "datos", "region": "no-existe"}, 200, 400),
    ({"q": "datos", "tipo": "<script>"}, 200, 400),
    ({"q": "datos", "pagina": "99"}, 200, 404),
    ({"q": "datos", "pagina": "-1"}, 400, 400),
    ({"q": "datos", "pagina": "0"}, 400, 400),
    ({"q": "datos", "pagina": "abc"}, 400, 400),
    ({"q": "datos", "pagina": "100000"}, 400, 400),
    ({"q": "datos", "orden": "aleatorio"}, 400, 400),
]


@pytest.mark.parametrize(("params", "status", "status_api"), BAD_INPUTS)
def test_bad_input_never_fails(client, engine, corpus, params, status, status_api):
    indexer.rebuild(engine)
    for url, esperado in (("/buscar/", status), ("/api/v1/buscar", status_api)):
        response = client.get(url, params, HTTP_HOST="norte.localhost")
        assert response.status_code == esperado, (url, params)
        if url.startswith("/api") and esperado >= 400:
            assert response.json()["error"]


def test_api_shape_and_page(client, engine, corpus):
    indexer.rebuild(engine)
    data = client.get("/api/v1/buscar", {"q": "ficha informativa"}, HTTP_HOST="localhost").json()
    assert data["total"] == 3
    assert set(data["resultados"][0]) == {
        "titulo", "tipo", "tipo_nombre", "region", "region_nombre", "url", "fecha", "estado",
        "estado_nombre", "extracto", "aviso", "resaltados", "tambien_en",
    }  # fmt: skip
    assert set(data["facetas"]) == {"region", "tipo", "organismo", "tema", "anio"}
    page = client.get("/buscar/", {"q": "informacion publica"}, HTTP_HOST="sureste.localhost")
    assert page.status_code == 200
    assert "Información pública del estado" in page.content.decode()


def test_analytics_are_anonymous(client, engine, corpus):
    from search.models import ConsultaBusqueda

    indexer.rebuild(engine)
    client.get(
        "/api/v1/buscar",
        {"q": "Datos Personales"},
        HTTP_HOST="norte.localhost",
        REMOTE_ADDR="10.1.2.3",
    )
    consulta = ConsultaBusqueda.objects.get()
    assert consulta.consulta == "datos personales" and consulta.region == "norte"
    stored = " ".join(str(v) for v in vars(consulta).values())
    assert "10.1.2.3" not in stored


def test_api_is_rate_limited(client, engine, corpus, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SEARCH_API_RATE_LIMIT = 3
    indexer.rebuild(engine)
    codes = [
        client.get(
            "/api/v1/buscar", {"q": "x"}, HTTP_HOST="localhost", REMOTE_ADDR="127.0.0.9"
        ).status_code
        for _ in range(5)
    ]
    assert codes[:3] == [200, 200, 200] and codes[-1] == 429


def test_parse_request_rejects_negative_pages():
    from django.http import QueryDict

    from search.query import BadSearchRequest

    with pytest.raises(BadSearchRequest, match="1 o mayor"):
        parse_request(QueryDict("pagina=-3"))


def test_no_document_with_every_word_shows_the_closest_with_a_notice(engine, corpus):
    indexer.rebuild(engine)
    strict = run("convenio universidades")
    assert strict.notice == "" and f"page:{corpus['convenio'].pk}" in ids(strict)
    relaxed = run("convenio paleontologia")
    assert f"page:{corpus['convenio'].pk}" in ids(relaxed)
    assert "todas las palabras" in relaxed.notice


def test_search_uses_the_visitors_language_and_can_widen(full_engine, regions, client):
    from wagtail.models import Locale

    source = add_page(
        regions["norte"], "Transparencia municipal", "Cómo consultar las cuentas de tu municipio."
    )
    english = source.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Municipal transparency reports"
    english.introduccion = "How to read the accounts of your municipality."
    english.save_revision().publish()
    indexer.rebuild(full_engine)
    page_id = f"page:{english.pk}"
    assert page_id in ids(search(parse_request({"q": "reports", "idioma": "en"})))
    # English stemming applies to English content: "report" finds "reports".
    assert page_id in ids(search(parse_request({"q": "report", "idioma": "en"})))
    assert page_id not in ids(search(parse_request({"q": "reports"})))
    assert page_id in ids(search(parse_request({"q": "reports", "idiomas": "todos"})))
    bad = client.get("/api/v1/buscar", {"q": "x", "idioma": "klingon"}, HTTP_HOST="localhost")
    assert bad.status_code == 400 and "idioma" in bad.json()["error"]
