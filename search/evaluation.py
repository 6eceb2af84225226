"""Relevance, measured: nDCG@10, P@1 and zero-result rate over judged sets of queries.

Seven sets live in ``search/data/``: ``juicios.json`` (the project's set, which tuning may
look at), ``juicios_control.json`` (held out: written with the rest, never tuned on,
reported on its own so a gain that only fits the project's set shows up),
``juicios_nuevos.json`` (held out too: citizens' questions written and graded from the
content before the ranking was tuned again, in December 2026),
``juicios_control2.json`` (held out: 28 more citizens' questions written and graded from
the content, committed before the next tuning and never tuned on),
``juicios_control3.json`` (held out: 30 citizens' queries in new phrasings, typed as on a
phone, whole questions, places, record types, states and statuses, written and graded from
the content and committed before the relevance work that followed),
``juicios_control4.json`` (held out: 43 more in phrasings none of the others uses, other verb
forms, places named like common words, the network's transition, written, graded and
committed before the relevance work of December 2026 was measured) and
``juicios_control5.json`` (held out: 64 more typed as on a phone, with slang, abbreviations
and relative dates, records by type and which body attends a right today in each state,
graded from the demo's content and committed before any search was run with them).

A judgment is ``{"q": …, "relevantes": {"kind:title fragment[@region]": grade}}`` with
optional ``"region"`` (the query is asked on that region's site) and ``"conjunto"`` (the
group it is reported under).
"""

import json
import math
from pathlib import Path

from .analysis import fold
from .query import PAGE_SIZE, SearchRequest, search

DATA_DIR = Path(__file__).resolve().parent / "data"
JUDGMENTS_FILE = DATA_DIR / "juicios.json"
CONTROL_FILE = DATA_DIR / "juicios_control.json"
HELD_OUT_FILE = DATA_DIR / "juicios_nuevos.json"
SECOND_CONTROL_FILE = DATA_DIR / "juicios_control2.json"
THIRD_CONTROL_FILE = DATA_DIR / "juicios_control3.json"
FOURTH_CONTROL_FILE = DATA_DIR / "juicios_control4.json"
FIFTH_CONTROL_FILE = DATA_DIR / "juicios_control5.json"


def load_judgments(path=JUDGMENTS_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _parse_key(key):
    kind, _, fragment = key.partition(":")
    fragment, _, region = fragment.partition("@")
    return kind, fold(fragment), region


def grade_of(result, relevant):
    """Grade of a result: the best judged entry whose kind, title fragment and (when the
    entry names one) region it matches. A result collapsed from several regions' copies
    matches an entry of any of its regions only through the copy it shows."""
    title = fold(result.get("title") or "")
    best = 0
    for key, grade in relevant.items():
        kind, fragment, region = _parse_key(key)
        if kind and kind != result.get("kind"):
            continue
        if region and region != result.get("region"):
            continue
        if fragment in title:
            best = max(best, grade)
    return best


def dcg(grades):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_10(results, relevant):
    """nDCG@10 of the first results. A judged entry may match several documents (the same
    campaign on five sites), so the ideal ranking is built from every judged document
    retrieved in the pool, plus the grade of each entry that nothing retrieved matched."""
    pool = [grade_of(r, relevant) for r in results]
    missing = [
        grade
        for key, grade in relevant.items()
        if not any(grade_of(r, {key: grade}) for r in results)
    ]
    ideal = sorted([g for g in pool if g] + missing, reverse=True)[:10]
    best = dcg(ideal)
    return dcg(pool[:10]) / best if best else 0.0


def summarize(rows):
    n = len(rows)
    if not n:
        return {"count": 0, "ndcg_at_10": 0.0, "p_at_1": 0.0, "zero_result_rate": 0.0}
    return {
        "count": n,
        "ndcg_at_10": sum(r["ndcg"] for r in rows) / n,
        "p_at_1": sum(1 for r in rows if r["p1"]) / n,
        "zero_result_rate": sum(1 for r in rows if r["total"] == 0) / n,
    }


def evaluate(judgments=None, size=100):
    """Ask every judged query and score it. Returns the overall figures, the figures per
    ``conjunto`` and one row per query (with its first titles, for reading failures)."""
    from django.conf import settings

    judgments = judgments if judgments is not None else load_judgments()
    # Asked as a visitor of the Spanish sites is: in the site's language (parse_request),
    # so translations of a page are not counted as other results.
    locale = settings.LANGUAGE_CODE.lower()
    rows = []
    for item in judgments:
        region = item.get("region", "")
        # The first ten as a visitor's first page shows them (reranking works per page); a
        # wider search adds the judged items found further down, for the ideal ranking.
        result = search(SearchRequest(q=item["q"], region=region, size=PAGE_SIZE, locale=locale))
        wide = search(SearchRequest(q=item["q"], region=region, size=size, locale=locale))
        shown = {r["id"] for r in result.results}
        results = result.results + [r for r in wide.results if r["id"] not in shown]
        first = result.results[0] if result.results else None
        rows.append(
            {
                "q": item["q"],
                "conjunto": item.get("conjunto", "proyecto"),
                "region": item.get("region", ""),
                "ndcg": ndcg_at_10(results, item["relevantes"]),
                "p1": bool(first and grade_of(first, item["relevantes"])),
                "top": [r["title"] for r in result.results[:3]],
                "total": result.total,
                "engine": result.engine,
            }
        )
    report = summarize(rows)
    report["sets"] = {
        name: summarize([r for r in rows if r["conjunto"] == name])
        for name in sorted({r["conjunto"] for r in rows})
    }
    report["queries"] = rows
    return report
