from django.apps import AppConfig


class RegionesConfig(AppConfig):
    name = "regiones"
    verbose_name = "Red y regiones"
    default_auto_field = "django.db.models.BigAutoField"
