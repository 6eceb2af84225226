"""A question asks each of its terms fewer times, with the same ranking.

The words without synonyms (the literal clause) are the words themselves when no synonym
rule applies, and with one or two words, synonyms or not, every match has every word (the
all-words clause): their weights go to the words' own clause instead of reading the same
postings again."""

import pytest

from search import indexer
from search import query as consulta
from search.analysis import detect_profile
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
        response = build_search(full_engine, SearchRequest(q=q), profile).execute()
        return [(hit.meta.id, hit.meta.score) for hit in response]

    for q in ("taller", "archivos", "taller de archivos", "talleres archivo municipales"):
        folded = ranking(q)
        body = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        literal = [c for c in _clauses(body) if c.get("analyzer")]
        all_words = [c for c in _clauses(body) if c.get("operator") == "and" and "query" in c]
        with monkeypatch.context() as m:
            m.setattr(consulta, "_words_without_synonyms", lambda q: None)
            unfolded = ranking(q)
            body_before = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        assert folded, q
        # The same items in the same order, at the same scores.
        assert [i for i, _ in folded] == [i for i, _ in unfolded], q
        for (_, a), (_, b) in zip(folded, unfolded, strict=True):
            assert a == pytest.approx(b, rel=1e-4), q
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
        response = build_search(full_engine, SearchRequest(q=q), profile).execute()
        return [(hit.meta.id, hit.meta.score) for hit in response]

    for q in ("datos personales", "derechos arco", "concurso de fotografía", "concurso"):
        assert consulta._words_without_synonyms(q) is None, q
        folded = ranking(q)
        body = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        with monkeypatch.context() as m:
            m.setattr(consulta, "_most_words", lambda q, locale: None)
            unfolded = ranking(q)
            body_before = build_search(full_engine, SearchRequest(q=q), profile).to_dict()
        assert len(folded) >= 2, q
        assert [i for i, _ in folded] == [i for i, _ in unfolded], q
        for (_, a), (_, b) in zip(folded, unfolded, strict=True):
            assert a == pytest.approx(b, rel=1e-4), q
        assert _all_words(body_before) and not _all_words(body), q
