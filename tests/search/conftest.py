import uuid

import pytest

from search.engine import get_engine
from tests.conftest import require_service
from tests.services import ELASTICSEARCH_URL, OPENSEARCH_URL, answers

ENGINE_URLS = {"opensearch": OPENSEARCH_URL, "elasticsearch": ELASTICSEARCH_URL}


def _use_engine(settings, kind):
    url = ENGINE_URLS[kind]
    require_service(kind, answers(url), f"({url})")
    settings.SEARCH_ENGINE = kind
    settings.SEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"snt_test_{uuid.uuid4().hex[:10]}_"
    engine = get_engine(kind, url)
    # Start from an empty outbox: work left by the session's set-up is not this test's.
    from search.models import IndexOutbox

    IndexOutbox.objects.all().delete()
    return engine


def indice_de_solo_lectura(kind):
    """A generator for a module-scoped fixture (inside ``django_db_blocker.unblock()``):
    every indexable document, indexed once under a prefix of its own, yielded as (kind,
    url, prefix) for ``usar_indice``; deleted when the fixture ends. For tests that only
    read the index."""
    from django.test import override_settings

    from search import indexer

    url = ENGINE_URLS[kind]
    require_service(kind, answers(url), f"({url})")
    prefix = f"snt_test_{uuid.uuid4().hex[:10]}_"
    engine = get_engine(kind, url)
    with override_settings(SEARCH_ENGINE=kind, SEARCH_URL=url, SEARCH_INDEX_PREFIX=prefix):
        indexer.rebuild(engine)
    yield kind, url, prefix
    engine.client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def usar_indice(settings, indice):
    """Point this test's settings at an index built by ``indice_de_solo_lectura``."""
    kind, url, prefix = indice
    settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX = kind, url, prefix
    return get_engine(kind, url)


@pytest.fixture(params=["opensearch", "elasticsearch"])
def engine(request, settings, db):
    """Each contract test runs against both engines."""
    engine = _use_engine(settings, request.param)
    yield engine
    engine.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True)


@pytest.fixture
def full_engine(settings, db):
    """The engine with Spanish analysis (OpenSearch with analysis-common)."""
    engine = _use_engine(settings, "opensearch")
    yield engine
    engine.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}*", ignore_unavailable=True)


def require_full_profile(engine):
    from search.analysis import FULL, detect_profile

    require_service(
        f"El análisis en español de {engine.kind} (analysis-common)",
        detect_profile(engine) == FULL,
        "La prueba se ejecuta en OpenSearch con analysis-common (make test).",
    )
