"""Relevance, measured: nDCG@10 and zero-result rate over a judged set of queries."""

import json
import math
from pathlib import Path

from .analysis import fold
from .query import SearchRequest, search

JUDGMENTS_FILE = Path(__file__).resolve().parent / "data" / "juicios.json"


def load_judgments(path=JUDGMENTS_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def grade_of(result, relevant):
    """Grade of a result: the best judged entry whose kind and title fragment it matches."""
    title = fold(result.get("title") or "")
    best = 0
    for key, grade in relevant.items():
        kind, _, fragment = key.partition(":")
        if (not kind or kind == result.get("kind")) and fold(fragment) in title:
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


def evaluate(judgments=None, size=100):
    judgments = judgments or load_judgments()
    rows = []
    for item in judgments:
        result = search(SearchRequest(q=item["q"], size=size))
        rows.append(
            {
                "q": item["q"],
                "ndcg": ndcg_at_10(result.results, item["relevantes"]),
                "top": [r["title"] for r in result.results[:3]],
                "total": result.total,
                "engine": result.engine,
            }
        )
    mean = sum(r["ndcg"] for r in rows) / len(rows) if rows else 0.0
    zero = sum(1 for r in rows if r["total"] == 0) / len(rows) if rows else 0.0
    return {"ndcg_at_10": mean, "zero_result_rate": zero, "queries": rows}
