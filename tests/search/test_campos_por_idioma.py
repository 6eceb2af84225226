"""What each document costs the engine to index: the English analysis only for English
documents, and every field a query names exists in the index it queries."""

import pytest
from django.conf import settings

from search import indexer
from search.analysis import CORE, FULL
from search.query import SearchRequest, _text_fields, autocomplete, search
from tests.search.conftest import require_full_profile


def _doc(i, title, body, locale="es-mx", summary=""):
    return {
        "id": f"idioma:{i}",
        "source": "prueba",
        "kind": "noticia",
        "region": "norte",
        "title": title,
        "summary": summary,
        "body": body,
        "locale": locale,
        "url": f"https://example.invalid/{i}/",
    }


ESPANOL = _doc(1, "Protección de datos en Sonora", "Capacitaciones sobre solicitudes de acceso.")
INGLES = _doc(
    2,
    "Annual transparency report",
    "The commissioners published their annual reports on public requests.",
    locale="en",
    summary="What the commissioners found.",
)
NAHUATL = _doc(3, "Tlanonotzaliztli", "Amatl tlen transparencia.", locale="nah")


def _field_exists(properties, name):
    base, _, sub = name.partition(".")
    field = properties.get(base)
    return field is not None and (not sub or sub in field.get("fields", {}))


@pytest.mark.parametrize("profile", [FULL, CORE])
def test_every_field_a_query_names_is_in_the_index(profile):
    properties = indexer.index_mappings(profile)["properties"]
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        for locale in (code, ""):
            fields, plain, phrase = _text_fields(profile, locale)
            for field in fields + plain + phrase:
                name = field.split("^")[0]
                assert _field_exists(properties, name), (profile, locale, name)


@pytest.mark.parametrize("profile", [FULL, CORE])
def test_snippet_fields_keep_their_offsets_and_nothing_else_pays_for_them(profile):
    """The highlighter reads offsets where snippets are cut, instead of analysing each
    shown text again; no other field stores them."""
    properties = indexer.index_mappings(profile)["properties"]
    with_offsets = {n for n, f in properties.items() if f.get("index_options") == "offsets"}
    assert with_offsets == set(indexer.HIGHLIGHTED_FIELDS)


def test_english_analysis_is_a_field_of_english_documents_only():
    properties = indexer.index_mappings(FULL)["properties"]
    for name in indexer.ENGLISH_FIELDS:
        assert "en" not in properties[name].get("fields", {})
        assert properties[name + indexer.ENGLISH_SUFFIX]["analyzer"] == "en_texto"
    spanish, english, other = (indexer.to_engine_doc(d, FULL) for d in (ESPANOL, INGLES, NAHUATL))
    for doc in (spanish, other):
        assert not [key for key in doc if key.endswith(indexer.ENGLISH_SUFFIX)]
    for name in indexer.ENGLISH_FIELDS:
        assert english[name + indexer.ENGLISH_SUFFIX] == english[name]
    # The core profile has no English analysis at all.
    assert not [k for k in indexer.to_engine_doc(INGLES, CORE) if k.endswith("_en")]


def test_each_language_is_found_by_its_own_stems(full_engine):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine, docs=[ESPANOL, INGLES, NAHUATL])

    def found(q, locale):
        return [r["id"] for r in search(SearchRequest(q=q, locale=locale)).results]

    # English stemming on English documents: «report», «commissioner» find the plurals.
    assert found("commissioner report", "en") == [INGLES["id"]]
    # Spanish stemming on Spanish documents, accents or not.
    assert found("capacitacion solicitud", "es-mx") == [ESPANOL["id"]]
    assert found("protecciones", "es-mx") == [ESPANOL["id"]]
    # Other languages by their words as written; every language together by the Spanish
    # analysis every document keeps.
    assert found("tlanonotzaliztli", "nah") == [NAHUATL["id"]]
    assert found("reports", "") == [INGLES["id"]]
    assert found("reports", "es-mx") == []

    # The English analysis exists for the English document only.
    alias = indexer.alias_name()
    english = indexer.to_engine_doc(INGLES, FULL)
    written = [name for name in indexer.ENGLISH_FIELDS if english[name]]
    assert {"title", "summary", "body"} <= set(written)
    for name in written:
        hits = full_engine.client.search(
            index=alias, body={"query": {"exists": {"field": name + indexer.ENGLISH_SUFFIX}}}
        )["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == [INGLES["id"]], name


def test_autocomplete_finds_prefixes_without_accents(full_engine):
    require_full_profile(full_engine)
    indexer.rebuild(full_engine, docs=[ESPANOL, INGLES, NAHUATL])
    for prefix in ("proteccion", "PROTEC", "protecci", "datos en son"):
        assert [s["title"] for s in autocomplete(prefix)] == [ESPANOL["title"]], prefix
    assert [s["title"] for s in autocomplete("annual rep", locale="en")] == [INGLES["title"]]
    assert autocomplete("annual", locale="es-mx") == []
