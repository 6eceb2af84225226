from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin, PluginConfig


class AlianzasConfig(PluginConfig):
    name = "plugins.alianzas"
    plugin = Plugin(
        label="alianzas",
        name=_("Alianzas y convenios"),
        version="0.1.0",
        description=_(
            "Inventario de organizaciones de la sociedad civil, cámaras, colegios y academia "
            "con las que trabajan los organismos garantes; vínculos, oportunidades de alianza "
            "y registro público de convenios firmados."
        ),
        urls="plugins.alianzas.urls",
        search_documents="plugins.alianzas.search.documents",
        demo_loader="plugins.alianzas.demo.load",
        bootstrap="plugins.alianzas.bootstrap.place_pages",
        sitemap="plugins.alianzas.sitemap.entradas",
        region_models={"alianzas.Vinculo": "organismo__region", "alianzas.Convenio": "region"},
    )
