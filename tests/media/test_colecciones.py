"""Regional media libraries on S3, and the national shared collection "Compartida"."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from media.collections import SHARED_COLLECTION_NAME, ensure_shared_collection
from tests.media.conftest import PDF, image_bytes, upload

ROLES = ["edicion", "coordinacion"]


def post_image(client, collection, title):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "description": f"Descripción de {title}",
            "file": upload(f"{title}.png", image_bytes()),
            "collection": collection.pk,
        },
    )


def image_in(collection, title):
    return get_image_model().objects.create(
        title=title,
        description=f"Descripción de {title}",
        file=upload("foto.png", image_bytes()),
        collection=collection,
    )


@pytest.fixture
def shared(db):
    collection, _ = ensure_shared_collection()
    return collection


@pytest.mark.parametrize("role", ROLES)
def test_norte_uploads_to_its_own_collection_on_s3(client, editor_of, regions, s3_media, role):
    client.force_login(editor_of("norte", role))
    response = post_image(client, regions["norte"].coleccion, "Foro Norte")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Foro Norte")
    assert image.collection == regions["norte"].coleccion
    assert s3_media.key_of(image.file) in s3_media.keys("original_images/")


@pytest.mark.parametrize("role", ROLES)
def test_norte_cannot_upload_into_sureste(client, editor_of, regions, s3_media, role):
    client.force_login(editor_of("norte", role))
    # Norte's collection is the only one it may add to: the form has no collection field
    # and whatever collection is posted, the image lands in Norte's (or is refused).
    form = client.get(reverse("wagtailimages:add")).context["form"]
    assert "collection" not in form.fields
    assert list(form.collections) == [regions["norte"].coleccion]
    post_image(client, regions["sureste"].coleccion, "Intrusa")
    assert (
        not get_image_model()
        .objects.filter(title="Intrusa", collection=regions["sureste"].coleccion)
        .exists()
    )
    for image in get_image_model().objects.filter(title="Intrusa"):
        assert image.collection == regions["norte"].coleccion


@pytest.mark.parametrize("role", ROLES)
def test_norte_does_not_see_sureste_in_the_chooser(client, editor_of, regions, s3_media, role):
    image_in(regions["sureste"].coleccion, "Palenque")
    image_in(regions["norte"].coleccion, "Cañón del Pato")
    client.force_login(editor_of("norte", role))
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert chooser.status_code == 200
    body = chooser.json()["html"]
    assert "Cañón del Pato" in body and "Palenque" not in body


def test_shared_collection_is_idempotent(shared, regions):
    again, changes = ensure_shared_collection()
    assert again.pk == shared.pk and changes == []
    assert Collection.objects.filter(name=SHARED_COLLECTION_NAME).count() == 1
    national = regions["nacional"].grupo_coordinacion
    codenames = set(
        GroupCollectionPermission.objects.filter(group=national, collection=shared).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    for slug in ["centro", "centro-occidente", "norte", "sureste"]:
        for group in (regions[slug].grupo_edicion, regions[slug].grupo_coordinacion):
            assert set(
                GroupCollectionPermission.objects.filter(
                    group=group, collection=shared
                ).values_list("permission__codename", flat=True)
            ) == {"choose_image", "choose_document"}


@pytest.mark.parametrize(("slug", "role"), [("norte", "edicion"), ("sureste", "coordinacion")])
def test_regions_choose_from_shared_but_cannot_change_it(
    client, editor_of, shared, s3_media, slug, role
):
    image = image_in(shared, "Logotipo de la red")
    document = get_document_model().objects.create(
        title="Manual de identidad", file=upload("manual.pdf", PDF), collection=shared
    )
    client.force_login(editor_of(slug, role))
    images = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    documents = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "Logotipo de la red" in images and "Manual de identidad" in documents
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code in (302, 403)
    post_image(client, shared, "Nueva compartida")
    assert (
        not get_image_model().objects.filter(title="Nueva compartida", collection=shared).exists()
    )


def test_national_coordination_manages_shared(client, editor_of, shared, s3_media):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = post_image(client, shared, "Cartel nacional")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Cartel nacional")
    assert image.collection == shared
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert s3_media.key_of(image.file) in s3_media.keys("original_images/")
