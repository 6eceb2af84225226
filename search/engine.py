"""The engine adapter: one thin layer over the Elasticsearch 8 and OpenSearch 2 clients.

settings.SEARCH_ENGINE chooses the engine. Everything above this module (documents,
analysis, queries, commands) is written once against the small API below and the DSL
classes it exposes (elasticsearch-dsl or opensearch-py's DSL, which share one API).
"""

import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from django.conf import settings

#: Seconds a request that builds an index may take (see ClusterEngine.build_client).
BUILD_TIMEOUT = 120.0


#: Statuses of a request the engine may answer if asked again later (Engine.is_transient).
TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504}


def _status(exc):
    """The HTTP status of a client error, for either client library (None when none)."""
    status = getattr(exc, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(exc, "meta", None), "status", None)
    return status if isinstance(status, int) else None


class EngineUnavailable(Exception):
    """The search cluster cannot be reached or refused the request."""


class BulkRejected(Exception):
    """The engine refused some documents of a bulk request (mapping, bad data)."""

    def __init__(self, failures):
        self.failures = failures
        super().__init__(f"{len(failures)} documentos rechazados: {failures[:3]}")


#: What a bulk response keeps: whether a document failed, and each failure (a response that
#: lists every document's result costs the engine and the client more than the request).
BULK_FILTER_PATH = "errors,items.*.error"


class Engine:
    kind = "database"

    def __init__(self, url=None, timeout=5.0):
        self.url = url
        self.timeout = timeout
        self._version = None

    @property
    def available(self):
        return self.kind != "database"

    @property
    def client(self):
        raise NotImplementedError

    def health(self):
        """State of the engine as {'state': ok|degraded|down, ...}; never raises."""
        try:
            info = self.cluster_health(timeout=min(self.timeout, 3))
        except Exception as exc:  # any transport or HTTP error means the engine is down
            return {"state": "down", "engine": self.kind, "detail": exc.__class__.__name__}
        status = info.get("status")
        return {
            "state": "ok" if status in {"green", "yellow"} else "degraded",
            "engine": self.kind,
            "cluster_status": status,
        }

    def cluster_health(self, timeout):
        return self.client.cluster.health(request_timeout=timeout)


class DatabaseEngine(Engine):
    """No search cluster configured: search answers from the database."""

    def health(self):
        return {
            "state": "degraded",
            "engine": "database",
            "detail": "sin motor de búsqueda configurado; se busca en la base de datos",
        }


