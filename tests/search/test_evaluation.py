import math
import sys

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


def test_grade_of_an_entry_bound_to_a_region():
    relevant = {"campana:Pregunta sin miedo@sureste": 3, "campana:Pregunta sin miedo": 1}
    assert (
        grade_of({"kind": "campana", "title": "Pregunta sin miedo", "region": "sureste"}, relevant)
        == 3
    )
    assert (
        grade_of({"kind": "campana", "title": "Pregunta sin miedo", "region": "norte"}, relevant)
        == 1
    )


def test_control_set_is_held_out_and_the_project_set_has_citizen_queries():
    from search.evaluation import CONTROL_FILE

    project = load_judgments()
    control = load_judgments(CONTROL_FILE)
    assert len([q for q in project if q.get("conjunto") == "ciudadania"]) >= 40
    assert len(control) >= 15
    asked = {q["q"].lower() for q in project}
    assert not [q["q"] for q in control if q["q"].lower() in asked]


def _repeated_queries(path, earlier, minimum):
    """Checks a held-out set's shape and returns its queries already asked in ``earlier``."""
    judged = load_judgments(path)
    assert len(judged) >= minimum
    assert all(item["relevantes"] and item["q"].strip() for item in judged)
    assert all(0 < g <= 3 for item in judged for g in item["relevantes"].values())
    assert len({item["q"].lower() for item in judged}) == len(judged)
    asked = {q["q"].lower() for other in earlier for q in load_judgments(other)}
    return [item["q"] for item in judged if item["q"].lower() in asked]


def test_second_control_set_is_held_out_from_every_other_set():
    from search.evaluation import (
        CONTROL_FILE,
        HELD_OUT_FILE,
        JUDGMENTS_FILE,
        SECOND_CONTROL_FILE,
    )

    earlier = (JUDGMENTS_FILE, CONTROL_FILE, HELD_OUT_FILE)
    assert not _repeated_queries(SECOND_CONTROL_FILE, earlier, 20)


def test_third_control_set_is_held_out_from_every_other_set():
    from search.evaluation import (
        CONTROL_FILE,
        HELD_OUT_FILE,
        JUDGMENTS_FILE,
        SECOND_CONTROL_FILE,
        THIRD_CONTROL_FILE,
    )

    earlier = (JUDGMENTS_FILE, CONTROL_FILE, HELD_OUT_FILE, SECOND_CONTROL_FILE)
    assert not _repeated_queries(THIRD_CONTROL_FILE, earlier, 20)


def test_fourth_control_set_is_held_out_from_every_other_set():
    from search.evaluation import (
        CONTROL_FILE,
        FOURTH_CONTROL_FILE,
        HELD_OUT_FILE,
        JUDGMENTS_FILE,
        SECOND_CONTROL_FILE,
        THIRD_CONTROL_FILE,
    )

    earlier = (JUDGMENTS_FILE, CONTROL_FILE, HELD_OUT_FILE, SECOND_CONTROL_FILE, THIRD_CONTROL_FILE)
    assert not _repeated_queries(FOURTH_CONTROL_FILE, earlier, 30)


def test_fifth_control_set_is_held_out_from_every_other_set():
    from search.evaluation import (
        CONTROL_FILE,
        FIFTH_CONTROL_FILE,
        FOURTH_CONTROL_FILE,
        HELD_OUT_FILE,
        JUDGMENTS_FILE,
        SECOND_CONTROL_FILE,
        THIRD_CONTROL_FILE,
    )

    earlier = (
        JUDGMENTS_FILE,
        CONTROL_FILE,
        HELD_OUT_FILE,
        SECOND_CONTROL_FILE,
        THIRD_CONTROL_FILE,
        FOURTH_CONTROL_FILE,
    )
    assert not _repeated_queries(FIFTH_CONTROL_FILE, earlier, 40)


def test_one_template_for_several_states_is_one_series():
    from search.query import series_key

    title = "Radio comunitaria de {} explica el derecho a saber (ejemplo)"
    sonora = series_key("noticia", title.format("Sonora"))
    assert sonora == series_key("noticia", title.format("Hidalgo"))
    assert sonora != series_key("evento", title.format("Sonora"))
    assert sonora != series_key("noticia", "Radio comunitaria de Sonora explica sus programas")


