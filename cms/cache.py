"""Page cache: anonymous GETs of public pages are answered from a cache shared by every
application process, and the whole cache is purged when anything public changes.

Built on Django's cache framework (any backend: files on one host, Redis across hosts). A
purge does not delete entries: it moves a *generation* number that is part of every key, so
it is one write whatever the size of the cache, and old entries age out on their own.

What is never cached: requests carrying a session or messages cookie (editors, people who
just sent a form), paths in ``SNT_PAGE_CACHE["EXCLUDE"]`` (admin, search, health, API
queries), anything that is not a plain 200 GET, and responses that set a cookie or say
``private``/``no-cache``/``no-store``, nor a query string with a parameter the page did not
read (``ParametrosLeidos``: any visitor can send endless ``?x=...``). A hit touches neither
the database nor the session, so cached pages keep serving while the database is away.
"""

import hashlib
import logging
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "paginas:generacion"
HEADER = "X-Cache"
# Headers that describe one response to one client, never replayed from the cache.
_NOT_STORED = {"set-cookie", "vary", HEADER.lower()}


def page_cache_settings():
    defaults = {
        "ENABLED": True,
        # False: every page is rendered (never stored nor served from the cache), while the
        # lookups remembered per generation (memo) stay on: what a page-cache miss costs.
        "PAGES": True,
        "ALIAS": "paginas",
        "TIMEOUT": 300,
        "EXCLUDE": (),
        "BYPASS_COOKIES": (),
    }
    return {**defaults, **getattr(settings, "SNT_PAGE_CACHE", {})}


def _cache():
    return caches[page_cache_settings()["ALIAS"]]


def _new_generation():
    # Unique across restarts and evictions: a lost generation never revives old entries.
    return int(time.time() * 1000) * 1000 + secrets.randbelow(1000)


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if _expiry_passed(generation):
        # What stops being public with time alone (a page's expiry, before the scheduled
        # job unpublishes it) ends the generation at that moment: pages, search answers
        # and remembered lookups that show it all go with it.
        purge("a page's expiry passed")
        generation = cache.get(GENERATION_KEY)
    return generation


# generation -> (the earliest expiry of a live page after the generation began, or None;
# when to ask again after the database could not answer, or None). Per process.
_EXPIRIES = {}


def _expiry_passed(generation):
    from django.utils import timezone

    now = timezone.now()
    known = _EXPIRIES.get(generation)
    if known is None or (known[1] is not None and time.monotonic() >= known[1]):
        try:
            known = (_next_expiry(now), None)
        except Exception:  # no database: cached pages keep serving; ask again later
            logger.warning("Could not read the next page expiry", exc_info=True)
            known = (None, time.monotonic() + 30)
        if len(_EXPIRIES) >= 100:
            _EXPIRIES.clear()
        _EXPIRIES[generation] = known
    return known[0] is not None and now >= known[0]


def _next_expiry(now):
    from django.db.models import Min
    from wagtail.models import Page

    pages = Page.objects.live().filter(expire_at__gt=now)
    return pages.aggregate(siguiente=Min("expire_at"))["siguiente"]


def purge(reason=""):
    """Invalidate every cached page (all sites, all languages)."""
    _forget_request_generation()
    try:
        cache = _cache()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:  # a cache that is down holds nothing to purge
        logger.exception("Could not purge the page cache (%s)", reason)
        return
    logger.debug("Page cache purged: %s", reason)


def purge_now_and_on_commit(reason=""):
    # Now, so this transaction's own next read is fresh; again after commit, so a request
    # that rendered the old content in between is not kept under the new generation.
    purge(reason)
    transaction.on_commit(lambda: purge(reason))


# --- Per-process memo ----------------------------------------------------------------------

_MEMO = {}
_MEMO_MAX = 10_000
# The generation as read once per request (PageCacheMiddleware opens the scope): a page asks
# memo() for a dozen lookups, each would otherwise read the generation from the shared cache
# (a file or a Redis round trip). A purge in the request forgets it (read again after).
_REQUEST = threading.local()


class request_scope:
    """Within it, memo() reads the page-cache generation at most once (until a purge)."""

    def __enter__(self):
        self.outer = getattr(_REQUEST, "scope", None)
        _REQUEST.scope = {}
        return _REQUEST.scope

    def __exit__(self, *exc):
        _REQUEST.scope = self.outer


def _forget_request_generation():
    scope = getattr(_REQUEST, "scope", None)
    if scope is not None:
        scope.pop("generation", None)


