from django.apps import AppConfig


class RegionesConfig(AppConfig):
    name = "regiones"
    verbose_name = "Red y regiones"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permisos_raiz

        # Groups with permissions at the root reach every region: a system check (imported
        # above) and a dashboard warning for superusers.
        permisos_raiz.registrar()
