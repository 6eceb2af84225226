from django.apps import AppConfig


class MediaConfig(AppConfig):
    """Storage code only: uploaded files live in var/media or on S3, never here."""

    name = "media"
    label = "cms_media"
    verbose_name = "Medios y almacenamiento"
    default_auto_field = "django.db.models.BigAutoField"
