"""The plugin contract.

A plugin is an installable Django app that announces itself through the entry-point
group ``snt_cms.plugins`` (``name = "package.apps.AppConfig"``). Its AppConfig carries
one declared object, ``plugin = Plugin(...)``, that says everything the plugin
contributes: admin UI through its own ``wagtail_hooks.py``, page types, non-page URLs,
search documents, region-scoped models and a demo loader. Core reads that object; it
never imports a plugin module by name.

Settings enable plugins for the whole network (``SNT_PLUGINS_DISABLED`` removes them);
the national coordination can switch an installed plugin off for one region
(``regiones.ComplementoRegion``). Where a plugin is off it contributes nothing: its
URLs and pages answer 404, its page types cannot be created, its records are not
offered to search, and the region's people no longer see its admin.

Core enforces the declaration at start-up (``CmsConfig.ready``): an incompatible plugin
stops the process with a clear message, and the region models' permission policies are
registered here, never in a plugin's ``ready()``. ``manage.py retire_plugin <label>`` takes
a plugin out of service before its code is removed. The author guide is
``docs/complementos.md``.
"""

from dataclasses import dataclass, field
from importlib.metadata import entry_points

from django.apps import AppConfig
from django.dispatch import Signal
from django.utils.functional import classproperty

ENTRY_POINT_GROUP = "snt_cms.plugins"


def discover_plugin_apps(disabled=()):
    """App paths of the installed plugins, minus the disabled ones (used by settings)."""
    apps = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        if ep.name not in disabled and ep.value not in apps:
            apps.append(ep.value)
    return apps


@dataclass
class Plugin:
    """What a plugin declares. Dotted paths are imported lazily, after apps are ready."""

    label: str
    name: str
    version: str
    description: str = ""
    # Compatible snt-cms versions, as a PEP 440 specifier.
    compatibility: str = ">=0.1"
    # Module with ``urlpatterns`` for non-page endpoints (API, data downloads), mounted
    # at the site root under the URL namespace ``label``.
    urls: str | None = None
    # Callable returning the search document classes the plugin wants indexed.
    search_documents: str | None = None
    # Callable that loads the plugin's demo data; returns a short summary.
    demo_loader: str | None = None
    # Callable(region) that places the plugin's pages in a region's tree (idempotent).
    bootstrap: str | None = None
    # Callable(page, request) listing the public detail pages below one of the plugin's
    # pages for the site's sitemap: [{"ruta": page.reverse_subpage(...), "lastmod": ...}],
    # with the same querysets its routes answer (cms/traducciones/sitemap.py).
    sitemap: str | None = None
    # Models whose records belong to a region, each with the lookup from a record to its
    # region: ``{"app_label.ModelName": "organismo__region"}``. A list of model labels
    # means the lookup ``region``. Core registers their permission policies.
    region_models: dict | list = field(default_factory=dict)


class PluginConfig(AppConfig):
    """The AppConfig a plugin subclasses with only its declarations: ``name`` (its package)
    and ``plugin = Plugin(...)``, whose ``name`` and ``description`` are ``gettext_lazy``
    strings (``makemessages`` finds them; pretix's ``PretixPluginMeta`` does the same). The
    app label is the plugin's label, its verbose name the plugin's name, and its models get
    64-bit keys; the contract asks nothing of ``ready()`` (core registers the region
    models' policies)."""

    default_auto_field = "django.db.models.BigAutoField"
    plugin = None
    # Not the default config of a module that imports it (``INSTALLED_APPS`` may name a
    # plugin's package): the plugin's own subclass is.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        plugin = cls.__dict__.get("plugin")
        if isinstance(plugin, Plugin):
            cls.label = plugin.label
            cls.verbose_name = plugin.name
            cls.default = True


def installed_plugins():
    """(app_config, plugin) for every installed app that declares a plugin."""
    from django.apps import apps

    return [
        (config, config.plugin)
        for config in apps.get_app_configs()
        if isinstance(getattr(config, "plugin", None), Plugin)
    ]


def get_plugin(label):
    return next((plugin for _, plugin in installed_plugins() if plugin.label == label), None)


