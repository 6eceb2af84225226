"""A question asks each of its terms fewer times, with the same ranking.

The words without synonyms (the literal clause) are the words themselves when no synonym
rule applies, and with one or two words, synonyms or not, every match has every word (the
all-words clause): their weights go to the words' own clause instead of reading the same
postings again."""

import pytest

from search import indexer
from search import query as consulta
from search.analysis import CORE, FULL, detect_profile
from search.query import SearchRequest, build_search

from .conftest import require_full_profile
from .test_relevancia import add_news, add_page


@pytest.mark.parametrize(
    "pregunta, palabras",
    [
        ("taller", ["taller"]),
        ("¿Dónde hay talleres de archivos?", ["talleres", "archivos"]),
        ("Talleres, en línea", None),  # «en linea» is a synonym of «virtual»
        ("concurso", None),  # «convocatoria, concurso, certamen»
        ("cómo hago una solicitud de información", None),
        ("talleres sonora", None),  # «sonora, sonorense»
        ("www.ejemplo.mx", None),  # one token for the engine, three here: unsure
        ("de la", None),  # only stop words: the engine keeps nothing
    ],
)
def test_the_words_without_synonyms_are_known_only_when_sure(pregunta, palabras):
    assert consulta._words_without_synonyms(pregunta) == palabras


def _clauses(body):
    """Every multi_match of a search body."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "multi_match" in node:
                found.append(node["multi_match"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)
    return found


def _ranking(engine, profile, q, size=10):
    """(id, score) of each hit of the site's search body for ``q``, in order."""
    response = build_search(engine, SearchRequest(q=q, size=size), profile).execute()
    return [(hit.meta.id, hit.meta.score) for hit in response]


def _assert_same_ranking(now, then, q, rel=1e-4):
    """The same items in the same order, at the same scores."""
    assert [i for i, _ in now] == [i for i, _ in then], q
    for (_, a), (_, b) in zip(now, then, strict=True):
        assert a == pytest.approx(b, rel=rel), q


def test_a_question_without_synonyms_ranks_as_before_with_fewer_clauses(
    full_engine, regions, monkeypatch
):
    require_full_profile(full_engine)
    from django.utils import timezone

    hoy = timezone.localdate()
    add_page(regions["centro"], "Taller de archivos municipales", "Inscripciones abiertas.")
    add_page(regions["norte"], "Guía de archivos", "Cómo ordenar los archivos de un taller.")
    add_page(regions["sureste"], "Capacitar en archivos", "Un taller para capacitar.")
    add_news(regions["norte"], "Talleres de archivo en Hermosillo", hoy, "Capacitación y taller.")
    add_news(regions["centro"], "Archivos abiertos", hoy, "El archivo del congreso.")
    indexer.rebuild(full_engine)
    profile = detect_profile(full_engine)

    def ranking(q):
        return _ranking(full_engine, profile, q)

    for q in ("taller", "archivos", "taller de archivos", "talleres archivo municipales"):
        folded = ranking(q)
        body = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        literal = [c for c in _clauses(body) if c.get("analyzer")]
        all_words = [c for c in _clauses(body) if c.get("operator") == "and" and "query" in c]
        with monkeypatch.context() as m:
            m.setattr(consulta, "_words_without_synonyms", lambda q: None)
            m.setattr(consulta, "_most_words", lambda q, locale, stop_words=True: None)
            unfolded = ranking(q)
            body_before = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        assert folded, q
        _assert_same_ranking(folded, unfolded, q)
        # Asked once: no literal clause; with one or two words, no all-words clause either.
        assert [c for c in _clauses(body_before) if c.get("analyzer")], q
        assert not literal, q
        assert bool(all_words) == (len(consulta._words_without_synonyms(q)) > 2), q


def _all_words(body):
    return [c for c in _clauses(body) if c.get("operator") == "and" and c.get("boost") == 1.5]


def test_a_question_with_a_synonym_keeps_its_literal_clause(full_engine):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine)
    profile = detect_profile(full_engine)
    body = build_search(full_engine, SearchRequest(q="concurso de fotografía"), profile).to_dict()
    assert [c for c in _clauses(body) if c.get("analyzer")]
    # Two words: every match has both (or a synonym of one), no all-words clause.
    assert not _all_words(body)
    longer = SearchRequest(q="concurso de fotografía en sonora")
    assert _all_words(build_search(full_engine, longer, profile).to_dict())


