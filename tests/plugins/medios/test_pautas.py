"""Schedules: validation at its boundaries, and the calendar, coverage and campaign
numbers against the fixtures."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cms.permissions import readable, readable_regions
from plugins.medios import informes
from plugins.medios.models import ConvenioMedio, Pauta

from .conftest import hoy_mas


def _nueva(regions, medios, **kwargs):
    datos = {
        "region": regions["norte"],
        "medio": medios["norte"],
        "material": "Spot «Pregunta sin miedo»",
        "formato": "spot_radio",
        "inicio": date(2024, 3, 4),
        "fin": date(2024, 3, 10),
        "impactos_por_dia": 4,
    }
    datos.update(kwargs)
    return Pauta(**datos)


def _errores(pauta):
    with pytest.raises(ValidationError) as error:
        pauta.full_clean()
    return error.value.message_dict


def test_same_day_start_and_end_is_valid(regions, medios):
    pauta = _nueva(regions, medios, inicio=date(2024, 3, 4), fin=date(2024, 3, 4))
    pauta.full_clean()
    assert pauta.impactos_totales() == 4


def test_end_before_start_is_refused(regions, medios):
    errores = _errores(_nueva(regions, medios, inicio=date(2024, 3, 5), fin=date(2024, 3, 4)))
    assert "no puede terminar (04/03/2024) antes de empezar (05/03/2024)" in errores["fin"][0]


@pytest.mark.parametrize(
    "campos,campo,mensaje",
    [
        ({"impactos_por_dia": 0}, "impactos_por_dia", "al menos 1"),
        ({"impactos_por_dia": 49}, "impactos_por_dia", "más de 48 impactos al día"),
        (
            {"impactos_por_dia": None, "impactos_por_semana": 337},
            "impactos_por_semana",
            "más de 336 impactos a la semana",
        ),
        ({"impactos_por_dia": 2, "impactos_por_semana": 5}, "impactos_por_semana", "no ambos"),
        ({"impactos_por_dia": None}, "impactos_por_dia", "por día o por semana"),
        ({"material": ""}, "campana", "Elija la campaña o describa el material"),
    ],
)
def test_nonsensical_values_are_refused(regions, medios, campos, campo, mensaje):
    errores = _errores(_nueva(regions, medios, **campos))
    assert any(mensaje in m for m in errores[campo]), errores


def test_limits_are_inclusive(regions, medios):
    _nueva(regions, medios, impactos_por_dia=48).full_clean()
    _nueva(regions, medios, impactos_por_dia=1).full_clean()


def test_per_week_slots_on_a_short_period(regions, medios):
    corta = _nueva(
        regions,
        medios,
        impactos_por_dia=None,
        impactos_por_semana=5,
        inicio=date(2024, 3, 4),
        fin=date(2024, 3, 6),
    )
    corta.full_clean()
    assert corta.impactos_totales() == 5
    assert [corta.impactos_del_dia(date(2024, 3, d)) for d in (4, 5, 6)] == [2, 2, 1]
    # 100 in a 2-day last week would be 50 a day.
    imposible = _nueva(
        regions,
        medios,
        impactos_por_dia=None,
        impactos_por_semana=100,
        inicio=date(2024, 3, 4),
        fin=date(2024, 3, 5),
    )
    assert "tiene 2 día(s): no caben 100" in _errores(imposible)["impactos_por_semana"][0]


def test_aired_schedule_cannot_start_in_the_future(regions, medios):
    pauta = _nueva(
        regions, medios, inicio=hoy_mas(3), fin=hoy_mas(10), estado=Pauta.Estado.TRANSMITIDA
    )
    assert "todavía no puede estar «Transmitida»" in _errores(pauta)["estado"][0]


def test_overlapping_schedule_is_refused_and_adjacent_is_valid(regions, medios, campana):
    c = campana()
    existente = _nueva(regions, medios, campana=c, material="")
    existente.save()
    traslape = _nueva(
        regions, medios, campana=c, material="", inicio=date(2024, 3, 10), fin=date(2024, 3, 12)
    )
    mensaje = _errores(traslape)["inicio"][0]
    assert "se superponen" in mensaje and "04/03/2024" in mensaje
    # The day after the end is adjacent, not overlapping.
    _nueva(
        regions, medios, campana=c, material="", inicio=date(2024, 3, 11), fin=date(2024, 3, 12)
    ).full_clean()
    # Same period, other format or other outlet: no conflict.
    _nueva(regions, medios, campana=c, material="", formato="spot_tv").full_clean()
    _nueva(regions, medios, campana=c, material="", medio=medios["federal"]).full_clean()
    # Editing the existing schedule does not collide with itself.
    existente.full_clean()
    # A cancelled schedule frees its period.
    existente.estado = Pauta.Estado.CANCELADA
    existente.save()
    traslape.full_clean()


def test_overlap_of_free_text_material(regions, medios):
    _nueva(regions, medios).save()
    otra = _nueva(regions, medios, material="spot «pregunta sin miedo»", inicio=date(2024, 3, 7))
    assert "se superponen" in _errores(otra)["inicio"][0]
    _nueva(regions, medios, material="Otro material").full_clean()


def test_agreement_must_be_with_the_same_outlet(regions, medios, crear_convenio):
    convenio = crear_convenio("norte", "vigente", medio=medios["federal"])
    errores = _errores(_nueva(regions, medios, convenio=convenio))
    assert "es con otro medio" in errores["convenio"][0]
    _nueva(regions, medios, convenio=convenio, medio=medios["federal"]).full_clean()


# --- Calendar -----------------------------------------------------------------------------


def test_week_calendar_numbers(calendario_fixture, editor_of, regions):
    norte = readable(Pauta, editor_of("norte", "coordinacion"))
    semana = informes.leer_periodo({"semana": "2024-W10"})
    datos = informes.calendario(norte, semana)
    assert [c.inicio for c in semana.columnas][0] == date(2024, 3, 4)
    assert datos["totales"] == [4, 4, 4, 4, 6, 6, 6]
    assert datos["total"] == 34
    assert (datos["transmitidos"], datos["programados"]) == (28, 6)
    assert calendario_fixture["cancelada"] not in [f["pauta"] for f in datos["filas"]]

    nacional = readable(Pauta, editor_of("nacional", "coordinacion"))
    datos = informes.calendario(nacional, semana)
    assert datos["totales"] == [4, 7, 7, 4, 6, 6, 6]
    assert datos["total"] == 40


def test_month_calendar_numbers(calendario_fixture, editor_of):
    norte = readable(Pauta, editor_of("norte", "edicion"))
    marzo = informes.leer_periodo({"mes": "2024-03"})
    assert [c.semana for c in marzo.columnas] == [
        "2024-W09",
        "2024-W10",
        "2024-W11",
        "2024-W12",
        "2024-W13",
    ]
    datos = informes.calendario(norte, marzo)
    assert datos["totales"] == [0, 34, 10, 4, 0]
    assert datos["total"] == 48
    semanal = next(f for f in datos["filas"] if f["pauta"] == calendario_fixture["semanal"])
    assert semanal["valores"] == [0, 6, 10, 4, 0]
    assert calendario_fixture["semanal"].impactos_totales() == 20


@pytest.mark.parametrize(
    "params,mensaje",
    [
        ({"mes": "2024-13"}, "El mes «2024-13» no existe"),
        ({"mes": "marzo"}, "El mes «marzo» no existe"),
        ({"semana": "2024-W54"}, "La semana «2024-W54» no existe"),
        ({"semana": "2024-10"}, "La semana «2024-10» no existe"),
        ({"mes": "2024-03", "semana": "2024-W10"}, "no ambos"),
    ],
)
def test_bad_period_values(params, mensaje):
    with pytest.raises(informes.PeriodoInvalido) as error:
        informes.leer_periodo(params)
    assert mensaje in str(error.value)


# --- Coverage -----------------------------------------------------------------------------


def test_coverage_by_state(crear_convenio, medios, regions, editor_of):
    crear_convenio("norte", "vigente")  # Sonora: covered
    crear_convenio("sureste", "firmado")  # Campeche: signed, not in force yet
    crear_convenio("norte", "vigente", medio=medios["federal"])  # federal: no state
    # «Vigente» whose term already ended does not count.
    caducado = crear_convenio("sureste", "vigente")
    ConvenioMedio.objects.filter(pk=caducado.pk).update(vigencia_fin=hoy_mas(-1))

    norte = informes.cobertura(readable_regions(Pauta, editor_of("norte", "coordinacion")))
    assert norte["total"] == 9 and norte["cubiertas"] == 1
    assert [f["entidad"].nombre for f in norte["filas"] if f["cubierta"]] == ["Sonora"]
    nacional = informes.cobertura(readable_regions(Pauta, editor_of("nacional", "coordinacion")))
    assert nacional["total"] == 32 and nacional["cubiertas"] == 1
    campeche = next(f for f in nacional["filas"] if f["entidad"].nombre == "Campeche")
    assert campeche["medios"] == [medios["sureste"]] and not campeche["cubierta"]
    assert nacional["federales_con_convenio"] == [medios["federal"]]
    assert ("Norte", 1, 9) in nacional["por_region"]


# --- Campaign airing ----------------------------------------------------------------------


def test_campaign_airing_by_outlet(calendario_fixture, medios, editor_of):
    c = calendario_fixture["campana"]
    norte = informes.difusion_campana(c, readable(Pauta, editor_of("norte", "coordinacion")))
    assert [(f["medio"], f["transmitidos"], f["programados"]) for f in norte["filas"]] == [
        (medios["norte"], 28, 20)
    ]
    nacional = informes.difusion_campana(c, readable(Pauta, editor_of("nacional", "coordinacion")))
    assert [(f["medio"], f["transmitidos"], f["programados"]) for f in nacional["filas"]] == [
        (medios["norte"], 28, 20),
        (medios["sureste"], 6, 0),
    ]
    assert (nacional["transmitidos"], nacional["programados"], nacional["total"]) == (34, 20, 54)
