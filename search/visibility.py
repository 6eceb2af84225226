"""Query-time visibility: the engine filters again on what ``cms.visibilidad`` knows now.

Index work for a change that hides content is queued at once (search.signals), but the
engine may apply it seconds later, or much later while it is down. Every query therefore
also leaves out, from what the index stores: pages under a restricted section or in a
language their site does not offer, a plugin's documents in a region where it is switched
off, pages whose expiry time has passed, and by their ids every page and record the rule
hides now (unpublished, a state that is not public, an inactive account): what a failed,
late or lost write (an engine away, a rebuild that read a record before it changed) left
in the index is never shown.
"""

from django.utils import timezone

from cms.visibilidad import ocultos


def hidden_documents():
    """Index ids of every declared document that is not public now (SearchDocument.
    hidden_ids), remembered as ``ocultos()`` is: until something public changes."""
    from cms.cache import memo

    return memo("busqueda-documentos-ocultos", _hidden_documents)


def _hidden_documents():
    from .registry import documents

    ids = set()
    for _label, document in documents():
        ids.update(document.hidden_ids())
    return tuple(sorted(ids))


def query_filter(engine, now=None):
    """One bool clause for a query's filter context."""
    state = ocultos()
    must_not = [
        engine.Q("prefix", path=path)
        for path in state.rutas_restringidas + state.inicios_sin_idioma
    ]
    for label, regions in sorted(state.complementos_apagados.items()):
        must_not.append(
            engine.Q(
                "bool",
                filter=[engine.Q("term", plugin=label), engine.Q("terms", region=sorted(regions))],
            )
        )
    hidden = hidden_documents()
    if hidden:
        must_not.append(engine.Q("terms", id=list(hidden)))
    # Excluding what has expired touches only documents with an expiry, where asking for
    # the others (no expiry, or one still ahead) read every document of the index.
    now = (now or timezone.now()).isoformat()
    must_not.append(engine.Q("range", expires={"lte": now}))
    return engine.Q("bool", must_not=must_not)