@pytest.mark.parametrize(
    ("pregunta", "perfil", "plegada"),
    [
        ("datos personales", FULL, True),
        ("datos personales", CORE, True),
        # The core analyzer keeps «y» and «o»: four words, three of which must match.
        ("acceso y/o rectificación", CORE, False),
        ("acceso y/o rectificación", FULL, True),
        # «de.la» is one word for the engine, and no stop word: three words.
        ("ley de.la transparencia", FULL, False),
        ("¿Dónde están los datos?", FULL, True),
    ],
)
def test_the_all_words_clause_is_folded_only_for_two_words_as_the_engine_counts_them(
    full_engine, pregunta, perfil, plegada
):
    indexer.rebuild(full_engine)
    body = build_search(full_engine, SearchRequest(q=pregunta), perfil).to_dict()
    assert bool(_all_words(body)) != plegada


def test_words_are_counted_as_the_engine_splits_them():
    assert consulta._most_words("acceso y/o rectificacion", "") == 2
    assert consulta._most_words("acceso y/o rectificacion", "", stop_words=False) == 4
    assert consulta._most_words("ley de.la transparencia", "es") is None
    assert consulta._most_words("ley de.la transparencia", "en") == 4
    # Joined words without a stop word only count more than the engine does: still an
    # upper bound.
    assert consulta._most_words("l’acceso a la información", "es") == 3
    assert consulta.tier_can_add("1", "acceso y/o rectificacion", "", CORE)
    assert not consulta.tier_can_add("1", "acceso y/o rectificacion", "")
    # Stop words the core profile takes out in Python are not counted there either.
    assert not consulta.tier_can_add("1", "¿Cómo solicito información?", "es", CORE)


def test_a_question_of_two_words_with_synonyms_ranks_as_before_without_its_all_words_clause(
    full_engine, regions, monkeypatch
):
    require_full_profile(full_engine)
    add_page(regions["centro"], "Protección de datos", "Tus datos personales en línea.")
    add_page(regions["norte"], "Datos personales en la escuela", "Aviso de privacidad.")
    add_page(regions["sureste"], "Derechos ARCO", "Acceso, rectificación y oposición.")
    add_page(
        regions["centro"],
        "Tus derechos sobre tus datos",
        "Acceso rectificación cancelación oposición: derechos de toda persona.",
    )
    add_page(regions["norte"], "Convocatoria de fotografía", "Certamen estatal de fotografía.")
    add_page(regions["sureste"], "Concurso de cartel", "Fotografía y cartel para jóvenes.")
    indexer.rebuild(full_engine)
    profile = detect_profile(full_engine)

    def ranking(q):
        return _ranking(full_engine, profile, q)

    for q in ("datos personales", "derechos arco", "concurso de fotografía", "concurso"):
        assert consulta._words_without_synonyms(q) is None, q
        folded = ranking(q)
        body = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        with monkeypatch.context() as m:
            m.setattr(consulta, "_most_words", lambda q, locale, stop_words=True: None)
            unfolded = ranking(q)
            body_before = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        assert len(folded) >= 2, q
        _assert_same_ranking(folded, unfolded, q)
        assert _all_words(body_before) and not _all_words(body), q


def _doc(i, kind, title, popularity, days_ago):
    from datetime import date, timedelta

    return {
        "id": f"previo:{i}",
        "source": "prueba",
        "kind": kind,
        "region": "centro",
        "title": title,
        "body": "Archivos y transparencia para la ciudadanía.",
        "date": date.today() - timedelta(days=days_ago),
        "popularity": popularity,
        "url": f"https://example.invalid/{i}/",
    }


def test_the_prior_is_one_neutral_for_other_kinds_and_the_engines_log1p_of_popularity():
    from math import log10

    assert indexer.prior("noticia", 0) == 1
    assert indexer.prior("evento", 0) == pytest.approx(1 + indexer.NEWS_NEUTRAL)
    # The engine's «log1p» is log10(1 + x), not the natural logarithm.
    assert indexer.prior("noticia", 9) == pytest.approx(2)
    assert indexer.prior("guia", 99) == pytest.approx(3 + indexer.NEWS_NEUTRAL)
    doc = indexer.to_engine_doc(_doc(1, "recurso", "Guía", 4.5, 3), FULL)
    assert doc["prior"] == pytest.approx(1 + indexer.NEWS_NEUTRAL + log10(5.5))
    # Unknown, not a number, infinite or negative: no popularity, never a missing prior.
    for unknown in (None, "", "mucha", float("nan"), float("inf"), -3):
        doc = indexer.to_engine_doc(_doc(2, "evento", "Taller", unknown, 3), FULL)
        assert doc["popularity"] == 0 and doc["prior"] == pytest.approx(1.3), unknown


