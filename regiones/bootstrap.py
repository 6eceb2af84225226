"""The network's own rows from its data files: the network (and its successor), its regions
and the states each region covers.

``orchestration.bootstrap`` (``manage.py bootstrap_snt``) calls these and builds the rest of
the network around them: sites, home pages, collections, groups, permissions, workflows and
plugins. Every step is keyed by a stable identifier so that running it again changes nothing.
"""

import csv
import json
from datetime import date
from pathlib import Path

from django.utils.text import slugify

from .models import EntidadFederativa, Red, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CONFIG = DATA_DIR / "red_snt.json"
ORGANISMOS_CSV = DATA_DIR / "snt" / "organismos_garantes.csv"


def load_config(path=None):
    with open(path or DEFAULT_CONFIG, encoding="utf-8") as handle:
        return json.load(handle)


def _date(value):
    return date.fromisoformat(value) if value else None


def ensure_red(config, note):
    """The network of the configuration (the current one) and its successor, if any."""
    conf = config["red"]
    red, created = Red.objects.get_or_create(
        nombre=conf["nombre"],
        defaults={
            "siglas": conf["siglas"],
            "descripcion": conf.get("descripcion", ""),
            "vigente_desde": _date(conf.get("vigente_desde")),
            "vigente_hasta": _date(conf.get("vigente_hasta")),
            "fundamento_legal": conf.get("fundamento_legal", ""),
            "fuente": conf.get("fuente", ""),
        },
    )
    if created:
        note(f"red {red.siglas}")
    if not Red.objects.filter(es_actual=True).exists():
        Red.objects.filter(pk=red.pk).update(es_actual=True)
    sucesora_conf = config.get("sucesora")
    if sucesora_conf:
        sucesora, created = Red.objects.get_or_create(
            nombre=sucesora_conf["nombre"],
            defaults={
                "siglas": sucesora_conf["siglas"],
                "descripcion": sucesora_conf.get("descripcion", ""),
                "vigente_desde": _date(sucesora_conf.get("vigente_desde")),
                "fundamento_legal": sucesora_conf.get("fundamento_legal", ""),
                "fuente": sucesora_conf.get("fuente", ""),
            },
        )
        if created:
            note(f"red sucesora {sucesora.siglas}")
        if red.sucesora_id is None:
            red.sucesora = sucesora
            red.save(update_fields=["sucesora"])
    return Red.objects.get(pk=red.pk)


def ensure_region(red, orden, region_conf, note):
    """The region of one entry of the configuration's ``regiones``."""
    region, created = Region.objects.get_or_create(
        slug=region_conf["slug"],
        defaults={
            "red": red,
            "nombre": region_conf["nombre"],
            "tipo": region_conf.get("tipo", Region.Tipo.REGIONAL),
            "orden": orden,
            "descripcion": region_conf.get("descripcion", ""),
            "fuente": region_conf.get("fuente", ""),
        },
    )
    if created:
        note(f"región {region.nombre}")
    return region


def ensure_entidades(note):
    """States and the region each one belongs to, from the network's data."""
    regions = {r.nombre: r for r in Region.objects.all()}
    with open(ORGANISMOS_CSV, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["entidad"] == "Federal" or row["region_snt"] not in regions:
                continue
            fuente = row["fuente_region"]
            _, created = EntidadFederativa.objects.get_or_create(
                nombre=row["entidad"],
                defaults={
                    "slug": slugify(row["entidad"]),
                    "region": regions[row["region_snt"]],
                    "region_verificada": fuente.startswith("http"),
                    "fuente_region": fuente,
                },
            )
            if created:
                note(f"entidad {row['entidad']}")
