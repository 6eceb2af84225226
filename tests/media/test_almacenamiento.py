"""Images, renditions and documents on the S3 server, and the URLs that reach them."""

import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from media.storage import PrivateMediaStorage, PublicMediaStorage, rendition_storage
from tests.media.conftest import MP3, PDF, image_bytes, upload


def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_fixture_switches_every_storage_to_s3(s3_media):
    name = default_storage.save("sonda.txt", upload("sonda.txt", b"hola"))
    assert isinstance(default_storage._wrapped, PrivateMediaStorage)
    assert s3_media.keys() == [f"{s3_media.location}/{name}"]
    rendition_storage._setup()
    assert isinstance(rendition_storage._wrapped, PublicMediaStorage)
    assert rendition_storage.location == f"{s3_media.location}/publico"


def test_image_upload_through_the_admin_lands_in_the_bucket(client, editor_of, regions, s3_media):
    client.force_login(editor_of("norte"))
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Jornada de transparencia",
            "description": "Personas en un auditorio escuchan una plática",
            "file": upload("Jornada Año 2026 (final).JPG", image_bytes("JPEG"), "image/jpeg"),
            "collection": regions["norte"].coleccion.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Jornada de transparencia")
    assert image.collection == regions["norte"].coleccion
    assert image.file.name == "original_images/jornada-ano-2026-final.jpg"
    assert image.width == 64 and image.height == 48 and image.file_size > 0
    head = s3_media.head(s3_media.key_of(image.file))
    assert head["ContentLength"] == image.file_size
    assert head["CacheControl"].startswith("private")


def test_rendition_is_generated_on_s3_with_public_caching(s3_media, regions):
    image = get_image_model().objects.create(
        title="Mapa",
        description="Mapa de las cuatro regiones",
        file=upload("mapa.png", image_bytes("PNG", (400, 300))),
        collection=regions["sureste"].coleccion,
    )
    rendition = image.get_rendition("fill-120x90")
    key = f"{s3_media.location}/publico/{rendition.file.name}"
    assert key in s3_media.keys("publico/")
    head = s3_media.head(key)
    assert head["CacheControl"] == "public, max-age=31536000"
    assert head["ContentLength"] > 0
    # Public renditions get plain URLs: cacheable, no signature.
    assert "X-Amz-Signature" not in rendition.url
    assert rendition.url.startswith(f"http://127.0.0.1:5055/snt-cms-media/{s3_media.location}/")
    assert (rendition.width, rendition.height) == (120, 90)


def test_signed_url_works_over_http_and_unsigned_is_refused(s3_media, regions, settings):
    document = get_document_model().objects.create(
        title="Informe anual",
        file=upload("informe.pdf", PDF),
        collection=regions["centro"].coleccion,
    )
    url = document.file.url
    query = parse_qs(urlparse(url).query)
    assert query["X-Amz-Expires"] == [str(settings.SNT_MEDIA_SIGNED_URL_EXPIRE)]
    assert "X-Amz-Signature" in query and "X-Amz-Credential" in query
    status, body, _ = http_get(url)
    assert status == 200 and body == PDF
    # The same object without the signature: the bucket is private.
    status, _, _ = http_get(url.split("?")[0])
    assert status == 403
    # The expiry is part of the signed request (moto does not enforce it, AWS does).
    signed_at = time.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    assert abs(time.mktime(signed_at) - time.mktime(time.gmtime())) < 120


def test_document_link_redirects_to_a_fresh_signed_url(client, s3_media, regions):
    document = get_document_model().objects.create(
        title="Convocatoria",
        file=upload("convocatoria.pdf", PDF),
        collection=regions["norte"].coleccion,
    )
    # Pages link to Wagtail's serve view, never to the bucket.
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    response = client.get(document.url, HTTP_HOST="norte.localhost")
    assert response.status_code == 302
    location = response["Location"]
    assert "X-Amz-Signature=" in location
    status, body, _ = http_get(location)
    assert status == 200 and body == PDF


def test_documents_of_a_private_collection_need_login(client, s3_media, regions, make_user):
    private = Collection.get_first_root_node().add_child(name="Interna (prueba)")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Minuta interna", file=upload("minuta.pdf", PDF), collection=private
    )
    anonymous = client.get(document.url, HTTP_HOST="localhost")
    assert anonymous.status_code == 302
    assert "X-Amz-Signature" not in anonymous["Location"]
    assert "login" in anonymous["Location"]
    client.force_login(make_user())
    allowed = client.get(document.url, HTTP_HOST="localhost")
    assert allowed.status_code == 302 and "X-Amz-Signature=" in allowed["Location"]


def test_audio_upload_keeps_its_transcript(client, editor_of, regions, s3_media):
    client.force_login(editor_of("sureste"))
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Cápsula de radio",
            "file": upload("Cápsula radio.mp3", MP3, "audio/mpeg"),
            "collection": regions["sureste"].coleccion.pk,
            "transcripcion": "Hola, te contamos cómo pedir información pública.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get(title="Cápsula de radio")
    assert document.file.name == "documents/capsula-radio.mp3"
    assert document.transcripcion.texto.startswith("Hola, te contamos")
    assert s3_media.key_of(document.file) in s3_media.keys("documents/")


@pytest.mark.parametrize("name", ["informe.pdf"])
def test_edit_without_a_new_file_does_not_touch_storage(client, editor_of, regions, s3_media, name):
    client.force_login(editor_of("centro"))
    document = get_document_model().objects.create(
        title="Original", file=upload(name, PDF), collection=regions["centro"].coleccion
    )
    before = s3_media.keys()
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Renombrado", "collection": regions["centro"].coleccion.pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    assert document.title == "Renombrado"
    assert s3_media.keys() == before


def test_replacing_an_image_file_swaps_the_objects(
    client, editor_of, regions, s3_media, django_capture_on_commit_callbacks
):
    client.force_login(editor_of("norte"))
    image = get_image_model().objects.create(
        title="Cartel",
        description="Cartel de la jornada",
        file=upload("cartel.png", image_bytes("PNG", (300, 200))),
        collection=regions["norte"].coleccion,
    )
    old_key = s3_media.key_of(image.file)
    rendition_key = f"{s3_media.location}/publico/{image.get_rendition('width-100').file.name}"
    # Wagtail deletes the old renditions' files once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": "Cartel",
                "description": "Cartel corregido",
                "file": upload("Cartel v2.webp", image_bytes("WEBP", (90, 60))),
                "collection": regions["norte"].coleccion.pk,
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()
    assert image.file.name == "original_images/cartel-v2.webp"
    assert (image.width, image.height) == (90, 60)
    keys = s3_media.keys()
    assert s3_media.key_of(image.file) in keys
    assert old_key not in keys and rendition_key not in keys
