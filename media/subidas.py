"""Files the multiple uploader keeps aside (``wagtail_uploads/``) and nobody finishes.

Wagtail's multiple uploader stores a file as an ``UploadedFile`` when the rest of the form
is missing — here, always for images, whose alternative text is required and is written
after the upload. If the person closes the page instead, the row and the file stay forever.
``limpiar_subidas_pendientes`` (the ``limpiar_subidas`` command, run daily) deletes every
pending upload older than a retention period, and any file under ``wagtail_uploads/`` that
no row refers to.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import UploadedFile

CARPETA = "wagtail_uploads"
HORAS_POR_OMISION = 24


def _almacenamiento():
    return UploadedFile._meta.get_field("file").storage


def _viejo(storage, nombre, limite):
    try:
        return storage.get_modified_time(nombre) <= limite
    except (NotImplementedError, OSError, ValueError):
        return True


def limpiar_subidas_pendientes(horas=HORAS_POR_OMISION, ahora=None):
    """Delete pending uploads older than ``horas``; return (rows, files) deleted."""
    storage = _almacenamiento()
    limite = (ahora or timezone.now()) - timedelta(hours=horas)
    filas = archivos = 0
    referidos = set()
    for subida in UploadedFile.objects.all():
        nombre = subida.file.name
        existe = bool(nombre) and storage.exists(nombre)
        if existe and not _viejo(storage, nombre, limite):
            referidos.add(nombre)
            continue
        if existe:
            storage.delete(nombre)
            archivos += 1
        subida.delete()
        filas += 1
    try:
        _carpetas, nombres = storage.listdir(CARPETA)
    except (FileNotFoundError, NotADirectoryError):
        nombres = []
    for nombre in nombres:
        ruta = f"{CARPETA}/{nombre}"
        if ruta not in referidos and _viejo(storage, ruta, limite):
            storage.delete(ruta)
            archivos += 1
    return filas, archivos
