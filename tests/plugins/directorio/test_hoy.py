"""«¿Dónde ejerzo hoy mi derecho?» on every regional home, on the directory (a section and a
page per state), in search documents and in the open data (API and CSV)."""

import csv
import io
import re

import pytest

from plugins.directorio.search import OrganismoDocument
from regiones.hoy import donde_ejercer
from regiones.models import EntidadFederativa, OrganismoGarante
from tests.conftest import HOSTS
from tests.search.conftest import full_engine  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

API = "/api/v1/directorio/donde-ejercer"
CSV = "/datos/donde-ejercer.csv"


def _hoy():
    """{state name: (access body name, data body name)} as the resolution says."""
    return {
        r.entidad.nombre: (
            r.acceso.organismo.nombre if r.acceso.organismo else None,
            r.datos.organismo.nombre if r.datos.organismo else None,
        )
        for r in donde_ejercer()
    }


def _texto(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_regional_home_answers_for_its_states_only(client, regions):
    hoy = _hoy()
    for slug, region in regions.items():
        body = _texto(client.get("/", HTTP_HOST=HOSTS[slug]))
        if region.es_nacional:
            # The national home points to the directory, which answers for all 32.
            assert 'href="/directorio/#donde-ejerzo"' in body
            continue
        assert "¿Dónde ejerzo hoy mi derecho?" in body, slug
        propias = set(region.entidades.values_list("nombre", flat=True))
        assert propias
        for entidad in EntidadFederativa.objects.all():
            marca = f'id="hoy-{entidad.slug}"'
            assert (marca in body) == (entidad.nombre in propias), (slug, entidad.nombre)
        for entidad in propias:
            acceso, datos = hoy[entidad]
            assert acceso in body and datos in body, (slug, entidad)


def test_jalisco_on_its_home_with_the_history_and_how_to_reach_it(client):
    body = _texto(client.get("/", HTTP_HOST=HOSTS["centro-occidente"]))
    assert "Contraloría del Estado de Jalisco" in body
    assert "Hasta el 30 de noviembre de 2025: Instituto de Transparencia" in body
    assert "https://www.plataformadetransparencia.org.mx/" in body
    # The successor is linked to its own page in the region's directory.
    assert 'href="/directorio/contraloria-jalisco/"' in body


def test_national_directory_answers_for_all_32_states(client):
    body = _texto(client.get("/directorio/", HTTP_HOST=HOSTS["nacional"]))
    assert "¿Dónde ejerzo hoy mi derecho?" in body
    enlaces = re.findall(r'href="/directorio/entidad/([a-z0-9-]+)/"', body)
    assert len(set(enlaces)) == 32


def test_a_state_page_answers_with_contacts_and_history(client):
    response = client.get("/directorio/entidad/jalisco/", HTTP_HOST=HOSTS["centro-occidente"])
    assert response.status_code == 200
    body = _texto(response)
    assert "¿Dónde ejerzo hoy mi derecho en Jalisco?" in body
    assert "Cómo contactar a Contraloría del Estado de Jalisco" in body
    assert "Hasta el 30 de noviembre de 2025" in body
    assert "informador.mx" in body  # the successor's sources
    # Another region's site does not list Jalisco; the national one does.
    jalisco = "/directorio/entidad/jalisco/"
    assert client.get(jalisco, HTTP_HOST=HOSTS["norte"]).status_code == 404
    assert client.get(jalisco, HTTP_HOST=HOSTS["nacional"]).status_code == 200
    assert client.get("/directorio/entidad/narnia/", HTTP_HOST=HOSTS["nacional"]).status_code == 404


def test_a_state_whose_institute_is_in_extinction_says_it_still_operates(client):
    body = _texto(client.get("/directorio/entidad/estado-de-mexico/", HTTP_HOST=HOSTS["centro"]))
    assert "Instituto de Transparencia, Acceso a la Información Pública" in body
    assert "En proceso de extinción: sigue atendiendo mientras concluye el proceso" in body


def test_successor_has_its_own_page_with_status_sources_and_predecessor(client):
    response = client.get("/directorio/contraloria-jalisco/", HTTP_HOST=HOSTS["centro-occidente"])
    assert response.status_code == 200
    body = _texto(response)
    assert "Estado: <strong>Vigente</strong>" in body
    assert "Asumió las funciones de" in body and "Instituto de Transparencia" in body
    assert "notisistema.com" in body


def test_tamaulipas_page_shows_both_dates_with_their_sources(client):
    body = _texto(client.get("/directorio/itait-tamaulipas/", HTTP_HOST=HOSTS["norte"]))
    assert "Las fuentes no coinciden en la fecha" in body
    assert "13 de mayo de 2025" in body and "13 de julio de 2025" in body
    assert "reporterosenlared.com" in body and "voxpopulinoticias.com.mx" in body


def test_api_answers_for_the_32_states_as_the_resolution_does(client):
    data = client.get(API, HTTP_HOST=HOSTS["norte"]).json()
    assert data["total"] == 32
    hoy = _hoy()
    for fila in data["resultados"]:
        acceso = fila["acceso"]["organismo"]["nombre"]
        datos = fila["datos"]["organismo"]["nombre"]
        assert (acceso, datos) == hoy[fila["entidad"]]
    jalisco = next(f for f in data["resultados"] if f["slug"] == "jalisco")
    assert jalisco["acceso"]["organismo"]["clave"] == "contraloria-jalisco"
    assert jalisco["acceso"]["organismo"]["url"].endswith("/directorio/contraloria-jalisco/")
    assert jalisco["acceso"]["historia"][0]["hasta"] == "2025-11-30"
    assert jalisco["acceso"]["solicitud_pnt"].startswith("https://www.plataformadetransparencia")
    assert client.get(API + "?region=norte").json()["total"] == 9
    error = client.get(API + "?entidad=narnia")
    assert error.status_code == 400 and "no existe" in error.json()["error"]


def test_csv_has_one_row_per_state_and_right(client):
    response = client.get(CSV, HTTP_HOST=HOSTS["nacional"])
    assert response["Content-Type"].startswith("text/csv")
    filas = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(filas) == 64
    hoy = _hoy()
    for fila in filas:
        esperado = hoy[fila["entidad"]][0 if fila["derecho"] == "acceso" else 1]
        assert fila["nombre"] == esperado
    jalisco = next(f for f in filas if f["entidad"] == "Jalisco" and f["derecho"] == "datos")
    assert jalisco["antes"].startswith("Hasta el 30 de noviembre de 2025: ")


def test_an_old_name_or_acronym_finds_the_successor(db):
    documento = OrganismoDocument()
    contraloria = OrganismoGarante.objects.get(clave="contraloria-jalisco")
    body = documento.to_document(contraloria)["body"]
    assert "(ITEI)" in body and "Instituto de Transparencia, Información Pública" in body
    # A chain of two: the first body's name reaches the last one.
    nuevo = OrganismoGarante.objects.create(
        clave="nuevo-jalisco",
        nombre="Órgano nuevo de Jalisco",
        tipo=OrganismoGarante.Tipo.SUCESOR,
        entidad=contraloria.entidad,
        region=contraloria.region,
    )
    OrganismoGarante.objects.filter(pk=contraloria.pk).update(sucesor=nuevo)
    body = OrganismoDocument().to_document(nuevo)["body"]
    assert "(ITEI)" in body and "Contraloría del Estado de Jalisco" in body


def test_searching_an_old_acronym_finds_the_successor(full_engine):  # noqa: F811
    """Through the engine: «ITEI» (extinct) also finds the Contraloría that answers today,
    and «IVAI» the Contraloría General de Veracruz."""
    from search import indexer
    from search.query import SearchRequest, search

    indexer.rebuild(full_engine)
    for consulta, clave in (("ITEI", "contraloria-jalisco"), ("IVAI", "contraloria-veracruz")):
        sucesora = OrganismoGarante.objects.get(clave=clave)
        resultado = search(SearchRequest(q=consulta))
        encontrados = [r["id"] for r in resultado.results]
        assert f"regiones.organismogarante:{sucesora.pk}" in encontrados, consulta


def test_every_state_page_answers_on_its_regions_site_and_on_the_national_one(client):
    for entidad in EntidadFederativa.objects.select_related("region"):
        url = f"/directorio/entidad/{entidad.slug}/"
        for slug, host in HOSTS.items():
            esperado = 200 if slug in ("nacional", entidad.region.slug) else 404
            assert client.get(url, HTTP_HOST=host).status_code == esperado, (url, slug)


def test_every_successor_has_its_own_page_on_its_regions_site(client):
    for sucesora in OrganismoGarante.objects.filter(tipo=OrganismoGarante.Tipo.SUCESOR):
        response = client.get(
            f"/directorio/{sucesora.clave}/", HTTP_HOST=HOSTS[sucesora.region.slug]
        )
        assert response.status_code == 200, sucesora.clave
        assert sucesora.get_estado_display() in response.content.decode(), sucesora.clave


def test_directory_open_data_carries_the_status_sources(client):
    data = client.get(
        "/api/v1/directorio/organismos?por_pagina=500", HTTP_HOST=HOSTS["nacional"]
    ).json()
    por_clave = {o["clave"]: o for o in data["resultados"]}
    assert por_clave["inai"]["sucesor"] == "transparencia-para-el-pueblo"
    assert por_clave["inai"]["sucesor_datos"] == "sabg-federal"
    assert por_clave["sabg-federal"]["derechos"] == "datos"
    assert any("voxpopuli" in url for url in por_clave["itait-tamaulipas"]["fuentes_estado"])
    assert por_clave["itait-tamaulipas"]["fecha_fuente_estado"] == "2025-08-28"
    contenido = client.get("/datos/directorio.csv").content.decode("utf-8-sig")
    filas = csv.DictReader(io.StringIO(contenido))
    jalisco = next(f for f in filas if f["clave"] == "itei-jalisco")
    assert (
        jalisco["sucesor"] == "contraloria-jalisco" and "informador.mx" in jalisco["fuentes_estado"]
    )
