"""What citizens mean: long questions, typos, places, states and dates, regional copies,
kinds in words and corrections, against the real engines."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import Convocatoria, Evento, Noticia, PaginaBasica
from search import indexer
from search.query import SearchRequest, search
from search.tipos import kind_label

from .conftest import require_full_profile


def _slug(prefix):
    return f"{prefix}-{timezone.now().strftime('%H%M%S%f')}"


def _index_of(region, slug):
    return region.site.root_page.get_children().get(slug=slug).specific


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_page(region, title, intro="", body=""):
    return _publish(
        region.site.root_page,
        PaginaBasica(
            title=title,
            slug=_slug("p"),
            introduccion=intro,
            cuerpo=[{"type": "parrafo", "value": f"<p>{body}</p>"}] if body else [],
        ),
    )


def add_news(region, title, fecha, entrada="Una nota para la ciudadanía."):
    return _publish(
        _index_of(region, "noticias"),
        Noticia(title=title, slug=_slug("n"), fecha=fecha, entrada=entrada),
    )


def add_call(region, title, apertura, cierre):
    return _publish(
        _index_of(region, "convocatorias"),
        Convocatoria(
            title=title,
            slug=_slug("c"),
            fecha_apertura=apertura,
            fecha_cierre=cierre,
            ambito=Convocatoria.Ambito.REGIONAL,
            entrada="Pueden participar estudiantes.",
        ),
    )


def add_event(region, title, dias):
    day = timezone.localdate() + timedelta(days=dias)
    start = timezone.make_aware(datetime.combine(day, time(10, 0)))
    return _publish(
        _index_of(region, "eventos"),
        Evento(
            title=title,
            slug=_slug("e"),
            tipo=Evento.Tipo.TALLER,
            inicio=start,
            fin=start + timedelta(hours=2),
            modalidad=Evento.Modalidad.VIRTUAL,
            enlace="https://example.org/evento",
            publico=[Evento.Publico.CIUDADANIA],
            entrada="Un taller abierto a la ciudadanía.",
        ),
    )


def run(q, **kwargs):
    return search(SearchRequest(q=q, **kwargs))


def page_ids(result):
    return [r["id"] for r in result.results]


def pid(page):
    return f"page:{page.pk}"


def test_a_long_question_matches_words_split_between_title_and_body(engine, regions):
    page = add_page(
        regions["centro"],
        "Solicitudes al ayuntamiento",
        body="Guía para el municipio de Tlaxcala y sus juntas auxiliares.",
    )
    add_page(regions["norte"], "Calendario de sesiones", body="Sesiones del pleno.")
    indexer.rebuild(engine)
    result = run("¿Cómo puedo hacer solicitudes en el municipio de Tlaxcala?")
    assert page_ids(result)[:1] == [pid(page)]
    assert result.notice == ""


def test_one_typo_is_found_on_the_first_try(engine, regions):
    page = add_page(regions["norte"], "Capacitación en archivos", "Curso para ayuntamientos.")
    indexer.rebuild(engine)
    result = run("capasitacion archivos")
    assert page_ids(result)[:1] == [pid(page)]
    assert result.notice == ""


def test_place_names_are_not_stemmed_into_common_words(full_engine, regions):
    require_full_profile(full_engine)
    puebla = add_page(regions["centro"], "Consejo ciudadano de Puebla", "Sesiones abiertas.")
    pueblo = add_page(regions["centro"], "Voces del pueblo", "Relatos de la comunidad.")
    indexer.rebuild(full_engine)
    assert pid(puebla) in page_ids(run("puebla"))
    assert pid(pueblo) not in page_ids(run("puebla"))
    assert pid(puebla) not in page_ids(run("pueblo"))
    tokens = full_engine.client.indices.analyze(
        index=indexer.alias_name(), body={"analyzer": "es_indice", "text": "Puebla pueblos"}
    )["tokens"]
    assert [t["token"] for t in tokens] == ["puebla", "puebl"]


def test_the_engine_takes_the_one_way_synonym_rules(full_engine, regions):
    """The synonym filter is lenient (a rule it cannot parse is dropped silently): the
    engine's query analysis shows «datos personales» becoming itself and «protección de
    datos» (2 + 2 words), never «protección de datos personales» as well (3 more), and the
    longer term still becoming all three."""
    require_full_profile(full_engine)
    indexer.rebuild(full_engine)

    def analyzed(text):
        tokens = full_engine.client.indices.analyze(
            index=indexer.alias_name(), body={"analyzer": "es_busqueda", "text": text}
        )["tokens"]
        return [t["token"] for t in tokens]

    corto = analyzed("datos personales")
    assert "proteccion" in corto and len(corto) == 4
    assert len(analyzed("protección de datos personales")) == 7


def test_a_noun_is_found_by_its_verb_below_the_word_as_written(full_engine, regions):
    require_full_profile(full_engine)
    noun = add_page(regions["centro"], "Capacitación para cooperativas", "Talleres abiertos.")
    verb = add_page(regions["centro"], "Capacitar a cooperativas", "Talleres abiertos.")
    shield = add_page(regions["sureste"], "Protección de datos en tu escuela", "Para maestras.")
    add_page(regions["centro"], "Cooperativas de la región", "Directorio de cooperativas.")
    indexer.rebuild(full_engine)
    ids = page_ids(run("capacitar cooperativas"))
    assert ids[:2] == [pid(verb), pid(noun)]
    assert pid(noun) in page_ids(run("capacitado"))
    assert page_ids(run("como proteger los datos de mi escuela"))[:1] == [pid(shield)]
    tokens = full_engine.client.indices.analyze(
        index=indexer.alias_name(),
        body={"analyzer": "es_derivado", "text": "capacitación capacitar capacitados "
              "solicitud solicitar anticorrupción corrupto protección protege Puebla"},
    )["tokens"]  # fmt: skip
    assert [t["token"] for t in tokens] == [
        "capacit", "capacit", "capacit", "solicit", "solicit", "corrupt", "corrupt",
        "proteg", "proteg", "puebla",
    ]  # fmt: skip


def test_roots_fold_a_whole_suffix_after_three_letters_and_anti_before_four(full_engine):
    """The bounds of search.analysis.DERIVATIONS: a suffix folds only at the end of a word
    with three letters or more before it (singular or plural), «anti» only with four or
    more after it."""
    require_full_profile(full_engine)
    indexer.ensure_index(full_engine)
    # «estacionamiento»: a suffix inside a word stays; «antídoto»: four letters after «anti»
    # are enough (a false root the rule accepts, kept here to pin the bound).
    words = (
        "nación oración oraciones naciones estaciones estacionamiento aptitud aptitudes "
        "antiguo antídoto antigobierno prevención inscripción distribución acción accionar"
    )
    tokens = full_engine.client.indices.analyze(
        index=indexer.alias_name(), body={"analyzer": "es_derivado", "text": words}
    )["tokens"]
    assert [t["token"] for t in tokens] == [
        "nacion", "oracion", "oracion", "nacion", "estar", "estacion", "aptit", "aptit",
        "antigu", "dot", "gobiern", "prevencion", "inscript", "distribu", "accion", "accion",
    ]  # fmt: skip


def test_question_words_never_block_a_match(full_engine, regions):
    require_full_profile(full_engine)
    page = add_page(regions["sureste"], "Presentar una queja", "Ante el organismo garante.")
    indexer.rebuild(full_engine)
    result = run("¿dónde quiero puedo presentar queja?")
    assert page_ids(result)[:1] == [pid(page)] and result.notice == ""


def test_open_calls_first_upcoming_next_closed_last(full_engine, regions):
    require_full_profile(full_engine)
    hoy = timezone.localdate()
    noticia = add_news(regions["norte"], "Concurso: el archivo abierto al público", hoy)
    cerrada = add_call(
        regions["norte"], "Concurso de dibujo", hoy - timedelta(60), hoy - timedelta(5)
    )
    proxima = add_call(
        regions["sureste"], "Concurso de ensayo", hoy + timedelta(5), hoy + timedelta(40)
    )
    abierta = add_call(
        regions["centro"], "Concurso de fotografía", hoy - timedelta(5), hoy + timedelta(20)
    )
    indexer.rebuild(full_engine)
    asked = run("convocatorias abiertas").results
    # The site may hold other calls: open ones come first, a news item with the word later.
    assert asked[0]["kind"] == "convocatoria" and asked[0]["estado"] == "abierta"
    order = [r["id"] for r in asked]
    assert pid(abierta) in order
    assert pid(noticia) not in order or order.index(pid(abierta)) < order.index(pid(noticia))
    order = page_ids(run("concurso"))
    assert order.index(pid(abierta)) < order.index(pid(proxima)) < order.index(pid(cerrada))
    assert pid(noticia) in order
    states = {r["id"]: r["estado"] for r in run("concurso").results}
    assert states[pid(abierta)] == "abierta" and states[pid(cerrada)] == "cerrada"


def test_a_state_the_question_names_ranks_first(engine, regions):
    """«que ya cerraron» asks for closed calls: they come before open ones, and a verb form
    the index does not hold («cerraron», «realizaron») never blocks a match."""
    hoy = timezone.localdate()
    cerrada = add_call(
        regions["norte"], "Concurso de cuento", hoy - timedelta(60), hoy - timedelta(5)
    )
    abierta = add_call(
        regions["centro"], "Concurso de cuento corto", hoy - timedelta(5), hoy + timedelta(20)
    )
    pasado = add_event(regions["norte"], "Foro estatal de archivos", -20)
    proximo = add_event(regions["centro"], "Foro regional de archivos", 10)
    indexer.rebuild(engine)
    order = page_ids(run("concursos de cuento que ya cerraron"))
    assert order.index(pid(cerrada)) < order.index(pid(abierta))
    order = page_ids(run("concurso de cuento"))
    assert order.index(pid(abierta)) < order.index(pid(cerrada))
    order = page_ids(run("foros de archivos que se realizaron"))
    assert order.index(pid(pasado)) < order.index(pid(proximo))


def test_upcoming_events_rank_above_past_ones(engine, regions):
    pasado = add_event(regions["norte"], "Foro estatal de transparencia", -20)
    proximo = add_event(regions["centro"], "Foro regional de transparencia", 10)
    indexer.rebuild(engine)
    order = page_ids(run("foro transparencia"))
    assert order.index(pid(proximo)) < order.index(pid(pasado))


def test_news_carry_and_rank_by_their_own_date(engine, regions):
    hoy = timezone.localdate()
    vieja = add_news(regions["norte"], "Boletín de resultados del pleno", hoy - timedelta(400))
    nueva = add_news(regions["centro"], "Boletín de resultados trimestral", hoy - timedelta(2))
    indexer.rebuild(engine)
    result = run("boletín resultados")
    assert page_ids(result)[:2] == [pid(nueva), pid(vieja)]
    dates = {r["id"]: r["date"] for r in result.results}
    assert dates[pid(vieja)] == (hoy - timedelta(400)).isoformat()
    assert dates[pid(nueva)] == (hoy - timedelta(2)).isoformat()


def test_recency_orders_news_without_lifting_them_far_above_other_kinds(engine, regions):
    """The same words in a news item and on a page: this week's news item ranks above the
    page, but not at twice its score (it was, and a fresh item that merely mentioned the
    words buried the guide about them); a news item of last year ranks below the page."""
    from search.analysis import detect_profile
    from search.query import build_search

    hoy = timezone.localdate()
    # The same words (three distinct items, never one group of copies), none side by side.
    intro = "Horarios y requisitos."
    page = add_page(regions["centro"], "Ventanilla única: trámites portuarios", intro)
    fresca = add_news(
        regions["norte"], "Trámites portuarios: ventanilla única", hoy - timedelta(1), intro
    )
    vieja = add_news(
        regions["sureste"], "Portuarios: ventanilla única, trámites", hoy - timedelta(400), intro
    )
    indexer.rebuild(engine)
    request = SearchRequest(q="ventanilla trámites portuarios")
    response = build_search(engine, request, detect_profile(engine)).execute()
    scores = {hit.meta.id: hit.meta.score for hit in response}
    assert 1.2 < scores[pid(fresca)] / scores[pid(page)] < 1.7
    assert scores[pid(vieja)] < scores[pid(page)]


def test_a_place_narrows_what_is_asked(full_engine, regions):
    """«canal de televisión de sonora»: the one that is in Sonora ranks above one that
    matches the other words better (its title says «Canal») but is elsewhere. The core
    profile (no stemming, text folded in Python) weighs that title more than twice over and
    still ranks it first."""
    nacional = add_page(
        regions["centro"], "Canal de la ciudadanía", "Televisión pública con cobertura nacional."
    )
    sonora = add_page(regions["norte"], "Telepuerto", "Televisión pública de Sonora.")
    indexer.rebuild(full_engine)
    order = page_ids(run("canal de television de sonora"))
    assert order.index(pid(sonora)) < order.index(pid(nacional))


def test_regional_copies_are_one_result_with_the_visitors_copy_first(engine, regions, client):
    copies = {
        slug: add_page(regions[slug], "Jornada de puertas abiertas", "Visita el organismo.")
        for slug in ("norte", "sureste", "centro")
    }
    indexer.rebuild(engine)
    for slug in ("sureste", "norte"):
        result = run("jornada puertas abiertas", region=slug)
        same = [r for r in result.results if r["title"] == "Jornada de puertas abiertas"]
        assert len(same) == 1
        first = result.results[0]
        assert first["id"] == pid(copies[slug])
        assert {c["region"] for c in first["tambien_en"]} == {"norte", "sureste", "centro"} - {slug}
    api = client.get(
        "/api/v1/buscar", {"q": "jornada puertas abiertas"}, HTTP_HOST="sureste.localhost"
    ).json()
    assert api["resultados"][0]["region"] == "sureste"
    assert {c["region"] for c in api["resultados"][0]["tambien_en"]} == {"norte", "centro"}
    html = client.get(
        "/buscar/", {"q": "jornada puertas abiertas"}, HTTP_HOST="sureste.localhost"
    ).content.decode()
    assert "También en:" in html and regions["norte"].nombre in html


def test_record_kinds_are_found_by_what_they_are(engine, regions):
    from plugins.medios.models import MedioOficial
    from regiones.models import EntidadFederativa

    medio = MedioOficial.objects.create(
        nombre="Sistema Jalisciense de Radio y Televisión",
        siglas="SJRT",
        tipo=MedioOficial.Tipo.MIXTO,
        ambito=MedioOficial.Ambito.ESTATAL,
        entidad=EntidadFederativa.objects.get(nombre="Jalisco"),
    )
    add_page(regions["centro-occidente"], "Medios de Jalisco en la historia", "Crónica.")
    indexer.rebuild(engine)
    result = run("medios públicos de Jalisco")
    assert result.results[0]["id"] == f"medios.mediooficial:{medio.pk}"
    assert result.results[0]["kind"] == "medio"


def test_listings_rank_below_the_content_they_list(engine, regions):
    noticia = add_news(regions["norte"], "Resumen de noticias", timezone.localdate())
    indexer.rebuild(engine)
    result = run("noticias", region="norte")
    assert result.results[0]["id"] == pid(noticia)
    kinds = [r["kind"] for r in result.results]
    assert "indice-de-noticias" in kinds  # the listing is still found, below


def test_suggestions_correct_only_missing_words_that_find_more(full_engine, regions):
    require_full_profile(full_engine)
    for slug in ("norte", "sureste", "centro"):
        add_page(regions[slug], f"Transparencia proactiva en {slug}", "Datos abiertos.")
    add_page(regions["norte"], "Crónica rural", body="El tlacuache cruzó la carretera.")
    indexer.rebuild(full_engine)
    assert run("transparensia proactiva").suggestion == "transparencia proactiva"
    assert run("transparencia proactiva").suggestion == ""
    # A word that exists (here only in a body) is never "corrected" into another one.
    assert run("tlacuache").suggestion == ""


def test_facets_and_results_name_kinds_in_words(engine, regions, client):
    add_page(regions["norte"], "Calendario de transparencia", "Fechas del año.")
    indexer.rebuild(engine)
    api = client.get("/api/v1/buscar", {"q": "calendario"}, HTTP_HOST="localhost").json()
    tipos = {v["valor"]: v["nombre"] for v in api["facetas"]["tipo"]}
    assert tipos["pagina-basica"] == "Página"
    assert api["resultados"][0]["tipo_nombre"] == "Página"
    regiones = {v["valor"]: v["nombre"] for v in api["facetas"]["region"]}
    assert regiones["norte"] == regions["norte"].nombre
    html = client.get("/buscar/", {"q": "calendario"}, HTTP_HOST="localhost").content.decode()
    assert "pagina-basica</label>" not in html and "> Página <" in html


def test_every_page_kind_has_a_human_label(db):
    # A page instance looks up its content type: the database is needed.
    from wagtail.models import get_page_models

    from search.pages import PageDocument

    for model in get_page_models():
        if model._meta.abstract or model.__name__ == "Page":
            continue
        kind = PageDocument().kind_of(model())
        label = kind_label(kind)
        assert label and "-" not in label and label[0].isupper(), (kind, label)
    assert kind_label("registro-de-convenios") == "Registro de convenios"
    assert kind_label("medio") == "Medio público"


def test_daily_job_reindexes_calls_and_events_whose_state_changed(
    engine, regions, monkeypatch, django_capture_on_commit_callbacks
):
    hoy = timezone.localdate()
    call = add_call(regions["norte"], "Concurso de cuento", hoy, hoy + timedelta(30))
    event = add_event(regions["norte"], "Conferencia de archivos", -1)
    # The index as it was before the dates passed: the call upcoming, the event ahead.
    monkeypatch.setattr(Convocatoria, "search_status", lambda self: "proxima")
    monkeypatch.setattr(Evento, "search_status", lambda self: "proximo")
    indexer.rebuild(engine)
    monkeypatch.undo()
    states = {r["id"]: r["estado"] for r in run("concurso cuento").results}
    assert states[pid(call)] == "proxima"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("actualizar_vigencias", stdout=open("/dev/null", "w"))
    indexer.process_outbox(engine)
    engine.refresh(indexer.alias_name())
    assert {r["id"]: r["estado"] for r in run("concurso cuento").results}[pid(call)] == "abierta"
    assert {r["id"]: r["estado"] for r in run("conferencia archivos").results}[
        pid(event)
    ] == "pasado"


@pytest.mark.parametrize("q", ["convocatorias abiertas", "próximos eventos"])
def test_states_are_searchable_words(full_engine, regions, q):
    require_full_profile(full_engine)
    hoy = timezone.localdate()
    call = add_call(
        regions["centro"], "Certamen de carteles", hoy - timedelta(1), hoy + timedelta(9)
    )
    closed = add_call(
        regions["centro"], "Certamen de ensayo", hoy - timedelta(30), hoy - timedelta(2)
    )
    event = add_event(regions["centro"], "Taller de datos", 3)
    past = add_event(regions["centro"], "Taller de archivos", -3)
    indexer.rebuild(full_engine)
    results = run(q).results
    expected, other = (call, closed) if "convocatorias" in q else (event, past)
    order = [r["id"] for r in results]
    assert pid(expected) in order
    assert pid(other) not in order or order.index(pid(expected)) < order.index(pid(other))
    first = results[0]
    assert first["estado"] == ("abierta" if "convocatorias" in q else "proximo")
    assert all(
        r["kind"].startswith("indice-") is False for r in results[: order.index(pid(expected))]
    )


def test_held_out_questions_are_new_and_graded():
    from search.evaluation import CONTROL_FILE, HELD_OUT_FILE, load_judgments

    nuevas = load_judgments(HELD_OUT_FILE)
    assert len(nuevas) >= 20
    assert all(0 < g <= 3 for item in nuevas for g in item["relevantes"].values())
    asked = {q["q"].lower() for q in load_judgments() + load_judgments(CONTROL_FILE)}
    assert not [q["q"] for q in nuevas if q["q"].lower() in asked]


def test_a_synonym_of_the_whole_question_never_blocks_it(engine, regions):
    # «PNT» and «plataforma nacional de transparencia» are synonyms: the index keeps a gap
    # where «de» was, the synonym has none, and a question around it has stop words.
    page = add_page(
        regions["norte"],
        "Consulta en línea",
        body="Entra a la Plataforma Nacional de Transparencia para consultar obligaciones.",
    )
    red = add_page(regions["sureste"], "Quiénes integran la red", "Institutos de la región.")
    indexer.rebuild(engine)
    for q in ("PNT", "¿qué es la plataforma nacional de transparencia?"):
        result = run(q)
        assert pid(page) in page_ids(result)[:3], (q, engine.kind)
    if engine.kind == "opensearch":
        # «la red» is one of the names of the national system (search/data/sinonimos.txt).
        assert pid(red) in page_ids(run("¿qué es el sistema nacional de transparencia?"))


def test_a_question_with_one_word_the_content_does_not_use_is_answered(engine, regions):
    page = add_page(
        regions["centro"],
        "Derechos ARCO",
        "Acceso, rectificación, cancelación y oposición de tus datos.",
        body="Se ejercen ante la institución que tiene tus datos.",
    )
    add_page(regions["norte"], "Calendario de sesiones", body="Sesiones del pleno.")
    indexer.rebuild(engine)
    result = run("derechos arco como ejercerlos")
    assert page_ids(result)[:1] == [pid(page)]
    assert result.notice == ""


def test_the_body_that_answers_today_ranks_above_the_one_it_replaced(engine, regions):
    from regiones.models import EntidadFederativa, OrganismoGarante

    entidad = EntidadFederativa.objects.get(nombre="Tlaxcala")
    sucesor = OrganismoGarante.objects.create(
        clave="sucesor-de-prueba",
        nombre="Oficina Tlacuache de Acceso a la Información",
        tipo=OrganismoGarante.Tipo.SUCESOR,
        entidad=entidad,
        region=regions["centro"],
        estado=OrganismoGarante.Estado.VIGENTE,
    )
    extinto = OrganismoGarante.objects.create(
        clave="extinto-de-prueba",
        nombre="Instituto Tlacuache de Acceso a la Información",
        siglas="ITAT",
        tipo=OrganismoGarante.Tipo.GARANTE_ESTATAL,
        entidad=entidad,
        region=regions["centro"],
        estado=OrganismoGarante.Estado.EXTINTA,
        sucesor=sucesor,
    )
    indexer.rebuild(engine)
    ids = page_ids(run("acceso a la información tlacuache"))
    sid, eid = f"regiones.organismogarante:{sucesor.pk}", f"regiones.organismogarante:{extinto.pk}"
    assert ids.index(sid) < ids.index(eid)
    # Asked by its old acronym, the old institute comes first and its successor follows.
    ids = page_ids(run("ITAT"))
    assert ids[:2] == [eid, sid]
    # Its state is searchable: asked for the extinct one, it comes first.
    assert page_ids(run("instituto tlacuache extinto"))[:1] == [eid]


def test_a_question_with_only_one_word_the_content_uses_still_finds_it(engine, regions):
    """Four words the content never uses and one it does: no item has half of them, so the
    last tier shows those with any one, with the notice that not every word matched."""
    page = add_page(
        regions["centro"],
        "Cuida lo que publicas en internet",
        body="Contraseñas seguras y qué datos no conviene compartir.",
    )
    add_page(regions["norte"], "Calendario de sesiones", body="Sesiones del pleno.")
    indexer.rebuild(engine)
    result = run("mi vecino subio fotografias mias a internet que puedo hacer")
    assert page_ids(result)[:1] == [pid(page)]
    assert "todas las palabras" in result.notice


def test_an_institution_named_for_a_topic_weighs_as_any_other_when_a_name_is_asked(engine):
    """An institution whose name holds a topic («… Protección de Datos Personales») weighs
    less than that topic's pages, unless the question asks for a name: an acronym, a word
    in capitals or a word that names an institution («instituto», «comisión»)."""
    from search.query import _ranking_functions, names_asked

    def kind_weight(q):
        for function in _ranking_functions(engine, SearchRequest(q=q)):
            if "organismo" in str(function["filter"]) and "kind" in str(function["filter"]):
                return function["weight"]
        return 1

    assert kind_weight("datos personales") == 0.6
    assert kind_weight("como protejo mis datos personales") == 0.6
    for q in ("instituto de datos personales de sinaloa", "comision de transparencia",
              "infocdmx", "qué hace el ITAT", "organismos garantes"):  # fmt: skip
        assert names_asked(q), q
        assert kind_weight(q) == 1, q
    assert not names_asked("Datos personales en Colima")


def _state_weight(engine, q, estado):
    from search.query import _ranking_functions

    for function in _ranking_functions(engine, SearchRequest(q=q)):
        if f"'{estado}'" in str(function["filter"]) and "estado" in str(function["filter"]):
            return function["weight"]
    return 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_an_institution_asked_by_its_name_is_not_ranked_down_for_being_extinct(kind, settings):
    """An institution that no longer exists ranks below the one that answers today, unless
    the question asks for a name («instituto michoacano», an acronym): then the named one
    comes first, whatever its state."""
    from search.engine import get_engine

    engine = get_engine(kind, "http://127.0.0.1:1")  # only builds queries
    for estado in ("extinta", "en_extincion"):
        assert _state_weight(engine, "acceso a la información en michoacán", estado) < 1
        for q in ("instituto michoacano", "IMAIP", "comisión de transparencia"):
            assert _state_weight(engine, q, estado) == 1, (q, estado)
    # A state the question asks for still ranks first.
    assert _state_weight(engine, "institutos extintos", "extinta") > 1


@pytest.mark.django_db
def test_a_state_named_alone_asks_who_answers_there():
    """A state named alone, or with only the network's own word («transparencia»), asks who
    guarantees the rights there today: both rights' keys, and institutions weigh as any
    other kind. With anything else it asks for that thing there."""
    from search.query import claves_atencion, only_states_asked

    for q in ("puebla", "Puebla", "¿y en puebla?", "transparencia puebla", "Puebla transparencia"):
        assert only_states_asked(q), q
        assert sorted(claves_atencion(q)) == ["puebla:acceso", "puebla:datos"], q
    assert sorted(claves_atencion("baja california sur")) == [
        "baja-california-sur:acceso", "baja-california-sur:datos"
    ]  # fmt: skip
    for q in ("talleres en puebla", "concurso de fotografía puebla", "transparencia", "taller"):
        assert not only_states_asked(q), q
        assert claves_atencion(q) == [], q
    # A right named keeps to that right.
    assert claves_atencion("datos personales puebla") == ["puebla:datos"]


def _agreement(region, titulo, estado, dias_fin):
    """An agreement of the alianzas plugin in ``estado``, its term ending ``dias_fin`` from
    today."""
    from plugins.alianzas.models import Convenio

    hoy = timezone.localdate()
    return Convenio.objects.create(
        titulo=titulo,
        objeto="Capacitar al personal en la organización de archivos.",
        tipo="colaboracion",
        region=region,
        estado=estado,
        fecha_firma=hoy - timedelta(days=400),
        vigencia_inicio=hoy - timedelta(days=390),
        vigencia_fin=hoy + timedelta(days=dias_fin),
    )


def test_agreements_are_found_and_ranked_by_their_state(engine, regions):
    """An agreement's state is asked in the words people use («vigentes», «en vigor», «que
    ya terminaron», «vencidos»): agreements in that state come first; its term is in its
    text."""
    vigente = _agreement(
        regions["norte"], "Convenio de archivos con la universidad", "vigente", 300
    )
    concluido = _agreement(
        regions["norte"], "Convenio de archivos con el colegio", "concluido", -30
    )
    vencido = _agreement(regions["centro"], "Convenio de archivos con la cámara", "vencido", -10)
    indexer.rebuild(engine)
    ids = {c: f"alianzas.convenio:{c.pk}" for c in (vigente, concluido, vencido)}
    for q in ("convenios de archivos que ya terminaron", "convenios de archivos vencidos"):
        order = [r["id"] for r in run(q).results]
        assert order.index(ids[vencido]) < order.index(ids[vigente]), q
    order = [r["id"] for r in run("convenios de archivos que ya terminaron").results]
    assert order.index(ids[concluido]) < order.index(ids[vigente])
    for q in ("convenios de archivos vigentes", "convenios de archivos en vigor"):
        assert [r["id"] for r in run(q).results][0] == ids[vigente], q
    states = {r["id"]: r["estado"] for r in run("convenio de archivos").results}
    assert states[ids[vigente]] == "convenio_vigente"
    assert states[ids[concluido]] == "convenio_concluido"
    from plugins.alianzas.search import ConvenioDocument

    assert "Vigencia: del " in ConvenioDocument().build(vencido)["body"]


def test_a_denied_or_unanswered_request_finds_the_recourse(engine, regions):
    """«¿Qué hago si me negaron la información?»: the answer is the recurso de revisión,
    though the question never names it."""
    recurso = add_page(
        regions["norte"],
        "Si tu respuesta no te satisface",
        body="Puedes interponer un recurso de revisión ante el organismo garante.",
    )
    otra = add_news(
        regions["norte"], "Cómo pedir información pública", timezone.localdate(),
        entrada="Pasos para pedir información a cualquier dependencia.",
    )  # fmt: skip
    indexer.rebuild(engine)
    for q in ("que hago si me negaron la informacion", "pedi informacion y no me contestaron"):
        order = page_ids(run(q))
        assert pid(recurso) in order, q
        assert pid(otra) not in order or order.index(pid(recurso)) < order.index(pid(otra)), q
