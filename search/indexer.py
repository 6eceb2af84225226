"""From declared documents to the engine: the index, its alias, the outbox.

One direction for data: model change → signal → outbox row → django-task → engine.
"""

import hashlib
import json
import logging
import math
import time
from contextlib import closing
from datetime import date, datetime, timedelta

import orjson
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .analysis import CORE, FULL, fold, index_settings, mappings
from .engine import get_engine
from .models import IndexOutbox
from .registry import document_for, indexable_documents
from .tipos import copy_group, kind_words

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=10)
MAX_ATTEMPTS = 5
#: Back-offs for an entry the engine answers with a 5xx or a timeout before it counts as
#: this document's failure (search.engine.ClusterEngine.refuses_every_write).
MAX_TRANSIENT_ATTEMPTS = 12
BATCH = 500


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}contenido"


def new_index_name():
    return f"{alias_name()}_{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


_profile_cache = {}
PROFILE_CACHE_SECONDS = 30
#: What status, /healthz and the logs say when the live index was built by older code.
OUTDATED_MESSAGE = "reindexar: el índice tiene un mapeo anterior"


#: Text analysed in English for English documents only, into ``<name>_en`` fields: a query
#: in English filters on ``locale=en``, so a Spanish document's English analysis was never
#: searched, and analysing every body a third time (Spanish, plain, English) was a fifth of
#: the engine's indexing CPU (docs/millon.md).
ENGLISH_FIELDS = ("title", "summary", "tipo_texto", "body")
ENGLISH_SUFFIX = "_en"
#: The body's words as written (folded, unstemmed) for documents in a language with no
#: analysis of its own (Náhuatl, Zapoteco…), whose searches match them; a Spanish or English
#: body is analysed once, for its language. ``body.plano`` for every document was the
#: second largest indexing cost after the English subfields (docs/millon.md).
PLAIN_BODY = "body_plano"
#: Locales analysed in their own language: every other one gets PLAIN_BODY.
ANALYSED_LOCALES = ("es", "en")
#: How every document's body is analysed (with stems, in Spanish): what a word looked for
#: in the bodies goes through (search.query._word_in_index).
BODY_ANALYZER = mappings(FULL)["properties"]["body"]["analyzer"]


#: The fields a result's snippet is cut from (search.query), in the order it is looked for.
HIGHLIGHTED_FIELDS = ("body", "summary", "title")


def index_mappings(profile):
    """The mappings (search.analysis) as the index is built: what each field costs to index.

    - The English analysis of title, summary, kind and body is a field of its own
      (``title_en``…), filled for English documents only (``to_engine_doc``), instead of a
      subfield every document paid for.
    - Positions only where a phrase is matched: the English fields, the autocomplete
      n-grams and the spelling suggester's words are matched term by term; offsets too
      where a snippet is cut (``HIGHLIGHTED_FIELDS``).

    - The body is analysed once: in Spanish (``body``) for every document, in English too
      for English documents, and folded as written (``body_plano``) only for documents in
      other languages. A phrase is matched on the Spanish analysis of the body
      (``search.query``), which keeps positions.

    ``_source`` is stored whole: with some fields excluded, the engine keeps the whole
    document a second time for recovery (``_recovery_source``): excluding the English copies
    and ``suggest_text`` made 5,000 documents take 4.99 MB instead of 3.85 MB."""
    # Through JSON, not deepcopy: the text fields share one dict, which must become copies.
    body = json.loads(json.dumps(mappings(profile)))
    properties = body["properties"]
    # The fields snippets are cut from keep where each word is: the highlighter reads
    # those offsets instead of analysing every shown text again (measured at 10,000
    # documents: 13 % less engine time per search and a third fewer young collections,
    # the same snippets, an index 13 % larger).
    for name in HIGHLIGHTED_FIELDS:
        properties[name]["index_options"] = "offsets"
    plain = properties["body"].get("fields", {}).pop("plano", None)
    if profile != FULL:
        # The core profile folds every text in Python: ``body.plano`` was ``body`` again.
        return body
    properties[PLAIN_BODY] = plain
    for name in ENGLISH_FIELDS:
        english = properties[name].get("fields", {}).pop("en", None)
        if english:
            properties[name + ENGLISH_SUFFIX] = {**english, "index_options": "freqs"}
    autocomplete = properties["title"].get("fields", {}).get("autocompletar")
    if autocomplete:
        autocomplete["index_options"] = "freqs"
    # The term suggester reads each word's document frequency only.
    properties["suggest_text"].update(index_options="docs", norms=False)
    return body