def _memo_generation():
    scope = getattr(_REQUEST, "scope", None)
    if scope is None:
        return current_generation()
    if "generation" not in scope:
        scope["generation"] = current_generation()
    return scope["generation"]


def memo(key, compute):
    """``compute()``, remembered in this process for as long as the page-cache generation
    holds: whatever purges the page cache (a site, region, page or promotion that changed)
    drops these too. For small, hot, rarely-changing lookups (which site and region a host
    is, which queries have promoted results) that would otherwise cost a database round trip
    on every search. Computes every time when the page cache is off or unavailable.

    Never longer than a cached page lives (TIMEOUT): what turns non-public with time alone,
    with no purge (a page whose expiry passes before publish_scheduled unpublishes it),
    leaves these lookups as soon as it leaves cached pages."""
    options = page_cache_settings()
    if not options["ENABLED"]:
        return compute()
    try:
        generation = _memo_generation()
    except Exception:
        return compute()
    now = time.monotonic()
    remembered = _MEMO.get(key)
    if (
        remembered is not None
        and remembered[0] == generation
        and now - remembered[1] < options["TIMEOUT"]
    ):
        return remembered[2]
    value = compute()
    if len(_MEMO) >= _MEMO_MAX:
        # The oldest entry goes (dicts keep insertion order), not all of them: a stream of
        # distinct keys must not wipe every hot lookup of the process at each 10,000th.
        try:
            del _MEMO[next(iter(_MEMO))]
        except (KeyError, RuntimeError, StopIteration):  # another thread changed it
            _MEMO.clear()
    _MEMO[key] = (generation, now, value)
    return value


def remembered_route(home, request, path_components, route):
    """Wagtail's routing from a site's home, remembered per language and path for as long as
    the page-cache generation holds (publishing, unpublishing, moving or deleting a page
    purges it). Routing walks the tree one level at a time (two queries per level: the child
    by slug, then its specific row); remembered, a route costs one query for the page.

    ``route(request, path_components)`` is the home's own routing (the language checks and
    Wagtail's walk). What is remembered is the page's model, primary key and the path left
    to it (a routable page's sub-route); a 404 is not remembered (any visitor can ask for
    endless paths that do not exist: each would take a place among the hot lookups). The
    page itself is read again on every request, so nothing of one request's page object
    reaches another. The page's view restrictions come along, read once per generation (a
    restriction purges)."""
    from django.utils import translation

    key = ("ruta", home.pk, translation.get_language(), tuple(path_components))
    routed = {}

    def compute():
        result = routed["result"] = route(request, path_components)  # Http404 propagates
        page = result[0]
        consumed = page.depth - home.depth
        return type(page), page.pk, tuple(path_components[consumed:])

    remembered = memo(key, compute)
    if "result" in routed:
        _remember_view_restrictions(routed["result"][0])
        return routed["result"]
    model, pk, rest = remembered
    try:
        page = model._default_manager.select_related(*_image_fields(model)).get(pk=pk)
    except model.DoesNotExist:  # gone without a purge reaching this process yet
        return route(request, path_components)
    _remember_view_restrictions(page)
    return _route_from(page, request, list(rest))


_IMAGE_FIELDS = {}


def _image_fields(model):
    """The model's foreign keys to images (a lead image): its page template and metadata
    show them on every render, so they come with the page in its one query."""
    fields = _IMAGE_FIELDS.get(model)
    if fields is None:
        from wagtail.images.models import AbstractImage

        fields = _IMAGE_FIELDS[model] = tuple(
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model and issubclass(f.related_model, AbstractImage)
        )
    return fields


