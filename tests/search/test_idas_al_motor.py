"""What one search asks the engine: a search that finds enough is one request (results,
facets, count and the «también en» copies of its page), the copies come from what the
process remembers, and what it remembers follows publishing."""

import json

import pytest
from wagtail.models import PageViewRestriction

from search import indexer
from search.query import RELAX_BELOW, SHOWN_FIELDS, forget_copies

from .test_relevancia import add_page

HOST = "sureste.localhost"


@pytest.fixture
def idas(full_engine, settings):
    """Every request the search client sends, by path (the copies are remembered while a
    search's answer is; nothing remembered from another test)."""
    settings.SEARCH_CACHE_TIMEOUT = 30
    forget_copies()
    transport = full_engine.client.transport
    original = transport.perform_request
    sent = []

    def perform_request(method, url, *args, **kwargs):
        sent.append((url, kwargs.get("body")))
        return original(method, url, *args, **kwargs)

    transport.perform_request = perform_request
    yield sent
    transport.perform_request = original
    forget_copies()


def _buscar(client, q):
    response = client.get("/api/v1/buscar", {"q": q}, HTTP_HOST=HOST)
    assert response.status_code == 200, response.content
    return response.json()


def _idas(sent):
    """The searches of each request sent: one for /_search, each of a /_msearch's."""
    idas = []
    for url, body in sent:
        if url.endswith("/_search"):
            idas.append([body])
        elif url.endswith("/_msearch"):
            if isinstance(body, (list, tuple)):
                lines = list(body)  # not serialised yet
            else:
                text = body.decode() if isinstance(body, bytes) else body
                lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            idas.append(lines[1::2])  # each search's header, then its body
    return idas


def _busquedas(sent):
    return [body for ida in _idas(sent) for body in ida]


def _resultados(sent):
    """The searches that ask for a page of results (not the copies nor a count)."""
    return [body for body in _busquedas(sent) if "collapse" in body and body.get("size") != 0]


def test_una_busqueda_que_encuentra_es_una_peticion_con_sus_copias(client, regions, idas):
    for n in range(RELAX_BELOW + 1):
        for slug in ("norte", "sureste", "centro"):
            add_page(regions[slug], f"Jornada de puertas abiertas {n}", "Visita el organismo.")
    indexer.rebuild()
    _buscar(client, "puertas abiertas")  # the copies are read once for the process
    idas.clear()
    for q in ("jornada puertas abiertas", "jornada abiertas", "puertas jornada"):
        api = _buscar(client, q)
        assert api["total"] == RELAX_BELOW + 1
        primero = api["resultados"][0]
        assert primero["region"] == "sureste"
        assert {c["region"] for c in primero["tambien_en"]} == {"norte", "centro"}
    busquedas = _busquedas(idas)
    assert len(busquedas) == 3, [url for url, _ in idas]
    # Only the fields a result shows come back (never the bodies).
    assert all(body["_source"] == SHOWN_FIELDS for body in busquedas)


def test_una_copia_nueva_aparece_tras_publicarla(client, regions, idas):
    add_page(regions["sureste"], "Feria de la transparencia", "Ven a la feria.")
    add_page(regions["norte"], "Feria de la transparencia", "Ven a la feria.")
    indexer.rebuild()
    antes = _buscar(client, "feria transparencia")["resultados"][0]
    assert {c["region"] for c in antes["tambien_en"]} == {"norte"}
    # Publishing purges the page cache: what the process remembered goes with it.
    nueva = add_page(regions["centro"], "Feria de la transparencia", "Ven a la feria.")
    indexer.rebuild()
    despues = _buscar(client, "feria de transparencia")["resultados"][0]
    assert {c["region"] for c in despues["tambien_en"]} == {"norte", "centro"}
    assert nueva.url.rstrip("/") not in despues["url"]


def test_sin_recordar_cada_busqueda_pide_las_copias_de_su_pagina(client, regions, idas, settings):
    """With answers not kept (SEARCH_CACHE_TIMEOUT 0) the copies are not kept either: each
    search asks for its page's copies, and finds the same."""
    settings.SEARCH_CACHE_TIMEOUT = 0
    for slug in ("norte", "sureste"):
        add_page(regions[slug], "Semana de datos abiertos", "Talleres y charlas.")
    indexer.rebuild()
    idas.clear()
    primero = _buscar(client, "semana datos abiertos")["resultados"][0]
    assert {c["region"] for c in primero["tambien_en"]} == {"norte"}
    consultas = [body["query"] for body in _busquedas(idas)]
    assert any("grupo" in str(query) for query in consultas)


