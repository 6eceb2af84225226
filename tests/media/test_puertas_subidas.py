"""The multiple uploader keeps an image aside (wagtail_uploads/) until its alternative text is
written; an upload nobody finishes is removed by ``limpiar_subidas``, file and row."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import UploadedFile

from media.subidas import limpiar_subidas_pendientes
from tests.media.conftest import image_bytes, upload


@pytest.fixture
def norte(client, editor_of, regions):
    client.force_login(editor_of("norte"))
    return regions["norte"]


def _subir_sin_texto_alternativo(client, region, nombre):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": region.coleccion.pk, "files[]": upload(nombre, image_bytes())},
    )
    data = response.json()
    assert data["success"] is True and "uploaded_file_id" in data
    return UploadedFile.objects.get(pk=data["uploaded_file_id"])


def test_an_abandoned_upload_leaves_no_orphan(client, norte, s3_media):
    subida = _subir_sin_texto_alternativo(client, norte, "Abandonada.PNG")
    assert s3_media.keys("wagtail_uploads/")
    # Within the retention period (someone may be writing the alt text right now): kept.
    assert limpiar_subidas_pendientes() == (0, 0)
    assert UploadedFile.objects.filter(pk=subida.pk).exists()
    # Past it: the row and the object go.
    call_command("limpiar_subidas", "--horas", "0", stdout=StringIO())
    assert not UploadedFile.objects.filter(pk=subida.pk).exists()
    assert s3_media.keys("wagtail_uploads/") == []


def test_files_no_row_refers_to_are_removed(norte, s3_media):
    from django.core.files.storage import default_storage

    huerfano = default_storage.save("wagtail_uploads/huerfano.png", ContentFile(image_bytes()))
    mañana = timezone.now() + timedelta(hours=25)
    assert limpiar_subidas_pendientes(ahora=mañana) == (0, 1)
    assert not default_storage.exists(huerfano)
    assert s3_media.keys("wagtail_uploads/") == []


def test_a_finished_upload_leaves_nothing_behind(client, norte, s3_media):
    subida = _subir_sin_texto_alternativo(client, norte, "terminada.png")
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[subida.pk]),
        {
            f"uploaded-image-{subida.pk}-title": "Terminada",
            f"uploaded-image-{subida.pk}-description": "Personas en un taller de transparencia",
            f"uploaded-image-{subida.pk}-collection": norte.coleccion.pk,
            f"uploaded-image-{subida.pk}-tags": "",
        },
    )
    assert response.json()["success"] is True
    assert not UploadedFile.objects.filter(pk=subida.pk).exists()
    assert s3_media.keys("wagtail_uploads/") == []
