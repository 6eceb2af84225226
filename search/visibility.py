"""Query-time visibility: the engine filters again on what ``cms.visibilidad`` knows now.

Index work for a change that hides content is queued at once (search.signals), but the
engine may apply it seconds later, or much later while it is down. Every query therefore
also leaves out, from what the index stores: pages under a restricted section or in a
language their site does not offer, a plugin's documents in a region where it is switched
off, pages whose expiry time has passed, and by their ids every page and record the rule
hides now (unpublished, a record in a state that is not public): what a failed,
late or lost write (an engine away, a rebuild that read a record before it changed) left
in the index is never shown.
"""

import itertools
import logging

from django.utils import timezone

from cms.visibilidad import ocultos

logger = logging.getLogger(__name__)


#: At most this many ids per query (the engines refuse a «terms» clause beyond 65,536): the
#: most recently hidden of each kind first. Beyond it, the oldest rely on their index work
#: having been applied long since.
MAX_HIDDEN = 10_000


def hidden_documents():
    """Index ids of every declared document that is not public now (SearchDocument.
    hidden_ids), remembered as ``ocultos()`` is: until something public changes."""
    from cms.cache import memo

    return memo("busqueda-documentos-ocultos", _hidden_documents)


def _hidden_documents():
    from .registry import documents

    per_kind = [document.hidden_ids() for _label, document in documents()]
    ids = []
    # Round-robin over the kinds, each most recent first, up to MAX_HIDDEN.
    for row in itertools.zip_longest(*per_kind):
        ids.extend(doc_id for doc_id in row if doc_id is not None)
        if len(ids) >= MAX_HIDDEN:
            logger.warning(
                "Más de %s documentos ocultos: la consulta excluye por id los más recientes.",
                MAX_HIDDEN,
            )
            break
    return tuple(sorted(set(ids[:MAX_HIDDEN])))


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
