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
offered to search.
"""

from dataclasses import dataclass, field
from importlib.metadata import entry_points

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
    # Models (``app_label.ModelName``) whose records belong to a region.
    region_models: list = field(default_factory=list)


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


def _import(dotted):
    from django.utils.module_loading import import_string

    return import_string(dotted)


def disabled_region_ids(label):
    from regiones.models import ComplementoRegion

    return set(
        ComplementoRegion.objects.filter(complemento=label, activo=False).values_list(
            "region_id", flat=True
        )
    )


def is_enabled_for_region(label, region):
    if get_plugin(label) is None:
        return False
    if region is None:
        return True
    return region.pk not in disabled_region_ids(label)


def is_enabled_for_site(label, site):
    from regiones.models import Region

    return is_enabled_for_region(label, Region.for_site(site))


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


def region_models(plugin):
    from django.apps import apps

    return [apps.get_model(label) for label in plugin.region_models]


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

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(admin_prefix()):
            # The admin forgets a plugin switched off in every region the person works in.
            from django.http import Http404

            from regiones.complementos import vista_admin_apagada

            if vista_admin_apagada(request, view_func):
                raise Http404("Este complemento no está activo en tu región.")
            return None
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


class PluginPageMixin:
    """For a plugin's page types: absent where the plugin is switched off."""

    plugin_label = None

    @classmethod
    def can_create_at(cls, parent):
        site = parent.get_site() if parent else None
        return super().can_create_at(parent) and is_enabled_for_site(cls.plugin_label, site)

    def serve(self, request, *args, **kwargs):
        from django.http import Http404

        if not is_enabled_for_site(self.plugin_label, self.get_site()):
            raise Http404("Este servicio no está disponible en este sitio.")
        return super().serve(request, *args, **kwargs)
