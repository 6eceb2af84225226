from cms.plugins import PluginConfig


class MediosConfig(PluginConfig):
    """Declared in ``plugin.toml``."""

    name = "plugins.medios"
