"""Wagtail's image and document forms with safe uploads.

The settings (``WAGTAILIMAGES_IMAGE_FORM_BASE``, ``WAGTAILDOCS_DOCUMENT_FORM_BASE``) name
their subclasses in ``cms.formularios_medios``, which add the core's rule on references.

Both forms:
* check every new file by its content (``media.validacion``) before Wagtail's own checks,
  so each refusal has a precise Spanish message;
* normalise the file name (ASCII slug, lowercase, extension kept, no folders);
* write the file to storage while validating (``_post_clean``), so that an unreachable or
  refusing S3 becomes a form error and no database row ever points at a missing object.
"""

import logging

from django import forms
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .validacion import (
    DOCUMENTOS,
    IMAGENES,
    TIPOS,
    extension_de,
    normalizar_nombre,
    validar_archivo,
)

logger = logging.getLogger(__name__)

MENSAJE_ALMACENAMIENTO_CAIDO = (
    "No se pudo guardar el archivo porque el almacenamiento de medios no responde. "
    "No se guardó nada: intenta de nuevo en unos minutos."
)
MENSAJE_ALMACENAMIENTO_RECHAZO = (
    "El almacenamiento de medios rechazó el archivo (%(codigo)s). No se guardó nada: "
    "avisa a la persona que administra el sitio."
)
MENSAJE_ALT_OBLIGATORIO = (
    "Escribe el texto alternativo: describe en una frase qué muestra la imagen, para "
    "quien no puede verla."
)
MENSAJE_TRANSCRIPCION_OBLIGATORIA = (
    "Los archivos de audio necesitan una transcripción: escribe el texto de lo que se "
    "escucha, para quien no puede oírlo."
)


def error_de_almacenamiento(exc):
    """A ValidationError in Spanish for an exception raised by the storage backend."""
    from botocore.exceptions import (
        ClientError,
        ConnectionError,
        ConnectTimeoutError,
        EndpointConnectionError,
        ReadTimeoutError,
    )

    codigo = None
    if isinstance(exc, ClientError):
        codigo = exc.response.get("Error", {}).get("Code")
    elif isinstance(exc.__cause__ or exc.__context__, ClientError):
        inner = exc.__cause__ or exc.__context__
        codigo = inner.response.get("Error", {}).get("Code")
    caido = isinstance(
        exc, (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionError)
    )
    if codigo and not caido:
        return ValidationError(
            MENSAJE_ALMACENAMIENTO_RECHAZO, code="almacenamiento_rechazo", params={"codigo": codigo}
        )
    if not caido and not isinstance(exc, OSError):
        return ValidationError(
            MENSAJE_ALMACENAMIENTO_RECHAZO,
            code="almacenamiento_rechazo",
            params={"codigo": type(exc).__name__},
        )
    return ValidationError(MENSAJE_ALMACENAMIENTO_CAIDO, code="almacenamiento_caido")


def _storage_exceptions():
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return (BotoCoreError, ClientError, Boto3Error, OSError)


class SubidaSeguraMixin:
    """Content sniffing, name normalisation and storage write during validation."""

    tipos_permitidos = ()
    tipo_subido = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields.get("file")
        if campo is not None:
            limpiar_original = campo.clean

            def limpiar(data, initial=None):
                if data and hasattr(data, "read"):
                    self.tipo_subido = validar_archivo(data, self.tipos_permitidos)
                    data.name = normalizar_nombre(data.name)
                return limpiar_original(data, initial)

            campo.clean = limpiar

    def _post_clean(self):
        super()._post_clean()
        if self._errors or "file" not in self.changed_data:
            return
        archivo = self.instance.file
        if not archivo or archivo._committed:
            return
        try:
            nombre = archivo.field.generate_filename(self.instance, archivo.name)
            archivo.name = archivo.storage.save(
                nombre, archivo.file, max_length=archivo.field.max_length
            )
            archivo._committed = True
        except _storage_exceptions() as exc:
            logger.warning("Upload to media storage failed: %r", exc)
            self.add_error("file", error_de_almacenamiento(exc))
        finally:
            if hasattr(archivo, "_file") and hasattr(archivo._file, "seek"):
                try:
                    archivo._file.seek(0)
                except (OSError, ValueError):
                    pass


class ImagenForm(SubidaSeguraMixin, BaseImageForm):
    """Images: jpg, png, webp, gif by content; SVG refused; alt text required."""

    tipos_permitidos = IMAGENES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alt = self.fields.get("description")
        if alt is not None:
            alt.required = True
            alt.label = "Texto alternativo"
            alt.help_text = (
                "Obligatorio. Describe qué muestra la imagen (no repitas el título ni "
                "escribas «imagen de»)."
            )
            alt.error_messages["required"] = MENSAJE_ALT_OBLIGATORIO

    def clean_description(self):
        texto = (self.cleaned_data.get("description") or "").strip()
        if not texto:
            raise ValidationError(MENSAJE_ALT_OBLIGATORIO, code="required")
        return texto


class DocumentoForm(SubidaSeguraMixin, BaseDocumentForm):
    """Documents: pdf, docx, xlsx, odt, ods, csv and audio (mp3, ogg) by content.

    Audio needs a transcript, kept in ``media.models.Transcripcion``."""

    tipos_permitidos = DOCUMENTOS

    transcripcion = forms.CharField(
        label="Transcripción",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Obligatoria para archivos de audio: el texto de lo que se escucha.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            existente = getattr(self.instance, "transcripcion", None)
            if existente is not None:
                self.fields["transcripcion"].initial = existente.texto

    def _es_audio(self):
        if self.tipo_subido is not None:
            return self.tipo_subido.familia == "audio"
        nombre = self.instance.file.name if self.instance.file else self._nombre_pendiente()
        clave = extension_de(nombre or "")
        return any(t.familia == "audio" and clave in t.extensiones for t in TIPOS.values())

    def _nombre_pendiente(self):
        """In the multiple uploader, a file waiting for metadata is an UploadedFile whose
        id is in the form prefix ("uploaded-document-<id>")."""
        prefijo = self.prefix or ""
        if not prefijo.startswith("uploaded-document-"):
            return ""
        from wagtail.models import UploadedFile

        pendiente = UploadedFile.objects.filter(pk=prefijo.rsplit("-", 1)[-1]).first()
        return pendiente.file.name if pendiente else ""

    def clean(self):
        datos = super().clean()
        texto = (datos.get("transcripcion") or "").strip()
        datos["transcripcion"] = texto
        if not texto and self._es_audio():
            self.add_error("transcripcion", MENSAJE_TRANSCRIPCION_OBLIGATORIA)
        return datos

    def save(self, commit=True):
        documento = super().save(commit=commit)
        if commit:
            self.guardar_transcripcion(documento)
        return documento

    def guardar_transcripcion(self, documento):
        from .models import Transcripcion

        texto = self.cleaned_data.get("transcripcion") or ""
        if texto:
            Transcripcion.objects.update_or_create(documento=documento, defaults={"texto": texto})
        else:
            Transcripcion.objects.filter(documento=documento).delete()
