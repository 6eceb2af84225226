"""Load the network's real member institutions from the sourced data files."""

import csv
from datetime import date

from django.db import transaction

from .bootstrap import DATA_DIR, ORGANISMOS_CSV
from .models import EntidadFederativa, OrganismoGarante, Region

OTROS_CSV = DATA_DIR / "snt" / "otros_integrantes_snt.csv"
HISTORIA_CSV = DATA_DIR / "snt" / "historia_organismos.csv"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _region_for(row, regions):
    if row["region_snt"] in regions:
        return regions[row["region_snt"]]
    return next(r for r in regions.values() if r.es_nacional)


@transaction.atomic
def load_institutions():
    """Create or update the members and their history. Returns the number of rows seen."""
    regions = {r.nombre: r for r in Region.objects.all()}
    entidades = {e.nombre: e for e in EntidadFederativa.objects.all()}
    rows = [(row, OrganismoGarante.Tipo.GARANTE_ESTATAL) for row in read_csv(ORGANISMOS_CSV)]
    rows += [(row, OrganismoGarante.Tipo.INTEGRANTE) for row in read_csv(OTROS_CSV)]
    for row, tipo in rows:
        if row["clave"] == "inai":
            tipo = OrganismoGarante.Tipo.GARANTE_NACIONAL
        OrganismoGarante.objects.update_or_create(
            clave=row["clave"],
            defaults={
                "nombre": row["nombre"],
                "siglas": row["siglas"],
                "tipo": tipo,
                "entidad": entidades.get(row["entidad"]),
                "region": _region_for(row, regions),
                "sitio_web": row["sitio_web"],
                "fuente_sitio_web": row.get("fuente_sitio_web", ""),
                "fuentes": row["fuente"],
                "notas": row["notas"],
            },
        )
    for row in read_csv(HISTORIA_CSV):
        _apply_history(row, regions, entidades)
    return len(rows)


def _apply_history(row, regions, entidades):
    organismo = OrganismoGarante.objects.get(clave=row["clave"])
    sucesor = None
    if row["sucesor_clave"]:
        sucesor, _ = OrganismoGarante.objects.update_or_create(
            clave=row["sucesor_clave"],
            defaults={
                "nombre": row["sucesor_nombre"],
                "siglas": row["sucesor_siglas"],
                "tipo": OrganismoGarante.Tipo.SUCESOR,
                "entidad": organismo.entidad,
                "region": organismo.region,
                "fecha_inicio": date.fromisoformat(row["sucesor_inicio"])
                if row["sucesor_inicio"]
                else None,
                "fuentes": row["fuente_fundamento"],
            },
        )
    organismo.estado = row["estado"]
    organismo.fecha_extincion = (
        date.fromisoformat(row["fecha_extincion"]) if row["fecha_extincion"] else None
    )
    organismo.fundamento_legal = row["fundamento_legal"]
    organismo.fuente_fundamento = row["fuente_fundamento"]
    organismo.sucesor = sucesor
    organismo.full_clean()
    organismo.save()