def mapping_version(profile):
    """A short hash of the settings and mappings this code builds an index with (analyzers,
    synonyms, protected names, fields): stored in the index's ``_meta``, so an index built
    by older code is recognised and rebuilt instead of answering queries it cannot."""
    body = json.dumps(
        {"settings": index_settings(profile), "mappings": index_mappings(profile)},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def versioned_mappings(profile):
    body = index_mappings(profile)
    return {**body, "_meta": {**body.get("_meta", {}), "version": mapping_version(profile)}}


def live_meta(engine):
    """(index name, its ``_meta``) of the index behind the alias; (None, {}) without one."""
    targets = engine.alias_targets(alias_name())
    if not targets:
        return None, {}
    mapping = engine.client.indices.get_mapping(index=targets[0])[targets[0]]["mappings"]
    return targets[0], mapping.get("_meta", {}) or {}


def index_state(engine):
    """The live index against the code: {"index", "profile", "version", "expected",
    "outdated"}. ``expected`` is the version a rebuild would create now (the engine's
    profile, which may also have changed since); no index is not "outdated" (there is
    nothing stale to serve, the outbox or a rebuild creates it)."""
    from .analysis import detect_profile

    name, meta = live_meta(engine)
    expected = mapping_version(detect_profile(engine))
    version = meta.get("version") or ""
    return {
        "index": name,
        "profile": meta.get("profile") or "",
        "version": version,
        "expected": expected,
        "outdated": bool(name) and version != expected,
    }


def current_profile(engine, cached=False):
    """The analysis profile of the index behind the alias (None without an index).

    Queries pass cached=True: the answer is kept for a few seconds per process, so a
    search costs one round trip to the engine.
    """
    key = (engine.url, alias_name())
    if cached and key in _profile_cache:
        profile, at = _profile_cache[key]
        if time.monotonic() - at < PROFILE_CACHE_SECONDS:
            return profile
    _name, meta = live_meta(engine)
    profile = meta.get("profile")
    if profile:
        _profile_cache[key] = (profile, time.monotonic())
    else:
        _profile_cache.pop(key, None)
    return profile


def create_index(engine, profile):
    name = new_index_name()
    engine.create_index(
        name, {**index_settings(profile), **engine.serving_settings()}, versioned_mappings(profile)
    )
    return name


def ensure_index(engine):
    """Create the index and its alias if missing. Returns the profile in use."""
    from .analysis import detect_profile

    profile = current_profile(engine)
    if profile:
        return profile
    profile = detect_profile(engine)
    if profile == CORE:
        logger.warning(
            "El motor no tiene analysis-common: índice con perfil básico (sin raíces, "
            "sinónimos ni n-gramas)."
        )
    name = create_index(engine, profile)
    engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    return profile


#: The kind whose recency counts (search.query._ranked).
NEWS_KIND = "noticia"
#: What a result of any other kind adds to the base of 1 where a news item adds its recency
#: (1 for a news item of this week, 0.5 two months later, towards 0 after): recency orders
#: news among themselves and lifts a fresh one a little, but a recent news item that merely
#: mentions the words no longer doubles its score over the guide, page or event about them.
NEWS_NEUTRAL = 0.3


def popularity_of(doc):
    """A document's popularity as a finite number of at least 0 (0 when unknown)."""
    try:
        value = float(doc.get("popularity") or 0)
    except (TypeError, ValueError):
        return 0.0
    return value if math.isfinite(value) and value > 0 else 0.0


def prior(kind, popularity):
    """The part of what a document's text score is multiplied by that a search does not
    change: 1, NEWS_NEUTRAL for a kind other than news, and log10(1 + popularity) (the
    engine's «log1p»); a news item's recency is added to it at query time
    (search.query._recency_functions). Stored with the document, so a search reads one
    value per match instead of checking every match against a filter of the kinds that are
    not news."""
    return 1 + (NEWS_NEUTRAL if kind != NEWS_KIND else 0) + math.log10(1 + popularity)


def to_engine_doc(doc, profile):
    """Normalise a declared document for the engine."""
    value = doc.get("date")
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    out = {
        "id": doc["id"],
        "source": doc.get("source", ""),
        "kind": doc.get("kind", ""),
        "region": doc.get("region", ""),
        "site": doc.get("site", ""),
        "locale": doc.get("locale") or "es-mx",
        "url": doc.get("url", ""),
        "date": value.isoformat() if isinstance(value, date) else None,
        "year": str(value.year) if isinstance(value, date) else None,
        "topics": list(doc.get("topics") or []),
        "organismos": list(doc.get("organismos") or []),
        "popularity": popularity_of(doc),
        "prior": prior(doc.get("kind", ""), popularity_of(doc)),
        "estado": doc.get("estado") or "",
        "atiende": list(doc.get("atiende") or []),
        "grupo": copy_group(doc),
        "listado": bool(doc.get("listado")),
        "tipo_texto": f"{kind_words(doc.get('kind', ''), doc.get('estado') or '')} "
        f"{doc.get('palabras') or ''}".strip(),
        "title": doc.get("title", ""),
        "summary": doc.get("summary", "") or "",
        "body": doc.get("body", "") or "",
        "display": {
            "title": doc.get("title", ""),
            "summary": doc.get("summary", "") or "",
            "aviso": doc.get("aviso", "") or "",
        },
    }
    expires = doc.get("expires")
    out.update(
        path=doc.get("path") or "",
        plugin=doc.get("plugin") or "",
        expires=expires.isoformat() if isinstance(expires, (date, datetime)) else None,
    )
    out["suggest_text"] = f"{out['title']} {out['summary']}"
    if profile == FULL and out["locale"].startswith("en"):
        for field in ENGLISH_FIELDS:
            out[field + ENGLISH_SUFFIX] = out[field]
    elif profile == FULL and not out["locale"].startswith(ANALYSED_LOCALES):
        out[PLAIN_BODY] = out["body"]
    if profile == CORE:
        for field in ("title", "summary", "body", "suggest_text", "tipo_texto"):
            out[field] = fold(out[field])
    return out


def ndjson_chunks(docs, profile, max_bytes=None, max_docs=None):
    """The bulk request bodies for a stream of declared documents: (documents, NDJSON
    bytes) of about ``max_bytes`` each, serialised once with orjson (the standard json
    module took three times as long, the client's largest cost after generating the
    corpus). The index goes in the request's path, so each action line is only the id."""
    max_bytes = max_bytes or BULK_BYTES
    max_docs = max_docs or BULK_MAX_DOCS
    dumps = orjson.dumps
    lines, size, count = [], 0, 0
    for doc in docs:
        source = dumps(to_engine_doc(doc, profile))
        action = b'{"index":{"_id":' + dumps(doc["id"]) + b"}}"
        lines += (action, source)
        size += len(action) + len(source) + 2
        count += 1
        if size >= max_bytes or count >= max_docs:
            lines.append(b"")
            yield count, b"\n".join(lines)
            lines, size, count = [], 0, 0
    if lines:
        lines.append(b"")
        yield count, b"\n".join(lines)


#: While a new index is filled (nobody searches it yet): no refresh, no replica, the
#: translog synced in the background and flushed in large steps. Restored from the index's
#: own settings before the alias points at it.
BULK_SETTINGS = {
    "refresh_interval": "-1",
    "auto_expand_replicas": "false",
    "number_of_replicas": 0,
    "translog.durability": "async",
    "translog.flush_threshold_size": "1gb",
}
#: Bytes per bulk request: large enough that a request's fixed costs vanish (1,000
#: documents a request was 1.8 MB), small enough that two in flight sit easily in a
#: 512 MiB heap. About 4,500 of the benchmark's documents.
BULK_BYTES = 8 * 1024 * 1024
#: Documents per bulk request at most, whatever their size.
BULK_MAX_DOCS = 10_000


def served_settings(profile):
    """The settings BULK_SETTINGS changes, back as a served index has them (replicas are
    decided again by auto_expand_replicas)."""
    return {
        "refresh_interval": None,
        "auto_expand_replicas": index_settings(profile)["auto_expand_replicas"],
        "translog.durability": "request",
        "translog.flush_threshold_size": None,
    }


def bulk_load(engine, name, docs, profile, progress=None, fail_after=None, threads=1,
              chunk_bytes=None, chunk_docs=None):  # fmt: skip
    """Fill a new index from an iterable of declared documents, streamed (never held in a
    list); the index is refreshed and has its served settings back when this returns.

    The documents are read and serialised in this thread while ``threads`` sender
    threads keep the engine busy with the previous requests."""
    engine.put_settings(name, BULK_SETTINGS)
    chunks = ndjson_chunks(docs, profile, max_bytes=chunk_bytes, max_docs=chunk_docs)
    results = engine.send_bulks(name, chunks, threads=max(1, threads))
    count = 0
    # Closed at once when interrupted: the senders finish what they hold and stop, before
    # the caller deletes the index (a bulk sent afterwards would create it again).
    with closing(results):
        for acknowledged in results:
            if progress is None and fail_after is None:
                count += acknowledged
                continue
            for _ in range(acknowledged):
                count += 1
                if progress:
                    progress(count)
                if fail_after is not None and count >= fail_after:
                    raise RuntimeError("reconstrucción interrumpida")
    engine.put_settings(name, served_settings(profile))
    engine.refresh(name)
    return count


def rebuild(engine=None, progress=None, fail_after=None, docs=None, threads=1):
    """Build a new index from every document and swap the alias atomically.

    Search keeps answering from the old index during the build; if the build fails the
    new index is deleted and the old one keeps serving. ``docs`` replaces the declared
    documents (the benchmark's generated corpus).
    """
    from .analysis import detect_profile

    engine = engine or get_engine()
    profile = detect_profile(engine)
    name = create_index(engine, profile)
    # Index work recorded from here on goes to the index the alias names until the swap:
    # asked again afterwards (replay_since), for the new one.
    watermark = _outbox_watermark() if docs is None else None
    try:
        count = bulk_load(
            engine,
            name,
            indexable_documents() if docs is None else docs,
            profile,
            progress=progress,
            fail_after=fail_after,
            threads=threads,
        )
        old = engine.alias_targets(alias_name())
        actions = [{"remove": {"index": old_name, "alias": alias_name()}} for old_name in old]
        actions.append({"add": {"index": name, "alias": alias_name()}})
        engine.update_aliases(actions)
    except BaseException:
        engine.delete_index(name)
        raise
    if watermark is not None:
        replay_since(watermark)
    if old:
        # A search that resolved the alias just before the swap still runs on the old index:
        # deleted under it, it fails (seen once in 511 searches at a million documents).
        # Every search ends within SEARCH_TIMEOUT: the old index stays that long
        # (SEARCH_SWAP_GRACE).
        time.sleep(settings.SEARCH_SWAP_GRACE)
    for old_name in old:
        engine.delete_index(old_name)
    return {"index": name, "documents": count, "profile": profile}


#: Rows recorded this long before a rebuild starts are asked again too: a transaction that
#: took its outbox row earlier may commit after the rebuild has read the record.
REPLAY_MARGIN = timedelta(minutes=5)


def _outbox_watermark():
    """The outbox row from which a rebuild asks index work again (replay_since)."""
    before = IndexOutbox.objects.filter(creado__lt=timezone.now() - REPLAY_MARGIN)
    return before.aggregate(ultimo=Max("pk"))["ultimo"] or 0


def replay_since(watermark):
    """Ask again for the index work recorded after outbox row ``watermark``: a rebuild reads
    the database while editors keep working, and what changed after it read a record was
    applied to the index the alias named then, the old one. Each row is applied by reading
    the record's current state (_resolve), so asking again is always right; one row per
    document. Returns how many documents were asked for."""
    fields = ("accion", "doc_id", "source", "model_label", "object_pk")
    latest = {}
    rows = IndexOutbox.objects.filter(pk__gt=watermark).order_by("pk").values(*fields)
    for row in rows.iterator(chunk_size=BATCH):
        latest[row["doc_id"]] = row
    if not latest:
        return 0
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(**row) for row in latest.values()], batch_size=BATCH
    )
    transaction.on_commit(schedule_processing)
    return len(latest)


