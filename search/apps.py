from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "snt_search"
    verbose_name = "Búsqueda"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
