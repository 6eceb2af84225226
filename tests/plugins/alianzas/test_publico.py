"""The public registry: only firmado, vigente, concluido and vencido reach citizens, and
internal comments never do (pages, API, CSV, search)."""

import csv
import io

from cms.plugins import set_enabled
from plugins.alianzas.search import ConvenioDocument, OrganizacionDocument
from search.registry import declared_documents, indexable_documents

PUBLICOS = {"firmado", "vigente", "concluido", "vencido"}
INTERNOS = {"identificado", "en_negociacion", "cancelado"}


def _titulos(texto, region, estados):
    return {f"Convenio {region} {e}" for e in estados if f"Convenio {region} {e}" in texto}


def test_regional_page_lists_only_its_public_agreements(client, por_estado):
    body = client.get("/convenios/", HTTP_HOST="norte.localhost").content.decode()
    assert _titulos(body, "norte", PUBLICOS) == {f"Convenio norte {e}" for e in PUBLICOS}
    assert _titulos(body, "norte", INTERNOS) == set()
    assert _titulos(body, "sureste", PUBLICOS | INTERNOS) == set()
    assert "SECRETO" not in body


def test_national_page_lists_every_region(client, por_estado):
    body = client.get("/convenios/", HTTP_HOST="localhost").content.decode()
    for region in ("norte", "sureste"):
        assert _titulos(body, region, PUBLICOS) == {f"Convenio {region} {e}" for e in PUBLICOS}
        assert _titulos(body, region, INTERNOS) == set()
    assert "SECRETO" not in body


def test_page_filters_and_bad_filter(client, por_estado):
    body = client.get("/convenios/?estado=vencido", HTTP_HOST="localhost").content.decode()
    assert "Convenio norte vencido" in body and "Convenio norte vigente" not in body
    bad = client.get("/convenios/?estado=identificado", HTTP_HOST="localhost")
    assert bad.status_code == 400
    assert "no son públicos" in bad.content.decode()
    assert "Convenio norte identificado" not in bad.content.decode()


def test_organization_page(client, crear_convenio, organizacion):
    org = organizacion("Colectivo Transparente", tipo="osc", contacto="contacto-interno@x.mx")
    crear_convenio("norte", "vigente", organizaciones=[org])
    crear_convenio("norte", "en_negociacion", organizaciones=[org])
    body = client.get(
        f"/convenios/organizaciones/{org.pk}/", HTTP_HOST="localhost"
    ).content.decode()
    assert "Colectivo Transparente" in body and "Convenio norte vigente" in body
    assert "Convenio norte en_negociacion" not in body
    assert "contacto-interno@x.mx" not in body


def _api(client, host="localhost", **params):
    return client.get("/api/v1/convenios", params, HTTP_HOST=host)


def test_api_lists_only_public_agreements_without_comments(client, por_estado):
    response = _api(client)
    assert response.status_code == 200
    data = response.json()
    estados = {(r["region"], r["estado"]) for r in data["resultados"]}
    assert estados == {(region, e) for region in ("norte", "sureste") for e in PUBLICOS}
    assert data["total"] == 8
    assert "SECRETO" not in response.content.decode()
    assert "comentarios_internos" not in response.content.decode()
    uno = next(r for r in data["resultados"] if r["titulo"] == "Convenio norte vigente")
    assert uno["organismos"] == ["istai-sonora"]
    assert uno["url"].startswith("http://norte.localhost/convenios/")


def test_api_filters(client, por_estado, crear_convenio):
    crear_convenio("norte", "vigente", titulo="Difusión norte", tipo="difusion")
    data = _api(client, region="norte", estado="vigente").json()
    assert {r["titulo"] for r in data["resultados"]} == {"Convenio norte vigente", "Difusión norte"}
    data = _api(client, tipo="difusion").json()
    assert [r["titulo"] for r in data["resultados"]] == ["Difusión norte"]


def test_csv_download(client, por_estado):
    response = client.get("/datos/convenios.csv", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(text)))
    assert {(f["region"], f["estado"]) for f in filas} == {
        (region, e) for region in ("norte", "sureste") for e in PUBLICOS
    }
    assert "SECRETO" not in text
    filtradas = client.get("/datos/convenios.csv", {"region": "sureste"}, HTTP_HOST="localhost")
    filas = list(csv.DictReader(io.StringIO(filtradas.content.decode("utf-8-sig"))))
    assert {f["region"] for f in filas} == {"sureste"}


def test_search_documents_only_public_agreements(por_estado, organizacion):
    organizacion("Fundación Buscable", contacto="solo-interno@x.mx")
    docs = [d for d in indexable_documents() if d["source"] == "alianzas"]
    convenios = {d["title"] for d in docs if d["kind"] == "convenio"}
    assert convenios == {f"Convenio {r} {e}" for r in ("norte", "sureste") for e in PUBLICOS}
    todo = repr(docs)
    assert "SECRETO" not in todo and "solo-interno@x.mx" not in todo
    assert any(d["kind"] == "organizacion" and d["title"] == "Fundación Buscable" for d in docs)
    declarados = [clase for _label, clase in declared_documents()]
    assert ConvenioDocument in declarados and OrganizacionDocument in declarados


def test_region_switched_off_leaves_api_and_search(client, por_estado, regions):
    set_enabled("alianzas", regions["norte"], False)
    data = _api(client).json()
    assert {r["region"] for r in data["resultados"]} == {"sureste"}
    docs = [d for d in indexable_documents() if d["kind"] == "convenio"]
    assert {d["region"] for d in docs} == {"sureste"}
    assert client.get("/convenios/", HTTP_HOST="norte.localhost").status_code == 404
    set_enabled("alianzas", regions["norte"], True)
