"""search_benchmark can keep its index (--conservar) and measure the searches again on it
without indexing (--sin-indexar): a large corpus is built once and measured many times."""

from io import StringIO

from django.core.management import call_command


def _benchmark(settings, prefix, *flags):
    out = StringIO()
    call_command(
        "search_benchmark", "--docs", "300", "--queries", "5", "--sin-postgres",
        "--url", settings.SEARCH_URL, "--prefijo", prefix, "--calentamiento", "0", *flags,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def _indices(engine, prefix):
    return sorted(engine.client.indices.get(index=f"{prefix}*", ignore_unavailable=True))


def test_un_indice_conservado_se_mide_otra_vez_sin_indexar(full_engine, settings):
    prefix = f"{settings.SEARCH_INDEX_PREFIX}conservar_"
    kept = _benchmark(settings, prefix, "--conservar")
    assert f"Índice conservado: alias {prefix}contenido." in kept
    indices = _indices(full_engine, prefix)
    assert len(indices) == 1
    assert full_engine.client.count(index=f"{prefix}contenido")["count"] == 300

    # A warm-up asked: searches only, nothing indexed, not even untimed.
    again = _benchmark(settings, prefix, "--sin-indexar", "--calentamiento", "0.1")
    assert "indexación:" not in again and "búsqueda p95:" in again
    assert "Indexación sin contar" not in again and "Antes de indexar" not in again
    # The first pass (one at least, untimed) is reported beside the table.
    assert "autocompletados sin contar (pedidos 0.1 s, una pasada al menos)" in again
    assert "la primera pasada, sobre el índice conservado, dio p50" in again
    assert "la primera pasada, con el motor como lo dejó la indexación, dio p50" in kept
    assert "| 300 | opensearch (full) | — |" in again
    # Measured on the same index, never rebuilt nor deleted.
    assert _indices(full_engine, prefix) == indices

    _benchmark(settings, prefix)  # without either option the run deletes its own indices
    assert _indices(full_engine, prefix) == []
