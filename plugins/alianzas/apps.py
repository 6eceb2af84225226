from cms.plugins import PluginConfig


class AlianzasConfig(PluginConfig):
    """Declared in ``plugin.toml``."""

    name = "plugins.alianzas"
