"""Both engines run for real; OpenSearch carries the analysis modules the platform needs."""

import uuid

import pytest

from search.engine import get_engine
from tests.conftest import require_service
from tests.services import ELASTICSEARCH_URL, OPENSEARCH_URL, answers

ENGINES = [("opensearch", OPENSEARCH_URL), ("elasticsearch", ELASTICSEARCH_URL)]


@pytest.mark.parametrize(("kind", "url"), ENGINES)
def test_engine_answers_and_is_healthy(kind, url):
    require_service(kind, answers(url), f"({url})")
    health = get_engine(kind, url).health()
    assert health["state"] == "ok", health
    assert health["cluster_status"] in {"green", "yellow"}


def test_opensearch_has_analysis_common_and_painless_loaded():
    require_service("opensearch", answers(OPENSEARCH_URL), f"({OPENSEARCH_URL})")
    client = get_engine("opensearch", OPENSEARCH_URL).client
    modules = {
        module["name"]
        for node in client.nodes.info(metric="plugins")["nodes"].values()
        for module in node["modules"]
    }
    assert {"analysis-common", "lang-painless"} <= modules


def test_opensearch_builds_an_asciifolding_edge_ngram_analyzer():
    require_service("opensearch", answers(OPENSEARCH_URL), f"({OPENSEARCH_URL})")
    client = get_engine("opensearch", OPENSEARCH_URL).client
    name = f"snt_test_analysis_{uuid.uuid4().hex[:8]}"
    body = {
        "settings": {
            "number_of_replicas": 0,
            "analysis": {
                "filter": {"autocompletar": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15}},
                "analyzer": {
                    "autocompletar": {
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "autocompletar"],
                    }
                },
            },
        }
    }
    client.indices.create(index=name, body=body)
    try:
        tokens = client.indices.analyze(
            index=name, body={"analyzer": "autocompletar", "text": "Información"}
        )["tokens"]
        assert [t["token"] for t in tokens][:3] == ["in", "inf", "info"]
        assert "informacion" in [t["token"] for t in tokens]
    finally:
        client.indices.delete(index=name)