def mapping_health(engine):
    """What /healthz adds to the engine's state: degraded, saying so, when the live index
    has an older mapping (queries the code builds may fail on it); nothing otherwise."""
    if not engine.available:
        return {}
    try:
        state = index_state(engine)
    except Exception:  # the engine's own state already says whether it answers
        return {}
    if not state["outdated"]:
        return {}
    return {"state": "degraded", "detail": OUTDATED_MESSAGE, "mapping": state}


def rebuild_if_outdated(engine=None, progress=None, when_missing=True):
    """Rebuild (new index, atomic alias swap) when the live index was built with another
    mapping version, or (``when_missing``) when there is none. Returns the rebuild's
    result, or None when the live index is current."""
    engine = engine or get_engine()
    state = index_state(engine)
    if not state["outdated"] and (state["index"] or not when_missing):
        serving = engine.serving_settings() if state["index"] else {}
        if serving:
            # How queries run may change without the index's content: set on the live index.
            try:
                engine.put_settings(state["index"], serving)
            except Exception as exc:  # a cluster that refuses them still serves the index
                logger.warning("El motor no aceptó %s en %s (%s).", serving, state["index"], exc)
        return None
    if state["outdated"]:
        logger.warning(
            "%s (%s, versión %s; el código construye %s).",
            OUTDATED_MESSAGE,
            state["index"],
            state["version"] or "sin versión",
            state["expected"],
        )
    result = rebuild(engine, progress=progress)
    _profile_cache.clear()
    return result


