"""The calendar moves agreements on its own: signed → current when the term starts,
current → expired when it ends (cms.ciclo.actualizar_vigencias / actualizar_vigencias)."""

from io import StringIO

from django.core.management import call_command

from cms.ciclo import actualizar_vigencias

from .conftest import hoy_mas


def test_terms_that_started_or_ended_change_state_with_history(client, crear_convenio):
    empieza_hoy = crear_convenio(
        "norte", "firmado", fechas={"vigencia_inicio": hoy_mas(0), "vigencia_fin": hoy_mas(30)}
    )
    aun_no = crear_convenio("norte", "firmado")  # starts in five days
    termino_ayer = crear_convenio("sureste", "vigente", fechas={"vigencia_fin": hoy_mas(-1)})
    termina_hoy = crear_convenio("sureste", "vigente", fechas={"vigencia_fin": hoy_mas(0)})
    concluido = crear_convenio("norte", "concluido")

    salida = StringIO()
    call_command("actualizar_vigencias", stdout=salida)

    for convenio in (empieza_hoy, aun_no, termino_ayer, termina_hoy, concluido):
        convenio.refresh_from_db()
    assert empieza_hoy.estado == "vigente"
    assert aun_no.estado == "firmado"
    assert termino_ayer.estado == "vencido"
    assert termina_hoy.estado == "vigente"  # the last day of the term still counts
    assert concluido.estado == "concluido"

    entrada = termino_ayer.get_historial().first()
    assert (entrada.estado_anterior, entrada.estado_nuevo) == ("vigente", "vencido")
    assert entrada.usuario is None
    assert "cambio automático" in entrada.comentario
    assert "alianzas.Convenio: 1 entraron en vigor, 1 vencieron" in salida.getvalue()

    # Idempotent: nothing left to do the same day.
    assert actualizar_vigencias()["alianzas.Convenio"] == {
        "vigentes": 0,
        "vencidos": 0,
        "revisar": 0,
    }


def test_expired_agreement_is_shown_as_expired_to_citizens(client, crear_convenio):
    convenio = crear_convenio("norte", "vigente", fechas={"vigencia_fin": hoy_mas(-3)})
    actualizar_vigencias()
    datos = client.get("/api/v1/convenios", HTTP_HOST="norte.localhost").json()
    fila = next(c for c in datos["resultados"] if c["titulo"] == convenio.titulo)
    assert fila["estado"] == "vencido"


def test_signed_record_whose_whole_term_passed_is_left_for_a_person(crear_convenio):
    firmado = crear_convenio(
        "norte",
        "firmado",
        fechas={
            "fecha_firma": hoy_mas(-400),
            "vigencia_inicio": hoy_mas(-380),
            "vigencia_fin": hoy_mas(-20),
        },
    )
    salida = StringIO()
    call_command("actualizar_vigencias", stdout=salida)
    firmado.refresh_from_db()
    assert firmado.estado == "firmado"
    assert "1 firmados con la vigencia ya terminada necesitan" in salida.getvalue()
