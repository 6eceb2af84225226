"""The index carries the version of the mapping it was built with (a hash of the settings
and mappings search/indexer.py builds). An index built by older code is reported by
search_status and /healthz and rebuilt (alias swap) by search_reindex --si-hace-falta and by
bootstrap_snt, so a deploy that changes the mapping never leaves search answering from the
database because its queries no longer fit the live index."""

from io import StringIO

from django.core.management import call_command

from search import benchmark, indexer
from search.analysis import CORE, FULL, index_settings


def _older_index(engine, profile):
    """An index behind the alias as an earlier release built it: same shape, another
    version in its ``_meta``, one document."""
    name = f"{indexer.alias_name()}_anterior"
    mappings = indexer.versioned_mappings(profile)
    mappings["_meta"]["version"] = "0000000000000000"
    engine.create_index(name, index_settings(profile), mappings)
    engine.client.index(index=name, id="viejo", body={"id": "viejo", "title": "viejo"})
    engine.refresh(name)
    engine.update_aliases([{"add": {"index": name, "alias": indexer.alias_name()}}])
    return name


def test_the_version_follows_the_mapping(monkeypatch):
    assert indexer.mapping_version(FULL) == indexer.mapping_version(FULL)
    assert indexer.mapping_version(FULL) != indexer.mapping_version(CORE)
    before = indexer.mapping_version(FULL)
    original = indexer.mappings

    def with_one_more_field(profile):
        body = original(profile)
        body["properties"] = {**body["properties"], "nuevo": {"type": "keyword"}}
        return body

    monkeypatch.setattr(indexer, "mappings", with_one_more_field)
    assert indexer.mapping_version(FULL) != before


def test_a_built_index_stores_the_current_version(engine):
    result = indexer.rebuild(engine, docs=benchmark.generate(5))
    state = indexer.index_state(engine)
    assert state["index"] == result["index"]
    assert state["version"] == indexer.mapping_version(result["profile"]) == state["expected"]
    assert not state["outdated"]
    out = StringIO()
    call_command("search_reindex", si_hace_falta=True, stdout=out)
    assert "al día" in out.getvalue()
    assert engine.alias_targets(indexer.alias_name()) == [result["index"]]


def _search_health(client, settings):
    settings.SNT_HEALTHZ_TOKEN = "vigilancia"
    response = client.get("/healthz", HTTP_HOST="localhost", HTTP_X_HEALTHZ_TOKEN="vigilancia")
    return response.json()["checks"]["search"]


def test_an_index_with_an_older_mapping_is_reported_and_rebuilt(engine, client, settings):
    from search.analysis import detect_profile

    old = _older_index(engine, detect_profile(engine))
    state = indexer.index_state(engine)
    assert state["outdated"] and state["version"] == "0000000000000000"

    status = StringIO()
    call_command("search_status", stdout=status)
    assert indexer.OUTDATED_MESSAGE in status.getvalue()
    health = _search_health(client, settings)
    assert health["state"] == "degraded"
    assert health["detail"] == indexer.OUTDATED_MESSAGE

    out = StringIO()
    call_command("search_reindex", si_hace_falta=True, stdout=out)
    (new,) = engine.alias_targets(indexer.alias_name())
    assert new != old and not engine.index_exists(old)
    assert not indexer.index_state(engine)["outdated"]
    status = StringIO()
    call_command("search_status", stdout=status)
    assert indexer.OUTDATED_MESSAGE not in status.getvalue()
    assert _search_health(client, settings)["state"] == "ok"


def test_bootstrap_rebuilds_an_index_with_an_older_mapping(engine):
    from search.analysis import detect_profile

    old = _older_index(engine, detect_profile(engine))
    out = StringIO()
    call_command("bootstrap_snt", port=80, stdout=out)
    assert "índice reconstruido con el mapeo actual" in out.getvalue()
    (new,) = engine.alias_targets(indexer.alias_name())
    assert new != old and not indexer.index_state(engine)["outdated"]
    # A current index is left alone.
    call_command("bootstrap_snt", port=80, stdout=StringIO())
    assert engine.alias_targets(indexer.alias_name()) == [new]
