"""Load the network's real member institutions from the sourced data files.

Idempotent: every row is keyed by the institution's ``clave`` (and every status record by
its institution and the file it comes from), so loading again changes nothing.

The status of an institution comes from two files: ``historia_organismos.csv`` (derived from
the notes of ``organismos_garantes.csv``) and ``estado_organismos_2026-12.csv``, which
complements it with newer or more precise data. The newer file wins field by field; both
are kept as status records (``RegistroEstado``), so that where they disagree (Tamaulipas'
dates) both sources are shown. Successors are institutions of their own
(``sucesores_2026-12.csv``), with their status, start date, region and the rights they
guarantee.
"""

import csv
from datetime import date

from django.db import transaction

from .bootstrap import DATA_DIR, ORGANISMOS_CSV
from .models import EntidadFederativa, OrganismoGarante, Region, RegistroEstado

SNT_DIR = DATA_DIR / "snt"
OTROS_CSV = SNT_DIR / "otros_integrantes_snt.csv"
HISTORIA_CSV = SNT_DIR / "historia_organismos.csv"
ESTADO_CSV = SNT_DIR / "estado_organismos_2026-12.csv"
SUCESORES_CSV = SNT_DIR / "sucesores_2026-12.csv"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(text):
    return date.fromisoformat(text) if text else None


def _region_for(row, regions):
    if row["region_snt"] in regions:
        return regions[row["region_snt"]]
    return next(r for r in regions.values() if r.es_nacional)


@transaction.atomic
def load_institutions():
    """Create or update the members, their successors and their history.

    Returns the number of member rows seen."""
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
    sucesores = load_successors()
    historia = {row["clave"]: row for row in read_csv(HISTORIA_CSV)}
    estado = {row["clave"]: row for row in read_csv(ESTADO_CSV)}
    for clave in [*historia, *(c for c in estado if c not in historia)]:
        _apply_status(clave, historia.get(clave), estado.get(clave), sucesores)
    return len(rows)


def load_successors():
    """Successor institutions from ``sucesores_2026-12.csv``.

    Returns {(predecessor clave, right): successor}; right is "ambos", "acceso" or "datos".
    """
    sucesores = {}
    for row in read_csv(SUCESORES_CSV):
        antecesor = OrganismoGarante.objects.get(clave=row["antecesor"])
        sucesor = OrganismoGarante.objects.filter(clave=row["clave"]).first() or (
            OrganismoGarante(clave=row["clave"])
        )
        sucesor.nombre = row["nombre"]
        sucesor.siglas = row["siglas"]
        sucesor.tipo = OrganismoGarante.Tipo.SUCESOR
        sucesor.entidad = antecesor.entidad
        sucesor.region = antecesor.region
        sucesor.derechos = row["derecho"]
        sucesor.estado = row["estado"]
        sucesor.fecha_inicio = _date(row["inicio"])
        sucesor.fuentes = row["fuente"]
        sucesor.fuentes_estado = row["fuente"]
        sucesor.fecha_fuente_estado = row["fecha_fuente"]
        sucesor.notas_estado = row["notas"]
        _save_with_record(sucesor, SUCESORES_CSV.name)
        sucesores[(row["antecesor"], row["derecho"])] = sucesor
    return sucesores


def _save_with_record(organismo, origen):
    organismo.full_clean()
    organismo.save()
    registro = RegistroEstado.desde(organismo, origen)
    _keep_record(registro)


def _keep_record(registro):
    fields = {
        f.name: getattr(registro, f.name)
        for f in RegistroEstado._meta.concrete_fields
        if f.name not in ("id", "organismo", "origen", "registrado_el", "registrado_por")
    }
    RegistroEstado.objects.update_or_create(
        organismo=registro.organismo, origen=registro.origen, defaults=fields
    )


def _apply_status(clave, historia, estado, sucesores):
    """Current values: the newer file's where it says something, the older one's otherwise."""
    organismo = OrganismoGarante.objects.get(clave=clave)
    sucesor = sucesores.get((clave, "ambos")) or sucesores.get((clave, "acceso"))
    sucesor_datos = sucesores.get((clave, "datos"))
    if historia and historia["sucesor_clave"] and sucesor is None:
        raise ValueError(f"{clave}: su sucesora no figura en {SUCESORES_CSV.name}.")
    if estado and estado["sucesor_nombre"] and sucesor is None:
        raise ValueError(f"{clave}: su sucesora no figura en {SUCESORES_CSV.name}.")

    if historia:
        registro = RegistroEstado(
            organismo=organismo,
            estado=historia["estado"],
            fecha_extincion=_date(historia["fecha_extincion"]),
            fundamento_legal=historia["fundamento_legal"],
            sucesor=sucesor if historia["sucesor_clave"] else None,
            fuentes=historia["fuente_fundamento"],
            origen=HISTORIA_CSV.name,
        )
        _keep_record(registro)
    if estado:
        _keep_record(
            RegistroEstado(
                organismo=organismo,
                estado=estado["estado"],
                fecha_extincion=_date(estado["fecha_extincion"]),
                fundamento_legal=estado["fundamento_legal"],
                sucesor=sucesor if estado["sucesor_nombre"] else None,
                fuentes=estado["fuente"],
                fecha_fuente=estado["fecha_fuente"],
                notas=estado["notas"],
                origen=ESTADO_CSV.name,
            )
        )

    nuevo = estado or {}
    viejo = historia or {}
    organismo.estado = nuevo.get("estado") or viejo["estado"]
    organismo.fecha_extincion = _date(nuevo.get("fecha_extincion") or viejo.get("fecha_extincion"))
    organismo.fundamento_legal = nuevo.get("fundamento_legal") or viejo["fundamento_legal"]
    organismo.fuentes_estado = nuevo.get("fuente") or viejo.get("fuente_fundamento", "")
    organismo.fuente_fundamento = organismo.lista_fuentes_estado()[0]
    organismo.fecha_fuente_estado = nuevo.get("fecha_fuente", "")
    organismo.notas_estado = nuevo.get("notas", "")
    organismo.sucesor = sucesor
    organismo.sucesor_datos = sucesor_datos
    organismo.full_clean()
    organismo.save()
