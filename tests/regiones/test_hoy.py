"""¿Dónde ejerzo hoy mi derecho? The successor resolution, pinned.

The answer for every one of the 32 states is checked against the data files themselves
(``regiones/data/snt/``, copies of the network's shared data): a state whose institute still
operates answers with it; one whose institute is extinct answers with the successor the
newest file names.
"""

import csv
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regiones.bootstrap import ORGANISMOS_CSV
from regiones.demo import ESTADO_CSV, HISTORIA_CSV, load_institutions
from regiones.hoy import ACCESO, DATOS, donde_ejercer, fecha_larga, resolver
from regiones.models import OrganismoGarante, RegistroEstado

Estado = OrganismoGarante.Estado


def _csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _organismo(clave):
    return OrganismoGarante.objects.get(clave=clave)


def _nuevo(clave, nombre, base, **extra):
    """A body in the same state and region as ``base`` (saved without validation: the test
    builds chains the data does not have)."""
    return OrganismoGarante.objects.create(
        clave=clave,
        nombre=nombre,
        tipo=OrganismoGarante.Tipo.SUCESOR,
        entidad=base.entidad,
        region=base.region,
        **extra,
    )


def test_every_state_answers_as_the_data_files_say(db):
    estado = {r["clave"]: r for r in _csv(ESTADO_CSV)}
    historia = {r["clave"]: r for r in _csv(HISTORIA_CSV)}
    esperado = {}
    for fila in _csv(ORGANISMOS_CSV):
        if fila["entidad"] == "Federal":
            continue
        dato = estado.get(fila["clave"]) or historia.get(fila["clave"])
        if dato is None or dato["estado"] in ("vigente", "en_extincion"):
            esperado[fila["entidad"]] = (fila["nombre"], [])
        else:
            esperado[fila["entidad"]] = (dato["sucesor_nombre"], [fila["nombre"]])
    respuestas = {r.entidad.nombre: r for r in donde_ejercer()}
    assert len(respuestas) == len(esperado) == 32
    for entidad, (nombre, antes) in esperado.items():
        respuesta = respuestas[entidad]
        for derecho in (respuesta.acceso, respuesta.datos):
            assert derecho.organismo is not None, entidad
            assert derecho.organismo.nombre == nombre, entidad
            assert [o.nombre for o in derecho.historia] == antes, entidad
            assert derecho.organismo.entidad.nombre == entidad
        assert respuesta.misma


def test_jalisco_today_is_the_contraloria_with_the_itei_below(db):
    jalisco = next(r for r in donde_ejercer() if r.entidad.nombre == "Jalisco")
    assert jalisco.acceso.organismo.clave == "contraloria-jalisco"
    assert jalisco.acceso.organismo.tipo == OrganismoGarante.Tipo.SUCESOR
    assert jalisco.acceso.organismo.region.slug == "centro-occidente"
    [(itei, linea)] = jalisco.acceso.lineas_historia()
    assert itei.siglas == "ITEI"
    assert linea.startswith("Hasta el 30 de noviembre de 2025: Instituto de Transparencia")
    assert linea.endswith("(ITEI).")


def test_chain_of_two_reaches_the_last_body_and_keeps_both_in_history(db):
    itei = _organismo("itei-jalisco")
    contraloria = itei.sucesor
    nuevo = _nuevo("nuevo-organo-jalisco", "Órgano de Transparencia de Jalisco", itei)
    OrganismoGarante.objects.filter(pk=contraloria.pk).update(
        estado=Estado.EXTINTA, fecha_extincion=date(2026, 6, 30), sucesor=nuevo
    )
    respuesta = resolver(_organismo("itei-jalisco"), ACCESO)
    assert respuesta.organismo == nuevo
    assert respuesta.historia == [itei, contraloria]
    lineas = [texto for _o, texto in respuesta.lineas_historia()]
    assert lineas[0] == "Hasta el 30 de junio de 2026: Contraloría del Estado de Jalisco."
    assert lineas[1].startswith("Hasta el 30 de noviembre de 2025: ")
    assert resolver(itei, DATOS).organismo == nuevo


def test_a_body_that_guarantees_only_one_right(db):
    inai = _organismo("inai")
    acceso, datos = resolver(inai, ACCESO), resolver(inai, DATOS)
    assert acceso.organismo.nombre == "Transparencia para el Pueblo"
    assert acceso.organismo.derechos == OrganismoGarante.Derechos.ACCESO
    assert datos.organismo.nombre == "Secretaría Anticorrupción y Buen Gobierno"
    assert datos.organismo.derechos == OrganismoGarante.Derechos.DATOS
    assert acceso.historia == datos.historia == [inai]

    # A state whose successor guarantees only access: personal data go to another body, or
    # nowhere the data can name.
    istai = _organismo("istai-sonora")
    OrganismoGarante.objects.filter(pk=istai.sucesor_id).update(
        derechos=OrganismoGarante.Derechos.ACCESO
    )
    sonora = next(r for r in donde_ejercer() if r.entidad.nombre == "Sonora")
    assert sonora.acceso.organismo.clave == "transparencia-pueblo-sonora"
    assert sonora.datos.organismo is None
    assert sonora.datos.historia == [istai]
    assert not sonora.misma
    datos_sonora = _nuevo("datos-sonora", "Secretaría de datos de Sonora", istai)
    OrganismoGarante.objects.filter(pk=istai.pk).update(sucesor_datos=datos_sonora)
    sonora = next(r for r in donde_ejercer() if r.entidad.nombre == "Sonora")
    assert sonora.datos.organismo == datos_sonora
    assert sonora.acceso.organismo.clave == "transparencia-pueblo-sonora"


