"""Public directory pages, open data (API and CSV), search documents and demo data."""

import csv
import io

import pytest

from cms.plugins import disabled_region_ids, set_enabled
from plugins.directorio import demo
from plugins.directorio.models import AreaComunicacion, CuentaSocial, DirectorioPage
from plugins.directorio.search import OrganismoDocument
from regiones.models import OrganismoGarante
from search.registry import declared_documents

API = "/api/v1/directorio/organismos"
CSV = "/datos/directorio.csv"


# --- Pages --------------------------------------------------------------------------------


def test_bootstrap_placed_one_directory_page_per_region(regions):
    from plugins.directorio.bootstrap import place_pages

    for region in regions.values():
        pages = DirectorioPage.objects.child_of(region.home_page)
        assert pages.count() == 1 and pages.first().slug == "directorio"
        assert pages.first().live
        place_pages(region)  # idempotent
        assert DirectorioPage.objects.child_of(region.home_page).count() == 1


def test_regional_directory_lists_its_region_only(client, db):
    response = client.get("/directorio/", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    body = response.content.decode()
    assert "ICHITAIP" in body and "COTAI" in body  # Chihuahua, Nuevo León (in force)
    assert "COTAIPEC" not in body  # Campeche, Sureste
    assert "Información y Transparencia de Coahuila" in body  # successor, Norte
    # Extinct members are history: hidden by default.
    assert "/directorio/icai-coahuila/" not in body
    assert "?historial=1" in body


def test_history_toggle_shows_extinct_members(client, db):
    body = client.get(
        "/directorio/", {"historial": "1"}, HTTP_HOST="norte.localhost"
    ).content.decode()
    assert "/directorio/icai-coahuila/" in body
    assert "/directorio/itait-tamaulipas/" in body
    assert "Ocultar el historial" in body


def test_national_directory_lists_all_and_filters(client, db):
    body = client.get("/directorio/", HTTP_HOST="localhost").content.decode()
    assert "ICHITAIP" in body and "COTAIPEC" in body and "INEGI" in body
    body = client.get("/directorio/", {"region": "sureste"}, HTTP_HOST="localhost").content
    assert b"COTAIPEC" in body and b"ICHITAIP" not in body


def test_national_directory_filters_by_platform(client, cuentas):
    body = client.get(
        "/directorio/", {"plataforma": "instagram"}, HTTP_HOST="localhost"
    ).content.decode()
    # ISTAI (Sonora) has one too, but it is extinct: history, hidden by default.
    assert "COTAIPEC" in body and "INEGI" not in body and "/directorio/istai-sonora/" not in body
    body = client.get("/directorio/", {"plataforma": "spotify"}, HTTP_HOST="localhost")
    assert "No encontramos instituciones" in body.content.decode()


@pytest.mark.parametrize(
    "params", [{"region": "atlantida"}, {"plataforma": "myspace"}, {"region": "<script>"}]
)
def test_invalid_page_filters_answer_400_in_spanish(client, db, params):
    response = client.get("/directorio/", params, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "no existe" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_extinct_institution_page_names_its_successor(client, db):
    response = client.get("/directorio/icai-coahuila/", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Esta institución se extinguió" in body
    assert "Fundamento:" in body
    assert "Sus funciones pasaron a" in body
    assert 'href="/directorio/intrac-coahuila/"' in body
    successor = client.get("/directorio/intrac-coahuila/", HTTP_HOST="norte.localhost")
    assert successor.status_code == 200
    assert "Asumió las funciones de" in successor.content.decode()
    assert 'href="/directorio/icai-coahuila/"' in successor.content.decode()


def test_a_body_that_no_longer_answers_says_who_does_today(client, db):
    from regiones import hoy

    # One body for both rights: named once, linked.
    actual = hoy.resolver(OrganismoGarante.objects.get(clave="icai-coahuila"), hoy.ACCESO)
    body = client.get("/directorio/icai-coahuila/", HTTP_HOST="norte.localhost").content.decode()
    assert f'<strong>Hoy:</strong> <a href="/directorio/{actual.organismo.clave}/">' in body
    # The national guarantor's rights went to two bodies: each named with its right.
    inai = OrganismoGarante.objects.get(clave="inai")
    body = client.get("/directorio/inai/", HTTP_HOST="localhost").content.decode()
    for derecho in (hoy.ACCESO, hoy.DATOS):
        actual = hoy.resolver(inai, derecho).organismo
        assert f"{actual.nombre}</a> ({hoy.DERECHOS[derecho].lower()})" in body
    # A body that answers today has no such line.
    body = client.get("/directorio/intrac-coahuila/", HTTP_HOST="norte.localhost")
    assert "<strong>Hoy:</strong>" not in body.content.decode()


def test_inai_page_on_the_national_site_has_date_and_successor(client, db):
    body = client.get("/directorio/inai/", HTTP_HOST="localhost").content.decode()
    assert '<time datetime="2025-03-21">21 de marzo de 2025</time>' in body
    assert "Transparencia para el Pueblo" in body
    assert 'href="/directorio/transparencia-para-el-pueblo/"' in body


def test_institution_of_another_region_is_not_on_a_regional_site(client, db):
    assert (
        client.get("/directorio/cotaipec-campeche/", HTTP_HOST="norte.localhost").status_code == 404
    )
    assert client.get("/directorio/no-existe/", HTTP_HOST="localhost").status_code == 404


def test_institution_page_shows_area_and_public_accounts(client, cuentas, organismo):
    sonora = organismo("istai-sonora")
    AreaComunicacion.objects.create(
        organismo=sonora,
        titulo_responsable="Titular de la Coordinación de Comunicación Social",
        correo="comunicacion@example.org",
        telefono="662 213 1543",
    )
    CuentaSocial.objects.create(
        organismo=sonora,
        plataforma="facebook",
        usuario="cuenta_cerrada",
        url="https://www.facebook.com/cuenta_cerrada",
        estado="inactiva",
    )
    body = client.get("/directorio/istai-sonora/", HTTP_HOST="norte.localhost").content.decode()
    assert "Titular de la Coordinación de Comunicación Social" in body
    assert "mailto:comunicacion@example.org" in body
    assert "cuenta_norte" in body
    assert "cuenta_cerrada" not in body
    assert "sin verificar recientemente" in body


def test_empty_states_are_written_for_citizens(client, db):
    body = client.get("/directorio/itaipbc-baja-california/", HTTP_HOST="norte.localhost")
    text = body.content.decode()
    assert "Aún no tenemos los datos de contacto" in text
    assert "No tenemos registrada ninguna cuenta oficial" in text


def test_switched_off_plugin_answers_404_on_that_site_only(client, regions):
    set_enabled("directorio", regions["norte"], False)
    for url in ["/directorio/", "/directorio/istai-sonora/", API, CSV]:
        assert client.get(url, HTTP_HOST="norte.localhost").status_code == 404, url
    assert client.get("/directorio/", HTTP_HOST="sureste.localhost").status_code == 200
    assert client.get(API, HTTP_HOST="localhost").status_code == 200
    assert not DirectorioPage.can_create_at(regions["norte"].home_page)
    set_enabled("directorio", regions["norte"], True)
    assert client.get("/directorio/", HTTP_HOST="norte.localhost").status_code == 200


# --- Open data ----------------------------------------------------------------------------


def test_api_region_norte(client, db):
    data = client.get(API, {"region": "norte"}).json()
    claves = {o["clave"] for o in data["resultados"]}
    estatales = set(
        OrganismoGarante.objects.filter(region__slug="norte", tipo="garante_estatal").values_list(
            "clave", flat=True
        )
    )
    assert len(estatales) == 9 and estatales <= claves
    assert {"intrac-coahuila", "contraloria-baja-california-sur"} <= claves
    assert all(o["region"] == "norte" for o in data["resultados"])
    assert data["total"] == len(data["resultados"])
    assert "cotaipec-campeche" not in claves


def test_api_is_the_same_on_every_host(client, db):
    national = client.get(API, {"region": "norte"}, HTTP_HOST="localhost").json()
    regional = client.get(API, {"region": "norte"}, HTTP_HOST="sureste.localhost").json()
    assert national == regional
    assert client.get(API, HTTP_HOST="norte.localhost").json()["total"] == (
        OrganismoGarante.objects.count()
    )


def test_api_estado_extinta_includes_inai_with_successor(client, db):
    data = client.get(API, {"estado": "extinta"}).json()
    por_clave = {o["clave"]: o for o in data["resultados"]}
    assert "inai" in por_clave
    inai = por_clave["inai"]
    assert inai["fecha_extincion"] == "2025-03-21"
    assert inai["sucesor"] == "transparencia-para-el-pueblo"
    assert inai["region"] == "nacional" and inai["entidad"] is None
    assert all(o["estado"] == "extinta" for o in data["resultados"])


def test_api_platform_filter_and_accounts(client, cuentas):
    data = client.get(API, {"plataforma": "instagram"}).json()
    claves = {o["clave"] for o in data["resultados"]}
    assert claves == {"istai-sonora", "cotaipec-campeche"}
    sonora = next(o for o in data["resultados"] if o["clave"] == "istai-sonora")
    assert sonora["cuentas"] == [
        {
            "plataforma": "instagram",
            "usuario": "cuenta_norte",
            "url": "https://www.instagram.com/cuenta_norte",
            "estado": "por_verificar",
            "fuente": None,
            "fecha_fuente": None,
        }
    ]


@pytest.mark.parametrize(
    ("params", "palabra"),
    [
        ({"region": "atlantida"}, "región"),
        ({"estado": "dormida"}, "estado"),
        ({"plataforma": "myspace"}, "plataforma"),
    ],
)
def test_api_invalid_filters_answer_400_json_in_spanish(client, db, params, palabra):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    mensaje = response.json()["error"]
    assert palabra in mensaje and "no existe" in mensaje


def test_csv_download(client, cuentas):
    response = client.get(CSV, {"region": "norte"}, HTTP_HOST="sureste.localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response.content.startswith(b"\xef\xbb\xbf")  # one CSV convention (cms/api.py)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["region"] for r in rows} == {"norte"}
    sonora = next(r for r in rows if r["clave"] == "istai-sonora")
    assert sonora["cuentas"] == "https://www.instagram.com/cuenta_norte"
    bcs = next(r for r in rows if r["clave"] == "itaibcs-baja-california-sur")
    assert bcs["estado"] == "extinta" and bcs["sucesor"] == "contraloria-baja-california-sur"
    assert bcs["fecha_extincion"] == "2025-12-31"
    assert client.get(CSV, {"estado": "nada"}).status_code == 400


def test_csv_joins_accounts_with_a_bar(client, organismo):
    demo.load()
    rows = list(csv.DictReader(io.StringIO(client.get(CSV).content.decode("utf-8-sig"))))
    sonora = next(r for r in rows if r["clave"] == "istai-sonora")
    assert sonora["cuentas"].split(" | ") == [
        "https://www.facebook.com/TransparenciaSonora",
        "https://twitter.com/transparenteSon",
    ]


# --- Search and demo ----------------------------------------------------------------------


def _directorio_documents():
    """What the search layer indexes for this plugin (core pages left out of the test)."""
    assert ("directorio", OrganismoDocument) in declared_documents()
    document = OrganismoDocument()
    excluded = disabled_region_ids("directorio")
    return list(document.documents_for_indexing(excluded_region_ids=excluded))


def test_search_documents(db):
    docs = {d["title"]: d for d in _directorio_documents()}
    inai = next(d for t, d in docs.items() if t.startswith("INAI"))
    assert inai["kind"] == "organismo" and inai["region"] == "nacional"
    assert inai["url"] == "http://localhost/directorio/inai/"
    assert "Transparencia para el Pueblo" in inai["body"]
    assert inai["date"].isoformat() == "2025-03-21"
    assert inai["organismos"] == ["INAI"]


def test_search_documents_leave_out_switched_off_regions(regions):
    set_enabled("directorio", regions["norte"], False)
    docs = _directorio_documents()
    assert docs and all(d["region"] != "norte" for d in docs)
    set_enabled("directorio", regions["norte"], True)


def test_search_document_url_of_a_regional_institution(db, organismo):
    doc = OrganismoDocument().to_document(organismo("istai-sonora"))
    assert doc["url"] == "http://norte.localhost/directorio/istai-sonora/"
    assert doc["region"] == "norte"


def test_demo_loader_is_idempotent_and_invents_nothing(db):
    resumen = demo.load()
    assert "Directorio" in resumen
    cuentas = CuentaSocial.objects.all()
    # Only the institutions the sourced data gives accounts to (README of the data).
    assert {c.organismo.clave for c in cuentas} == {"istai-sonora", "inai", "infoqro-queretaro"}
    assert {c.plataforma for c in cuentas} == {"facebook", "x", "youtube"}
    assert all(c.estado == "por_verificar" for c in cuentas)
    total = cuentas.count()
    assert AreaComunicacion.objects.count() == OrganismoGarante.objects.count()
    assert not AreaComunicacion.objects.exclude(correo="").exists()
    assert not AreaComunicacion.objects.exclude(telefono="").exists()
    sonora = AreaComunicacion.objects.get(organismo__clave="istai-sonora")
    assert sonora.sitio_web == sonora.organismo.sitio_web
    demo.load()
    assert CuentaSocial.objects.count() == total
    assert AreaComunicacion.objects.count() == OrganismoGarante.objects.count()