def _route_from(page, request, rest):
    """The end of Wagtail's walk on an already found page: its routable sub-route (no query)
    or the page itself if live. The home's language checks passed when it was remembered."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    if isinstance(page, RoutablePageMixin):
        return RoutablePageMixin.route(page, request, rest)
    return Page.route(page, request, rest)


def _remember_view_restrictions(page):
    """Wagtail checks a page's view restrictions (its own and its ancestors', two queries;
    an alias's source's too, cms.visibilidad.restricciones_de) before serving it: read once
    per page and generation (a restriction purges), handed over as an already evaluated
    queryset."""
    from wagtail.models import PageViewRestriction

    from .visibilidad import restricciones_de

    restrictions = memo(("restricciones", page.pk), lambda: restricciones_de(page))

    def get_view_restrictions():
        queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in restrictions])
        queryset._result_cache = list(restrictions)
        return queryset

    page.get_view_restrictions = get_view_restrictions


def _remember_site(request):
    """Wagtail's site of the request, found once per host and generation (sites change
    only with a purge) instead of one query per request; ``Site.find_for_request`` reads
    it from ``request._wagtail_site``."""
    from django.core.exceptions import DisallowedHost

    try:
        key = ("sitio-wagtail", request.get_host(), request.get_port())
    except DisallowedHost:
        return  # refused further on, as without this
    try:
        request._wagtail_site = memo(key, lambda: _site_with_specific_root(request))
    except Exception:  # no such site, or no database: Wagtail looks again (and answers)
        pass


def _site_with_specific_root(request):
    """The site with its root page already specific: Wagtail's routing starts from
    ``site.root_page.localized.specific``, and the home's own ``localized`` reads the active
    Locale through memo() instead of one query per request (cms.models.HomePage)."""
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None and site.root_page_id:
        site.root_page = site.root_page.specific
    return site


def cache_key(request, generation):
    raw = "\n".join(
        [request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")]
    )
    return f"pagina:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _eligible(request, options):
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in options["BYPASS_COOKIES"]):
        return False
    return not request.path.startswith(tuple(options["EXCLUDE"]))


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
        if d
    }
    return not directives & {"private", "no-cache", "no-store"}


# A query string longer than this is never stored: no page reads that much.
QUERY_STRING_MAX = 256
# Query-string variants of one address stored per generation. Pages that read every
# parameter (listings whose pager links carry them) and parameters read with any value
# (``?pagina=<anything>`` answers a clamped page) would otherwise let a visitor add entries
# without end; with the quota, the entries one address can hold are bounded, whatever is sent.
QUERY_VARIANTS_MAX = 32


class ParametrosLeidos(QueryDict):
    """``request.GET`` while a page renders on a miss: the same immutable QueryDict, which
    notes the parameter names the page read. Reading one name (``get``, ``[]``,
    ``getlist``, ``in``) notes it; reading the whole (iteration, ``items()``, ``lists()``,
    ``dict()``, ``urlencode()``, ``copy()``, ``len()``...) notes them all. A copy is a plain
    QueryDict."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.leidos = set()
        self.todos_leidos = False

    @classmethod
    def de(cls, original):
        leidos = cls("", mutable=True, encoding=original.encoding)
        for key, values in QueryDict.lists(original):
            leidos.setlist(key, values)
        leidos._mutable = False
        return leidos

    def nombres(self):
        return list(dict.keys(self))

    def _todos(self):
        self.todos_leidos = True

    def __getitem__(self, key):
        self.leidos.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.leidos.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.leidos.add(key)
        return super().getlist(key, default)

    __hash__ = None

    def __copy__(self):
        self._todos()
        result = QueryDict("", mutable=True, encoding=self.encoding)
        for key, values in dict.items(self):
            result.setlist(key, list(values))
        return result

    def __deepcopy__(self, memo):
        result = self.__copy__()
        memo[id(self)] = result
        return result

    def __reduce__(self):
        return self.__copy__().__reduce__()


def _reads_all(name):
    method = getattr(QueryDict, name)

    def reads_all(self, *args, **kwargs):
        self._todos()
        return method(self, *args, **kwargs)

    reads_all.__name__ = name
    return reads_all


for _name in (
    "__iter__",
    "__len__",
    "__eq__",
    "keys",
    "lists",
    "items",
    "values",
    "dict",
    "urlencode",
):
    setattr(ParametrosLeidos, _name, _reads_all(_name))


def _query_string_storable(request):
    """Whether a query string may become its own cache entry at all: short, each parameter
    once, written the one way Django writes it (no empty ``&&``, no other escaping of the
    same names and values). Anything else is still answered, just not stored."""
    query_string = request.META.get("QUERY_STRING", "")
    if not query_string:
        return True
    if len(query_string) > QUERY_STRING_MAX:
        return False
    params = request.GET
    if any(len(values) != 1 for _, values in QueryDict.lists(params)):
        return False
    return QueryDict.urlencode(params) == query_string


def _query_string_read(request):
    """A response to a query string is stored only if the page read every parameter in it:
    a parameter nobody read did not change the page, and would only add an entry (any
    visitor can send endless ``?x=...``, each pushing real pages out of the cache)."""
    params = request.GET
    if not request.META.get("QUERY_STRING", ""):
        return True
    if not isinstance(params, ParametrosLeidos):
        return False  # replaced while rendering: what was read is unknown
    return params.todos_leidos or set(params.nombres()) <= params.leidos


