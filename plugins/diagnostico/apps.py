from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin, PluginConfig


class DiagnosticoConfig(PluginConfig):
    name = "plugins.diagnostico"
    plugin = Plugin(
        label="diagnostico",
        name=_("Diagnóstico de las áreas de comunicación"),
        version="0.1.0",
        description=_(
            "Diagnóstico periódico de las condiciones en que trabajan las áreas de "
            "comunicación y difusión de los organismos garantes: cuestionario versionado, "
            "respuestas por institución, resultados por región y nacionales, y de las "
            "necesidades de capacitación a eventos."
        ),
        search_documents="plugins.diagnostico.search.documents",
        bootstrap="plugins.diagnostico.bootstrap.place_pages",
        sitemap="plugins.diagnostico.sitemap.entradas",
        demo_loader="plugins.diagnostico.demo.load",
        region_models={"diagnostico.Respuesta": "organismo__region"},
    )
