"""A body is analysed once, for its language: in Spanish (with stems) for every document,
in English too for English documents, folded as written only for documents in the other
languages (``body_plano``). What ``body.plano`` on every document used to give is still
given: a phrase in a body ranks first, a word of any body counts as a word of the index
for «¿Quisiste decir…?», a Náhuatl body is found by its words as written; and an index
built with the previous mapping is reported and rebuilt."""

from io import StringIO

from django.core.management import call_command

from search import indexer
from search.analysis import CORE, FULL, index_settings
from search.query import SearchRequest, _word_in_index, search
from tests.search.conftest import require_full_profile
from tests.search.test_campos_por_idioma import _doc

# The same words in both bodies, side by side in the longer one only: without the phrase,
# the shorter body would rank first.
EN_FRASE = _doc(
    11,
    "Jornada en Hermosillo",
    "Durante la jornada se explicó cómo presentar el recurso de revisión ante el organismo "
    "garante, con ejemplos de casos reales y de plazos.",
)
SEPARADAS = _doc(
    12,
    "Jornada en Mérida",
    "Se explicó la revisión de cada solicitud y cómo presentar un recurso.",
)
NAHUATL = _doc(13, "Tlanonotzaliztli", "Amatl tlen tlatlajtol ipan altepetl.", locale="nah")
INGLES = _doc(
    14,
    "Annual report",
    "The commissioners answered every request in the state.",
    locale="en",
)
CORPUS = [EN_FRASE, SEPARADAS, NAHUATL, INGLES]


def test_a_body_has_no_plain_copy_but_in_languages_without_analysis():
    for profile in (FULL, CORE):
        properties = indexer.index_mappings(profile)["properties"]
        assert "plano" not in properties["body"].get("fields", {}), profile
        # Titles, summaries and kinds keep theirs (fuzzy matching, title phrases).
        for name in ("title", "summary", "tipo_texto"):
            assert "plano" in properties[name]["fields"], (profile, name)
    full = indexer.index_mappings(FULL)["properties"]
    assert full[indexer.PLAIN_BODY]["analyzer"] == "plano"
    assert full["body"]["analyzer"] == indexer.BODY_ANALYZER
    assert indexer.PLAIN_BODY not in indexer.index_mappings(CORE)["properties"]

    spanish, nahuatl, english = (
        indexer.to_engine_doc(d, FULL) for d in (EN_FRASE, NAHUATL, INGLES)
    )
    assert indexer.PLAIN_BODY not in spanish and indexer.PLAIN_BODY not in english
    assert nahuatl[indexer.PLAIN_BODY] == nahuatl["body"] == NAHUATL["body"]
    assert indexer.PLAIN_BODY not in indexer.to_engine_doc(NAHUATL, CORE)


def _previous_mappings(profile):
    """The mapping as the previous release built it: a plain copy of every body."""
    body = indexer.index_mappings(profile)
    properties = body["properties"]
    plain = properties.pop(indexer.PLAIN_BODY, None) or {"type": "text"}
    properties["body"].setdefault("fields", {})["plano"] = plain
    return body


def _previous_version(profile, monkeypatch):
    previous = _previous_mappings(profile)
    with monkeypatch.context() as patch:
        patch.setattr(indexer, "index_mappings", lambda _profile: previous)
        return indexer.mapping_version(profile)


def test_the_previous_mapping_is_another_version(monkeypatch):
    """Deployed indexes built with ``body.plano`` are rebuilt (search_reindex
    --si-hace-falta, bootstrap_snt): the version hashes the mapping."""
    for profile in (FULL, CORE):
        assert indexer.mapping_version(profile) != _previous_version(profile, monkeypatch)


def _found(q, locale="es-mx"):
    return [r["id"] for r in search(SearchRequest(q=q, locale=locale)).results]


