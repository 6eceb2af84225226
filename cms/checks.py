"""System checks that guard the project's layout."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register


@register()
def media_root_outside_code(app_configs, **kwargs):
    """Uploads must never land inside a code folder (including media/, the storage code)."""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    errors = []
    for config in apps.get_app_configs():
        app_path = Path(config.path).resolve()
        if media_root == app_path or app_path in media_root.parents:
            errors.append(
                Error(
                    f"MEDIA_ROOT ({media_root}) is inside the code of the app '{config.label}'.",
                    hint="Point MEDIA_ROOT to var/media or use S3.",
                    id="cms.E001",
                )
            )
    return errors


@register()
def content_languages_routable(app_configs, **kwargs):
    """Django accepts a /<code>/ URL prefix only for languages it has a catalog for."""
    from django.utils.translation import check_for_language
    from wagtail.coreutils import get_content_languages

    return [
        Error(
            f"The content language '{code}' has no translation catalog: /{code}/ would not route.",
            hint=f"Add cms/locale/{code}/LC_MESSAGES/django.po and compile it (msgfmt).",
            id="cms.E002",
        )
        for code in get_content_languages()
        if not check_for_language(code)
    ]
