"""The plugin contract.

A plugin is an installable Django app that announces itself through the entry-point
group ``snt_cms.plugins`` (``name = "package.apps.AppConfig"``). Its AppConfig carries
one declared object, ``plugin = Plugin(...)``, that says everything the plugin
contributes. Core reads that object; it never imports a plugin module by name.
"""

from dataclasses import dataclass, field
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "snt_cms.plugins"


def discover_plugin_apps(disabled=(), extra=()):
    """App paths of the installed plugins, minus the disabled ones (used by settings)."""
    apps = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        if ep.name not in disabled and ep.value not in apps:
            apps.append(ep.value)
    for app in extra:
        if app not in apps:
            apps.append(app)
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
    # Module with ``urlpatterns`` for non-page endpoints (API, data downloads).
    urls: str | None = None
    # Callable returning the search document classes the plugin wants indexed.
    search_documents: str | None = None
    # Callable that loads the plugin's demo data; returns a short summary.
    demo_loader: str | None = None
    # Page models (``app_label.ModelName``) the plugin adds to site trees.
    page_types: list = field(default_factory=list)
    # Callable(region) that places the plugin's pages in a region's tree.
    bootstrap: str | None = None


def installed_plugins():
    """(app_config, plugin) for every installed app that declares a plugin."""
    from django.apps import apps

    return [
        (config, config.plugin)
        for config in apps.get_app_configs()
        if isinstance(getattr(config, "plugin", None), Plugin)
    ]


def _call(dotted, *args):
    from django.utils.module_loading import import_string

    return import_string(dotted)(*args)


def load_plugin_demo_data():
    return [
        (plugin.label, _call(plugin.demo_loader))
        for _, plugin in installed_plugins()
        if plugin.demo_loader
    ]