def test_a_phrase_in_a_body_ranks_first_and_each_language_finds_its_bodies(full_engine):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine, docs=CORPUS)

    # Words in no phrase of either body: the shorter body first.
    assert _found("revisión recurso") == [SEPARADAS["id"], EN_FRASE["id"]]
    # Side by side in the longer body: it comes first, the words typed as they are written
    # or in other forms (the body's stems).
    assert _found("recurso de revisión") == [EN_FRASE["id"], SEPARADAS["id"]]
    assert _found("recursos de revision") == [EN_FRASE["id"], SEPARADAS["id"]]
    # Spanish bodies by their stems; a Náhuatl body by its words as written, only in its
    # language's search; English bodies by English stems.
    assert _found("solicitudes") == [SEPARADAS["id"]]
    assert _found("tlatlajtol altepetl", "nah") == [NAHUATL["id"]]
    assert _found("commissioner requests", "en") == [INGLES["id"]]


def test_a_word_of_any_body_is_a_word_of_the_index(full_engine):
    """«¿Quisiste decir…?» corrects only words missing from the whole index: a word only
    a body has is not missing, whatever the body's language."""
    require_full_profile(full_engine)
    indexer.rebuild(full_engine, docs=CORPUS)
    for word in ("garante", "presentar", "tlatlajtol", "commissioners", "solicitud"):
        assert _word_in_index(full_engine, word, FULL), word
    for word in ("garnate", "tlatlajtoll", "hermosilo"):
        assert not _word_in_index(full_engine, word, FULL), word


def test_a_word_of_a_body_on_the_core_profile(engine):
    from search.analysis import detect_profile

    profile = detect_profile(engine)
    indexer.rebuild(engine, docs=CORPUS)
    assert _word_in_index(engine, "garante", profile)
    assert not _word_in_index(engine, "garnate", profile)


def test_an_index_with_plain_bodies_is_reported_and_rebuilt(engine, monkeypatch):
    from search.analysis import detect_profile

    profile = detect_profile(engine)
    name = f"{indexer.alias_name()}_anterior"
    mappings = _previous_mappings(profile)
    mappings["_meta"] = {**mappings["_meta"], "version": _previous_version(profile, monkeypatch)}
    engine.create_index(name, index_settings(profile), mappings)
    engine.client.index(
        index=name, id=EN_FRASE["id"], body=indexer.to_engine_doc(EN_FRASE, profile)
    )
    engine.refresh(name)
    engine.update_aliases([{"add": {"index": name, "alias": indexer.alias_name()}}])

    status = StringIO()
    call_command("search_status", stdout=status)
    assert indexer.OUTDATED_MESSAGE in status.getvalue()
    call_command("search_reindex", si_hace_falta=True, stdout=StringIO())
    (new,) = engine.alias_targets(indexer.alias_name())
    assert new != name and not indexer.index_state(engine)["outdated"]
    properties = engine.client.indices.get_mapping(index=new)[new]["mappings"]["properties"]
    assert "fields" not in properties["body"] or "plano" not in properties["body"]["fields"]
    status = StringIO()
    call_command("search_status", stdout=status)
    assert indexer.OUTDATED_MESSAGE not in status.getvalue()


def test_one_word_among_stop_words_is_no_phrase_for_a_body(full_engine):
    """Asked as a phrase of the body's analysis, «qué es el sistema» would be the one word
    «sistema»: every body with it would rank as if it held the question (and «transparencia»
    alone, every body with the word, counted again over the words' own clause)."""
    from search.query import _phrase_query

    def body_phrases(q):
        query = _phrase_query(full_engine, q, FULL, ["title.plano^4"]).to_dict()
        return [c for c in query.get("dis_max", {}).get("queries", []) if "match_phrase" in c]

    assert body_phrases("qué es el sistema") == []
    assert body_phrases("de la") == []
    (phrase,) = body_phrases("recurso de revisión")
    assert phrase["match_phrase"]["body"]["analyzer"] == indexer.BODY_ANALYZER
    # One word alone is no phrase either: the words' own clause already counts it in the body.
    assert body_phrases("transparencia") == []
    assert len(body_phrases("talleres de archivo")) == 1
