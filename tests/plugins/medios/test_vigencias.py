"""Media agreements follow the same calendar as every lifecycle model."""

from cms.ciclo import actualizar_vigencias

from .conftest import hoy_mas


def test_media_agreement_expires_by_date(crear_convenio):
    convenio = crear_convenio("norte", "vigente", fechas={"vigencia_fin": hoy_mas(-1)})
    resumen = actualizar_vigencias()
    convenio.refresh_from_db()
    assert convenio.estado == "vencido"
    assert resumen["medios.ConvenioMedio"]["vencidos"] == 1
    assert convenio.get_historial().first().estado_nuevo == "vencido"
