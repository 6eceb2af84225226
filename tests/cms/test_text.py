from cms.text import fold, strip_accents


def test_fold_sets_accents_case_and_compatibility_forms_aside():
    assert fold("Ñandú ÁRBOL ﬁn Güero") == "nandu arbol fin guero"
    assert strip_accents("Ñandú") == "Nandu"
    assert fold(None) == fold("") == ""


def test_search_language_rules_and_imports_fold_text_the_same_way():
    from cms import convenios_admin, lenguaje
    from search import analysis

    assert analysis.fold is fold
    assert convenios_admin.fold is fold
    assert lenguaje.strip_accents is strip_accents
