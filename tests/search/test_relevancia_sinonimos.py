"""Synonym rules as the core profile applies them in Python (its index has no synonym
filter): equivalence groups swap any of their terms, one-way rules («televisora =>
television, televisora») only from their left side."""

from search.analysis import load_synonyms, synonym_variants


def test_one_way_rules_are_kept_with_their_arrow():
    rules = load_synonyms()
    assert "televisora, televisoras => television, televisora" in rules


def test_a_type_word_finds_the_word_records_use():
    assert "television nuevo leon" in synonym_variants("televisora nuevo leon")
    assert "radio publica campeche" in synonym_variants("radiodifusora publica campeche")


def test_a_one_way_rule_never_applies_backwards():
    assert not [v for v in synonym_variants("television publica") if "televisora" in v]
    assert not [v for v in synonym_variants("radio educativa") if "radiodifusora" in v]


def test_equivalence_groups_still_swap_every_term():
    variants = synonym_variants("derechos arco")
    assert "derechos acceso rectificacion cancelacion oposicion" in variants


def test_a_term_never_becomes_a_longer_term_that_contains_it(tmp_path):
    """In the engine's rules: every text with «protección de datos personales» also says
    «datos personales», so matching it again through the synonym counted the same words
    twice. The longer term still becomes the shorter ones; other groups stay equivalences."""
    rules = tmp_path / "sinonimos.txt"
    rules.write_text(
        "datos personales, proteccion de datos, proteccion de datos personales\n"
        "pnt, plataforma nacional de transparencia\n",
        encoding="utf-8",
    )
    assert load_synonyms(rules) == [
        "datos personales => datos personales, proteccion datos",
        "proteccion datos => datos personales, proteccion datos",
        "proteccion datos personales => datos personales, proteccion datos, "
        "proteccion datos personales",
        "pnt, plataforma nacional transparencia",
    ]
    # The core profile asks each variant as a query of its own: it keeps every term.
    assert load_synonyms(rules, one_way=False)[0] == (
        "datos personales, proteccion datos, proteccion datos personales"
    )
