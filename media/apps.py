from django.apps import AppConfig


class MediaConfig(AppConfig):
    """Storage code only: uploaded files live in var/media or on S3, never here."""

    name = "media"
    label = "cms_media"
    verbose_name = "Medios y almacenamiento"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receiver that rebuilds S3 storages when AWS_* settings change.
        from . import storage  # noqa: F401