class ClusterEngine(Engine):
    """Operations whose call shape differs between the two clients."""

    client_class = None
    dsl = None
    #: Constructor options of the index-building client, as (name, value) pairs.
    build_options = ()

    @property
    def client(self):
        return _cached_client(
            self.client_class, self.url, self.timeout, self.timeout_options(self.timeout)
        )

    def timeout_options(self, timeout):
        """Constructor options that make ``timeout`` the connections' own timeout."""
        return ()

    @property
    def build_client(self):
        """For building an index (bulk requests, settings, refresh): nobody waits on these,
        and on a busy node a 1,000-document bulk may take longer than a search may."""
        return _cached_client(
            self.client_class, self.url, max(self.timeout, BUILD_TIMEOUT), self.build_options
        )

    # DSL entry points, shared API.
    def search(self, index):
        return self.dsl.Search(using=self.client, index=index)

    def multi_search(self, searches):
        """Several searches in one request (one round trip; the engine runs them side by
        side): their responses, in order.

        A search that failed inside it (the request itself answered) is sent once more on
        its own, as a single search is: the client then retries it on another node when
        there are several; if it fails again it raises, as a single search does."""
        request = self.dsl.MultiSearch(using=self.client)
        for s in searches:
            request = request.add(s)
        responses = request.execute(raise_on_error=False)
        pairs = zip(searches, responses, strict=True)
        return [r if r is not None else s.execute() for s, r in pairs]

    def Q(self, *args, **kwargs):  # noqa: N802 - mirrors the DSL's name
        return self.dsl.Q(*args, **kwargs)

    def A(self, *args, **kwargs):  # noqa: N802
        return self.dsl.A(*args, **kwargs)

    def send_bulk(self, index, body):
        """One bulk request whose NDJSON body is already bytes (no helper re-serialises
        it); raises BulkRejected if any document was refused."""
        response = self._bulk(index, body)
        if response.get("errors"):
            failures = [
                result
                for item in response.get("items", [])
                for result in item.values()
                if "error" in result
            ]
            raise BulkRejected(failures)

    def send_bulks(self, index, chunks, threads=1):
        """Send (documents, body) chunks from ``threads`` sender threads while the caller's
        thread builds the next ones (at most ``threads`` requests in flight); yields each
        chunk's document count once the engine acknowledged it, in order.

        The chunks are read in the caller's thread (documents may come from the
        database). Closed early, nothing more is sent and the requests in flight finish
        before this returns: none can land after the caller deleted the index."""
        pending = deque()
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="bulk") as pool:
            try:
                for count, body in chunks:
                    pending.append((count, pool.submit(self.send_bulk, index, body)))
                    while len(pending) >= threads:
                        count, future = pending.popleft()
                        future.result()
                        yield count
                while pending:
                    count, future = pending.popleft()
                    future.result()
                    yield count
            finally:
                for _count, future in pending:
                    future.cancel()

    def store_size(self, name):
        """Bytes the index takes on disk (primaries and replicas)."""
        stats = self.client.indices.stats(index=name, metric="store")
        return stats["_all"]["total"]["store"]["size_in_bytes"]

    def node_memory(self):
        """Per node: JVM heap (maximum, peak of the old generation) and the process id."""
        info = self.client.nodes.info(metric="process")["nodes"]
        nodes = self.client.nodes.stats(metric="jvm")["nodes"]
        return [
            {
                "name": node.get("name", ""),
                "heap_max": node["jvm"]["mem"]["heap_max_in_bytes"],
                "heap_used": node["jvm"]["mem"]["heap_used_in_bytes"],
                "old_peak": node["jvm"]["mem"]["pools"].get("old", {}).get("peak_used_in_bytes", 0),
                "pid": info.get(node_id, {}).get("process", {}).get("id"),
            }
            for node_id, node in nodes.items()
        ]

    def process_cpu_seconds(self):
        """CPU time the engine's processes have used, summed over the nodes."""
        nodes = self.client.nodes.stats(metric="process")["nodes"].values()
        return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes) / 1000

    def modules(self):
        """Names of the plugins and modules every node has loaded."""
        nodes = self.client.nodes.info(metric="plugins")["nodes"].values()
        names = None
        for node in nodes:
            node_names = {m["name"] for m in node.get("modules", []) + node.get("plugins", [])}
            names = node_names if names is None else names & node_names
        return names or set()

    def is_transient(self, exc):
        """Whether a failed request is worth asking again later, in order: the engine away,
        overloaded (429, 5xx) or refusing writes for a while (a cluster block: a full disk,
        an index closed for maintenance). Anything else is about the document itself."""
        return _status(exc) in TRANSIENT_STATUSES or self.refuses_every_write(exc)

    def refuses_every_write(self, exc):
        """Whether a failure is the engine's, whatever the document: away, overloaded (429)
        or blocking writes. A 5xx may be one document's (a body a proxy refuses)."""
        if isinstance(exc, self.connection_errors):
            return True
        status = _status(exc)
        return status == 429 or (status == 403 and "cluster_block" in str(exc))

    def index_exists(self, name):
        return bool(self.client.indices.exists(index=name))

    def version(self):
        """The engine's version as a tuple of numbers ((2, 19, 6)); read once per engine."""
        if self._version is None:
            number = self.client.info()["version"]["number"]
            self._version = tuple(int(part) for part in re.findall(r"\d+", number)[:3])
        return self._version

    def serving_settings(self):
        """Index settings for how queries run, not what an index holds (never part of its
        mapping version): applied when an index is created and to the live one when it is
        current (search.indexer.rebuild_if_outdated)."""
        return {}

    def alias_targets(self, alias):
        """Indices behind an alias (empty if the alias does not exist)."""
        try:
            return sorted(self.client.indices.get_alias(name=alias).keys())
        except self.not_found_error:
            return []

    def delete_index(self, name):
        self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self, name):
        self.build_client.indices.refresh(index=name)


