from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin


class DirectorioConfig(AppConfig):
    name = "plugins.directorio"
    label = "directorio"
    verbose_name = _("Directorio")
    default_auto_field = "django.db.models.BigAutoField"
    plugin = Plugin(
        label="directorio",
        name="Directorio",
        version="0.1.0",
        description=(
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
