"""Safe uploads: every refused file, through Wagtail's admin forms, with media on S3.

A refused file leaves no database row and no object in the bucket."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from media.validacion import TIPOS, normalizar_nombre
from tests.media.conftest import (
    CSV,
    ELF,
    EXE,
    HTML,
    MP3,
    OGG,
    PDF,
    SVG,
    VALID_DOCUMENTS,
    image_bytes,
    ooxml_bytes,
    upload,
)


def post_document(client, region, name, data, **extra):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"Documento {name}",
            "file": upload(name, data),
            "collection": region.coleccion.pk,
            **extra,
        },
    )


def post_image(client, region, name, data, description="Texto alternativo de prueba"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": f"Imagen {name}",
            "description": description,
            "file": upload(name, data),
            "collection": region.coleccion.pk,
        },
    )


def form_errors(response, field):
    assert response.status_code == 200, "the form should be shown again with errors"
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


@pytest.fixture
def norte(client, editor_of, regions):
    client.force_login(editor_of("norte"))
    return regions["norte"]


# -- accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VALID_DOCUMENTS))
def test_every_allowed_document_type_is_accepted(client, norte, s3_media, name):
    response = post_document(client, norte, name, VALID_DOCUMENTS[name])
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get(title=f"Documento {name}")
    assert s3_media.key_of(document.file) in s3_media.keys("documents/")


@pytest.mark.parametrize(("name", "data"), [("audio.mp3", MP3), ("audio.ogg", OGG)])
def test_audio_is_accepted_with_a_transcript(client, norte, s3_media, name, data):
    response = post_document(client, norte, name, data, transcripcion="Lo que se escucha.")
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("foto.jpg", "JPEG"), ("foto.png", "PNG"), ("foto.webp", "WEBP"), ("foto.gif", "GIF")],
)
def test_every_allowed_image_type_is_accepted(client, norte, s3_media, name, fmt):
    response = post_image(client, norte, name, image_bytes(fmt))
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title=f"Imagen {name}")
    assert s3_media.key_of(image.file) in s3_media.keys("original_images/")


# -- refused ------------------------------------------------------------------------------

REFUSED_DOCUMENTS = [
    ("programa.pdf", ELF, "El archivo dice ser PDF pero su contenido es un programa ejecutable"),
    ("instalador.pdf", EXE, "El archivo dice ser PDF pero su contenido es un programa ejecutable"),
    ("pagina.pdf", HTML, "El archivo dice ser PDF pero su contenido es una página web (HTML)"),
    (
        "imagen.pdf",
        image_bytes("PNG"),
        "dice ser PDF pero su contenido es de otro tipo (imagen PNG)",
    ),
    (
        "informe.docx",
        PDF,
        "dice ser documento de Word (DOCX) pero su contenido es de otro tipo (PDF)",
    ),
    ("macros.docx", ooxml_bytes("docx", macros=True), "documento de Office con macros"),
    ("tabla.csv", HTML, "dice ser tabla de datos CSV pero su contenido es una página web (HTML)"),
    ("tabla.csv", ELF, "su contenido es un programa ejecutable"),
    ("cancion.mp3", PDF, "dice ser audio MP3 pero su contenido es de otro tipo (PDF)"),
    ("grafica.svg", SVG, "No se aceptan imágenes SVG"),
    ("grafica.pdf", SVG, "contiene una imagen SVG"),
    ("programa.exe", ELF, "No se aceptan archivos «.exe»"),
    ("pagina.html", HTML, "No se aceptan archivos «.html»"),
    ("sin-extension", PDF, "No se aceptan archivos «.(sin extensión)»"),
    ("foto.png", image_bytes("PNG"), "No se aceptan archivos «.png»"),
    ("vacio.pdf", b"", "está vacío"),
    (
        "danado.pdf",
        b"esto no es un pdf \x00\x01\x02",
        "pero su contenido es de otro tipo o está dañado",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_DOCUMENTS)
def test_refused_documents(client, norte, s3_media, name, data, message):
    response = post_document(client, norte, name, data)
    assert message in form_errors(response, "file")
    assert not get_document_model().objects.filter(title=f"Documento {name}").exists()
    assert s3_media.keys() == []


REFUSED_IMAGES = [
    ("grafica.svg", SVG, "No se aceptan imágenes SVG"),
    ("grafica.png", SVG, "contiene una imagen SVG"),
    ("foto.png", image_bytes("JPEG"), "dice ser imagen PNG pero su contenido es de otro tipo"),
    ("foto.jpg", HTML, "dice ser imagen JPEG pero su contenido es una página web (HTML)"),
    ("foto.gif", ELF, "su contenido es un programa ejecutable"),
    ("informe.pdf", PDF, "No se aceptan archivos «.pdf»"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_IMAGES)
def test_refused_images(client, norte, s3_media, name, data, message):
    response = post_image(client, norte, name, data)
    assert message in form_errors(response, "file")
    assert not get_image_model().objects.filter(title=f"Imagen {name}").exists()
    assert s3_media.keys() == []


def test_size_limit_depends_on_the_type(client, norte, s3_media, settings):
    settings.SNT_MEDIA_LIMITES = {"csv": 20}
    response = post_document(client, norte, "grande.csv", CSV)
    assert "el máximo para tabla de datos CSV es 20" in form_errors(response, "file")
    # A PDF of the same size is fine: its limit is another.
    assert post_document(client, norte, "chico.pdf", PDF).status_code == 302


def test_alt_text_is_required(client, norte, s3_media):
    response = post_image(client, norte, "foto.png", image_bytes("PNG"), description="   ")
    assert "Escribe el texto alternativo" in form_errors(response, "description")
    assert not get_image_model().objects.filter(title="Imagen foto.png").exists()
    assert s3_media.keys() == []


def test_audio_without_transcript_is_refused(client, norte, s3_media):
    response = post_document(client, norte, "cápsula.mp3", MP3)
    assert "necesitan una transcripción" in form_errors(response, "transcripcion")
    assert not get_document_model().objects.filter(title="Documento cápsula.mp3").exists()
    assert s3_media.keys() == []


def test_multiple_uploader_refuses_a_lying_file(client, norte, s3_media):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "truco", "collection": norte.coleccion.pk, "files[]": upload("truco.pdf", ELF)},
    )
    data = response.json()
    assert data["success"] is False
    assert "programa ejecutable" in data["error_message"]
    assert s3_media.keys() == []


def test_multiple_uploader_asks_for_the_alt_text(client, norte, s3_media):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": norte.coleccion.pk, "files[]": upload("Foto Grupal.PNG", image_bytes())},
    )
    data = response.json()
    # The file is kept aside until the alt text is written; no image exists yet.
    assert data["success"] is True and "uploaded_file_id" in data
    assert not get_image_model().objects.filter(title="Foto Grupal.PNG").exists()
    assert any(key.endswith("foto-grupal.png") for key in s3_media.keys("wagtail_uploads/"))


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        (
            "../../etc/Informe Anual 2024 (versión final).PDF",
            "informe-anual-2024-version-final.pdf",
        ),
        ("C:\\Users\\ana\\Año Nuevo.JPEG", "ano-nuevo.jpeg"),
        ("   .pdf", "archivo.pdf"),
        ("ñandú-ÉXITO__2.csv", "nandu-exito-2.csv"),
        ("a" * 200 + ".docx", "a" * 80 + ".docx"),
    ],
)
def test_file_names_are_normalised(original, normalised):
    assert normalizar_nombre(original) == normalised


def test_every_type_has_a_limit_and_a_name():
    assert all(t.limite > 0 and t.nombre for t in TIPOS.values())
