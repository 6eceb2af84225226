"""The sourced accounts and communication units: loaded idempotently, and the admin's CSV
import accepts the network's shared file as it is."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plugins.directorio.demo import CUENTAS_CSV, cargar_cuentas_y_comunicacion, load
from plugins.directorio.models import AreaComunicacion, CuentaSocial
from regiones.models import OrganismoGarante

IMPORT = "directorio_importar_cuentas"


def test_loading_the_shared_accounts_file_is_idempotent_and_keeps_sources(db):
    load()
    cuentas, areas = CuentaSocial.objects.count(), AreaComunicacion.objects.count()
    primera = {c.pk: (c.url, c.fuente, c.fecha_fuente) for c in CuentaSocial.objects.all()}
    load()
    assert CuentaSocial.objects.count() == cuentas
    assert AreaComunicacion.objects.count() == areas
    assert {c.pk: (c.url, c.fuente, c.fecha_fuente) for c in CuentaSocial.objects.all()} == primera

    x = CuentaSocial.objects.get(url="https://twitter.com/infoqueretaro")
    assert x.plataforma == "x" and x.estado == "por_verificar"
    assert x.fecha_fuente == "2021-01" and "issuu.com" in x.fuente
    # The YouTube row without a URL is left out, not invented.
    infoqro = CuentaSocial.objects.filter(organismo__clave="infoqro-queretaro")
    assert not infoqro.filter(plataforma="youtube").exists()
    area = AreaComunicacion.objects.get(organismo__clave="infocdmx-ciudad-de-mexico")
    assert area.nombre == "Dirección de Comunicación Social"
    assert area.fecha_fuente == "2025" and "infocdmx" in area.fuente
    assert OrganismoGarante.objects.get(clave="infoqro-queretaro").sitio_web == (
        "http://www.infoqro.mx/"
    )
    guardadas, omitidas = cargar_cuentas_y_comunicacion()
    assert (guardadas, omitidas) == (16, 1)


def _shared_file(keep=lambda line: True):
    lines = CUENTAS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join([lines[0], *(line for line in lines[1:] if keep(line))])


def test_the_import_accepts_the_shared_file_columns(client, make_user):
    client.force_login(make_user(superuser=True))
    # The one row without a URL is reported (a social account needs its address)…
    archivo = _shared_file()
    body = client.post(
        reverse(IMPORT),
        {"archivo": SimpleUploadedFile("c.csv", archivo.encode(), content_type="text/csv")},
    ).content.decode()
    assert "No se importó nada" in body
    assert "Fila 7: Falta la URL de la cuenta" in body
    # …and without it the shared file imports as it is.
    archivo = _shared_file(lambda line: not line.startswith("infoqro-queretaro,youtube,,"))
    response = client.post(
        reverse(IMPORT),
        {"archivo": SimpleUploadedFile("c.csv", archivo.encode(), content_type="text/csv")},
        follow=True,
    )
    assert "Se importaron 16" in response.content.decode()
    assert CuentaSocial.objects.filter(fuente__contains="mapadai").count() == 3
    assert AreaComunicacion.objects.get(organismo__clave="iacip-guanajuato").nombre == (
        "Dirección de Comunicación Social y Vinculación"
    )
    assert OrganismoGarante.objects.get(clave="itei-jalisco").sitio_web == "https://itei.org.mx/v4/"


def test_another_region_cannot_import_these_institutions(client, editor_of):
    """Norte's coordination may not touch Centro-Occidente's institutions through the import:
    neither an account, nor a communication unit, nor a website."""
    client.force_login(editor_of("norte", "coordinacion"))
    archivo = (
        "clave,plataforma,url,usuario,fuente,fecha_fuente,notas\n"
        "itei-jalisco,x,https://twitter.com/itei,itei,,,\n"
        "itei-jalisco,area_comunicacion,,Comunicación,,,\n"
        "itei-jalisco,sitio_web,https://otro.example.org/,,,,\n"
    )
    body = client.post(
        reverse(IMPORT),
        {"archivo": SimpleUploadedFile("c.csv", archivo.encode(), content_type="text/csv")},
    ).content.decode()
    assert "No se importó nada" in body
    for fila in (2, 3, 4):
        assert f"Fila {fila}: La institución «itei-jalisco» pertenece a la región" in body
    assert OrganismoGarante.objects.get(clave="itei-jalisco").sitio_web != (
        "https://otro.example.org/"
    )
    assert not AreaComunicacion.objects.filter(nombre="Comunicación").exists()


# --- Import of institutions' status (the shared status file's columns) --------------------

ESTADO = "directorio_importar_estado"
ENCABEZADO_ESTADO = (
    "clave,estado,fecha_extincion,fundamento_legal,fuente,fecha_fuente,sucesor_nombre,"
    "sucesor_siglas,notas\n"
)


def _subir(client, texto, **extra):
    archivo = SimpleUploadedFile("estado.csv", texto.encode(), content_type="text/csv")
    return client.post(reverse(ESTADO), {"archivo": archivo}, **extra)


def test_the_shared_status_file_imports_as_it_is_and_changes_nothing(client, make_user):
    from regiones.demo import ESTADO_CSV
    from regiones.models import RegistroEstado

    antes = {
        o.clave: (o.estado, o.fecha_extincion, o.sucesor_id, o.fuentes_estado)
        for o in OrganismoGarante.objects.all()
    }
    client.force_login(make_user(superuser=True))
    response = _subir(client, ESTADO_CSV.read_text(encoding="utf-8"), follow=True)
    assert "Se importaron 27 filas" in response.content.decode()
    despues = {
        o.clave: (o.estado, o.fecha_extincion, o.sucesor_id, o.fuentes_estado)
        for o in OrganismoGarante.objects.all()
    }
    assert antes == despues
    assert not RegistroEstado.objects.filter(origen="importación CSV").exists()


def test_a_coordination_imports_a_status_change_with_its_source(client, editor_of):
    from regiones.models import RegistroEstado

    client.force_login(editor_of("norte", "coordinacion"))
    listado = client.get(reverse("wagtailsnippets_directorio_cuentasocial:list")).content
    assert reverse(ESTADO).encode() in listado
    sin_fuente_nueva = OrganismoGarante.objects.get(clave="ichitaip-chihuahua").fuentes_estado
    fila = "ichitaip-chihuahua,en_extincion,,Reforma local.,{},2026-11-30,{},,\n"
    body = _subir(client, ENCABEZADO_ESTADO + fila.format(sin_fuente_nueva, "")).content.decode()
    assert "No se importó nada" in body and "fuente pública" in body

    nombre = "Transparencia para el Pueblo de Chihuahua"
    fuente = "https://congreso.example.gob.mx/decreto-chihuahua"
    response = _subir(client, ENCABEZADO_ESTADO + fila.format(fuente, nombre), follow=True)
    assert "1 instituciones sucesoras nuevas" in response.content.decode()
    chihuahua = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    assert chihuahua.estado == "en_extincion" and chihuahua.fuentes_estado == fuente
    sucesora = chihuahua.sucesor
    assert sucesora.nombre == nombre and sucesora.region.slug == "norte"
    assert sucesora.estado == OrganismoGarante.Estado.POR_ASUMIR
    assert RegistroEstado.objects.filter(organismo=chihuahua, origen="importación CSV").exists()


def test_another_region_cannot_import_a_status(client, editor_of):
    client.force_login(editor_of("norte", "coordinacion"))
    fila = "itei-jalisco,vigente,,,https://x.example.org/otra,2026-12-01,,,\n"
    body = _subir(client, ENCABEZADO_ESTADO + fila).content.decode()
    assert "No se importó nada" in body
    assert "Centro-Occidente" in body
    assert OrganismoGarante.objects.get(clave="itei-jalisco").estado == "extinta"
