from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Contenido"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401
        from .cache import connect_signals
        from .formularios import instalar
        from .plugins import check_compatibility, register_region_policies

        # Plugins: refuse to start with an incompatible one; their region models' policies.
        check_compatibility()
        register_region_policies()
        connect_signals()
        # Admin forms: references within the person's reach, incomplete StreamFields.
        instalar()