# --- The outbox -------------------------------------------------------------------------


def enqueue(obj, accion=IndexOutbox.Accion.UPSERT):
    """Record index work for a record in the current transaction; run it after commit."""
    source, document = document_for(obj)
    if document is None:
        return None
    entry = IndexOutbox.objects.create(
        accion=accion,
        doc_id=document.document_id(obj),
        source=source,
        model_label=obj._meta.label_lower,
        object_pk=str(obj.pk),
    )
    transaction.on_commit(schedule_processing)
    return entry


def enqueue_many(source, document, queryset):
    """Reindex every record of a queryset (public or not: the outbox decides) in one
    insert: what a restriction, a plugin switch or a region's language change affects."""
    rows = [
        IndexOutbox(
            accion=IndexOutbox.Accion.UPSERT,
            doc_id=document.document_id(obj),
            source=source,
            model_label=obj._meta.label_lower,
            object_pk=str(obj.pk),
        )
        for obj in queryset.iterator(chunk_size=BATCH)
    ]
    if rows:
        IndexOutbox.objects.bulk_create(rows, batch_size=BATCH)
        transaction.on_commit(schedule_processing)
    return len(rows)


def schedule_processing(delay=None):
    from .tasks import process_outbox

    try:
        if delay and process_outbox.get_backend().supports_defer:
            process_outbox.using(run_after=timezone.now() + delay).enqueue()
        else:
            process_outbox.enqueue()
    except Exception:  # the outbox is durable: a later run picks the work up
        logger.exception("No se pudo programar el procesamiento del índice.")


