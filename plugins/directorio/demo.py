"""Data of the directory, taken only from the network's sourced data files.

Idempotent. The accounts, websites and communication units of
``cuentas_y_comunicacion_2026-12.csv`` go through the same rules as the admin's CSV import
(``CuentaSocialImporter``), with their sources and dates.
"""

import csv
from urllib.parse import urlsplit

from django.db import transaction

from regiones.bootstrap import DATA_DIR
from regiones.models import OrganismoGarante

from .cuentas_csv import CuentaSocialImporter
from .models import AreaComunicacion, CuentaSocial
from .validators import validar_url_plataforma

ARCHIVOS = [
    DATA_DIR / "snt" / "organismos_garantes.csv",
    DATA_DIR / "snt" / "otros_integrantes_snt.csv",
]
CUENTAS_CSV = DATA_DIR / "snt" / "cuentas_y_comunicacion_2026-12.csv"
# Data column -> platform.
COLUMNAS = {
    "facebook": CuentaSocial.Plataforma.FACEBOOK,
    "x_twitter": CuentaSocial.Plataforma.X,
    "instagram": CuentaSocial.Plataforma.INSTAGRAM,
    "youtube": CuentaSocial.Plataforma.YOUTUBE,
    "tiktok": CuentaSocial.Plataforma.TIKTOK,
}


def _usuario(url):
    segmentos = [s for s in urlsplit(url).path.split("/") if s]
    return segmentos[-1] if segmentos else ""


def _filas():
    for archivo in ARCHIVOS:
        with open(archivo, encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def _https(url):
    return "https://" + url[len("http://") :] if url.startswith("http://") else url


def cargar_cuentas_y_comunicacion(path=CUENTAS_CSV):
    """Rows of the shared accounts file, through the import rules. A social row without a
    URL (the source gave only a user name) cannot be shown or verified: it is left out.
    Returns (saved rows, rows left out)."""
    with open(path, encoding="utf-8", newline="") as handle:
        filas = list(csv.DictReader(handle))
    importador = CuentaSocialImporter(None, todas_las_regiones=True)
    guardadas = omitidas = 0
    for numero, fila in enumerate(filas, start=2):
        datos = {importador.normalize_header(k): (v or "").strip() for k, v in fila.items()}
        if datos["plataforma"] in COLUMNAS.values() and not datos["url"]:
            omitidas += 1
            continue
        if datos["plataforma"] in COLUMNAS.values():
            datos["url"] = _https(datos["url"])
        item = importador.validate_row(datos, numero)
        if isinstance(item, CuentaSocial) and item.pk:
            # Keep the state and verification a person recorded; refresh the source.
            CuentaSocial.objects.filter(pk=item.pk).update(
                fuente=item.fuente, fecha_fuente=item.fecha_fuente, notas=item.notas
            )
        else:
            item.save()
        guardadas += 1
    return guardadas, omitidas


@transaction.atomic
def load():
    """Accounts from the data's social columns (all "por verificar": the data may be old),
    the sourced accounts and communication units, and one communication area per
    institution with only what the data knows."""
    cuentas = areas = 0
    organismos = {o.clave: o for o in OrganismoGarante.objects.all()}
    for fila in _filas():
        organismo = organismos.get(fila["clave"])
        if organismo is None:
            continue
        for columna, plataforma in COLUMNAS.items():
            url = _https((fila.get(columna) or "").strip())
            if not url:
                continue
            validar_url_plataforma(plataforma, url)
            _, creada = CuentaSocial.objects.get_or_create(
                organismo=organismo,
                url=url,
                defaults={
                    "plataforma": plataforma,
                    "usuario": _usuario(url),
                    "estado": CuentaSocial.Estado.POR_VERIFICAR,
                    "fuente": fila.get("fuente", ""),
                },
            )
            cuentas += creada
    guardadas, omitidas = cargar_cuentas_y_comunicacion()
    for organismo in OrganismoGarante.objects.all():
        # The data has no contacts: only the website, when it is known.
        _, creada = AreaComunicacion.objects.get_or_create(
            organismo=organismo, defaults={"sitio_web": organismo.sitio_web}
        )
        areas += creada
    return (
        f"Directorio: {cuentas} cuentas en redes sociales nuevas (por verificar), "
        f"{guardadas} filas de cuentas y comunicación con fuente ({omitidas} sin URL omitidas) "
        f"y {areas} áreas de comunicación nuevas, sin contactos inventados."
    )
