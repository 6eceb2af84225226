"""Renditions are the only files served without a signature: their names must not be
derivable from the original's upload name."""

import posixpath

from wagtail.images import get_image_model

from tests.media.conftest import image_bytes, upload


def _imagen(regions, titulo, nombre):
    return get_image_model().objects.create(
        title=titulo,
        description="Cartel de una campaña",
        file=upload(nombre, image_bytes("PNG", (400, 300))),
        collection=regions["centro"].coleccion,
    )


def test_a_rendition_cannot_be_fetched_by_guessing_its_name(s3_media, regions):
    imagen = _imagen(regions, "Cartel embargado", "cartel-embargado.png")
    # The admin makes this rendition of every upload (its listing thumbnails).
    rendition = imagen.get_rendition("max-165x165")
    adivinado = "images/cartel-embargado.max-165x165.png"
    publicos = s3_media.keys("publico/")

    assert rendition.file.name != adivinado
    assert f"{s3_media.location}/publico/{adivinado}" not in publicos
    # The file is where its row says, under the public prefix, in a folder of its own.
    assert f"{s3_media.location}/publico/{rendition.file.name}" in publicos
    carpeta, base = posixpath.split(rendition.file.name)
    assert base == "cartel-embargado.max-165x165.png"
    assert carpeta.startswith("images/") and len(posixpath.basename(carpeta)) == 16
    assert rendition.url.endswith(f"/publico/{rendition.file.name}")


def test_two_uploads_with_the_same_name_get_unrelated_rendition_names(s3_media, regions):
    una = _imagen(regions, "Cartel uno", "cartel.png").get_rendition("width-100")
    otra = _imagen(regions, "Cartel dos", "cartel.png").get_rendition("width-100")
    # Knowing one rendition's address tells nothing about another's.
    assert posixpath.dirname(una.file.name) != posixpath.dirname(otra.file.name)
