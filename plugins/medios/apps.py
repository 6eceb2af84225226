from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin, PluginConfig


class MediosConfig(PluginConfig):
    name = "plugins.medios"
    plugin = Plugin(
        label="medios",
        name=_("Medios oficiales"),
        version="0.1.0",
        description=_(
            "Registro de los medios oficiales de los gobiernos federal y estatales (sistemas "
            "públicos de radio y televisión, agencias y medios digitales), de los convenios "
            "con ellos para difundir el derecho de acceso a la información (incluidos los "
            "tiempos oficiales) y de las pautas de transmisión de las campañas."
        ),
        urls="plugins.medios.urls",
        search_documents="plugins.medios.search.documents",
        demo_loader="plugins.medios.demo.load",
        bootstrap="plugins.medios.bootstrap.place_pages",
        sitemap="plugins.medios.sitemap.entradas",
        region_models=["medios.MedioOficial", "medios.ConvenioMedio", "medios.Pauta"],
    )
