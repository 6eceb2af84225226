"""Numbers for the coordination's views: schedule calendar, coverage by state and campaign
airing. Everything is limited to the regions the user may see (the national coordination
sees every region)."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from cms.ciclo import Estado
from regiones.models import EntidadFederativa

from .models import ConvenioMedio, MedioOficial

MESES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()
DIAS = ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")


def _fecha_corta(dia):
    return f"{dia.day} {MESES[dia.month - 1][:3]}"


# --- Calendar -----------------------------------------------------------------------------


class PeriodoInvalido(ValueError):
    """A ?mes or ?semana value that is not a real month or ISO week (Spanish message)."""


@dataclass
class Columna:
    etiqueta: str
    inicio: date
    fin: date
    semana: str = ""


@dataclass
class Periodo:
    tipo: str  # "mes" or "semana"
    inicio: date
    fin: date
    titulo: str
    anterior: str
    siguiente: str
    columnas: list = field(default_factory=list)


def semana_iso(dia):
    anio, semana, _ = dia.isocalendar()
    return f"{anio}-W{semana:02d}"


def mes_iso(dia):
    return f"{dia.year}-{dia.month:02d}"


def periodo_mes(anio, mes):
    inicio = date(anio, mes, 1)
    fin = date(anio, mes, calendar.monthrange(anio, mes)[1])
    columnas, dia = [], inicio
    while dia <= fin:
        hasta = min(dia + timedelta(days=6 - dia.weekday()), fin)
        columnas.append(
            Columna(
                f"Semana {dia.isocalendar()[1]} ({_fecha_corta(dia)}–{_fecha_corta(hasta)})",
                dia,
                hasta,
                semana_iso(dia),
            )
        )
        dia = hasta + timedelta(days=1)
    return Periodo(
        "mes",
        inicio,
        fin,
        f"{MESES[mes - 1].capitalize()} de {anio}",
        mes_iso(inicio - timedelta(days=1)),
        mes_iso(fin + timedelta(days=1)),
        columnas,
    )


def periodo_semana(lunes):
    domingo = lunes + timedelta(days=6)
    columnas = [
        Columna(
            f"{DIAS[i]} {_fecha_corta(lunes + timedelta(days=i))}",
            *(lunes + timedelta(days=i),) * 2,
        )
        for i in range(7)
    ]
    anio, numero, _ = lunes.isocalendar()
    return Periodo(
        "semana",
        lunes,
        domingo,
        f"Semana {numero} de {anio} (del {_fecha_corta(lunes)} al {_fecha_corta(domingo)})",
        semana_iso(lunes - timedelta(days=7)),
        semana_iso(lunes + timedelta(days=7)),
        columnas,
    )


def leer_periodo(params, hoy=None):
    """The month (``?mes=AAAA-MM``) or ISO week (``?semana=AAAA-Www``) asked for; the
    current month when neither is given. Raises PeriodoInvalido with a Spanish message."""
    hoy = hoy or timezone.localdate()
    mes = (params.get("mes") or "").strip()
    semana = (params.get("semana") or "").strip()
    if mes and semana:
        raise PeriodoInvalido("Elija un mes o una semana, no ambos.")
    if semana:
        encontrado = re.fullmatch(r"(\d{4})-W(\d{1,2})", semana, flags=re.IGNORECASE)
        try:
            if not encontrado:
                raise ValueError
            anio, numero = int(encontrado[1]), int(encontrado[2])
            if not 1900 <= anio <= 2999:
                raise ValueError
            return periodo_semana(date.fromisocalendar(anio, numero, 1))
        except ValueError:
            raise PeriodoInvalido(
                f"La semana «{semana}» no existe. Escríbala como AAAA-Wss (año y número de "
                f"semana ISO), por ejemplo {semana_iso(hoy)}."
            ) from None
    if mes:
        encontrado = re.fullmatch(r"(\d{4})-(\d{1,2})", mes)
        if not encontrado or not (
            1 <= int(encontrado[2]) <= 12 and 1900 <= int(encontrado[1]) <= 2999
        ):
            raise PeriodoInvalido(
                f"El mes «{mes}» no existe. Escríbalo como AAAA-MM, por ejemplo {mes_iso(hoy)}."
            )
        return periodo_mes(int(encontrado[1]), int(encontrado[2]))
    return periodo_mes(hoy.year, hoy.month)


def calendario(pautas, periodo):
    """Rows (pauta, slots per column, total) of the active schedules in the period, and
    the totals per column, split into aired and scheduled."""
    seleccion = (
        pautas.activas()
        .en_periodo(periodo.inicio, periodo.fin)
        .select_related("medio", "campana", "region")
        .order_by("medio__nombre", "inicio", "pk")
    )
    filas = []
    for pauta in seleccion:
        valores = [pauta.impactos_entre(c.inicio, c.fin) for c in periodo.columnas]
        filas.append({"pauta": pauta, "valores": valores, "total": sum(valores)})
    totales = [sum(f["valores"][i] for f in filas) for i in range(len(periodo.columnas))]
    return {
        "filas": filas,
        "totales": totales,
        "total": sum(totales),
        "transmitidos": sum(f["total"] for f in filas if f["pauta"].estado == "transmitida"),
        "programados": sum(f["total"] for f in filas if f["pauta"].estado == "programada"),
    }


# --- Coverage -----------------------------------------------------------------------------


def convenios_vigentes(hoy=None):
    """Agreements in force today: «Vigente» and their term not yet over."""
    hoy = hoy or timezone.localdate()
    return (
        ConvenioMedio.objects.filter(estado=Estado.VIGENTE)
        .exclude(vigencia_fin__lt=hoy)
        .exclude(vigencia_inicio__gt=hoy)
    )


def cobertura(regiones, hoy=None):
    """Per state of the given regions: its outlets and those with an agreement in force.
    Federal outlets are reported apart: they do not make a state covered."""
    vigentes = set(convenios_vigentes(hoy).values_list("medio_id", flat=True))
    entidades = (
        EntidadFederativa.objects.filter(region__in=regiones)
        .select_related("region")
        .order_by("region__orden", "nombre")
    )
    medios = {}
    for medio in MedioOficial.objects.filter(entidad__in=entidades).order_by("nombre"):
        medios.setdefault(medio.entidad_id, []).append(medio)
    filas = []
    for entidad in entidades:
        propios = medios.get(entidad.pk, [])
        con_convenio = [m for m in propios if m.pk in vigentes]
        filas.append(
            {
                "entidad": entidad,
                "medios": propios,
                "con_convenio": con_convenio,
                "cubierta": bool(con_convenio),
            }
        )
    federales = list(
        MedioOficial.objects.filter(ambito=MedioOficial.Ambito.FEDERAL).order_by("nombre")
    )
    por_region = []
    for region in regiones:
        de_region = [f for f in filas if f["entidad"].region_id == region.pk]
        if not de_region:
            continue
        por_region.append(
            (region.nombre, sum(1 for f in de_region if f["cubierta"]), len(de_region))
        )
    return {
        "filas": filas,
        "cubiertas": sum(1 for f in filas if f["cubierta"]),
        "total": len(filas),
        "por_region": por_region,
        "federales": federales,
        "federales_con_convenio": [m for m in federales if m.pk in vigentes],
    }


# --- Campaign airing ----------------------------------------------------------------------


def _suma(pautas):
    transmitidos = sum(p.impactos_totales() for p in pautas if p.estado == "transmitida")
    programados = sum(p.impactos_totales() for p in pautas if p.estado == "programada")
    return transmitidos, programados


def campanas_con_pautas(pautas):
    """Per campaign with active schedules: outlets, schedules and slots (aired/scheduled)."""
    grupos = {}
    for pauta in pautas.activas().filter(campana__isnull=False).select_related("campana"):
        grupos.setdefault(pauta.campana, []).append(pauta)
    filas = []
    for campana, lista in grupos.items():
        transmitidos, programados = _suma(lista)
        filas.append(
            {
                "campana": campana,
                "pautas": len(lista),
                "medios": len({p.medio_id for p in lista}),
                "transmitidos": transmitidos,
                "programados": programados,
                "total": transmitidos + programados,
            }
        )
    return sorted(filas, key=lambda f: (-f["total"], f["campana"].title))


def difusion_campana(campana, pautas):
    """Where and how often a campaign aired: per outlet, slots aired and still scheduled
    over the schedules' periods."""
    grupos = {}
    seleccion = (
        pautas.activas()
        .filter(campana=campana)
        .select_related("medio__entidad")
        .order_by("inicio", "pk")
    )
    for pauta in seleccion:
        grupos.setdefault(pauta.medio, []).append(pauta)
    filas = []
    for medio, lista in grupos.items():
        transmitidos, programados = _suma(lista)
        filas.append(
            {
                "medio": medio,
                "pautas": lista,
                "formatos": sorted({p.get_formato_display() for p in lista}),
                "inicio": min(p.inicio for p in lista),
                "fin": max(p.fin for p in lista),
                "transmitidos": transmitidos,
                "programados": programados,
                "total": transmitidos + programados,
            }
        )
    filas.sort(key=lambda f: (-f["total"], f["medio"].nombre))
    return {
        "filas": filas,
        "transmitidos": sum(f["transmitidos"] for f in filas),
        "programados": sum(f["programados"] for f in filas),
        "total": sum(f["total"] for f in filas),
        "alcance": sum(p.alcance_estimado or 0 for p in seleccion),
    }
