"""Public side: pages per site, API, CSV and search show only public agreement states,
and never internal comments, institutional contacts or schedules."""

import csv
import io

from cms.plugins import set_enabled
from plugins.medios.search import ConvenioMedioDocument, MedioDocument
from search.registry import declared_documents, indexable_documents

from .conftest import INTERNOS, PUBLICOS


def _titulos(texto, region, estados):
    return {
        f"Convenio medio {region} {e}" for e in estados if f"Convenio medio {region} {e}" in texto
    }


def test_regional_page_shows_its_outlets_and_public_agreements(client, por_estado, medios):
    body = client.get("/medios/", HTTP_HOST="norte.localhost").content.decode()
    assert _titulos(body, "norte", PUBLICOS) == {f"Convenio medio norte {e}" for e in PUBLICOS}
    assert _titulos(body, "norte", INTERNOS) == set()
    assert _titulos(body, "sureste", PUBLICOS | INTERNOS) == set()
    assert "Medio norte" in body and "Medio sureste" not in body
    assert "SECRETO" not in body and "CONTACTO-INTERNO" not in body


def test_regional_page_shows_federal_partners_with_public_agreements(
    client, crear_convenio, medios
):
    crear_convenio("norte", "en_negociacion", medio=medios["federal"])
    body = client.get("/medios/", HTTP_HOST="norte.localhost").content.decode()
    assert "Medio federal" not in body
    crear_convenio("norte", "vigente", medio=medios["federal"], titulo="Con la radio federal")
    body = client.get("/medios/", HTTP_HOST="norte.localhost").content.decode()
    assert "Medio federal" in body and "Con la radio federal" in body


def test_national_page_shows_every_region(client, por_estado):
    body = client.get("/medios/", HTTP_HOST="localhost").content.decode()
    for region in ("norte", "sureste"):
        assert _titulos(body, region, PUBLICOS) == {
            f"Convenio medio {region} {e}" for e in PUBLICOS
        }
        assert _titulos(body, region, INTERNOS) == set()
    assert "Medio federal" in body
    assert "SECRETO" not in body and "CONTACTO-INTERNO" not in body


def test_page_bad_filter_is_400_in_spanish(client, medios):
    response = client.get("/medios/?tipo=holograma", HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "El tipo «holograma» no existe" in response.content.decode()


def test_outlet_page_hides_contact_and_internal_agreements(client, por_estado, medios):
    from plugins.medios.models import EstacionMedio

    EstacionMedio.objects.create(medio=medios["norte"], distintivo="XHPRU-FM", frecuencia="99.9")
    response = client.get(f"/medios/{medios['norte'].pk}/", HTTP_HOST="norte.localhost")
    body = response.content.decode()
    assert response.status_code == 200 and "XHPRU-FM" in body
    assert "Convenio medio norte vigente" in body
    assert "Convenio medio norte identificado" not in body
    assert "CONTACTO-INTERNO" not in body
    other = client.get(f"/medios/{medios['sureste'].pk}/", HTTP_HOST="norte.localhost")
    assert other.status_code == 404


def _api(client, host="localhost", **params):
    return client.get("/api/v1/medios", params, HTTP_HOST=host)


def test_api_lists_outlets_with_public_agreements_only(client, por_estado, crear_pauta):
    crear_pauta(material="PAUTA-INTERNA")
    response = _api(client)
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 3
    norte = next(r for r in data["resultados"] if r["nombre"] == "Medio norte")
    assert {c["estado"] for c in norte["convenios"]} == PUBLICOS
    assert norte["region"] == "norte" and norte["entidad"] == "Sonora"
    assert norte["url"].startswith("http://norte.localhost/medios/")
    texto = response.content.decode()
    for secreto in ("SECRETO", "CONTACTO-INTERNO", "comentarios_internos", "PAUTA-INTERNA"):
        assert secreto not in texto


def test_api_filters(client, medios):
    assert [r["nombre"] for r in _api(client, region="norte").json()["resultados"]] == [
        "Medio norte"
    ]
    assert [r["nombre"] for r in _api(client, ambito="federal").json()["resultados"]] == [
        "Medio federal"
    ]
    assert _api(client, tipo="television").json()["total"] == 0
    assert _api(client, tipo="radio", host="sureste.localhost").json()["total"] == 3


def test_csv_download(client, por_estado):
    response = client.get("/datos/medios.csv", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    texto = response.content.decode("utf-8-sig")
    filas = {f["nombre"]: f for f in csv.DictReader(io.StringIO(texto))}
    assert set(filas) == {"Medio norte", "Medio sureste", "Medio federal"}
    assert len(filas["Medio norte"]["convenios"].split(" | ")) == 4
    assert filas["Medio norte"]["convenios_vigentes"] == "1"
    assert "SECRETO" not in texto and "CONTACTO-INTERNO" not in texto
    filtradas = client.get("/datos/medios.csv", {"region": "sureste"}, HTTP_HOST="localhost")
    filas = list(csv.DictReader(io.StringIO(filtradas.content.decode("utf-8-sig"))))
    assert [f["nombre"] for f in filas] == ["Medio sureste"]


def test_search_documents(por_estado):
    docs = [d for d in indexable_documents() if d["source"] == "medios"]
    medios = {d["title"] for d in docs if d["kind"] == "medio"}
    assert medios == {"Medio norte", "Medio sureste", "Medio federal"}
    convenios = {d["title"] for d in docs if d["kind"] == "convenio"}
    assert convenios == {f"Convenio medio {r} {e}" for r in ("norte", "sureste") for e in PUBLICOS}
    todo = repr(docs)
    assert "SECRETO" not in todo and "CONTACTO-INTERNO" not in todo
    declarados = [clase for _label, clase in declared_documents()]
    assert MedioDocument in declarados and ConvenioMedioDocument in declarados


def test_region_switched_off_leaves_api_pages_and_search(client, por_estado, regions):
    set_enabled("medios", regions["norte"], False)
    try:
        data = _api(client).json()
        assert {r["region"] for r in data["resultados"]} == {"sureste", "nacional"}
        docs = [d for d in indexable_documents() if d["source"] == "medios"]
        assert "norte" not in {d["region"] for d in docs}
        assert client.get("/medios/", HTTP_HOST="norte.localhost").status_code == 404
    finally:
        set_enabled("medios", regions["norte"], True)
