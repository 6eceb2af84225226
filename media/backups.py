"""Backups to S3 that restore: database dump + media copy + manifest with checksums.

Layout of one backup in ``settings.SNT_BACKUP_BUCKET``::

    backups/2026-11-29T154500Z/database.dump      (PostgreSQL, pg_dump custom format)
    backups/2026-11-29T154500Z/database.sqlite3   (SQLite, online backup API)
    backups/2026-11-29T154500Z/media/<key>        (copy of every media object)
    backups/2026-11-29T154500Z/manifest.json      (written last: a backup without it is
                                                   incomplete and is never restored)

The manifest lists the database file and every media object with its key, size and
sha256. Restoring refuses any target that is not empty, the backup bucket itself, or a
prefix without a manifest; it verifies every checksum and fails if one differs.
"""

import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024
PREFIX_ROOT = "backups/"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def s3():
    from media.health import s3_client

    return s3_client(connect_timeout=5, read_timeout=120, retries=3)


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _error_code(exc):
    response = getattr(exc, "response", None) or {}
    return response.get("Error", {}).get("Code", "")


def pg_tool(name):
    """pg_dump / pg_restore: SNT_PG_BIN_DIR, else Debian's newest, else PATH."""
    folder = getattr(settings, "SNT_PG_BIN_DIR", None) or os.environ.get("SNT_PG_BIN_DIR")
    if folder and os.access(os.path.join(folder, name), os.X_OK):
        return os.path.join(folder, name)

    def version(path):
        match = re.search(r"/postgresql/(\d+)(?:\.(\d+))?/bin/", path)
        return (int(match.group(1)), int(match.group(2) or 0)) if match else (0, 0)

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if candidates:
        return candidates[-1]
    found = shutil.which(name)
    if found:
        return found
    raise CommandError(
        f"No se encontró «{name}». Instala el cliente de PostgreSQL (paquete "
        "postgresql-client) o indica su carpeta en SNT_PG_BIN_DIR."
    )