def test_a_stored_prior_ranks_as_the_filters_of_each_kind_did(full_engine):
    """The recency sum read one stored value per match instead of checking every match
    against «not a news item»: the same items, in the same order, at the same scores."""
    require_full_profile(full_engine)
    docs = [
        _doc(1, "noticia", "Archivos abiertos", 0, 2),
        _doc(2, "noticia", "Archivos del congreso", 40, 90),
        _doc(3, "recurso", "Guía de archivos", 3, 400),
        _doc(4, "evento", "Taller de archivos", 0, 10),
        _doc(5, "convocatoria", "Concurso de archivos", 120, 30),
        _doc(6, "noticia", "Transparencia y archivos", 7, 700),
    ]
    indexer.rebuild(full_engine, docs=docs)
    profile = detect_profile(full_engine)

    def before():
        return [
            {"weight": 1},
            {"filter": {"term": {"kind": "noticia"}},
             "gauss": {"date": {"origin": "now/d", "offset": "7d", "scale": "60d",
                                "decay": 0.5}}},
            {"filter": {"bool": {"must_not": {"term": {"kind": "noticia"}}}},
             "weight": indexer.NEWS_NEUTRAL},
            {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}},
        ]  # fmt: skip

    def ranking(q):
        return _ranking(full_engine, profile, q)

    for q in ("archivos", "transparencia archivos"):
        now = ranking(q)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(consulta, "_recency_functions", before)
            then = ranking(q)
        assert len(now) >= 5, q
        _assert_same_ranking(now, then, q, rel=1e-5)


def _eligible_terms():
    return sorted(
        term
        for term in consulta._synonym_outputs()
        if consulta._run_alternatives(term) and term == " ".join(consulta._spanish_words(term))
    )


def test_a_two_word_synonym_term_is_asked_as_its_alternatives():
    assert consulta._run_alternatives("recurso de revisión") == [
        "recurso revision",
        "queja",
        "inconformidad",
    ]
    assert consulta._run_alternatives("¿Datos personales?")[0] == "datos personales"
    # One word: its single-word synonyms are one term for the engine; two runs; three words.
    for q in ("concurso", "derechos arco", "plataforma nacional de transparencia", "taller"):
        assert consulta._run_alternatives(q) is None, q
    assert len(_eligible_terms()) >= 10


def test_every_two_word_synonym_term_ranks_as_the_synonym_graph_did(full_engine):
    """For each term of two words in the synonyms, its alternatives asked one by one (the
    question's own words with the literal weight) give the same items, order and scores as
    the engine's synonym graph plus the literal clause."""
    require_full_profile(full_engine)
    terms = _eligible_terms()
    docs, n = [], 0
    for term in terms:
        alternatives = consulta._run_alternatives(term)
        for i, alternative in enumerate(alternatives):
            other = alternatives[(i + 1) % len(alternatives)]
            first, *rest = alternative.split()
            for title, summary, body in (
                (alternative.capitalize(), "", f"Guía sobre {other} para la ciudadanía."),
                (f"Aviso de {first}", " ".join(rest) or "trámite", "Atención en línea."),
                ("Preguntas frecuentes", "", f"Sobre {alternative} y {alternative} en Sonora."),
            ):
                n += 1
                docs.append({
                    "id": f"sinonimo:{n}", "source": "prueba", "kind": "recurso",
                    "region": "norte", "title": title, "summary": summary, "body": body,
                    "url": f"https://example.invalid/{n}/",
                })  # fmt: skip
    indexer.rebuild(full_engine, docs=docs)
    profile = detect_profile(full_engine)

    def ranking(q):
        return _ranking(full_engine, profile, q, size=30)

    for term in terms:
        now = ranking(term)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(consulta, "_run_alternatives", lambda q: None)
            then = ranking(term)
            literal = build_search(full_engine, SearchRequest(q=term), profile).to_dict()
        body = build_search(full_engine, SearchRequest(q=term), profile).to_dict()
        assert len(now) >= 3, term
        _assert_same_ranking(now, then, term)
        # Asked once: no literal clause beside the alternatives.
        assert [c for c in _clauses(literal) if c.get("boost") == consulta.LITERAL_WEIGHT]
        assert not [c for c in _clauses(body) if c.get("boost") == consulta.LITERAL_WEIGHT]
