from django.apps import AppConfig


class RegionesConfig(AppConfig):
    name = "regiones"
    verbose_name = "Red y regiones"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.permissions import register_region_policy

        from . import permisos_raiz
        from .models import OrganismoGarante

        # Groups with permissions at the root reach every region: a system check (imported
        # above) and a dashboard warning for superusers.
        permisos_raiz.registrar()

        # Institutions belong to a region: its groups edit them, the national coordination
        # edits them all.
        register_region_policy(OrganismoGarante)
