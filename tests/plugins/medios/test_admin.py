"""Admin: region scoping per role on the three registries, creation limited to one's own
region, state changes, the coordination views and the CSV import."""

import pytest
from django.urls import reverse

from plugins.medios.models import ConvenioMedio, MedioOficial, Pauta
from regiones.models import EntidadFederativa, OrganismoGarante
from tests.plugins.convenios import formsets_vacios, hoy_mas, importar

URLS = {
    "medio": "wagtailsnippets_medios_mediooficial",
    "convenio": "wagtailsnippets_medios_conveniomedio",
    "pauta": "wagtailsnippets_medios_pauta",
}


def _export(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.fixture
def registros(medios, crear_convenio, crear_pauta):
    return {
        "medio": {r: medios[r] for r in ("norte", "sureste")},
        "convenio": {
            r: crear_convenio(r, "vigente", titulo=f"Acuerdo radiofónico {r}")
            for r in ("norte", "sureste")
        },
        "pauta": {
            r: crear_pauta(r, material=f"Cápsula informativa {r}") for r in ("norte", "sureste")
        },
    }


NOMBRES = {
    "medio": "Medio {}",
    "convenio": "Acuerdo radiofónico {}",
    "pauta": "Cápsula informativa {}",
}


@pytest.mark.parametrize("modelo", ["medio", "convenio", "pauta"])
@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_norte_sees_exports_and_edits_only_norte(client, editor_of, registros, modelo, role):
    client.force_login(editor_of("norte", role))
    norte, sureste = NOMBRES[modelo].format("norte"), NOMBRES[modelo].format("sureste")
    body = client.get(reverse(f"{URLS[modelo]}:list")).content.decode()
    assert norte in body and sureste not in body
    exported = _export(client, reverse(f"{URLS[modelo]}:list")).decode("utf-8")
    assert norte in exported and sureste not in exported
    edit = f"{URLS[modelo]}:edit"
    assert client.get(reverse(edit, args=[registros[modelo]["norte"].pk])).status_code == 200
    assert client.get(reverse(edit, args=[registros[modelo]["sureste"].pk])).status_code in (
        302,
        403,
    )


@pytest.mark.parametrize("modelo", ["medio", "convenio", "pauta"])
def test_national_coordination_sees_every_region(client, editor_of, registros, modelo):
    client.force_login(editor_of("nacional", "coordinacion"))
    body = client.get(reverse(f"{URLS[modelo]}:list")).content.decode()
    exported = _export(client, reverse(f"{URLS[modelo]}:list")).decode("utf-8")
    for region in ("norte", "sureste"):
        assert NOMBRES[modelo].format(region) in body
        assert NOMBRES[modelo].format(region) in exported
    # Coordinating is reading: another region's record is not the national coordination's to edit.
    edit = reverse(f"{URLS[modelo]}:edit", args=[registros[modelo]["sureste"].pk])
    assert client.get(edit).status_code in (302, 403, 404)


def _medio(nombre, entidad=None, ambito="estatal"):
    return {
        "nombre": nombre,
        "tipo": "radio",
        "ambito": ambito,
        "entidad": EntidadFederativa.objects.get(nombre=entidad).pk if entidad else "",
        **formsets_vacios("estaciones", "cuentas"),
    }


def test_norte_editor_creates_only_norte_outlets(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    add = reverse(f"{URLS['medio']}:add")
    form = client.get(add).context["form"]
    assert "Campeche" not in {e.nombre for e in form.fields["entidad"].queryset}
    client.post(add, _medio("Radio de Campeche", "Campeche"))
    response = client.post(add, _medio("Radio Federal Nueva", ambito="federal"))
    assert "Solo la Coordinación Nacional puede registrar medios federales" in (
        response.content.decode()
    )
    client.post(add, _medio("Radio Sonorense", "Sonora"))
    assert set(MedioOficial.objects.values_list("nombre", flat=True)) == {"Radio Sonorense"}
    medio = MedioOficial.objects.get()
    assert medio.region.slug == "norte"


def test_outlet_scope_and_state_must_agree(client, editor_of):
    client.force_login(editor_of("nacional", "coordinacion"))
    add = reverse(f"{URLS['medio']}:add")
    response = client.post(add, _medio("Radio sin estado"))
    assert "necesita la entidad federativa" in response.content.decode()
    client.post(add, _medio("Radio Nacional Nueva", ambito="federal"))
    assert MedioOficial.objects.get(nombre="Radio Nacional Nueva").region.slug == "nacional"


def _convenio(regions, medio, region="norte", estado="identificado", **extra):
    return {
        "titulo": "Convenio nuevo",
        "medio": medio.pk,
        "objeto": "Transmitir cápsulas sobre el derecho a saber.",
        "region": regions[region].pk,
        "estado": estado,
        "organismos": [OrganismoGarante.objects.get(clave="istai-sonora").pk],
        **formsets_vacios("documentos"),
        **extra,
    }


def test_norte_editor_cannot_create_an_agreement_for_sureste(client, editor_of, regions, medios):
    client.force_login(editor_of("norte", "edicion"))
    add = reverse(f"{URLS['convenio']}:add")
    form = client.get(add).context["form"]
    assert {v for v, _ in form.fields["estado"].choices} == {
        "identificado",
        "en_negociacion",
    }
    assert set(form.fields["medio"].queryset) == {medios["norte"], medios["federal"]}
    client.post(add, _convenio(regions, medios["norte"], region="sureste"))
    client.post(add, _convenio(regions, medios["sureste"]))
    assert not ConvenioMedio.objects.exists()
    client.post(add, _convenio(regions, medios["federal"]))
    convenio = ConvenioMedio.objects.get()
    assert convenio.region.slug == "norte"
    assert convenio.historial.get().estado_nuevo == "identificado"


def test_agreement_needs_a_party(client, editor_of, regions, medios):
    client.force_login(editor_of("norte", "coordinacion"))
    datos = _convenio(regions, medios["norte"])
    datos["organismos"] = []
    response = client.post(reverse(f"{URLS['convenio']}:add"), datos)
    assert "Indique quién firma con el medio" in response.content.decode()


def test_norte_editor_cannot_create_a_schedule_for_sureste(client, editor_of, regions, medios):
    client.force_login(editor_of("norte", "edicion"))
    add = reverse(f"{URLS['pauta']}:add")
    datos = {
        "medio": medios["norte"].pk,
        "region": regions["sureste"].pk,
        "material": "Spot de prueba",
        "formato": "spot_radio",
        "estado": "programada",
        "inicio": "2024-03-04",
        "fin": "2024-03-10",
        "impactos_por_dia": "4",
    }
    client.post(add, datos)
    client.post(add, {**datos, "region": regions["norte"].pk, "medio": medios["sureste"].pk})
    assert not Pauta.objects.exists()
    response = client.post(add, {**datos, "region": regions["norte"].pk, "fin": "2024-03-01"})
    assert "antes de empezar" in response.content.decode()
    client.post(add, {**datos, "region": regions["norte"].pk})
    assert Pauta.objects.get().impactos_totales() == 28


def test_transitions_by_role(client, editor_of, crear_convenio):
    convenio = crear_convenio("norte", "en_negociacion")
    url = reverse("medios_transicion", args=[convenio.pk])
    client.force_login(editor_of("norte", "edicion"))
    opciones = [v for v, _ in client.get(url).context["form"].fields["nuevo_estado"].choices]
    assert opciones == ["identificado"]
    client.post(url, {"nuevo_estado": "firmado", "comentario": "x", "fecha_firma": "2024-01-01"})
    convenio.refresh_from_db()
    assert convenio.estado == "en_negociacion"
    client.force_login(editor_of("norte", "coordinacion"))
    client.post(
        url,
        {
            "nuevo_estado": "firmado",
            "comentario": "Firma en sesión",
            "fecha_firma": hoy_mas(-1).isoformat(),
        },
    )
    convenio.refresh_from_db()
    assert convenio.estado == "firmado"
    client.force_login(editor_of("sureste", "coordinacion"))
    assert client.get(url).status_code in (302, 403)


# --- Coordination views -------------------------------------------------------------------


def test_calendar_view(client, editor_of, calendario_fixture):
    client.force_login(editor_of("norte", "edicion"))
    response = client.get(reverse("medios_calendario"), {"semana": "2024-W10"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-total="34"' in body and "Cápsula" in body
    response = client.get(reverse("medios_calendario"), {"mes": "2024-03"})
    assert 'data-total="48"' in response.content.decode()
    assert 'href="?semana=2024-W11"' in response.content.decode()


@pytest.mark.parametrize("params", [{"mes": "2024-13"}, {"semana": "2024-W99"}, {"mes": "x"}])
def test_calendar_bad_values_answer_in_spanish(client, editor_of, params):
    client.force_login(editor_of("norte", "edicion"))
    response = client.get(reverse("medios_calendario"), params)
    assert response.status_code == 400
    assert "no existe" in response.content.decode()


def test_coverage_view(client, editor_of, crear_convenio):
    crear_convenio("norte", "vigente")
    client.force_login(editor_of("norte", "coordinacion"))
    body = client.get(reverse("medios_cobertura")).content.decode()
    assert 'data-cubiertas="1" data-total="9"' in body
    assert "<title id=" in body and "<desc id=" in body and "<table" in body
    assert "Campeche" not in body


def test_campaign_views(client, editor_of, calendario_fixture):
    c = calendario_fixture["campana"]
    client.force_login(editor_of("nacional", "coordinacion"))
    listado = client.get(reverse("medios_campanas")).content.decode()
    assert c.title in listado
    body = client.get(reverse("medios_campana", args=[c.pk])).content.decode()
    assert 'data-transmitidos="34" data-programados="20"' in body
    assert "Impactos transmitidos por medio" in body and "<svg" in body
    client.force_login(editor_of("norte", "edicion"))
    body = client.get(reverse("medios_campana", args=[c.pk])).content.decode()
    assert 'data-transmitidos="28" data-programados="20"' in body
    assert "Medio sureste" not in body


def test_reports_need_a_region(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("medios_calendario")).status_code in (302, 403)


# --- Import -------------------------------------------------------------------------------


def test_import_is_all_or_nothing_and_scoped(client, editor_of):
    client.force_login(editor_of("norte", "coordinacion"))
    columnas = "nombre,tipo,ambito,entidad\n"
    malo = columnas + "Radio S,radio,estatal,Sonora\nRadio C,radio,estatal,Campeche"
    body = importar(client, "medios_importar", malo).content.decode()
    assert "Fila 3" in body and "solo puede importar medios de su propia región" in body
    assert not MedioOficial.objects.exists()
    bueno = columnas + "Radio Sonora Importada,televisión,estatal,Sonora"  # a kind by its label
    importar(client, "medios_importar", bueno)
    medio = MedioOficial.objects.get()
    assert (medio.tipo, medio.region.slug) == ("television", "norte")


def test_demo_loader_seeds_the_shared_file(db):
    from plugins.medios.demo import load

    assert "23 medios oficiales nuevos" in load()
    assert "23 actualizados" in load()
    assert MedioOficial.objects.filter(ambito="federal", region__slug="nacional").count() == 12
    telemax = MedioOficial.objects.get(nombre="Telemax")
    assert (telemax.entidad.nombre, telemax.region.slug) == ("Sonora", "norte")
    assert not MedioOficial.objects.exclude(contacto="").exists()
    assert not MedioOficial.objects.filter(estaciones__isnull=False).exists()
    # The demo's agreements are examples, marked as such, and only with its fictional outlets
    # («… de Ejemplo …»): never presented as signed by a real outlet.
    from cms.demo_contenido import MARCA

    convenios = list(ConvenioMedio.objects.select_related("medio"))
    assert convenios, "the demo shows media agreements at work"
    for convenio in convenios:
        assert convenio.titulo.endswith(MARCA), convenio.titulo
        assert "Ejemplo" in convenio.medio.nombre, convenio.medio.nombre