def plugin_is_compatible(plugin):
    """Whether the installed snt-cms version satisfies the plugin's specifier."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        return version("snt-cms") in SpecifierSet(plugin.compatibility)
    except (PackageNotFoundError, InvalidSpecifier):
        return False


def core_version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("snt-cms")
    except PackageNotFoundError:
        return None


def incompatible_plugins():
    """Installed plugins whose declared compatibility excludes this snt-cms version."""
    return [plugin for _, plugin in installed_plugins() if not plugin_is_compatible(plugin)]


def compatibility_message(plugin):
    return (
        f"El complemento «{plugin.name}» ({plugin.label} {plugin.version}) declara "
        f"compatibilidad con snt-cms {plugin.compatibility}, pero la versión instalada es "
        f"{core_version() or 'desconocida'}. Actualícelo, o desactívelo con "
        f"SNT_PLUGINS_DISABLED={plugin.label}. / Plugin {plugin.label} {plugin.version} "
        f"requires snt-cms {plugin.compatibility}; installed: {core_version() or 'unknown'}."
    )


def check_compatibility():
    """At start-up: an incompatible plugin stops the process with a clear message (pretix
    does the same), instead of loading and failing later in a view."""
    from django.core.exceptions import ImproperlyConfigured

    problems = [compatibility_message(plugin) for plugin in incompatible_plugins()]
    if problems:
        raise ImproperlyConfigured("\n".join(problems))


def _import(dotted):
    from django.utils.module_loading import import_string

    return import_string(dotted)


def _disabled_map():
    from regiones.models import ComplementoRegion

    apagados = {}
    for label, region_id in ComplementoRegion.objects.filter(activo=False).values_list(
        "complemento", "region_id"
    ):
        apagados.setdefault(label, set()).add(region_id)
    return apagados


def disabled_region_ids(label):
    """Ids of the regions where plugin ``label`` is switched off. One query per page-cache
    generation (a switch saves a ComplementoRegion, which purges it), not one per call: a
    search page asks for every result kind and the header for every registry."""
    from cms.cache import memo

    return set(memo("complementos-apagados", _disabled_map).get(label, ()))


def is_enabled_for_region(label, region):
    if get_plugin(label) is None:
        return False
    if region is None:
        return True
    return region.pk not in disabled_region_ids(label)


def is_enabled_for_site(label, site):
    return is_enabled_for_region(label, _region_of_site(site))


def _region_of_site(site):
    """The site's region, one query per site and page-cache generation (a site or region
    that changes purges it): the plugin gate asks on every request to a plugin's page."""
    from cms.cache import memo
    from regiones.models import Region

    if site is None:
        return None
    return memo(("region-de-sitio", site.pk), lambda: Region.for_site(site))


def set_enabled(label, region, enabled, user=None):
    from regiones.models import ComplementoRegion

    ComplementoRegion.objects.update_or_create(
        region=region, complemento=label, defaults={"activo": enabled}
    )


def plugin_urlpatterns():
    """URL patterns of every installed plugin, each under its own namespace."""
    from django.urls import include, path

    return [
        path("", include((plugin.urls, plugin.label), namespace=plugin.label))
        for _, plugin in installed_plugins()
        if plugin.urls
    ]


def region_lookups(plugin):
    """[(model, lookup from a record to its region)] of the plugin's region models."""
    from django.apps import apps

    declared = plugin.region_models
    if not isinstance(declared, dict):
        declared = dict.fromkeys(declared, "region")
    return [(apps.get_model(label), lookup) for label, lookup in declared.items()]


def region_models(plugin):
    return [model for model, _ in region_lookups(plugin)]


def register_region_policies():
    """Every installed plugin's region models get their region permission policy, once,
    before any viewset or form asks the registry (called from ``CmsConfig.ready``)."""
    from .permissions import register_region_policy

    for _, plugin in installed_plugins():
        for model, lookup in region_lookups(plugin):
            register_region_policy(model, region_lookup=lookup)


def bootstrap_plugins(region):
    """Give the region's groups their plugin permissions and place the plugins' pages."""
    from .permissions import grant_region_permissions

    for _, plugin in installed_plugins():
        grant_region_permissions(region, region_models(plugin))
        if plugin.bootstrap:
            _import(plugin.bootstrap)(region)


def search_documents():
    """(plugin label, document class) for every installed plugin's search documents."""
    documents = []
    for _, plugin in installed_plugins():
        if plugin.search_documents:
            documents += [(plugin.label, doc) for doc in _import(plugin.search_documents)()]
    return documents


def load_plugin_demo_data():
    return [
        (plugin.label, _import(plugin.demo_loader)())
        for _, plugin in installed_plugins()
        if plugin.demo_loader
    ]


def admin_prefix():
    from django.urls import reverse

    return reverse("wagtailadmin_home")


