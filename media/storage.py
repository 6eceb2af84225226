"""Where uploaded files live on S3 (or any S3-compatible endpoint).

Two storages share one private bucket (no public ACL, no public bucket policy needed for
them):

* ``PrivateMediaStorage`` — the default storage: original images, documents, pending
  uploads. Every URL it hands out is a short-lived signed URL
  (``SNT_MEDIA_SIGNED_URL_EXPIRE`` seconds). Documents are linked through Wagtail's serve
  view, which checks collection privacy and then redirects to such a URL.
* ``PublicMediaStorage`` — image renditions, the only files the public fetches directly.
  Stored under the prefix ``SNT_PUBLIC_MEDIA_LOCATION`` (``publico/``) with long cache
  headers and plain (unsigned) URLs; the bucket policy (or the CDN in front of it) makes
  that prefix, and only that prefix, readable by everyone.

Without ``AWS_STORAGE_BUCKET_NAME`` both fall back to the local ``MEDIA_ROOT``.
"""

import mimetypes
import posixpath
import secrets

from botocore.config import Config
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

RENDITIONS_ALIAS = "renditions"
PUBLIC_CACHE_CONTROL = "public, max-age=31536000"
PRIVATE_CACHE_CONTROL = "private, max-age=0, no-store"


def _client_config():
    """Fail fast when the endpoint is down: a stuck upload helps nobody."""
    return Config(
        connect_timeout=getattr(settings, "SNT_S3_CONNECT_TIMEOUT", 3),
        read_timeout=getattr(settings, "SNT_S3_READ_TIMEOUT", 30),
        retries={"max_attempts": getattr(settings, "SNT_S3_MAX_ATTEMPTS", 2), "mode": "standard"},
        s3={"addressing_style": getattr(settings, "AWS_S3_ADDRESSING_STYLE", None) or "path"},
        signature_version="s3v4",
    )


class _TipoPorNombre:
    """Objects carry the type of their name, never the one the uploading browser declared
    (django-storages prefers the upload's ``content_type``, which the browser chooses: a
    checked CSV declared ``text/html`` would open as a web page). The name's extension is
    the one media/validacion.py matched with the content."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        tipo, codificacion = mimetypes.guess_type(name)
        params["ContentType"] = tipo or "application/octet-stream"
        if codificacion:
            params["ContentEncoding"] = codificacion
        return params


class PrivateMediaStorage(_TipoPorNombre, S3Storage):
    """Originals and documents: private objects, signed URLs that expire quickly."""

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            querystring_auth=True,
            querystring_expire=getattr(settings, "SNT_MEDIA_SIGNED_URL_EXPIRE", 300),
            default_acl=None,
            file_overwrite=False,
            object_parameters={"CacheControl": PRIVATE_CACHE_CONTROL},
            client_config=defaults["client_config"] or _client_config(),
        )
        return defaults


class PublicMediaStorage(_TipoPorNombre, S3Storage):
    """Image renditions: unsigned URLs and a year of caching (names change with content)."""

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            location=getattr(settings, "SNT_PUBLIC_MEDIA_LOCATION", "publico"),
            querystring_auth=False,
            default_acl=getattr(settings, "SNT_PUBLIC_MEDIA_ACL", None),
            file_overwrite=False,
            object_parameters={"CacheControl": PUBLIC_CACHE_CONTROL},
            custom_domain=getattr(settings, "SNT_PUBLIC_MEDIA_DOMAIN", None),
            client_config=defaults["client_config"] or _client_config(),
        )
        return defaults

    def get_available_name(self, name, max_length=None):
        """A random folder in every rendition's name. Wagtail names a rendition after its
        original (``images/<upload name>.<filter>.<ext>``) and these URLs need no
        signature, so anyone knowing or guessing an upload's name could fetch a thumbnail
        of an image nothing public shows (a draft's, an embargoed campaign's): the admin
        makes ``max-165x165`` and ``max-800x600`` renditions of every upload. The name is
        kept in the rendition's row, so nothing needs to derive it again."""
        carpeta, base = posixpath.split(name)
        name = posixpath.join(carpeta, secrets.token_hex(8), base)
        return super().get_available_name(name, max_length=max_length)


class _RenditionStorage(LazyObject):
    """The ``renditions`` storage alias when configured, the default storage otherwise.

    Wagtail resolves the rendition FileField's storage once, at import time; this proxy
    keeps it following STORAGES (and settings overrides in tests)."""

    def _setup(self):
        if RENDITIONS_ALIAS in settings.STORAGES:
            self._wrapped = storages[RENDITIONS_ALIAS]
        else:
            self._wrapped = default_storage


rendition_storage = _RenditionStorage()


def get_rendition_storage():
    """Target of WAGTAILIMAGES_RENDITION_STORAGE (Wagtail calls the dotted path)."""
    return rendition_storage


def uses_s3(storage=None):
    storage = storage if storage is not None else default_storage
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        storage = storage._wrapped
    return isinstance(storage, S3Storage)


@receiver(setting_changed)
def _reset_storages(*, setting, **kwargs):
    """S3 storages read AWS_* settings when built: rebuild them when those change."""
    if setting == "STORAGES" or setting.startswith(("AWS_", "SNT_S3_", "SNT_PUBLIC_MEDIA")):
        try:
            del storages.backends
        except AttributeError:
            pass
        storages._backends = None
        storages._storages = {}
        default_storage._wrapped = empty
        rendition_storage._wrapped = empty
