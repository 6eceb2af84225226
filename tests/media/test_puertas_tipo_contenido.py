"""The type a file is served with comes from what the server checked, not from the browser.

django-storages stored on S3 the ``Content-Type`` the uploading browser declared: an editor
(or anyone with a stolen session) could upload a valid CSV declared as ``text/html`` or an
image declared as ``text/html`` and the signed link would open it as a web page. The type is
now the one of the file's name, whose extension the upload checks matched with its content
(media/validacion.py); media on the S3 server.
"""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.media.conftest import CSV, PDF, image_bytes, upload


@pytest.fixture
def norte(client, editor_of, regions):
    client.force_login(editor_of("norte"))
    return regions["norte"]


@pytest.mark.parametrize(
    "name,data,expected",
    [("cifras.csv", CSV, "text/csv"), ("informe.pdf", PDF, "application/pdf")],
    ids=["csv", "pdf"],
)
@pytest.mark.parametrize("declared", ["text/html", "image/svg+xml", "application/octet-stream"])
def test_a_document_keeps_the_type_of_its_checked_name(
    client, norte, s3_media, name, data, expected, declared
):
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Cifras", "file": upload(name, data, declared), "collection": norte.coleccion.pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get(title="Cifras")
    assert s3_media.head(s3_media.key_of(document.file))["ContentType"] == expected


def test_an_image_keeps_the_type_of_its_checked_name(client, norte, s3_media):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto",
            "description": "Personas en una plática",
            "file": upload("foto.png", image_bytes("PNG"), "text/html"),
            "collection": norte.coleccion.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Foto")
    assert s3_media.head(s3_media.key_of(image.file))["ContentType"] == "image/png"
    rendition = image.get_rendition("fill-40x30")
    head = s3_media.head(f"{rendition.file.storage.location}/{rendition.file.name}")
    assert head["ContentType"] == "image/png"
