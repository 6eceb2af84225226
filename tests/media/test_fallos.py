"""S3 down or refusing during an upload: a clear message, no row pointing at nothing,
and nothing to fix by hand once S3 is back."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.media.conftest import PDF, image_bytes, point_storage_at, upload
from tests.services import MEDIA_BUCKET, S3_ENDPOINT_URL, closed_port_url


def post_image(client, region, title):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "description": "Una fotografía de prueba",
            "file": upload("foto.png", image_bytes()),
            "collection": region.coleccion.pk,
        },
    )


def post_document(client, region, title):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": upload("informe.pdf", PDF), "collection": region.coleccion.pk},
    )


def errors(response):
    assert response.status_code == 200
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("post", "model"), [(post_image, get_image_model), (post_document, get_document_model)]
)
def test_s3_unreachable_then_back(client, editor_of, regions, s3_media, settings, post, model):
    client.force_login(editor_of("centro"))
    region = regions["centro"]

    point_storage_at(settings, closed_port_url(), MEDIA_BUCKET, s3_media.location)
    response = post(client, region, "Durante la caída")
    assert "el almacenamiento de medios no responde" in errors(response)
    assert "No se guardó nada" in errors(response)
    assert not model().objects.filter(title="Durante la caída").exists()

    point_storage_at(settings, S3_ENDPOINT_URL, MEDIA_BUCKET, s3_media.location)
    response = post(client, region, "Después de la caída")
    assert response.status_code == 302
    item = model().objects.get(title="Después de la caída")
    assert s3_media.keys() == [s3_media.key_of(item.file)]


@pytest.mark.parametrize(
    ("post", "model"), [(post_image, get_image_model), (post_document, get_document_model)]
)
def test_missing_bucket_is_a_clear_refusal(
    client, editor_of, regions, s3_media, settings, post, model
):
    client.force_login(editor_of("sureste"))
    region = regions["sureste"]
    point_storage_at(settings, S3_ENDPOINT_URL, "no-existe-este-bucket", s3_media.location)
    response = post(client, region, "Sin bucket")
    message = errors(response)
    assert "El almacenamiento de medios rechazó el archivo (NoSuchBucket)" in message
    assert not model().objects.filter(title="Sin bucket").exists()

    point_storage_at(settings, S3_ENDPOINT_URL, MEDIA_BUCKET, s3_media.location)
    assert post(client, region, "Con bucket").status_code == 302
    assert model().objects.filter(title="Con bucket").exists()