def test_an_institute_in_extinction_operates_until_its_end_date(db):
    infoem = _organismo("infoem-estado-de-mexico")
    assert infoem.estado == Estado.EN_EXTINCION
    hoy = timezone.localdate()
    # No end date in the sources: it still answers.
    assert resolver(infoem, ACCESO).organismo == infoem
    OrganismoGarante.objects.filter(pk=infoem.pk).update(fecha_extincion=hoy + timedelta(days=10))
    infoem.refresh_from_db()
    respuesta = resolver(infoem, ACCESO)
    assert respuesta.organismo == infoem
    assert respuesta.en_extincion and respuesta.opera_hasta == hoy + timedelta(days=10)
    # From its end date on, the successor that was waiting answers, with INFOEM below.
    despues = resolver(infoem, DATOS, hoy=hoy + timedelta(days=10))
    assert despues.organismo.clave == "contraloria-estado-de-mexico"
    assert despues.organismo.estado == Estado.POR_ASUMIR
    assert despues.historia == [infoem]


def test_chain_loops_stop(db):
    itei = _organismo("itei-jalisco")
    OrganismoGarante.objects.filter(pk=itei.sucesor_id).update(estado=Estado.EXTINTA, sucesor=itei)
    respuesta = resolver(itei, ACCESO)
    assert respuesta.organismo is None
    assert len(respuesta.historia) == 2


def test_spanish_dates_have_lower_case_months():
    assert fecha_larga(date(2025, 11, 30)) == "30 de noviembre de 2025"


# --- The data load -------------------------------------------------------------------------


def test_load_is_idempotent_and_keeps_every_source(db):
    antes = {
        o.clave: (o.estado, o.fecha_extincion, o.sucesor_id, o.fuentes_estado)
        for o in OrganismoGarante.objects.all()
    }
    registros = RegistroEstado.objects.count()
    load_institutions()
    despues = {
        o.clave: (o.estado, o.fecha_extincion, o.sucesor_id, o.fuentes_estado)
        for o in OrganismoGarante.objects.all()
    }
    assert antes == despues
    assert RegistroEstado.objects.count() == registros
    estados = OrganismoGarante.objects.filter(
        tipo__in=[OrganismoGarante.Tipo.GARANTE_ESTATAL, OrganismoGarante.Tipo.GARANTE_NACIONAL]
    )
    claves = {r["clave"] for r in _csv(ESTADO_CSV)}
    conteo = {e: estados.filter(clave__in=claves, estado=e).count() for e in Estado.values}
    assert conteo[Estado.EXTINTA] == 18
    assert conteo[Estado.EN_EXTINCION] == 7
    assert conteo[Estado.VIGENTE] == 2


def test_the_thirteen_missing_institutes_are_no_longer_shown_as_operating(db):
    claves = [
        "itea-aguascalientes", "itaipbc-baja-california", "cotaipec-campeche",
        "infocdmx-ciudad-de-mexico", "infocol-colima", "idaip-durango", "iacip-guanajuato",
        "infoem-estado-de-mexico", "imipe-morelos", "itai-nayarit", "ceaip-sinaloa",
        "istai-sonora", "inaip-yucatan",
    ]  # fmt: skip
    for clave in claves:
        organismo = _organismo(clave)
        assert organismo.estado in (Estado.EXTINTA, Estado.EN_EXTINCION), clave
        assert organismo.lista_fuentes_estado(), clave
        assert organismo.fecha_fuente_estado, clave


def test_tamaulipas_keeps_both_sources_dates(db):
    itait = _organismo("itait-tamaulipas")
    assert itait.fecha_extincion == date(2025, 7, 13)
    fechas = {r.origen: r.fecha_extincion for r in itait.discrepancias()}
    assert fechas == {
        "historia_organismos.csv": date(2025, 5, 13),
        "estado_organismos_2026-12.csv": date(2025, 7, 13),
    }
    assert not _organismo("itei-jalisco").discrepancias()


def test_a_status_change_needs_a_new_public_source(db):
    org = _organismo("ichitaip-chihuahua")
    org.estado = Estado.EN_EXTINCION
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "fuente pública" in error.value.message_dict["fuentes_estado"][0]
    org.fuentes_estado = "no es una url"
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "no es una dirección web válida" in error.value.message_dict["fuentes_estado"][0]
    org.fuentes_estado = "https://ejemplo.gob.mx/decreto"
    org.full_clean()


def test_real_data_loads_without_the_demo_flag(db, settings):
    import io

    from django.core.management import call_command

    settings.SNT_DEMO_ALLOWED = False
    antes = OrganismoGarante.objects.count()
    salida = io.StringIO()
    call_command("cargar_instituciones", stdout=salida)
    assert "Instituciones: 36 filas" in salida.getvalue()
    assert OrganismoGarante.objects.count() == antes
    assert OrganismoGarante.objects.get(clave="itei-jalisco").sucesor.clave == (
        "contraloria-jalisco"
    )


def test_where_sources_disagree_the_history_shows_both_dates(db):
    tamaulipas = next(r for r in donde_ejercer() if r.entidad.nombre == "Tamaulipas")
    [(itait, linea)] = tamaulipas.acceso.lineas_historia()
    assert itait.clave == "itait-tamaulipas"
    assert linea.startswith(
        "Hasta el 13 de julio de 2025 (otra fuente: 13 de mayo de 2025): Instituto de"
    )
