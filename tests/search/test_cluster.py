"""The application takes several nodes of one cluster (SEARCH_URL comma-separated) and keeps
answering when one of them is down; indices get a replica as soon as there is a second
node to hold it."""

from search import indexer
from search.engine import BUILD_TIMEOUT, get_engine, node_urls
from tests.conftest import require_service
from tests.services import OPENSEARCH_URL, answers, closed_port_url


def test_search_url_may_list_several_nodes():
    assert node_urls(" http://a:9200, http://b:9200 ,,http://c:9200") == [
        "http://a:9200",
        "http://b:9200",
        "http://c:9200",
    ]
    assert node_urls("http://a:9200") == ["http://a:9200"]
    assert node_urls("") == []


def test_a_node_that_is_down_is_skipped(settings):
    require_service("opensearch", answers(OPENSEARCH_URL), f"({OPENSEARCH_URL})")
    down = closed_port_url()
    engine = get_engine("opensearch", f"{down},{OPENSEARCH_URL}")
    # Every request, whichever node the pool tries first, is answered.
    for _ in range(6):
        assert engine.client.cluster.health()["cluster_name"]
    assert engine.health()["state"] == "ok"


def test_indices_ask_for_a_replica_when_a_second_node_exists(full_engine, settings):
    indexer.ensure_index(full_engine)
    target = full_engine.alias_targets(indexer.alias_name())[0]
    index = full_engine.index_settings(target)["settings"]["index"]
    assert index["auto_expand_replicas"] == "0-1"
    # One node: no replica to wait for, the index is green.
    health = full_engine.client.cluster.health(index=target, wait_for_status="green")
    assert health["status"] == "green" and not health["timed_out"]


def test_searches_wait_no_longer_than_search_timeout():
    # opensearch-py ignores request_timeout as a constructor option: each connection kept
    # its default 10 s, so a hung node held a citizen's search twice as long as configured.
    require_service("opensearch", answers(OPENSEARCH_URL), f"({OPENSEARCH_URL})")
    engine = get_engine("opensearch", OPENSEARCH_URL)
    engine.timeout = 1.5
    connections = engine.client.transport.connection_pool.connections
    assert connections and {connection.timeout for connection in connections} == {1.5}
    # Index building keeps its own, longer timeout.
    built = engine.build_client.transport.connection_pool.connections
    assert {connection.timeout for connection in built} == {max(1.5, BUILD_TIMEOUT)}
