from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin


class AlianzasConfig(AppConfig):
    name = "plugins.alianzas"
    label = "alianzas"
    verbose_name = _("Alianzas y convenios")
    default_auto_field = "django.db.models.BigAutoField"
    plugin = Plugin(
        label="alianzas",
        name="Alianzas y convenios",
        version="0.1.0",
        description=(
            "Inventario de organizaciones de la sociedad civil, cámaras, colegios y academia "
            "con las que trabajan los organismos garantes; vínculos, oportunidades de alianza "
            "y registro público de convenios firmados."
        ),
        urls="plugins.alianzas.urls",
        search_documents="plugins.alianzas.search.documents",
        demo_loader="plugins.alianzas.demo.load",
        bootstrap="plugins.alianzas.bootstrap.place_pages",
        sitemap="plugins.alianzas.sitemap.entradas",
        region_models=["alianzas.Vinculo", "alianzas.Convenio"],
    )

    def ready(self):
        from cms.permissions import register_region_policy

        from .models import Convenio, Vinculo

        # Registered here, before any viewset or form asks the registry for a policy.
        register_region_policy(Vinculo, region_lookup="organismo__region")
        register_region_policy(Convenio, region_lookup="region")
