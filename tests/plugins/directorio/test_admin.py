"""Region scoping of the directory's admin, the dashboard panel and the CSV import."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plugins.directorio.admin_views import CuentasPorVerificarPanel
from plugins.directorio.models import AreaComunicacion, CuentaSocial

LIST = "wagtailsnippets_directorio_cuentasocial:list"
EDIT = "wagtailsnippets_directorio_cuentasocial:edit"
ADD = "wagtailsnippets_directorio_cuentasocial:add"
CHOOSE = "wagtailsnippetchoosers_directorio_cuentasocial:choose"
IMPORT = "directorio_importar_cuentas"
HOME = "wagtailadmin_home"


def _export(client, **params):
    response = client.get(reverse(LIST), {"export": "csv", **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_norte_sees_and_edits_only_norte(client, editor_of, cuentas, role):
    client.force_login(editor_of("norte", role))
    body = client.get(reverse(LIST)).content.decode()
    assert "cuenta_norte" in body and "cuenta_sureste" not in body
    exported = _export(client)
    assert b"cuenta_norte" in exported and b"cuenta_sureste" not in exported
    assert client.get(reverse(EDIT, args=[cuentas["norte"].pk])).status_code == 200
    assert client.get(reverse(EDIT, args=[cuentas["sureste"].pk])).status_code in (302, 403)
    chooser = client.get(reverse(CHOOSE)).content.decode()
    assert "cuenta_norte" in chooser and "cuenta_sureste" not in chooser


def test_norte_cannot_save_changes_to_a_sureste_account(client, editor_of, cuentas, organismo):
    client.force_login(editor_of("norte", "coordinacion"))
    cuenta = cuentas["sureste"]
    client.post(
        reverse(EDIT, args=[cuenta.pk]),
        {
            "organismo": cuenta.organismo_id,
            "plataforma": "instagram",
            "usuario": "secuestrada",
            "url": cuenta.url,
            "estado": "activa",
        },
    )
    cuenta.refresh_from_db()
    assert cuenta.usuario == "cuenta_sureste"


def test_national_coordination_sees_every_region(client, editor_of, cuentas):
    client.force_login(editor_of("nacional", "coordinacion"))
    body = client.get(reverse(LIST)).content.decode()
    assert "cuenta_norte" in body and "cuenta_sureste" in body
    exported = _export(client)
    assert b"cuenta_norte" in exported and b"cuenta_sureste" in exported
    # Coordinating is reading: another region's record is not the national coordination's to edit.
    assert client.get(reverse(EDIT, args=[cuentas["sureste"].pk])).status_code in (302, 403, 404)


def test_norte_editor_cannot_create_an_account_for_a_sureste_institution(
    client, editor_of, organismo
):
    client.force_login(editor_of("norte", "edicion"))
    form = client.get(reverse(ADD)).context["form"]
    ofrecidas = set(form.fields["organismo"].queryset.values_list("region__slug", flat=True))
    assert ofrecidas == {"norte"}
    datos = {
        "plataforma": "instagram",
        "usuario": "intrusa",
        "url": "https://www.instagram.com/intrusa",
        "estado": "activa",
    }
    client.post(reverse(ADD), {**datos, "organismo": organismo("cotaipec-campeche").pk})
    assert not CuentaSocial.objects.filter(usuario="intrusa").exists()
    client.post(reverse(ADD), {**datos, "organismo": organismo("istai-sonora").pk})
    cuenta = CuentaSocial.objects.get(usuario="intrusa")
    assert cuenta.organismo.clave == "istai-sonora"
    # Marking it active records who verified it and when.
    assert cuenta.verificada_el == timezone.localdate()
    assert cuenta.verificada_por is not None


def test_wrong_platform_url_is_refused_in_the_form(client, editor_of, organismo):
    client.force_login(editor_of("norte", "edicion"))
    response = client.post(
        reverse(ADD),
        {
            "organismo": organismo("istai-sonora").pk,
            "plataforma": "instagram",
            "url": "https://www.facebook.com/istai",
            "estado": "activa",
        },
    )
    assert not CuentaSocial.objects.filter(url="https://www.facebook.com/istai").exists()
    assert "La URL no corresponde a Instagram" in response.content.decode()


def test_area_de_comunicacion_is_region_scoped(client, editor_of, organismo):
    norte = AreaComunicacion.objects.create(
        organismo=organismo("istai-sonora"), titulo_responsable="Titular de Comunicación Norte"
    )
    sureste = AreaComunicacion.objects.create(
        organismo=organismo("cotaipec-campeche"), titulo_responsable="Titular Sureste"
    )
    client.force_login(editor_of("norte", "edicion"))
    body = client.get(reverse("wagtailsnippets_directorio_areacomunicacion:list")).content
    assert b"ISTAI" in body and b"COTAIPEC" not in body
    edit = "wagtailsnippets_directorio_areacomunicacion:edit"
    assert client.get(reverse(edit, args=[norte.pk])).status_code == 200
    assert client.get(reverse(edit, args=[sureste.pk])).status_code in (302, 403)
    response = client.post(
        reverse(edit, args=[norte.pk]),
        {"organismo": norte.organismo_id, "telefono": "213 1543", "correo": "no-es-correo"},
    )
    assert "10 dígitos con lada" in response.content.decode()


def test_listing_filters_by_derived_state_and_platform(client, editor_of, cuentas):
    cuenta = cuentas["norte"]
    cuenta.estado = "activa"
    cuenta.verificada_el = timezone.localdate() - timedelta(days=10)
    cuenta.save()
    vieja = CuentaSocial.objects.create(
        organismo=cuenta.organismo,
        plataforma="facebook",
        usuario="cuenta_vieja",
        url="https://www.facebook.com/cuenta_vieja",
        estado="activa",
        verificada_el=timezone.localdate() - timedelta(days=181),
    )
    assert vieja.estado_vigente == "por_verificar" and cuenta.estado_vigente == "activa"
    client.force_login(editor_of("norte", "coordinacion"))
    body = client.get(reverse(LIST), {"estado_vigente": "por_verificar"}).content.decode()
    assert "cuenta_vieja" in body and "cuenta_norte" not in body
    body = client.get(reverse(LIST), {"estado_vigente": "activa"}).content.decode()
    assert "cuenta_norte" in body and "cuenta_vieja" not in body
    body = client.get(reverse(LIST), {"plataforma": "facebook"}).content.decode()
    assert "cuenta_vieja" in body and "cuenta_norte" not in body
    exported = _export(client).decode()
    assert "por_verificar" in exported
    annotated = CuentaSocial.objects.con_estado_vigente().get(pk=vieja.pk)
    assert annotated.estado_al_dia == "por_verificar"


def _panel(user):
    return CuentasPorVerificarPanel(user).get_context_data()


def _inicio(client, user):
    """The admin dashboard as ``user`` sees it."""
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_panel_lists_own_accounts_to_verify(client, editor_of, cuentas):
    al_dia = CuentaSocial.objects.create(
        organismo=cuentas["norte"].organismo,
        plataforma="facebook",
        usuario="cuenta_al_dia",
        url="https://www.facebook.com/cuenta_al_dia",
        estado="activa",
        verificada_el=timezone.localdate() - timedelta(days=10),
    )
    user = editor_of("norte", "edicion")
    contexto = _panel(user)
    assert [f["etiqueta"] for f in contexto["filas"]] == ["Instagram · cuenta_norte"]
    assert contexto["total"] == 1 and contexto["filas"][0]["region"].slug == "norte"
    body = _inicio(client, user)
    assert "Cuentas en redes por verificar" in body
    assert "1 cuenta de su región marcada «por verificar»" in body
    assert "cuenta_norte" in body and "cuenta_sureste" not in body
    assert al_dia.usuario not in body
    assert f'href="{reverse(EDIT, args=[cuentas["norte"].pk])}"' in body


def test_dashboard_panel_of_the_national_coordination_leaves_verifying_to_the_regions(
    client, editor_of, cuentas
):
    """Verifying an account is changing it: each region's work, not the national's."""
    user = editor_of("nacional", "coordinacion")
    assert not CuentasPorVerificarPanel(user).get_context_data()["filas"]
    body = _inicio(client, user)
    assert "cuenta_norte" not in body and "cuenta_sureste" not in body


def test_dashboard_panel_links_to_the_listing_when_it_does_not_fit(make_user, cuentas):
    class UnaFila(CuentasPorVerificarPanel):
        limite = 1

    html = UnaFila(make_user(superuser=True)).render_html()
    assert "Ver las 2 cuentas por verificar" in html
    assert f"{reverse(LIST)}?estado_vigente=por_verificar" in html


def test_no_dashboard_panel_without_permission_or_accounts_to_verify(
    client, make_user, editor_of, cuentas
):
    # Someone who may enter the admin but not see the directory.
    solo_admin = Group.objects.create(name="Solo administración")
    solo_admin.permissions.add(Permission.objects.get(codename="access_admin"))
    panel = CuentasPorVerificarPanel(make_user(solo_admin))
    assert not panel.visible() and panel.render_html() == ""
    body = _inicio(client, panel.user)
    assert "Cuentas en redes por verificar" not in body and "cuenta_norte" not in body
    # Nothing due in the user's regions: no panel either.
    CuentaSocial.objects.filter(pk=cuentas["sureste"].pk).update(
        estado="activa", verificada_el=timezone.localdate()
    )
    body = _inicio(client, editor_of("sureste", "coordinacion"))
    assert "Cuentas en redes por verificar" not in body


def test_listing_has_an_import_button(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    assert reverse(IMPORT) in client.get(reverse(LIST)).content.decode()


# --- CSV import ---------------------------------------------------------------------------


def _upload(text):
    return SimpleUploadedFile("cuentas.csv", text.encode("utf-8"), content_type="text/csv")


ENCABEZADO = "organismo,plataforma,usuario,url,estado,verificada_el\n"


def test_import_with_one_bad_row_imports_nothing(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    archivo = (
        ENCABEZADO
        + "istai-sonora,instagram,istai,https://www.instagram.com/istai,activa,2026-01-15\n"
        + "istai-sonora,instagram,istai_fb,https://www.facebook.com/istai,activa,2026-01-15\n"
        + "cotai-nuevo-leon,youtube,cotai,https://www.youtube.com/@cotai,por_verificar,\n"
    )
    response = client.post(reverse(IMPORT), {"archivo": _upload(archivo)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "No se importó nada" in body
    assert "Fila 3: La URL no corresponde a Instagram" in body
    assert not CuentaSocial.objects.exists()


def test_import_reports_every_bad_row_with_its_reason(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    archivo = (
        ENCABEZADO
        + "no-existe,instagram,a,https://www.instagram.com/a,,\n"
        + "cotaipec-campeche,instagram,b,https://www.instagram.com/b,,\n"
        + "istai-sonora,myspace,c,https://myspace.com/c,,\n"
        + "istai-sonora,instagram,d,https://www.instagram.com/d,dormida,\n"
        + "istai-sonora,instagram,e,https://www.instagram.com/e,activa,15-01-2026\n"
        + "istai-sonora,instagram,f,https://www.instagram.com/f,,\n"
        + "istai-sonora,instagram,f2,https://www.instagram.com/f,,\n"
    )
    body = client.post(reverse(IMPORT), {"archivo": _upload(archivo)}).content.decode()
    assert "Fila 2: La institución «no-existe» no existe" in body
    assert "Fila 3: La institución «cotaipec-campeche» pertenece a la región Sureste" in body
    assert "Fila 4: La plataforma «myspace» no es válida" in body
    assert "Fila 5: El estado «dormida» no es válido" in body
    assert "Fila 6: La fecha «15-01-2026» no es válida" in body
    assert "Fila 8: Repite la cuenta de la fila 7" in body
    assert not CuentaSocial.objects.exists()


def test_import_refuses_a_file_without_the_required_columns(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    body = client.post(reverse(IMPORT), {"archivo": _upload("nombre,red\nx,y\n")}).content.decode()
    assert "Faltan columnas" in body
    body = client.post(
        reverse(IMPORT),
        {"archivo": SimpleUploadedFile("c.csv", "organismo\nñandú\n".encode("latin-1"))},
    ).content.decode()
    assert "UTF-8" in body


def test_a_valid_file_imports_every_row(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    archivo = (
        "\ufeff"
        + ENCABEZADO
        + "istai-sonora,Instagram,istai,https://www.instagram.com/istai,activa,2026-01-15\n"
        + "istai-sonora,twitter,transparenteSon,https://twitter.com/transparenteSon,,\n"
        + "cotai-nuevo-leon,youtube,cotai,https://www.youtube.com/@cotai,por verificar,\n"
    )
    response = client.post(reverse(IMPORT), {"archivo": _upload(archivo)}, follow=True)
    assert "Se importaron 3 cuentas" in response.content.decode()
    assert CuentaSocial.objects.count() == 3
    instagram = CuentaSocial.objects.get(usuario="istai")
    assert instagram.estado == "activa" and instagram.verificada_el.isoformat() == "2026-01-15"
    assert CuentaSocial.objects.get(usuario="transparenteSon").plataforma == "x"
    # Importing the same file again updates and does not duplicate.
    client.post(reverse(IMPORT), {"archivo": _upload(archivo)})
    assert CuentaSocial.objects.count() == 3


def test_national_coordination_does_not_import_into_a_region(client, editor_of):
    """Coordinating is reading: the national coordination does not write regional records."""
    client.force_login(editor_of("nacional", "coordinacion"))
    archivo = ENCABEZADO + "cotaipec-campeche,instagram,b,https://www.instagram.com/b,,\n"
    response = client.post(reverse(IMPORT), {"archivo": _upload(archivo)})
    assert response.status_code in (302, 403) or "No se importó nada" in response.content.decode()
    assert not CuentaSocial.objects.filter(organismo__clave="cotaipec-campeche").exists()


def test_import_page_explains_the_format(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    response = client.get(reverse(IMPORT))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cómo preparar el archivo" in body and "Norte" in body and "Sureste" not in body


def test_imported_accounts_are_logged(client, editor_of):
    from wagtail.models import ModelLogEntry

    client.force_login(editor_of("norte", "edicion"))
    archivo = ENCABEZADO + "istai-sonora,instagram,istai,https://www.instagram.com/istai,,\n"
    client.post(reverse(IMPORT), {"archivo": _upload(archivo)})
    cuenta = CuentaSocial.objects.get()
    assert ModelLogEntry.objects.filter(object_id=str(cuenta.pk), action="wagtail.create").exists()


def test_import_needs_permission(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse(IMPORT)).status_code in (302, 403)