def _resolve(entry):
    """The engine operation for an outbox entry: ('index', doc) or ('delete', id)."""
    if entry.accion == IndexOutbox.Accion.DELETE:
        return "delete", entry.doc_id
    model = apps.get_model(entry.model_label)
    obj = model._default_manager.filter(pk=entry.object_pk).first()
    if obj is None:
        return "delete", entry.doc_id
    if hasattr(obj, "specific"):
        obj = obj.specific
    source, document = document_for(obj)
    # One rule (cms.visibilidad through the document): anything not public leaves the index.
    if document is None or not document.is_public(obj):
        return "delete", entry.doc_id
    return "index", {"source": source, **document.build(obj)}


def _back_off(entry, exc):
    entry.intentos += 1
    entry.ultimo_error = f"{exc.__class__.__name__}: {exc}"[:2000]
    backoff = min(timedelta(seconds=2 ** min(entry.intentos, 10)), MAX_BACKOFF)
    entry.siguiente_intento = timezone.now() + backoff
    entry.save(update_fields=["intentos", "ultimo_error", "siguiente_intento"])
    logger.warning("Índice no disponible (%s); se reintenta en %s.", exc, backoff)
    schedule_processing(delay=backoff)


def merge_superseded(entries):
    """Several pending rows for one document collapse into the last: each row is applied by
    reading the record's current state (``_resolve``), so the last one covers the earlier
    ones. Returns (the rows still to apply, how many were merged)."""
    last = {entry.doc_id: entry.pk for entry in entries}
    superseded = [entry.pk for entry in entries if last[entry.doc_id] != entry.pk]
    if not superseded:
        return entries, 0
    IndexOutbox.objects.filter(pk__in=superseded, estado=IndexOutbox.Estado.PENDIENTE).update(
        estado=IndexOutbox.Estado.HECHO, aplicado=timezone.now()
    )
    keep = set(last.values())
    return [entry for entry in entries if entry.pk in keep], len(superseded)


