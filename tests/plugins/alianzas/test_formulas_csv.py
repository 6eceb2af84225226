"""The alliance registry's CSVs (open data and the admin export) carry an editor's formula
as text (the rule: ``cms.hojas``; its own tests: tests/cms/test_puertas_formulas_csv.py)."""

import pytest

from tests.cms.test_puertas_formulas_csv import (
    PELIGROSOS,
    _celdas,
    _formula_abierta,
    celdas_exportadas,
)


@pytest.fixture
def convenio_con_formulas(crear_convenio, organizacion):
    convenio = crear_convenio(
        "norte",
        "vigente",
        titulo=PELIGROSOS[0],
        organizaciones=[organizacion(nombre=PELIGROSOS[3])],
    )
    convenio.objeto = PELIGROSOS[1]
    convenio.save()
    convenio.compromisos.create(descripcion=PELIGROSOS[2])
    return convenio


def test_the_public_csv_escapes_formulas(client, convenio_con_formulas):
    response = client.get("/datos/convenios.csv", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    celdas = _celdas(response.content)
    assert "'" + PELIGROSOS[0] in celdas
    assert "'" + PELIGROSOS[1] in celdas
    assert _formula_abierta(celdas) == []
    # The JSON of the same dataset keeps the text as written (it is no spreadsheet).
    api = client.get("/api/v1/convenios", HTTP_HOST="norte.localhost").json()
    assert PELIGROSOS[0] in {c["titulo"] for c in api["resultados"]}


def test_the_admin_export_escapes_formulas(client, editor_of, convenio_con_formulas):
    client.force_login(editor_of("norte"))
    celdas = celdas_exportadas(client, "wagtailsnippets_alianzas_convenio:list")
    assert "'" + PELIGROSOS[0] in celdas
    assert _formula_abierta(celdas) == []