def test_una_copia_protegida_o_retirada_sale_de_tambien_en(client, regions, idas):
    """What the process remembered goes when a copy stops being public: a password on one
    copy, then another unpublished, leave «también en» on the next search."""
    copias = {
        slug: add_page(regions[slug], "Maratón de solicitudes", "Haz tu primera solicitud.")
        for slug in ("sureste", "norte", "centro")
    }
    indexer.rebuild()
    antes = _buscar(client, "maraton solicitudes")["resultados"][0]
    assert {c["region"] for c in antes["tambien_en"]} == {"norte", "centro"}

    PageViewRestriction.objects.create(
        page=copias["norte"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="clave-secreta",
    )
    indexer.rebuild()
    despues = _buscar(client, "maraton de solicitudes")["resultados"][0]
    assert {c["region"] for c in despues["tambien_en"]} == {"centro"}

    copias["centro"].unpublish()
    indexer.rebuild()
    al_final = _buscar(client, "solicitudes maraton")["resultados"][0]
    assert al_final["region"] == "sureste"
    assert al_final["tambien_en"] == []


def test_una_pregunta_corta_no_pide_niveles_que_nada_anaden(client, regions, idas):
    """A tier asks for fewer of the question's words than the query did only when the
    question has enough of them: one word is asked once; two or three words, once more
    (half of the words); four or more, up to twice more (half, then any of them)."""
    # Words no other document shares, not even by their root («archivistas» finds the
    # national archive through «archivo»).
    add_page(regions["sureste"], "Asamblea vecinal de numismáticos", "Orden del día.")
    indexer.rebuild()
    _buscar(client, "asamblea")  # the copies are read once for the process
    esperadas = {
        "numismaticos": 1,
        "numismaticos paleontologia": 2,
        "¿dónde está la asamblea de paleontólogos?": 2,
        "asamblea de paleontologos zoologos botanicos": 3,
    }
    for q, peticiones in esperadas.items():
        idas.clear()
        api = _buscar(client, q)
        assert [r["titulo"] for r in api["resultados"]] == ["Asamblea vecinal de numismáticos"]
        # Those that ask for results (a «¿Quisiste decir…?» check only counts: size 0).
        niveles = [body for body in _busquedas(idas) if body.get("size") != 0]
        assert len(niveles) == peticiones, (q, niveles)


def _asamblea_mal_escrita(client, regions, idas):
    """Two pages the misspelt «asamblea numismatocos» finds few of; its answer, with only
    its own requests recorded."""
    for n in (1, 2):
        add_page(regions["sureste"], f"Asamblea de numismáticos {n}", "Orden del día.")
    indexer.rebuild()
    _buscar(client, "asamblea")  # the copies are read once for the process
    idas.clear()
    return _buscar(client, "asamblea numismatocos")


def test_lo_que_pide_una_primera_respuesta_viaja_junto(client, regions, idas):
    """A misspelt question that finds few items calls for a «¿Quisiste decir…?» check of
    its missing word and for the items with half of its words: both go in one request,
    then both counts of the correction in the next, instead of one request each."""
    api = _asamblea_mal_escrita(client, regions, idas)
    assert api["sugerencia"] == "asamblea numismaticos"
    assert len(api["resultados"]) == 2
    viajes = _idas(idas)
    # The question; the word's check with the relaxed tier; the two counts.
    assert [len(ida) for ida in viajes] == [1, 2, 2], viajes
    palabra, relajada = viajes[1]
    assert palabra["size"] == 0 and "numismatocos" in json.dumps(palabra["query"])
    assert relajada.get("size") != 0 and "collapse" in relajada
    assert all(cuenta["size"] == 0 and "aggs" in cuenta for cuenta in viajes[2])
    # Counts only: no facets.
    assert not any({"region", "tipo"} & set(cuenta["aggs"]) for cuenta in viajes[2])


@pytest.fixture
def msearch_con_fallo(full_engine):
    """Every search inside a /_msearch answers an error (the request itself answers 200,
    as when one search's shard is rejected); with ``tambien_solas``, a search sent on its
    own afterwards fails too (the engine went away)."""
    from opensearchpy.exceptions import ConnectionError as EngineConnectionError

    transport = full_engine.client.transport
    original = transport.perform_request
    estado = {"tambien_solas": False, "fallidas": 0}

    def perform_request(method, url, *args, **kwargs):
        if url.endswith("/_search") and estado["fallidas"] and estado["tambien_solas"]:
            raise EngineConnectionError("N/A", "motor caído", None)
        response = original(method, url, *args, **kwargs)
        if url.endswith("/_msearch"):
            error = {"type": "es_rejected_execution_exception", "reason": "cola llena"}
            estado["fallidas"] += len(response["responses"])
            response = {**response, "responses": [
                {"error": error, "status": 429} for _ in response["responses"]
            ]}  # fmt: skip
        return response

    transport.perform_request = perform_request
    yield estado
    transport.perform_request = original


def test_una_busqueda_fallida_dentro_de_msearch_se_pide_sola_y_si_no_responde_la_base(
    client, regions, idas, msearch_con_fallo
):
    """A search that failed inside the request that carries several is sent once more on
    its own (the client retries it on another node when there are several): the answer
    is the same. If the engine does not answer that either, the database answers, saying
    so, as when the first search fails."""
    api = _asamblea_mal_escrita(client, regions, idas)
    assert msearch_con_fallo["fallidas"] == 4
    assert api["motor"] == "opensearch" and not api["aviso"]
    assert api["sugerencia"] == "asamblea numismaticos"
    assert len(api["resultados"]) == 2
    # Each failed search went again on its own: no round trip saved, nothing lost.
    assert [len(ida) for ida in _idas(idas)] == [1, 2, 1, 1, 2, 1, 1]

    msearch_con_fallo["tambien_solas"] = True
    api = _buscar(client, "asamblea numismaticas")
    assert api["motor"] == "database"
    assert "no está disponible" in api["aviso"]


@pytest.mark.parametrize(
    ("q", "locale", "relajada", "cualquiera"),
    [
        ("transparencia", "", False, False),
        ("¿Cómo solicito información?", "es", True, False),
        ("convenio paleontología", "es", True, False),
        ("mi vecino subió fotos mías a internet", "es", True, True),
        # Unsure how the engine splits it: every tier is asked, as before.
        ("日本 transparencia", "es", True, True),
        # Spanish stop words are words in English analysis: counted, never dropped.
        ("de la transparencia y", "en", True, True),
    ],
)
def test_niveles_segun_las_palabras(q, locale, relajada, cualquiera):
    from search.query import RELAXED_TIERS, tier_can_add

    assert [tier_can_add(t, q, locale) for t in RELAXED_TIERS] == [relajada, cualquiera]


def test_el_total_cuenta_cada_articulo_una_vez_sin_contar_grupos_en_todo(
    client, regions, idas, settings
):
    """With the groups that have copies remembered, the total is the matches less those
    groups' extra copies: no count of groups over every match, and the same totals as
    that count gives (with and without filters; SEARCH_CACHE_TIMEOUT 0 counts groups)."""
    for n in range(4):
        for slug in ("norte", "sureste", "centro"):
            add_page(regions[slug], f"Brigada de lectura {n}", "Libros en la plaza.")
    for n in range(3):
        add_page(regions["sureste"], f"Brigada de archivo {n}", "Cajas en la plaza.")
    indexer.rebuild()
    consultas = [{"q": "brigada plaza"}, {"q": "brigada plaza", "region": "norte"},
                 {"q": "brigada lectura", "region": "centro"}, {"q": "plaza"}]  # fmt: skip

    def totales():
        """Each query's total and the aggregations of its requests for results."""
        out = []
        for params in consultas:
            idas.clear()
            response = client.get("/api/v1/buscar", params, HTTP_HOST=HOST)
            out.append((response.json()["total"], [set(b["aggs"]) for b in _resultados(idas)]))
        return out

    recordando = totales()
    assert [total for total, _aggs in recordando] == [7, 4, 4, 7]
    # Groups counted among the remembered groups' copies only, every match counted.
    assert all(aggs and all("copias" in a and not a & {"grupos", "resultados"} for a in aggs)
               for _total, aggs in recordando)  # fmt: skip
    settings.SEARCH_CACHE_TIMEOUT = 0
    sin_recordar = totales()
    assert [t for t, _ in sin_recordar] == [t for t, _ in recordando]
    assert all(aggs and all(a & {"grupos", "resultados"} for a in aggs)
               for _total, aggs in sin_recordar)  # fmt: skip
