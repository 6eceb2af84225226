from django.apps import AppConfig


class OrchestrationConfig(AppConfig):
    """What orchestrates across the layers (.importlinter: plugins, search, cms, regiones,
    media), so that none of them reaches up: the network's bootstrap (``bootstrap_snt``),
    the health check (``/healthz``) and the daily validity job (``actualizar_vigencias``)."""

    name = "orchestration"
    verbose_name = "Orquestación de la red"
    default_auto_field = "django.db.models.BigAutoField"
