"""backup_to_s3 then restore_from_s3 into a fresh PostgreSQL database and a fresh bucket.

The test transaction is invisible to pg_dump, so the rows the backup must carry are
committed through a separate connection (and removed afterwards)."""

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.media.conftest import PDF, delete_prefix, image_bytes, point_storage_at, s3_client
from tests.services import BACKUP_BUCKET, S3_ENDPOINT_URL

KEY_TABLES = [
    "wagtailcore_page",
    "wagtailcore_site",
    "wagtailcore_collection",
    "wagtailcore_groupcollectionpermission",
    "wagtailimages_image",
    "wagtaildocs_document",
    "regiones_region",
    "auth_group",
    "auth_permission",
    "django_migrations",
]


def pg(dbname):
    conf = connection.settings_dict
    return psycopg.connect(
        host=conf["HOST"],
        port=conf["PORT"],
        user=conf["USER"],
        password=conf["PASSWORD"],
        dbname=dbname,
        autocommit=True,
    )


def url_of(dbname):
    conf = connection.settings_dict
    return f"postgres://{conf['USER']}:{conf['PASSWORD']}@{conf['HOST']}:{conf['PORT']}/{dbname}"


def counts(dbname):
    with pg(dbname) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in KEY_TABLES}


def sha256_of(client, bucket, key):
    return hashlib.sha256(client.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


@pytest.fixture
def fresh_database(db):
    """Empty PostgreSQL databases on the same server, dropped afterwards."""
    created = []

    def make():
        name = f"snt_restore_{uuid.uuid4().hex[:10]}"
        with pg("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return name

    yield make
    with pg("postgres") as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def buckets(s3_media):
    client = s3_client()
    created = []

    def make(prefix):
        name = f"{prefix}-{uuid.uuid4().hex[:10]}"
        client.create_bucket(Bucket=name)
        created.append(name)
        return name

    yield make
    for name in created:
        delete_prefix(client, name, "")
        client.delete_bucket(Bucket=name)


@pytest.fixture
def source(settings, buckets, regions):
    """Media in a bucket of its own, and a committed image row pointing at one object."""
    bucket = buckets("snt-origen")
    point_storage_at(settings, S3_ENDPOINT_URL, bucket, "")
    settings.SNT_BACKUP_BUCKET = BACKUP_BUCKET
    names = [
        default_storage.save("original_images/mapa.png", io.BytesIO(image_bytes())),
        default_storage.save("documents/informe.pdf", io.BytesIO(PDF)),
        default_storage.save("documents/datos.csv", io.BytesIO(b"a,b\n1,2\n")),
    ]
    test_db = connection.settings_dict["NAME"]
    with pg(test_db) as conn:
        row = conn.execute(
            "INSERT INTO wagtailimages_image (title, file, width, height, created_at, "
            "collection_id, file_hash, description, file_size) "
            "VALUES (%s, %s, 64, 48, now(), %s, '', %s, %s) RETURNING id",
            ["Mapa respaldado", names[0], regions["norte"].coleccion_id, "Mapa", 100],
        ).fetchone()
    prefix = f"pruebas-{uuid.uuid4().hex[:10]}"
    yield {"bucket": bucket, "names": names, "db": test_db, "prefix": prefix}
    with pg(test_db) as conn:
        conn.execute("DELETE FROM wagtailimages_image WHERE id = %s", [row[0]])
    delete_prefix(s3_client(), BACKUP_BUCKET, f"backups/{prefix}/")


def backup(prefix):
    out = io.StringIO()
    call_command("backup_to_s3", prefix=prefix, stdout=out)
    return out.getvalue()


def restore(prefix, **options):
    out = io.StringIO()
    call_command("restore_from_s3", prefix, stdout=out, **options)
    return out.getvalue()


def test_backup_then_restore_into_a_fresh_database(source, fresh_database, buckets):
    client = s3_client()
    output = backup(source["prefix"])
    base = f"backups/{source['prefix']}/"
    assert "Volcando la base de datos" in output and "3/3" in output
    manifest = json.loads(
        client.get_object(Bucket=BACKUP_BUCKET, Key=base + "manifest.json")["Body"].read()
    )
    assert manifest["database"]["key"] == "database.dump"
    assert {o["key"] for o in manifest["media"]["objects"]} == set(source["names"])
    for obj in manifest["media"]["objects"]:
        assert obj["sha256"] == sha256_of(client, source["bucket"], obj["key"])
        assert obj["sha256"] == sha256_of(client, BACKUP_BUCKET, base + "media/" + obj["key"])
    dump = client.get_object(Bucket=BACKUP_BUCKET, Key=base + "database.dump")["Body"].read()
    assert dump.startswith(b"PGDMP")  # pg_dump's custom format
    assert hashlib.sha256(dump).hexdigest() == manifest["database"]["sha256"]

    target_db = fresh_database()
    target_bucket = buckets("snt-destino")
    output = restore(source["prefix"], database_url=url_of(target_db), bucket=target_bucket)
    assert "3 objetos verificados (3 copiados)" in output

    assert counts(target_db) == counts(source["db"])
    with pg(target_db) as conn:
        (file_name,) = conn.execute(
            "SELECT file FROM wagtailimages_image WHERE title = 'Mapa respaldado'"
        ).fetchone()
    assert sha256_of(client, target_bucket, file_name) == sha256_of(
        client, source["bucket"], file_name
    )
    for obj in manifest["media"]["objects"]:
        assert sha256_of(client, target_bucket, obj["key"]) == obj["sha256"]

    # Running it again on the now restored database is refused: it is not empty.
    with pytest.raises(CommandError, match="no está vacía"):
        restore(source["prefix"], database_url=url_of(target_db), bucket=target_bucket)


def test_restore_refuses_the_wrong_target(source, fresh_database):
    backup(source["prefix"])
    empty = url_of(fresh_database())
    with pytest.raises(CommandError, match="bucket de respaldos"):
        restore(source["prefix"], database_url=empty, bucket=BACKUP_BUCKET)
    with pytest.raises(CommandError, match="No existe el respaldo"):
        restore("1999-01-01T000000Z", database_url=empty, bucket=source["bucket"])
    with pytest.raises(CommandError, match="no está vacía"):
        restore(source["prefix"], database_url=url_of(source["db"]), bucket=source["bucket"])
    with pg(empty.rsplit("/", 1)[1]) as conn:
        assert (
            conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'").fetchone()[0]
            == 0
        )


def test_restore_reports_checksum_mismatches(source, fresh_database, buckets):
    backup(source["prefix"])
    target_bucket = buckets("snt-alterado")
    client = s3_client()
    # The target already holds a different object under one of the keys.
    client.put_object(Bucket=target_bucket, Key=source["names"][1], Body=b"%PDF-1.4 otro")
    with pytest.raises(CommandError, match="1 objetos no coinciden con el manifiesto"):
        restore(source["prefix"], database_url=url_of(fresh_database()), bucket=target_bucket)


def test_backup_refuses_an_existing_prefix(source):
    backup(source["prefix"])
    with pytest.raises(CommandError, match="Ya existe un respaldo"):
        backup(source["prefix"])


def test_restore_exits_non_zero_from_the_shell(source):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "AWS_STORAGE_BUCKET_NAME": source["bucket"],
        "AWS_S3_ENDPOINT_URL": S3_ENDPOINT_URL,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "SNT_BACKUP_BUCKET": BACKUP_BUCKET,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_from_s3", "no-existe"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "No existe el respaldo «backups/no-existe/»" in result.stderr
