"""/datos/datapackage.json describes every CSV under /datos/, and frictionless finds the
package and every file valid as served."""

import json

import pytest
from django.urls import get_resolver

from cms import api

pytestmark = pytest.mark.django_db
_ = get_resolver().url_patterns  # every dataset declares itself with its URLconf

HOST = "localhost"


@pytest.fixture
def paquete_en_disco(client, tmp_path):
    response = client.get("/datos/datapackage.json", HTTP_HOST=HOST)
    assert response.status_code == 200
    paquete = response.json()
    for recurso in paquete["resources"]:
        csv = client.get(f"/datos/{recurso['path']}", HTTP_HOST=HOST)
        assert csv.status_code == 200, recurso["path"]
        (tmp_path / recurso["path"]).write_bytes(csv.content)
    (tmp_path / "datapackage.json").write_text(json.dumps(paquete), encoding="utf-8")
    return tmp_path / "datapackage.json", paquete


def test_every_csv_is_in_the_package(paquete_en_disco):
    _ruta, paquete = paquete_en_disco
    archivos = {r["path"] for r in paquete["resources"]}
    rutas_csv = {r.removeprefix("/datos/") for r in api.OPERACIONES if r.endswith(".csv")}
    assert archivos == rutas_csv
    assert {"directorio.csv", "convenios.csv", "medios.csv", "donde-ejercer.csv"} <= archivos
    assert paquete["licenses"] and all(r["sources"] for r in paquete["resources"])


def test_frictionless_validates_the_package_and_every_file(paquete_en_disco):
    from frictionless import Package, validate

    ruta, paquete = paquete_en_disco
    informe = validate(str(ruta))
    errores = [(tarea.name, e.type, e.note) for tarea in informe.tasks for e in tarea.errors] + [
        (None, e.type, e.note) for e in informe.errors
    ]
    assert informe.valid, errores[:10]
    assert len(informe.tasks) == len(paquete["resources"])
    filas = {r.name: r.read_rows() for r in Package(str(ruta)).resources}
    # Typed values are read as such, and the BOM is not in the first field's name.
    organismo = filas["directorio"][0]
    assert organismo["clave"] and "\ufeffclave" not in organismo
    fechas = [f["fecha_extincion"] for f in filas["directorio"] if f["fecha_extincion"]]
    assert fechas and all(hasattr(f, "isoformat") for f in fechas)
