"""Media tests run against the S3-compatible server over HTTP, each under its own prefix."""

import io
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from tests.conftest import require_service
from tests.services import MEDIA_BUCKET, S3_ENDPOINT_URL, answers


def s3_client(endpoint=S3_ENDPOINT_URL):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def keys_under(client, bucket, prefix):
    paginator = client.get_paginator("list_objects_v2")
    return [
        item["Key"]
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
        for item in page.get("Contents", [])
    ]


def delete_prefix(client, bucket, prefix):
    for key in keys_under(client, bucket, prefix):
        client.delete_object(Bucket=bucket, Key=key)


def point_storage_at(settings, endpoint, bucket, location):
    """Switch Wagtail's storages to S3. Changing STORAGES/AWS_* fires setting_changed;
    Django and media.storage then drop the cached backends (storages._storages,
    default_storage._wrapped and the rendition storage proxy)."""
    settings.AWS_ACCESS_KEY_ID = "testing"
    settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_LOCATION = location
    settings.SNT_PUBLIC_MEDIA_LOCATION = f"{location}/publico".lstrip("/")
    settings.SNT_S3_MAX_ATTEMPTS = 1
    settings.SNT_S3_CONNECT_TIMEOUT = 1
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    settings.STORAGES = {
        "default": {"BACKEND": "media.storage.PrivateMediaStorage"},
        "renditions": {"BACKEND": "media.storage.PublicMediaStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


class S3Media:
    def __init__(self, client, bucket, location):
        self.client, self.bucket, self.location = client, bucket, location

    def keys(self, under=""):
        return keys_under(self.client, self.bucket, f"{self.location}/{under}")

    def head(self, key):
        return self.client.head_object(Bucket=self.bucket, Key=key)

    def key_of(self, field_file):
        return f"{field_file.storage.location}/{field_file.name}"


@pytest.fixture
def s3_media(settings):
    """Wagtail's media on the S3 server, under a prefix of its own (removed afterwards)."""
    require_service("S3", answers(S3_ENDPOINT_URL), f"({S3_ENDPOINT_URL})")
    location = f"pruebas/{uuid.uuid4().hex[:12]}"
    point_storage_at(settings, S3_ENDPOINT_URL, MEDIA_BUCKET, location)
    client = s3_client()
    yield S3Media(client, MEDIA_BUCKET, location)
    delete_prefix(client, MEDIA_BUCKET, location + "/")


# ---------------------------------------------------------------------------
# Files, built in memory
# ---------------------------------------------------------------------------


def image_bytes(fmt="PNG", size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (20, 120, 60)).save(buffer, fmt)
    return buffer.getvalue()


def ooxml_bytes(kind="docx", macros=False):
    folder = "word" if kind == "docx" else "xl"
    main = "document.xml" if kind == "docx" else "workbook.xml"
    content_type = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macros
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/{folder}/{main}" '
            f'ContentType="{content_type}"/></Types>',
        )
        package.writestr(f"{folder}/{main}", "<xml/>")
        if macros:
            package.writestr(f"{folder}/vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def odf_bytes(kind="odt"):
    mimetype = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
CSV = "entidad,solicitudes\nSonora,120\nYucatán,98\n".encode()
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400
OGG = b"OggS\x00\x02" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)

VALID_DOCUMENTS = {
    "informe.pdf": PDF,
    "informe.docx": ooxml_bytes("docx"),
    "datos.xlsx": ooxml_bytes("xlsx"),
    "acta.odt": odf_bytes("odt"),
    "tabla.ods": odf_bytes("ods"),
    "solicitudes.csv": CSV,
}


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