class PluginGateMiddleware:
    """Answer 404 for a plugin's URLs on a site where the plugin is switched off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A page whose plugin was removed without ``retire_plugin`` cannot be edited: the
        admin says so and goes back to its parent, instead of a server error."""
        from wagtail.exceptions import PageClassNotFoundError

        if not isinstance(exception, PageClassNotFoundError):
            return None
        from django.contrib import messages
        from django.shortcuts import redirect

        messages.error(
            request,
            "Esta página es de un complemento que ya no está instalado: no se puede editar. "
            "Bórrela, o reinstale el complemento y retírelo con «manage.py retire_plugin».",
        )
        page_id = (request.resolver_match.kwargs if request.resolver_match else {}).get("page_id")
        parent = _parent_of(page_id)
        if parent is not None:
            return redirect("wagtailadmin_explore", parent.pk)
        return redirect("wagtailadmin_home")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(admin_prefix()):
            # The admin forgets a plugin switched off in every region the person works in.
            from cms.plugin_switch import respuesta_admin_apagada

            return respuesta_admin_apagada(request, view_func)
        match = request.resolver_match
        if not match or not match.namespaces:
            return None
        label = match.namespaces[0]
        if get_plugin(label) is None:
            return None
        from django.http import Http404
        from wagtail.models import Site

        if not is_enabled_for_site(label, Site.find_for_request(request)):
            raise Http404("Este servicio no está disponible en este sitio.")
        return None


def _parent_of(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first() if page_id else None
    return page.get_parent() if page is not None else None


def page_of_missing_plugin(page):
    """A page whose model no longer exists (its plugin was removed, not retired)."""
    return page.specific_class is None


class PluginPageMixin:
    """For a plugin's page types: absent where the plugin is switched off; edited with the
    project's page form (references within the person's reach, ``cms.formularios``)."""

    plugin_label = None

    @classproperty
    def base_form_class(cls):
        from .formularios import AdminPageForm  # settings import this module

        return AdminPageForm

    @classmethod
    def can_create_at(cls, parent):
        site = parent.get_site() if parent else None
        return super().can_create_at(parent) and is_enabled_for_site(cls.plugin_label, site)

    def serve(self, request, *args, **kwargs):
        from django.http import Http404

        if not is_enabled_for_region(self.plugin_label, self._region_of_page()):
            raise Http404("Este servicio no está disponible en este sitio.")
        return super().serve(request, *args, **kwargs)

    def _region_of_page(self):
        """The region of the page's site, found once per page and page-cache generation
        (moving a page, or changing a site or region, purges) instead of the site and
        region queries on every request."""
        from cms.cache import memo

        return memo(("region-de-pagina", self.pk), lambda: _region_of_site(self.get_site()))


# --- Retiring a plugin ------------------------------------------------------------------------

#: Sent by :func:`retire` after the plugin's pages are gone, with ``label``. A receiver that
#: holds copies of the plugin's content (the search index) removes them and returns how many
#: it removed, or None when it could not.
plugin_retired = Signal()


def plugin_page_models(label):
    """The page types a plugin's app defines."""
    from django.apps import apps
    from wagtail.models import Page

    config = next(c for c, p in installed_plugins() if p.label == label)
    return [m for m in apps.get_app_config(config.label).get_models() if issubclass(m, Page)]


def retire(label, stdout=None):
    """Take a plugin out of service before its code is removed: switch it off in every
    region, unpublish and delete its pages (with their subtrees), and take its pages' and
    records' documents out of the citizens' index. Records stay in the plugin's tables until
    its migrations are reversed (``migrate <label> zero``). Returns a report dict."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    from regiones.models import Region

    plugin = get_plugin(label)
    if plugin is None:
        raise LookupError(label)
    with transaction.atomic():
        regiones = list(Region.objects.all())
        for region in regiones:
            set_enabled(label, region, False)
        tipos = ContentType.objects.get_for_models(*plugin_page_models(label)).values()
        paginas = list(Page.objects.filter(content_type__in=tipos).order_by("-depth", "path"))
        retiradas = []
        for page in paginas:
            if not Page.objects.filter(pk=page.pk).exists():
                continue  # already gone with an ancestor
            retiradas.append(page.url_path)
            if page.live:
                page.specific.unpublish()
            page.delete()
    # The search layer listens (search.signals): core never imports it.
    answers = [answer for _, answer in plugin_retired.send(sender=Plugin, label=label)]
    search = next((answer for answer in answers if answer is not None), None)
    return {
        "plugin": plugin,
        "regiones": len(regiones),
        "paginas": retiradas,
        "busqueda": search,
        "registros": remaining_records(label),
    }


def remaining_records(label):
    """[(model verbose name, rows)] still in the plugin's tables (pages excluded)."""
    from django.apps import apps
    from wagtail.models import Page

    config = next(c for c, p in installed_plugins() if p.label == label)
    return [
        (str(model._meta.verbose_name_plural), model._default_manager.count())
        for model in apps.get_app_config(config.label).get_models()
        if not issubclass(model, Page)
    ]