def _variant_slot(cache, request, generation, timeout):
    """Take one of the address's query-string variant slots (``QUERY_VARIANTS_MAX``)."""
    raw = "\n".join([request.scheme, request.get_host(), request.path])
    counter = f"variantes:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"
    cache.add(counter, 0, timeout)
    try:
        return cache.incr(counter) <= QUERY_VARIANTS_MAX
    except ValueError:  # the counter was evicted meanwhile: store nothing this time
        return False


#: Set by the page-serving hook to the served page's expiry date, if it has one.
EXPIRY_ATTRIBUTE = "snt_pagina_expira"


def _timeout(request, default):
    """Seconds to keep a response: never past the expiry date of the page it shows (a page
    must not outlive its expiry in the cache while the scheduled job has yet to run)."""
    expira = getattr(request, EXPIRY_ATTRIBUTE, None)
    if expira is None:
        return default
    from django.utils import timezone

    return min(default, int((expira - timezone.now()).total_seconds()))


class PageCacheMiddleware:
    """Place it before the session, locale and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self._serve(request)

    def _render(self, request):
        _remember_site(request)
        return self.get_response(request)

    def _serve(self, request):
        # A hit reads the shared cache twice: the generation (once per request, shared with
        # every memo() of the request if it is a miss) and the page. The site is looked up
        # only when the page is rendered.
        options = page_cache_settings()
        if not options["ENABLED"] or not options["PAGES"] or not _eligible(request, options):
            return self._render(request)
        request.get_host()  # an unknown host is refused (400) before the cache is consulted
        try:
            cache = _cache()
            generation = _memo_generation()
            key = cache_key(request, generation)
            stored = cache.get(key)
        except Exception:
            logger.exception("Page cache unavailable; serving without it")
            return self._render(request)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content if request.method == "GET" else b"", status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "HIT"
            return response

        storable_query = _query_string_storable(request)
        if storable_query and request.META.get("QUERY_STRING", ""):
            request.GET = ParametrosLeidos.de(request.GET)
        response = self._render(request)
        timeout = _timeout(request, options["TIMEOUT"])
        if (
            timeout > 0
            and storable_query
            and _query_string_read(request)
            and _storable(request, response)
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
            try:
                if request.META.get("QUERY_STRING", "") and not _variant_slot(
                    cache, request, generation, timeout
                ):
                    return response
                cache.set(key, (response.status_code, headers, response.content), timeout)
            except Exception:
                logger.exception("Could not store a page in the cache")
            else:
                response[HEADER] = "MISS"
        return response


# --- What purges ------------------------------------------------------------------------

# Apps whose records appear on public pages (besides page publishing itself). Plugins are
# added at start-up from the plugin registry, so a new plugin purges without touching core.
PUBLIC_APPS = {"cms", "regiones", "cms_media", "wagtailimages", "wagtaildocs"}
PUBLIC_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    # Restricting a page must take it out of the cache at once.
    "wagtailcore.pageviewrestriction",
    # Promoted search results (read through memo() by the search views).
    # (Not their Query rows: an admin search may create one, and changes nothing public.)
    "wagtailsearchpromotions.searchpromotion",
    "search.promocionsitio",
}


def _is_public_record(sender):
    from wagtail.images.models import AbstractRendition
    from wagtail.models import Page

    # Page saves are drafts until published (page_published below); renditions are
    # generated while rendering and change nothing a visitor sees.
    if issubclass(sender, (Page, AbstractRendition)):
        return False
    meta = sender._meta
    return meta.app_label in PUBLIC_APPS or meta.label_lower in PUBLIC_MODELS


def _record_changed(sender, created=False, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    # Site settings are created empty on first read, while a page renders: nothing changed.
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return
    if _is_public_record(sender):
        purge_now_and_on_commit(f"{sender._meta.label} changed")


def _page_changed(sender, instance=None, **kwargs):
    purge_now_and_on_commit(f"page {getattr(instance, 'pk', '')} changed")


def _page_deleted(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        purge_now_and_on_commit(f"page {instance.pk} deleted")


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.plugins import installed_plugins

    PUBLIC_APPS.update(config.label for config, _ in installed_plugins())
    page_published.connect(_page_changed, dispatch_uid="cms.cache.published")
    page_unpublished.connect(_page_changed, dispatch_uid="cms.cache.unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="cms.cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="cms.cache.page_deleted")
    post_save.connect(_record_changed, dispatch_uid="cms.cache.saved")
    post_delete.connect(_record_changed, dispatch_uid="cms.cache.deleted")