def test_diversify_moves_later_members_of_a_series_down():
    from search.query import diversify

    hits = ["a1", "a2", "a3", "b", "c", "d", "e", "f"]
    assert diversify(hits, key=lambda h: h[0], step=3) == [
        "a1", "b", "a2", "c", "d", "e", "f", "a3"
    ]  # fmt: skip
    # Without repeats, nothing moves.
    assert diversify(list("bcdef"), key=lambda h: h, step=3) == list("bcdef")


# Floors. OpenSearch has the full Spanish analysis; the Elasticsearch test distribution
# lacks analysis-common, so its index uses the core profile (no stemming; synonyms applied
# in Python) and is held to a lower, honest floor. The control set was never tuned on; the
# «nuevas» set (search/data/juicios_nuevos.json) was written and graded from the content
# before the December tuning; «control2» (search/data/juicios_control2.json) was written,
# graded and committed before the type synonyms («televisora», «radiodifusora») were added;
# «control3» (search/data/juicios_control3.json) was written, graded and committed before
# the last relaxed tier (any one word of a long question); «control4»
# (search/data/juicios_control4.json) was written, graded and committed before the relevance
# work of December 2026 was measured (before it: full 0.749, core 0.638 with 9.3 % of its 43
# queries without results); «control5» (search/data/juicios_control5.json) was written, graded
# from the demo's content and committed before any search was run with it, and measured on
# 81b67fc before any later change: full 0.731 (P@1 0.750, none of its 64 queries without
# results), core 0.688 (P@1 0.719, two without results); its floors are those figures minus
# 0.02, rounded down, and the 5 % without results.
# "proyecto" is the project's original set, "todo" the set grown with citizens' queries.
# Measured on the grown demo on 2/12/2026, after roots (a noun found by its verb) and
# institutions weighed as any other when a name is asked: full 0.885 / 0.873 / control 0.877
# / nuevas 0.859 / control2 0.879 / control3 0.805 (one query of 30 without results) /
# control4 0.771 / control5 0.739; core 0.848 / 0.825 / control 0.867 / nuevas 0.799 /
# control2 0.835 / control3 0.749 (two of 30 without results: no stemming, so «municipal»
# and «corrupto» find nothing) / control4 0.651 (four of 43 without results) / control5
# 0.689. With the network's transition in search (today's guarantor of a right in a named
# state first; «Hoy lo atiende …» on extinct bodies), measured on 6475a40: full 0.884 / 0.874
# / control 0.880 / nuevas 0.887 / control2 0.879 / control3 0.819 / control4 0.818 /
# control5 0.751; core 0.847 / 0.824 / control 0.867 / nuevas 0.832 / control2 0.835 /
# control3 0.762 / control4 0.708 (three of 43 without results) / control5 0.702.
# With agreements searched by their state («convenios vigentes», «que ya terminaron») and a
# denied or unanswered request finding the recurso de revisión, measured on 3/12/2026: full
# 0.884 / 0.876 / control 0.884 / nuevas 0.889 / control2 0.879 / control3 0.819 / control4
# 0.843 / control5 0.751; core 0.849 / 0.825 / control 0.867 / nuevas 0.833 / control2 0.835 /
# control3 0.762 / control4 0.733 / control5 0.702.
# With news recency ordering news without doubling them over other kinds, synonyms that
# never turn a term into a longer one containing it, and a named place ranking what names it
# first, measured on 3/12/2026: full 0.901 / 0.894 / control 0.886 / nuevas 0.890 / control2
# 0.888 / control3 0.821 / control4 0.836 / control5 0.749; core 0.860 / 0.843 / control
# 0.884 / nuevas 0.833 / control2 0.841 / control3 0.762 / control4 0.729 / control5 0.711.
# With a state named alone (or with «transparencia») finding who answers there today, and an
# institution asked by its name not ranked down for being extinct, measured on 3/12/2026:
# full 0.907 / 0.903 / control 0.894 / nuevas 0.890 / control2 0.888 / control3 0.826 /
# control4 0.836 / control5 0.749; core 0.865 / 0.849 / control 0.901 / nuevas 0.833 /
# control2 0.841 / control3 0.767 / control4 0.729 / control5 0.711.
# A floor is raised when its figure rises, never lowered when it falls within it.
# Each floor is the measure minus 0.02 for the engines' nondeterminism, rounded down, except
# the target on the full profile: the project's set, original and grown, at 0.90
# (the demo's dates are relative to the day it loads, so the figures do not drift by day).
FLOORS = {
    "full": {"proyecto": 0.90, "todo": 0.90, "zero": 0.05, "control": 0.87, "nuevas": 0.87,
             "control2": 0.86, "control3": 0.80, "zero3": 0.05, "control4": 0.82,
             "zero4": 0.05, "control5": 0.73, "zero5": 0.05},
    "core": {"proyecto": 0.84, "todo": 0.82, "zero": 0.05, "control": 0.88, "nuevas": 0.81,
             "control2": 0.82, "control3": 0.74, "zero3": 0.10, "control4": 0.71,
             "zero4": 0.10, "control5": 0.69, "zero5": 0.05},
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_corpus(django_db_setup, django_db_blocker):
    """Loaded once for both engines (each reindexes it), in a transaction rolled back after
    the module: each test's own transaction nests in it as a savepoint."""
    from django.db import transaction

    from cms import demo
    from cms.plugins import load_plugin_demo_data
    from regiones.demo import load_institutions

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_institutions()
            demo.load_pages()
            # The judged sets are about the demo ``make demo`` builds, regional pages included.
            demo.load_regional_pages()
            list(load_plugin_demo_data())
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _line(name, figures):
    return (
        f"{name}: {figures['count']} consultas, nDCG@10 {figures['ndcg_at_10']:.3f}, "
        f"P@1 {figures['p_at_1']:.3f}, sin resultados {figures['zero_result_rate']:.1%}"
    )


def test_relevance_on_the_demo_corpus(engine, demo_corpus, settings):
    from search import indexer
    from search.evaluation import (
        CONTROL_FILE,
        FIFTH_CONTROL_FILE,
        FOURTH_CONTROL_FILE,
        HELD_OUT_FILE,
        SECOND_CONTROL_FILE,
        THIRD_CONTROL_FILE,
        evaluate,
    )

    # The figures are about ranking, not speed: a busy machine must not turn a slow answer
    # into the database fallback.
    settings.SEARCH_TIMEOUT = 60

    profile = indexer.rebuild(engine)["profile"]
    project = evaluate()
    control = evaluate(load_judgments(CONTROL_FILE))
    nuevas = evaluate(load_judgments(HELD_OUT_FILE))
    control2 = evaluate(load_judgments(SECOND_CONTROL_FILE))
    control3 = evaluate(load_judgments(THIRD_CONTROL_FILE))
    control4 = evaluate(load_judgments(FOURTH_CONTROL_FILE))
    control5 = evaluate(load_judgments(FIFTH_CONTROL_FILE))
    assert {r["engine"] for r in project["queries"] + control["queries"]} == {engine.kind}
    lines = [f"{engine.kind} ({profile})", _line("proyecto", project)]
    lines += [_line(f"  {name}", figures) for name, figures in project["sets"].items()]
    lines.append(_line("control", control))
    lines.append(_line("nuevas", nuevas))
    lines.append(_line("control2", control2))
    lines.append(_line("control3", control3))
    lines.append(_line("control4", control4))
    lines.append(_line("control5", control5))
    lines += [
        f"  {row['ndcg']:.3f} {row['q']} → {' | '.join(row['top'])}"
        for row in sorted(
            project["queries"]
            + control["queries"]
            + nuevas["queries"]
            + control2["queries"]
            + control3["queries"]
            + control4["queries"]
            + control5["queries"],
            key=lambda r: r["ndcg"],
        )
        if row["ndcg"] < 0.5
    ]
    report = "\n".join(lines)
    print(report)
    floor = FLOORS[profile]
    assert project["sets"]["proyecto"]["ndcg_at_10"] >= floor["proyecto"], report
    assert project["ndcg_at_10"] >= floor["todo"], report
    assert project["zero_result_rate"] <= floor["zero"], report
    assert control["ndcg_at_10"] >= floor["control"], report
    assert nuevas["ndcg_at_10"] >= floor["nuevas"], report
    assert control2["ndcg_at_10"] >= floor["control2"], report
    assert control2["zero_result_rate"] <= floor["zero"], report
    assert control3["ndcg_at_10"] >= floor["control3"], report
    assert control3["zero_result_rate"] <= floor["zero3"], report
    assert control4["ndcg_at_10"] >= floor["control4"], report
    assert control4["zero_result_rate"] <= floor["zero4"], report
    assert control5["ndcg_at_10"] >= floor["control5"], report
    assert control5["zero_result_rate"] <= floor["zero5"], report
