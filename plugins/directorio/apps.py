from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin, PluginConfig


class DirectorioConfig(PluginConfig):
    name = "plugins.directorio"
    plugin = Plugin(
        label="directorio",
        name=_("Directorio"),
        version="0.1.0",
        description=_(
            "Directorio de comunicación de la red: áreas de comunicación de las "
            "instituciones integrantes y sus cuentas oficiales en redes sociales."
        ),
        urls="plugins.directorio.urls",
        search_documents="plugins.directorio.search.documents",
        demo_loader="plugins.directorio.demo.load",
        bootstrap="plugins.directorio.bootstrap.place_pages",
        sitemap="plugins.directorio.sitemap.entradas",
        region_models={
            "directorio.CuentaSocial": "organismo__region",
            "directorio.AreaComunicacion": "organismo__region",
        },
    )