def process_outbox(engine=None, limit=BATCH):
    """Apply pending work in order. Stops at the first engine failure and backs off.

    Returns (applied, pending).
    """
    engine = engine or get_engine()
    if not engine.available:
        return 0, IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).count()
    now = timezone.now()
    entries = list(
        IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).order_by("pk")[:limit]
    )
    if entries and entries[0].siguiente_intento and entries[0].siguiente_intento > now:
        return 0, len(entries)
    entries, applied = merge_superseded(entries)
    # Tests refresh at once; a site relies on the engine's one-second refresh interval.
    refresh = "true" if settings.SEARCH_REFRESH_ON_WRITE else "false"
    try:
        profile = ensure_index(engine)
    except Exception as exc:
        if entries:
            _back_off(entries[0], exc)
        return 0, len(entries)
    for entry in entries:
        try:
            operation, payload = _resolve(entry)
            if operation == "index":
                engine.client.index(
                    index=alias_name(),
                    id=payload["id"],
                    body=to_engine_doc(payload, profile),
                    refresh=refresh,
                )
            else:
                try:
                    engine.client.delete(index=alias_name(), id=payload, refresh=refresh)
                except engine.not_found_error:
                    pass
        except Exception as exc:
            if engine.is_transient(exc) and (
                engine.refuses_every_write(exc) or entry.intentos < MAX_TRANSIENT_ATTEMPTS
            ):
                # The engine is away, overloaded or refusing writes for a while: keep the
                # order, back off, retry this entry first (a removal is never dropped). A
                # 5xx answered to this entry alone that many times is this document's:
                # recorded below like bad data, so it never blocks the rest.
                _back_off(entry, exc)
                break
            # This document cannot be indexed (bad data, mapping error): record it and
            # move on, so one bad record never blocks the rest.
            entry.intentos += 1
            entry.ultimo_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            if entry.intentos >= MAX_ATTEMPTS:
                entry.estado = IndexOutbox.Estado.FALLIDO
            entry.save(update_fields=["intentos", "ultimo_error", "estado"])
            logger.exception("No se pudo indexar %s.", entry.doc_id)
            continue
        entry.estado = IndexOutbox.Estado.HECHO
        entry.aplicado = timezone.now()
        entry.save(update_fields=["estado", "aplicado"])
        applied += 1
    pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).count()
    return applied, pending
