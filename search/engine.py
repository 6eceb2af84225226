"""The engine adapter: one thin layer over Elasticsearch 8 and OpenSearch 2 clients.

The kind of engine is chosen by settings.SEARCH_ENGINE; everything above this module
(documents, analysis, queries, commands) is written once.
"""

from functools import lru_cache

from django.conf import settings


class Engine:
    kind = "database"

    def __init__(self, url=None, timeout=5.0):
        self.url = url
        self.timeout = timeout

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


class ElasticsearchEngine(Engine):
    kind = "elasticsearch"

    @property
    def client(self):
        from elasticsearch import Elasticsearch

        return _cached_client(Elasticsearch, self.url, self.timeout)

    def cluster_health(self, timeout):
        return self.client.options(request_timeout=timeout).cluster.health()


class OpenSearchEngine(Engine):
    kind = "opensearch"

    @property
    def client(self):
        from opensearchpy import OpenSearch

        return _cached_client(OpenSearch, self.url, self.timeout)


@lru_cache(maxsize=8)
def _cached_client(client_class, url, timeout):
    return client_class([url], request_timeout=timeout, max_retries=0)


ENGINES = {
    "database": DatabaseEngine,
    "elasticsearch": ElasticsearchEngine,
    "opensearch": OpenSearchEngine,
}


def get_engine(kind=None, url=None):
    kind = (kind or settings.SEARCH_ENGINE).lower()
    return ENGINES[kind](url or settings.SEARCH_URL, timeout=settings.SEARCH_TIMEOUT)
