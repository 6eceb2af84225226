"""CSV imports cannot reach another region's records (issue: media-outlet takeover).

Every importer goes through ``cms.importing.CSVImporter``: a row that names a record of
another region (or of the national coordination) is a row error and nothing is imported.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.importing import CSVImporter
from plugins.alianzas.models import Organizacion
from plugins.directorio.models import CuentaSocial
from plugins.medios.models import MedioOficial
from regiones.models import EntidadFederativa, OrganismoGarante


def _csv(texto):
    return SimpleUploadedFile("importar.csv", texto.encode("utf-8"), content_type="text/csv")


def _medio(nombre, entidad=None, ambito="estatal"):
    return MedioOficial.objects.create(
        nombre=nombre,
        tipo="radio",
        ambito=ambito,
        entidad=entidad,
        contacto=f"CONTACTO-INTERNO {nombre}",
        sitio_web="https://original.example.mx/",
    )


@pytest.fixture
def centro_entidad(db):
    return EntidadFederativa.objects.filter(region__slug="centro").order_by("nombre").first()


@pytest.fixture
def medios_ajenos(centro_entidad):
    return {
        "centro": _medio("Radio Capital Centro", centro_entidad),
        "federal": _medio("Radio Federal Nacional", ambito="federal"),
    }


@pytest.mark.parametrize("clave", ["centro", "federal"])
@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_media_import_cannot_take_over_another_regions_outlet(
    client, editor_of, medios_ajenos, clave, role
):
    medio = medios_ajenos[clave]
    antes = (medio.region_id, medio.entidad_id, medio.contacto, medio.sitio_web, medio.ambito)
    client.force_login(editor_of("norte", role))
    archivo = (
        "nombre,tipo,ambito,entidad,contacto,sitio_web,notas\n"
        "Radio Sonora Nueva,radio,estatal,Sonora,,,\n"
        f"{medio.nombre.upper()},television,estatal,Sonora,robado@norte.mx,https://norte.mx/,x\n"
    )
    response = client.post(reverse("medios_importar"), {"archivo": _csv(archivo)})
    if response.status_code == 403:  # editors may not import at all
        assert role == "edicion"
    else:
        body = response.content.decode()
        assert response.status_code == 200
        assert "No se importó nada" in body
        assert "Fila 3" in body and "no se puede modificar ni mover a su región" in body
    medio.refresh_from_db()
    assert (
        medio.region_id,
        medio.entidad_id,
        medio.contacto,
        medio.sitio_web,
        medio.ambito,
    ) == antes
    assert not MedioOficial.objects.filter(nombre="Radio Sonora Nueva").exists()


def test_media_import_still_updates_the_regions_own_outlet(client, editor_of):
    propio = _medio("Radio Sonora Propia", EntidadFederativa.objects.get(nombre="Sonora"))
    client.force_login(editor_of("norte", "coordinacion"))
    archivo = (
        "nombre,tipo,ambito,entidad,contacto\nradio sonora propia,television,estatal,Sonora,nuevo\n"
    )
    assert client.post(reverse("medios_importar"), {"archivo": _csv(archivo)}).status_code == 302
    propio.refresh_from_db()
    assert (propio.tipo, propio.contacto, propio.region.slug) == ("television", "nuevo", "norte")


def test_directory_import_cannot_overwrite_another_regions_account(client, editor_of):
    ajena = CuentaSocial.objects.create(
        organismo=OrganismoGarante.objects.get(clave="cotaipec-campeche"),
        plataforma="instagram",
        usuario="cuenta_sureste",
        url="https://www.instagram.com/cuenta_sureste",
    )
    client.force_login(editor_of("norte", "edicion"))
    archivo = (
        "organismo,plataforma,usuario,url,estado\n"
        f"cotaipec-campeche,instagram,secuestrada,{ajena.url},activa\n"
    )
    body = client.post(
        reverse("directorio_importar_cuentas"), {"archivo": _csv(archivo)}
    ).content.decode()
    assert "No se importó nada" in body and "Fila 2" in body
    ajena.refresh_from_db()
    assert (ajena.usuario, ajena.estado) == ("cuenta_sureste", "por_verificar")


def test_organization_import_needs_change_permission_to_overwrite(make_user):
    """Organizations are network-wide: overwriting one through the importer needs the same
    permission as the edit form, not only the permission to add (the screen asks for both;
    the importer does not rely on it)."""
    from plugins.alianzas.organizaciones_csv import OrganizacionImporter

    existente = Organizacion.objects.create(nombre="Observatorio Ciudadano", tipo="osc")
    grupo = Group.objects.create(name="Solo alta de organizaciones")
    grupo.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_organizacion"),
    )
    archivo = "nombre,tipo,notas\nObservatorio Ciudadano,academia,sobrescrito\nOtra Nueva,osc,\n"
    resultado = OrganizacionImporter(make_user(grupo)).run(_csv(archivo))
    assert [e.row for e in resultado.errors] == [2] and resultado.saved == 0
    assert "no tiene permiso para modificarlo" in str(resultado.errors[0])
    existente.refresh_from_db()
    assert (existente.tipo, existente.notas) == ("osc", "")
    assert not Organizacion.objects.filter(nombre="Otra Nueva").exists()


class _ImportadorIngenuo(CSVImporter):
    """An importer that forgets every permission check: finds by name, moves the record."""

    columns = ("nombre", "entidad")

    def validate_row(self, data, row_number):
        medio = MedioOficial.objects.get(nombre=data["nombre"])
        medio.entidad = EntidadFederativa.objects.get(nombre=data["entidad"])
        medio.region = medio.entidad.region
        return (medio, "extra")

    def save(self, item):
        item[0].save()
        return False


def test_the_core_refuses_for_an_importer_that_checks_nothing(editor_of, medios_ajenos):
    """By construction: the check lives in the shared importer, not in each plugin."""
    medio = medios_ajenos["centro"]
    norte = editor_of("norte", "coordinacion")
    resultado = _ImportadorIngenuo(norte).run(_csv(f"nombre,entidad\n{medio.nombre},Sonora\n"))
    assert not resultado.ok and resultado.saved == 0
    assert "es de la región Centro" in str(resultado.errors[0])
    medio.refresh_from_db()
    assert medio.region.slug == "centro"
    # The same importer, run without a user (demo loaders), is unchanged.
    assert _ImportadorIngenuo(None).run(_csv(f"nombre,entidad\n{medio.nombre},Sonora\n")).ok


@pytest.mark.parametrize(
    "url_name",
    [
        "medios_importar",
        "directorio_importar_cuentas",
        "directorio_importar_estado",
        "alianzas_importar_organizaciones",
    ],
)
def test_every_import_page_states_the_region_rule_and_lists_row_errors(client, editor_of, url_name):
    """One page for every import (cms/admin/importar_csv.html): the rule about other
    regions' records is said on each, and a bad file's row errors are listed."""
    client.force_login(editor_of("norte", "coordinacion"))
    page = client.get(reverse(url_name))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Una fila que nombra un registro de otra región" in body
    assert "Columnas obligatorias" in body or "Obligatorias:" in body
    response = client.post(reverse(url_name), {"archivo": _csv("sin,columnas\n1,2\n")})
    body = response.content.decode()
    assert "No se importó nada" in body
    assert 'id="errores"' in body
