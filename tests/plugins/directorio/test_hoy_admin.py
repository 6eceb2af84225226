"""Keeping the data alive: a region's coordination updates its institutions' status,
successors and contacts through the admin (a status change needs a public source), sees how
long ago each contact was verified, and cannot touch another region's institutions; the
national coordination has a report of what nobody verified in 180 days."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plugins.directorio.models import AreaComunicacion, CuentaSocial
from regiones.models import OrganismoGarante, RegistroEstado
from tests.conftest import HOSTS

REPORTE = "directorio_contactos_por_verificar"
MENSAJE = "indique en «Fuentes del estado» la URL de la fuente pública"


def _editar(clave):
    return reverse("instituciones:edit", args=[OrganismoGarante.objects.get(clave=clave).pk])


def _datos_formulario(organismo, **cambios):
    campos = {
        "clave": organismo.clave,
        "nombre": organismo.nombre,
        "siglas": organismo.siglas,
        "tipo": organismo.tipo,
        "entidad": organismo.entidad_id or "",
        "region": organismo.region_id,
        "sitio_web": organismo.sitio_web,
        "fuente_sitio_web": organismo.fuente_sitio_web,
        "estado": organismo.estado,
        "fecha_inicio": organismo.fecha_inicio or "",
        "fecha_extincion": organismo.fecha_extincion or "",
        "fundamento_legal": organismo.fundamento_legal,
        "fuente_fundamento": organismo.fuente_fundamento,
        "derechos": organismo.derechos,
        "sucesor": organismo.sucesor_id or "",
        "sucesor_datos": organismo.sucesor_datos_id or "",
        "fuentes_estado": organismo.fuentes_estado,
        "fecha_fuente_estado": organismo.fecha_fuente_estado,
        "notas_estado": organismo.notas_estado,
        "fuentes": organismo.fuentes,
        "notas": organismo.notas,
    }
    campos.update(cambios)
    return campos


def test_coordination_changes_a_status_only_with_a_new_source(client, editor_of):
    coordinacion = editor_of("norte", "coordinacion")
    client.force_login(coordinacion)
    chihuahua = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    url = _editar("ichitaip-chihuahua")
    assert client.get(url).status_code == 200

    response = client.post(url, _datos_formulario(chihuahua, estado="en_extincion"))
    assert response.status_code == 200
    assert MENSAJE in response.content.decode()
    chihuahua.refresh_from_db()
    assert chihuahua.estado == "vigente"

    fuente = "https://congreso.example.gob.mx/decreto-123"
    response = client.post(
        url,
        _datos_formulario(
            chihuahua,
            estado="en_extincion",
            fuentes_estado=fuente,
            fecha_fuente_estado="2026-11-30",
            sucesor=OrganismoGarante.objects.get(clave="intrac-coahuila").pk,
        ),
    )
    assert response.status_code == 302
    chihuahua.refresh_from_db()
    assert chihuahua.estado == "en_extincion" and chihuahua.sucesor.clave == "intrac-coahuila"
    registro = RegistroEstado.objects.get(organismo=chihuahua, origen="administración")
    assert registro.fuentes == fuente and registro.registrado_por == coordinacion
    # The public page shows the new status with its source and date.
    body = client.get("/directorio/ichitaip-chihuahua/", HTTP_HOST=HOSTS["norte"]).content
    assert fuente.encode() in body and b"2026-11-30" in body


def test_another_regions_coordination_cannot_change_these_institutions(client, editor_of):
    client.force_login(editor_of("norte", "coordinacion"))
    itei = OrganismoGarante.objects.get(clave="itei-jalisco")
    url = _editar("itei-jalisco")
    assert client.get(url).status_code in (302, 403, 404)
    response = client.post(
        url,
        _datos_formulario(
            itei, estado="vigente", fecha_extincion="", fuentes_estado="https://x.example.org/"
        ),
    )
    assert response.status_code in (302, 403, 404)
    itei.refresh_from_db()
    assert itei.estado == "extinta"
    assert not RegistroEstado.objects.filter(organismo=itei, origen="administración").exists()
    # Nor can it move one of its own institutions into the other region.
    chihuahua = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    otra = itei.region_id
    response = client.post(_editar("ichitaip-chihuahua"), _datos_formulario(chihuahua, region=otra))
    chihuahua.refresh_from_db()
    assert chihuahua.region.slug == "norte"
    # Nor its contacts.
    area, _ = AreaComunicacion.objects.get_or_create(organismo=itei)
    editar_area = reverse("wagtailsnippets_directorio_areacomunicacion:edit", args=[area.pk])
    assert client.get(editar_area).status_code in (302, 403, 404)


def test_the_open_data_cannot_change_anything(client, db):
    for url in ("/api/v1/directorio/donde-ejercer", "/api/v1/directorio/organismos"):
        assert client.post(url, {"estado": "vigente"}).status_code == 405


def test_each_contact_shows_how_long_ago_it_was_verified(client, editor_of):
    client.force_login(editor_of("norte", "coordinacion"))
    chihuahua = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    CuentaSocial.objects.create(
        organismo=chihuahua,
        plataforma="x",
        usuario="ichitaip",
        url="https://x.com/ichitaip",
        estado="activa",
        verificada_el=timezone.localdate() - timedelta(days=200),
    )
    AreaComunicacion.objects.create(organismo=chihuahua, nombre="Comunicación Social")
    cuentas = client.get(reverse("wagtailsnippets_directorio_cuentasocial:list")).content
    assert "Última verificación".encode() in cuentas and "Hace 200 días".encode() in cuentas
    areas = client.get(reverse("wagtailsnippets_directorio_areacomunicacion:list")).content
    assert b"Nunca verificada" in areas


@pytest.mark.parametrize("region", ["norte", "sureste"])
def test_only_the_national_coordination_sees_the_report(client, editor_of, region):
    client.force_login(editor_of(region, "coordinacion"))
    assert client.get(reverse(REPORTE)).status_code in (302, 403)


def test_national_report_lists_what_nobody_verified_in_180_days(client, editor_of):
    hoy = timezone.localdate()
    chihuahua = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    jalisco = OrganismoGarante.objects.get(clave="contraloria-jalisco")
    vieja = CuentaSocial.objects.create(
        organismo=chihuahua, plataforma="x", usuario="vieja", url="https://x.com/vieja",
        estado="activa", verificada_el=hoy - timedelta(days=181),
    )  # fmt: skip
    CuentaSocial.objects.create(
        organismo=chihuahua, plataforma="x", usuario="reciente", url="https://x.com/reciente",
        estado="activa", verificada_el=hoy - timedelta(days=10),
    )  # fmt: skip
    CuentaSocial.objects.create(
        organismo=chihuahua, plataforma="x", usuario="cerrada", url="https://x.com/cerrada",
        estado="inactiva",
    )  # fmt: skip
    AreaComunicacion.objects.create(organismo=jalisco, nombre="Unidad de Comunicación")
    AreaComunicacion.objects.create(
        organismo=OrganismoGarante.objects.get(clave="cotai-nuevo-leon"),
        nombre="Área al día",
        verificada_el=hoy,
    )
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(reverse(REPORTE))
    assert response.status_code == 200
    body = response.content.decode()
    assert vieja.usuario in body and "Hace 181 días" in body
    assert "Unidad de Comunicación" in body and "Nunca verificada" in body
    assert "reciente" not in body and "cerrada" not in body and "Área al día" not in body
    # The national coordination finds it in the reports menu.
    assert reverse(REPORTE) in client.get(reverse("wagtailadmin_home")).content.decode()