class ElasticsearchEngine(ClusterEngine):
    kind = "elasticsearch"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import elasticsearch
        import elasticsearch_dsl

        self.client_class = elasticsearch.Elasticsearch
        self.dsl = elasticsearch_dsl
        self.not_found_error = elasticsearch.NotFoundError
        self.connection_errors = (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout)

    def cluster_health(self, timeout):
        return self.client.options(request_timeout=timeout).cluster.health()

    def create_index(self, name, settings_, mappings):
        self.client.indices.create(index=name, settings=settings_, mappings=mappings)

    def update_aliases(self, actions):
        self.client.indices.update_aliases(actions=actions)

    def put_settings(self, name, settings_):
        self.build_client.indices.put_settings(index=name, settings={"index": settings_})

    def _bulk(self, index, body):
        return self.build_client.bulk(
            operations=body, index=index, filter_path=BULK_FILTER_PATH
        ).body

    def analyze(self, index, analyzer, text):
        response = self.client.indices.analyze(index=index, analyzer=analyzer, text=text)
        return [token["token"] for token in response["tokens"]]

    def index_settings(self, name):
        return self.client.indices.get(index=name)[name]


class OpenSearchEngine(ClusterEngine):
    kind = "opensearch"
    # opensearch-py reads a connection's timeout from ``timeout`` (``request_timeout`` is
    # per request) and keeps one pooled connection unless told: the bulk senders need more.
    build_options = (("timeout", BUILD_TIMEOUT), ("pool_maxsize", 8))

    def timeout_options(self, timeout):
        # Without it a search waits the client's default 10 s, not SEARCH_TIMEOUT.
        return (("timeout", timeout),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import opensearchpy

        self.client_class = opensearchpy.OpenSearch
        self.dsl = opensearchpy
        self.not_found_error = opensearchpy.NotFoundError
        self.connection_errors = (opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout)

    def create_index(self, name, settings_, mappings):
        self.client.indices.create(index=name, body={"settings": settings_, "mappings": mappings})

    def update_aliases(self, actions):
        self.client.indices.update_aliases(body={"actions": actions})

    def put_settings(self, name, settings_):
        self.build_client.indices.put_settings(index=name, body={"index": settings_})

    def _bulk(self, index, body):
        return self.build_client.bulk(body=body, index=index, filter_path=BULK_FILTER_PATH)

    def analyze(self, index, analyzer, text):
        body = {"analyzer": analyzer, "text": text}
        response = self.client.indices.analyze(index=index, body=body)
        return [token["token"] for token in response["tokens"]]

    def index_settings(self, name):
        return self.client.indices.get(index=name)[name]

    def serving_settings(self):
        """Concurrent segment search: a query's segments are searched in up to
        SEARCH_SLICES slices at once («auto»: the requests with aggregations, every citizen
        search), so one query uses the node's cores. Measured on one node with 2 cores and
        100,000 documents: p95 of the benchmark's 200 queries 121–131 → 76–83 ms, the same
        throughput with 4 clients (31–32 searches/s), the same answers. Without a slice
        count OpenSearch makes one slice of up to 250,000 documents, i.e. none here.
        OpenSearch 2.17 and later (the «mode» setting)."""
        slices = settings.SEARCH_SLICES
        if slices < 2 or self.version() < (2, 17):
            return {}
        return {
            "search.concurrent_segment_search.mode": "auto",
            "search.concurrent.max_slice_count": slices,
        }


def node_urls(url):
    """SEARCH_URL may name several nodes of one cluster, separated by commas."""
    return [part.strip() for part in str(url or "").split(",") if part.strip()]


@lru_cache(maxsize=8)
def _cached_client(client_class, url, timeout, options=()):
    nodes = node_urls(url)
    # Several nodes: a request that finds one down (refused, timed out, 502/503/504) is
    # retried on the next, which the client's pool tries first from then on.
    return client_class(
        nodes,
        request_timeout=timeout,
        max_retries=len(nodes) - 1,
        retry_on_timeout=len(nodes) > 1,
        retry_on_status=(502, 503, 504) if len(nodes) > 1 else (),
        **dict(options),
    )


ENGINES = {
    "database": DatabaseEngine,
    "elasticsearch": ElasticsearchEngine,
    "opensearch": OpenSearchEngine,
}


def get_engine(kind=None, url=None):
    kind = (kind or settings.SEARCH_ENGINE).lower()
    return ENGINES[kind](url or settings.SEARCH_URL, timeout=settings.SEARCH_TIMEOUT)