@dataclass
class BaseDeDatos:
    """Connection parameters of one database, from Django settings or a URL."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def desde_settings(cls, conf):
        engine = conf["ENGINE"]
        if engine.endswith("postgresql"):
            vendor = "postgresql"
        elif engine.endswith("sqlite3"):
            vendor = "sqlite"
        else:
            raise CommandError(f"Motor de base de datos no soportado para respaldos: {engine}.")
        return cls(
            vendor=vendor,
            name=str(conf["NAME"]),
            host=conf.get("HOST") or "",
            port=str(conf.get("PORT") or ""),
            user=conf.get("USER") or "",
            password=conf.get("PASSWORD") or "",
        )

    @classmethod
    def desde_url(cls, url):
        import dj_database_url

        return cls.desde_settings(dj_database_url.parse(url))

    def env(self):
        env = dict(os.environ)
        env.update(
            {
                "PGHOST": self.host,
                "PGPORT": self.port,
                "PGUSER": self.user,
                "PGPASSWORD": self.password,
                "PGDATABASE": self.name,
                "PGCONNECT_TIMEOUT": "10",
            }
        )
        return {k: v for k, v in env.items() if v != ""}

    def connect(self):
        import psycopg

        return psycopg.connect(
            host=self.host or None,
            port=self.port or None,
            user=self.user or None,
            password=self.password or None,
            dbname=self.name,
            connect_timeout=10,
            autocommit=True,
        )

    def tablas(self):
        """Number of tables in the target: 0 means empty."""
        if self.vendor == "sqlite":
            if not os.path.exists(self.name) or os.path.getsize(self.name) == 0:
                return 0
            with sqlite3.connect(self.name) as conn:
                return conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%'"
                ).fetchone()[0]
        with self.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_catalog.pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchone()[0]

    @property
    def archivo(self):
        return "database.dump" if self.vendor == "postgresql" else "database.sqlite3"


# ---------------------------------------------------------------------------
# Media sources and targets: an S3 bucket or the local MEDIA_ROOT
# ---------------------------------------------------------------------------


class MediosS3:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket
        self.descripcion = f"s3://{bucket}"

    def verificar(self):
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
            raise CommandError(
                f"El bucket de medios «{self.bucket}» no existe o no responde ({exc})."
            ) from exc

    def objetos(self):
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                yield item["Key"], item["Size"]

    def leer(self, key):
        """(sha256, size, etag) of the object, or None if it does not exist."""
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001
            if _error_code(exc) in ("NoSuchKey", "404"):
                return None
            raise
        digest, size = hashlib.sha256(), 0
        for chunk in response["Body"].iter_chunks(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size, response.get("ETag")

    def copiar_a(self, key, bucket_destino, key_destino, etag=None):
        extra = {"CopySourceIfMatch": etag} if etag else {}
        self.client.copy_object(
            Bucket=bucket_destino,
            Key=key_destino,
            CopySource={"Bucket": self.bucket, "Key": key},
            MetadataDirective="COPY",
            **extra,
        )

    def copiar_desde(self, bucket_origen, key_origen, key):
        self.client.copy_object(
            Bucket=self.bucket,
            Key=key,
            CopySource={"Bucket": bucket_origen, "Key": key_origen},
            MetadataDirective="COPY",
        )


class MediosLocales:
    def __init__(self, client, root):
        self.client, self.root = client, Path(root)
        self.descripcion = str(root)

    def verificar(self):
        self.root.mkdir(parents=True, exist_ok=True)

    def objetos(self):
        if not self.root.exists():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                yield path.relative_to(self.root).as_posix(), path.stat().st_size

    def _ruta(self, key):
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise CommandError(f"Clave de medio fuera de MEDIA_ROOT: {key}")
        return path

    def leer(self, key):
        path = self._ruta(key)
        if not path.is_file():
            return None
        return _sha256_file(path), path.stat().st_size, None

    def copiar_a(self, key, bucket_destino, key_destino, etag=None):
        self.client.upload_file(str(self._ruta(key)), bucket_destino, key_destino)

    def copiar_desde(self, bucket_origen, key_origen, key):
        path = self._ruta(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.client.download_file(bucket_origen, key_origen, str(path))


def medios(client, bucket=None):
    bucket = bucket or getattr(settings, "AWS_STORAGE_BUCKET_NAME", None)
    if bucket:
        return MediosS3(client, bucket)
    return MediosLocales(client, settings.MEDIA_ROOT)


def normalizar_prefijo(prefijo):
    prefijo = prefijo.strip().strip("/")
    if not prefijo.startswith(PREFIX_ROOT.rstrip("/")):
        prefijo = PREFIX_ROOT + prefijo
    return prefijo.rstrip("/") + "/"


def _verificar_bucket_respaldos(client, bucket):
    try:
        client.head_bucket(Bucket=bucket)
    except Exception as exc:  # noqa: BLE001
        raise CommandError(
            f"El bucket de respaldos «{bucket}» no existe o no responde ({exc})."
        ) from exc


# ---------------------------------------------------------------------------
# Backup
# ---------------------------------------------------------------------------


def _volcar_base(db, destino, log):
    if db.vendor == "postgresql":
        comando = [
            pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(destino),
            db.name,
        ]
        log(f"Volcando la base de datos «{db.name}» con pg_dump…")
        proceso = subprocess.run(comando, env=db.env(), capture_output=True, text=True)
        if proceso.returncode != 0:
            raise CommandError(f"pg_dump falló: {proceso.stderr.strip()[-2000:]}")
    else:
        log(f"Copiando la base de datos SQLite «{db.name}»…")
        with sqlite3.connect(db.name) as origen, sqlite3.connect(destino) as copia:
            origen.backup(copia)


def respaldar(prefijo=None, database="default", log=print):
    """Write one backup; return (prefix, manifest)."""
    client = s3()
    bucket = settings.SNT_BACKUP_BUCKET
    fuente = medios(client)
    if isinstance(fuente, MediosS3) and fuente.bucket == bucket:
        raise CommandError(
            f"El bucket de respaldos «{bucket}» es el mismo que el de medios: usa otro "
            "(SNT_BACKUP_BUCKET)."
        )
    _verificar_bucket_respaldos(client, bucket)
    fuente.verificar()

    creado = datetime.now(UTC)
    prefijo = normalizar_prefijo(prefijo or creado.strftime("%Y-%m-%dT%H%M%SZ"))
    existente = client.list_objects_v2(Bucket=bucket, Prefix=prefijo, MaxKeys=1)
    if existente.get("KeyCount", 0):
        raise CommandError(f"Ya existe un respaldo en «{prefijo}»; no se sobrescribe.")
    log(f"Respaldo en s3://{bucket}/{prefijo}")

    db = BaseDeDatos.desde_settings(settings.DATABASES[database])
    with tempfile.TemporaryDirectory(prefix="snt-respaldo-") as tmp:
        archivo = Path(tmp) / db.archivo
        _volcar_base(db, archivo, log)
        db_info = {
            "vendor": db.vendor,
            "key": db.archivo,
            "size": archivo.stat().st_size,
            "sha256": _sha256_file(archivo),
        }
        client.upload_file(str(archivo), bucket, prefijo + db.archivo)
        log(f"Base de datos: {db_info['size']} bytes, sha256 {db_info['sha256'][:12]}…")

    objetos, omitidos = [], []
    listado = list(fuente.objetos())
    log(f"Medios: {len(listado)} objetos en {fuente.descripcion}")
    for n, (key, _size) in enumerate(listado, start=1):
        leido = fuente.leer(key)
        if leido is None:  # deleted while we were working: not part of this backup
            omitidos.append(key)
            continue
        sha, size, etag = leido
        try:
            fuente.copiar_a(key, bucket, f"{prefijo}media/{key}", etag=etag)
        except Exception as exc:  # noqa: BLE001
            if _error_code(exc) not in ("PreconditionFailed", "NoSuchKey", "412", "404"):
                raise
            omitidos.append(key)  # changed or deleted between reading and copying
            continue
        objetos.append({"key": key, "size": size, "sha256": sha})
        if n % 25 == 0 or n == len(listado):
            log(f"  [{n}/{len(listado)}] {key}")
    if omitidos:
        log(f"Omitidos {len(omitidos)} objetos que cambiaron o se borraron durante el respaldo.")

    manifest = {
        "format": FORMAT_VERSION,
        "created": creado.isoformat(),
        "prefix": prefijo,
        "database": db_info,
        "media": {
            "source": fuente.descripcion,
            "count": len(objetos),
            "bytes": sum(o["size"] for o in objetos),
            "objects": objetos,
        },
    }
    client.put_object(
        Bucket=bucket,
        Key=prefijo + MANIFEST,
        Body=json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8"),
        ContentType="application/json",
    )
    log(
        f"Listo: {len(objetos)} objetos ({manifest['media']['bytes']} bytes) y la base de "
        f"datos en s3://{bucket}/{prefijo}"
    )
    return prefijo, manifest


# ---------------------------------------------------------------------------
# Restore
# ---------------------------------------------------------------------------


def leer_manifest(client, bucket, prefijo):
    try:
        response = client.get_object(Bucket=bucket, Key=prefijo + MANIFEST)
    except Exception as exc:  # noqa: BLE001
        if _error_code(exc) in ("NoSuchKey", "404", "NoSuchBucket"):
            raise CommandError(
                f"No existe el respaldo «{prefijo}» en s3://{bucket} (falta {MANIFEST})."
            ) from exc
        raise CommandError(f"No se pudo leer el respaldo «{prefijo}»: {exc}") from exc
    manifest = json.loads(response["Body"].read())
    if manifest.get("format") != FORMAT_VERSION:
        raise CommandError(f"Formato de respaldo desconocido: {manifest.get('format')!r}.")
    return manifest


def _restaurar_base(db, archivo, log):
    if db.vendor == "postgresql":
        comando = [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            db.name,
            str(archivo),
        ]
        log(f"Restaurando la base de datos en «{db.name}» con pg_restore…")
        proceso = subprocess.run(comando, env=db.env(), capture_output=True, text=True)
        if proceso.returncode != 0:
            raise CommandError(f"pg_restore falló: {proceso.stderr.strip()[-2000:]}")
    else:
        log(f"Restaurando la base de datos SQLite en «{db.name}»…")
        Path(db.name).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(archivo) as origen, sqlite3.connect(db.name) as destino:
            origen.backup(destino)


def restaurar(prefijo, database_url=None, bucket=None, log=print):
    """Restore a backup into an empty database and verify the media; return a report."""
    client = s3()
    bucket_respaldos = settings.SNT_BACKUP_BUCKET
    prefijo = normalizar_prefijo(prefijo)

    # 1. Every check first: nothing is written until the target is known to be right.
    destino_medios = medios(client, bucket)
    if isinstance(destino_medios, MediosS3) and destino_medios.bucket == bucket_respaldos:
        raise CommandError(
            f"El destino de los medios es el bucket de respaldos «{bucket_respaldos}»: "
            "restaura en el bucket de medios, nunca sobre los respaldos."
        )
    _verificar_bucket_respaldos(client, bucket_respaldos)
    manifest = leer_manifest(client, bucket_respaldos, prefijo)
    db = (
        BaseDeDatos.desde_url(database_url)
        if database_url
        else BaseDeDatos.desde_settings(settings.DATABASES["default"])
    )
    if db.vendor != manifest["database"]["vendor"]:
        raise CommandError(
            f"El respaldo es de {manifest['database']['vendor']} y el destino es {db.vendor}."
        )
    try:
        tablas = db.tablas()
    except Exception as exc:  # noqa: BLE001
        raise CommandError(f"No se pudo abrir la base de datos de destino: {exc}") from exc
    if tablas:
        raise CommandError(
            f"La base de datos de destino «{db.name}» no está vacía ({tablas} tablas). "
            "Restaura solo en una base de datos nueva y vacía."
        )
    destino_medios.verificar()
    log(f"Restaurando s3://{bucket_respaldos}/{prefijo} ({manifest['created']})")

    # 2. Database: download, verify its checksum, restore.
    with tempfile.TemporaryDirectory(prefix="snt-restauracion-") as tmp:
        archivo = Path(tmp) / manifest["database"]["key"]
        client.download_file(bucket_respaldos, prefijo + manifest["database"]["key"], str(archivo))
        if _sha256_file(archivo) != manifest["database"]["sha256"]:
            raise CommandError(
                "La copia de la base de datos no coincide con el manifiesto (sha256): "
                "el respaldo está dañado; no se restauró nada."
            )
        _restaurar_base(db, archivo, log)

    # 3. Media: copy what is missing, then verify every object against the manifest.
    objetos = manifest["media"]["objects"]
    log(f"Medios: {len(objetos)} objetos hacia {destino_medios.descripcion}")
    copiados, diferentes, faltantes = 0, [], []
    for n, obj in enumerate(objetos, start=1):
        key = obj["key"]
        leido = destino_medios.leer(key)
        if leido is None:
            try:
                destino_medios.copiar_desde(bucket_respaldos, f"{prefijo}media/{key}", key)
            except Exception as exc:  # noqa: BLE001
                log(f"  FALTA {key}: no está en el respaldo ({exc})")
                faltantes.append(key)
                continue
            copiados += 1
            leido = destino_medios.leer(key)
        if leido is None:
            faltantes.append(key)
            continue
        sha, size, _ = leido
        if sha != obj["sha256"] or size != obj["size"]:
            log(f"  DISTINTO {key}: sha256 {sha[:12]}… (manifiesto {obj['sha256'][:12]}…)")
            diferentes.append(key)
        if n % 25 == 0 or n == len(objetos):
            log(f"  [{n}/{len(objetos)}] {key}")

    informe = {
        "prefix": prefijo,
        "database": db.name,
        "copied": copiados,
        "verified": len(objetos) - len(diferentes) - len(faltantes),
        "mismatched": diferentes,
        "missing": faltantes,
    }
    if diferentes or faltantes:
        raise CommandError(
            f"La base de datos se restauró, pero {len(diferentes)} objetos no coinciden con "
            f"el manifiesto y {len(faltantes)} faltan: " + ", ".join((diferentes + faltantes)[:10])
        )
    log(
        f"Listo: base de datos restaurada en «{db.name}»; {len(objetos)} objetos verificados "
        f"({copiados} copiados)."
    )
    return informe
