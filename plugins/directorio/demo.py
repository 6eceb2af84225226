"""Demo data of the directory, taken only from the network's sourced data files."""

import csv
from urllib.parse import urlsplit

from django.db import transaction

from regiones.bootstrap import DATA_DIR
from regiones.models import OrganismoGarante

from .models import AreaComunicacion, CuentaSocial
from .validators import validar_url_plataforma

ARCHIVOS = [
    DATA_DIR / "snt" / "organismos_garantes.csv",
    DATA_DIR / "snt" / "otros_integrantes_snt.csv",
]
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


@transaction.atomic
def load():
    """Accounts from the data's social columns (all "por verificar": the data may be old)
    and one communication area per institution, with only what the data knows."""
    cuentas = areas = 0
    organismos = {o.clave: o for o in OrganismoGarante.objects.all()}
    for fila in _filas():
        organismo = organismos.get(fila["clave"])
        if organismo is None:
            continue
        for columna, plataforma in COLUMNAS.items():
            url = (fila.get(columna) or "").strip()
            if not url:
                continue
            if url.startswith("http://"):
                url = "https://" + url[len("http://") :]
            validar_url_plataforma(plataforma, url)
            _, creada = CuentaSocial.objects.get_or_create(
                organismo=organismo,
                url=url,
                defaults={
                    "plataforma": plataforma,
                    "usuario": _usuario(url),
                    "estado": CuentaSocial.Estado.POR_VERIFICAR,
                },
            )
            cuentas += creada
    for organismo in organismos.values():
        # The data has no contacts: only the website, when it is known.
        _, creada = AreaComunicacion.objects.get_or_create(
            organismo=organismo, defaults={"sitio_web": organismo.sitio_web}
        )
        areas += creada
    return (
        f"Directorio: {cuentas} cuentas en redes sociales nuevas (por verificar) y "
        f"{areas} áreas de comunicación nuevas, sin contactos inventados."
    )
