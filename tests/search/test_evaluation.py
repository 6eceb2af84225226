import math

import pytest

from search.evaluation import dcg, grade_of, load_judgments, ndcg_at_10


def test_grades_match_kind_and_title_fragment_without_accents():
    relevant = {"noticia:Cinco pasos": 3, ":Tu derecho": 2}
    assert grade_of({"kind": "noticia", "title": "Cinco pasos para pedir"}, relevant) == 3
    assert grade_of({"kind": "evento", "title": "Cinco pasos para pedir"}, relevant) == 0
    assert grade_of({"kind": "pagina", "title": "Tú derecho a saber"}, relevant) == 2


def test_ndcg_by_hand():
    relevant = {"a:Uno": 3, "a:Dos": 1}
    results = [{"kind": "a", "title": "Dos"}, {"kind": "a", "title": "Uno"}]
    # DCG = (2^1-1)/log2(2) + (2^3-1)/log2(3); ideal = 7/log2(2) + 1/log2(3)
    expected = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg_at_10(results, relevant) == pytest.approx(expected)
    assert ndcg_at_10(list(reversed(results)), relevant) == pytest.approx(1.0)
    # A judged document that was not retrieved lowers the score.
    assert ndcg_at_10(results[1:], relevant) == pytest.approx(7 / (7 + 1 / math.log2(3)))
    assert dcg([]) == 0


def test_judged_set_has_forty_queries_with_grades():
    judgments = load_judgments()
    assert len(judgments) >= 40
    assert all(item["relevantes"] and item["q"].strip() for item in judgments)
    assert all(0 < g <= 3 for item in judgments for g in item["relevantes"].values())
