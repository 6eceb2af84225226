import hashlib
import json
import logging
import pickle
import threading
import time
from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms import cache as page_cache
from cms.cache import memo
from cms.limites import limitar
from regiones.models import Region

from .models import ConsultaBusqueda
from .query import FACETS, BadSearchRequest, parse_request, search
from .tipos import kind_label, state_label

logger = logging.getLogger(__name__)

FACET_LABELS = {"region": "Región", "tipo": "Tipo", "organismo": "Institución",
                "tema": "Tema", "anio": "Año"}  # fmt: skip


def rate_limited(request, scope, limit=None):
    """Count this request against the client's per-minute limit (cms.limites, shared by
    every server). Over it, raises ``Limitado``: a Spanish 429 with Retry-After."""
    limitar(request, scope, limit or settings.SEARCH_API_RATE_LIMIT)
    return False


def _site_and_region(request):
    def lookup():
        site = Site.find_for_request(request)
        return site, Region.for_site(site)

    # Two queries a search saved: sites and regions change only with a purge.
    return memo(("sitio", request.get_host(), request.get_port()), lookup)


def _region_names():
    return memo("nombres-regiones", lambda: dict(Region.objects.values_list("slug", "nombre")))


def _value_labels():
    """Facet values are what the index stores (region slugs, kind codes); people read
    names."""
    return {"region": _region_names()}


def _label(name, value, labels):
    if name == "tipo":
        return kind_label(value)
    return labels.get(name, {}).get(value, value)


def labelled_facets(facets):
    """{facet: [{value, label, count, selected}]} for the page and the API alike."""
    labels = _value_labels()
    return {
        name: [{**v, "label": _label(name, v["value"], labels)} for v in values]
        for name, values in facets.items()
    }


def labelled_results(results):
    """Each result with its kind, state and region in words, its own date as a date, and
    the other regions where the same item is published."""
    regions = _region_names()
    for item in results:
        item["kind_label"] = kind_label(item.get("kind"))
        item["estado_label"] = state_label(item.get("estado", ""))
        item["region_label"] = regions.get(item.get("region"), item.get("region"))
        for copy in item.get("tambien_en", []):
            copy["region_label"] = regions.get(copy["region"], copy["region"])
        try:
            item["fecha"] = date.fromisoformat(str(item.get("date") or "")[:10])
        except ValueError:
            item["fecha"] = None
    return results


def _context(request):
    site, region = _site_and_region(request)
    # Spanish unless the page the visitor came from (or the request) names another language.
    locale = settings.LANGUAGE_CODE
    return site, region, locale


def _record(search_request, result):
    if not search_request.q:
        return
    ConsultaBusqueda.registrar(search_request.q, search_request.region, result.total, result.engine)


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _result_key(search_request, generation):
    raw = json.dumps(search_request.__dict__, sort_keys=True, default=str)
    return f"busqueda:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


class _ProcessResults:
    """Search answers kept in this process's memory (pickled: the caller labels the results
    it gets, and a later visitor must get them as the engine gave them), oldest dropped
    first beyond ``MAX`` entries."""

    MAX = 512

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, timeout):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry[0] >= timeout:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
        return pickle.loads(entry[1])

    def set(self, key, value):
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.entries[key] = (time.monotonic(), data)
            self.entries.move_to_end(key)
            while len(self.entries) > self.MAX:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_process_results = _ProcessResults()


def _shared(cache):
    """Whether answers are also kept in the shared page cache. Not when it is the one-host
    file cache: Django's FileBasedCache lists its whole directory on every write (10 ms of
    CPU per search at 5,000 cached files, more than the rest of a search), and a search
    that is never asked again would pay it for nothing. The processes of one host each keep
    their own answers instead; a shared cache that writes cheaply (Redis, several servers)
    keeps them for every server."""
    return not isinstance(cache, FileBasedCache)


def _cached_search(request, search_request):
    """The engine's answer, kept SEARCH_CACHE_TIMEOUT seconds for anonymous visitors under
    the page-cache generation: whatever purges pages (a publish, an unpublish, a
    restriction, a plugin switch, a promotion) drops it too. Kept in the process (every
    server's processes read the generation from the shared cache on each request) and, when
    the page cache is shared and cheap to write, there as well: the same query on the same
    site, language, filters and page is asked once per process, not once per visitor."""
    timeout = settings.SEARCH_CACHE_TIMEOUT
    options = page_cache.page_cache_settings()
    if timeout <= 0 or not options["ENABLED"] or not _anonymous(request):
        return search(search_request)
    try:
        cache = page_cache._cache()
        # The generation the request has already read (its site and region are remembered
        # under it): no second read of the shared cache.
        key = _result_key(search_request, page_cache._memo_generation())
        stored = _process_results.get(key, timeout)
        if stored is None and _shared(cache):
            stored = cache.get(key)
            if stored is not None:
                _process_results.set(key, stored)
    except Exception:
        logger.exception("Search cache unavailable; asking the engine")
        return search(search_request)
    if stored is not None:
        return stored
    result = search(search_request)
    # An answer from the database fallback (engine away) is not kept: the engine's comes
    # back as soon as it does.
    if result.engine != "database":
        try:
            _process_results.set(key, result)
            if _shared(cache):
                cache.set(key, result, timeout)
        except Exception:
            logger.exception("Could not keep a search result")
    return result


def _run(request):
    site, region, locale = _context(request)
    search_request = parse_request(
        request.GET,
        region=region.slug if region else "",
        site_id=site.pk if site else None,
        locale=locale,
    )
    result = _cached_search(request, search_request)
    _record(search_request, result)
    return search_request, result


@require_GET
def buscar(request):
    rate_limited(request, "buscar-pagina", settings.SEARCH_PAGE_RATE_LIMIT)
    site, region, _ = _context(request)
    try:
        search_request, result = _run(request)
    except BadSearchRequest as error:
        return render(
            request,
            "search/buscar.html",
            {"error": str(error), "region_actual": region},
            status=400,
        )
    labelled = labelled_facets(result.facets)
    facets = [
        {"name": name, "label": FACET_LABELS[name], "values": labelled.get(name, [])}
        for name in FACETS
    ]
    labelled_results(result.results)
    query_without_page = request.GET.copy()
    query_without_page.pop("pagina", None)
    return render(
        request,
        "search/buscar.html",
        {
            "busqueda": search_request,
            "resultado": result,
            "facetas": facets,
            "query_string": query_without_page.urlencode(),
            "paginas": range(1, (result.pages or 0) + 1),
        },
    )
