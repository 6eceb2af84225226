from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Contenido"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from regiones.models import IdiomaRegion, OrganismoGarante

        from . import checks  # noqa: F401
        from .cache import connect_signals
        from .formularios import instalar
        from .permissions import register_region_policy
        from .plugins import check_compatibility, register_region_policies
        from .traducciones.tareas import idioma_guardado

        # Plugins: refuse to start with an incompatible one; their region models' policies.
        check_compatibility()
        register_region_policies()
        # Institutions belong to a region: its groups edit them, the national coordination
        # edits them all (cms/red_admin.py).
        register_region_policy(OrganismoGarante)
        connect_signals()
        # A translation is restricted with its source (cms/traducciones/fuente.py).
        from .traducciones.fuente import conectar as conectar_traducciones

        conectar_traducciones()
        # A region that switches on synchronisation of a language gets its aliases there.
        post_save.connect(idioma_guardado, sender=IdiomaRegion, dispatch_uid="cms.sincronizar")
        # Admin forms: incomplete StreamFields are a form error (the rule on references is
        # the forms' base class: cms/formularios.py).
        instalar()
