"""What every agreement plugin shares (``cms.convenios_base`` on ``cms.ciclo``), tested on
each installed one (alliances and media): the lifecycle with its history and date rules,
the public queryset, the public page of one agreement, open-data filters and the page
placed on every site. What only one plugin has is tested in its own folder."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse
from django.utils import timezone

from cms.ciclo import TRANSICIONES, Estado
from tests.plugins.convenios import (
    GEMELOS,
    INTERNOS,
    PUBLICOS,
    hoy_mas,
    importar,
    instalados,
)

#: Extra dates a transition needs to agree with its target state.
FECHAS_PARA = {
    ("en_negociacion", "firmado"): {"fecha_firma": hoy_mas(0)},
    ("firmado", "vigente"): {"vigencia_inicio": hoy_mas(0)},
    ("vigente", "vencido"): {"vigencia_fin": hoy_mas(-1)},
    ("vencido", "vigente"): {"vigencia_fin": hoy_mas(365)},
}
PERMITIDAS = [(a, b) for a, destinos in TRANSICIONES.items() for b in destinos]
RECHAZADAS = [(a, b) for a in Estado.values for b in Estado.values if (a, b) not in PERMITIDAS]


@pytest.fixture(params=instalados())
def gemelo(request):
    return GEMELOS[request.param]


@pytest.fixture
def crear(gemelo, regions):
    def make(region="norte", estado="identificado", **kwargs):
        return gemelo.crear(regions, region, estado, **kwargs)

    return make


# --- Lifecycle ----------------------------------------------------------------------------


@pytest.mark.parametrize("actual,nuevo", PERMITIDAS)
def test_every_allowed_transition_is_saved_with_its_history(crear, make_user, actual, nuevo):
    convenio = crear("norte", actual)
    persona = make_user()
    antes = timezone.now()
    entrada = convenio.transicionar(
        nuevo, persona, "  Motivo del cambio  ", **FECHAS_PARA.get((actual, nuevo), {})
    )
    convenio.refresh_from_db()
    assert convenio.estado == nuevo
    assert entrada.registro == convenio
    assert (entrada.estado_anterior, entrada.estado_nuevo) == (actual, nuevo)
    assert entrada.usuario == persona
    assert entrada.comentario == "Motivo del cambio"
    assert entrada.fecha >= antes
    assert list(convenio.get_historial()) == [entrada]


@pytest.mark.parametrize("actual,nuevo", RECHAZADAS)
def test_every_refused_transition_changes_nothing(gemelo, crear, make_user, actual, nuevo):
    convenio = crear("norte", actual)
    with pytest.raises(ValidationError) as error:
        convenio.transicionar(nuevo, make_user(), "Intento")
    assert "estado" in error.value.message_dict
    assert str(Estado(actual).label) in error.value.message_dict["estado"][0]
    convenio.refresh_from_db()
    assert convenio.estado == actual
    assert not gemelo.historial.objects.filter(registro=convenio).exists()


def test_a_comment_is_required(crear, make_user):
    convenio = crear("norte", "identificado")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("en_negociacion", make_user(), "   ")
    assert "comentario" in error.value.message_dict
    convenio.refresh_from_db()
    assert convenio.estado == "identificado"


def test_signing_needs_a_signature_date_and_nothing_is_saved_otherwise(crear, make_user):
    convenio = crear("norte", "en_negociacion")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("firmado", make_user(), "Se firmó")
    assert "fecha de firma" in error.value.message_dict["fecha_firma"][0]
    assert convenio.estado == "en_negociacion" and convenio.fecha_firma is None
    convenio.refresh_from_db()
    assert convenio.estado == "en_negociacion"
    convenio.transicionar("firmado", make_user(), "Se firmó", fecha_firma=hoy_mas(-1))
    convenio.refresh_from_db()
    assert convenio.estado == "firmado" and convenio.fecha_firma == hoy_mas(-1)


def test_going_vigente_before_the_term_starts_is_refused(gemelo, crear, make_user):
    convenio = crear("norte", "firmado")  # starts in 5 days
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("vigente", make_user(), "Inicia")
    assert "Firmado" in error.value.message_dict["vigencia_inicio"][0]
    convenio.transicionar("vigente", make_user(), "Inicia", vigencia_inicio=hoy_mas(0))
    assert gemelo.modelo.objects.get(pk=convenio.pk).estado == "vigente"


def test_renewal_needs_a_new_end_of_term(gemelo, crear, make_user):
    convenio = crear("norte", "vencido")
    with pytest.raises(ValidationError) as error:
        convenio.transicionar("vigente", make_user(), "Renovación")
    assert "vigencia_fin" in error.value.message_dict
    convenio.transicionar("vigente", make_user(), "Renovación", vigencia_fin=hoy_mas(365))
    assert gemelo.modelo.objects.get(pk=convenio.pk).estado == "vigente"


def test_a_stale_copy_cannot_transition(gemelo, crear, make_user):
    convenio = crear("norte", "identificado")
    copia = gemelo.modelo.objects.get(pk=convenio.pk)
    convenio.transicionar("en_negociacion", make_user(), "Primero")
    with pytest.raises(ValidationError) as error:
        copia.transicionar("cancelado", make_user(), "Segundo")
    assert "Otra persona" in error.value.messages[0]


def test_the_state_cannot_change_by_editing(crear):
    convenio = crear("norte", "identificado")
    convenio.estado = "en_negociacion"
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "Cambiar estado" in error.value.message_dict["estado"][0]


def test_model_clean_applies_the_date_rules(crear):
    convenio = crear("norte", "vigente")
    convenio.vigencia_fin = hoy_mas(-5)
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "Vencido" in error.value.message_dict["vigencia_fin"][0]


def test_public_queryset(gemelo, crear):
    for estado in PUBLICOS | INTERNOS:
        crear("norte", estado)
    publicos = set(gemelo.modelo.objects.publicos().values_list("estado", flat=True))
    assert publicos == PUBLICOS


# --- Public side --------------------------------------------------------------------------


@pytest.mark.parametrize("estado", sorted(PUBLICOS | INTERNOS))
def test_agreement_page_only_when_public(client, gemelo, crear, estado):
    convenio = crear("norte", estado)
    response = client.get(gemelo.url_convenio(convenio), HTTP_HOST="norte.localhost")
    if estado in PUBLICOS:
        assert response.status_code == 200
        body = response.content.decode()
        assert convenio.titulo in body and "SECRETO" not in body
    else:
        assert response.status_code == 404
    # Another region's site does not show it either.
    otra = client.get(gemelo.url_convenio(convenio), HTTP_HOST="sureste.localhost")
    assert otra.status_code == 404


def test_agreement_page_shows_its_documents(client, gemelo, crear):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    convenio = crear("norte", "vigente")
    documento = Document.objects.create(
        title="Convenio firmado PDF", file=ContentFile(b"%PDF-1.4", name="convenio.pdf")
    )
    gemelo.documento.objects.create(
        convenio=convenio, documento=documento, descripcion="Versión firmada"
    )
    body = client.get(gemelo.url_convenio(convenio), HTTP_HOST="norte.localhost").content
    assert "Versión firmada" in body.decode() and documento.url in body.decode()


#: Filters each plugin's open data refuses, with the start of its message.
FILTROS_MALOS = {
    "alianzas": [
        ({"region": "atlantida"}, "La región «atlantida» no existe"),
        ({"estado": "identificado"}, "no son públicos"),
        ({"estado": "cancelado"}, "no son públicos"),
        ({"estado": "borrador"}, "El estado «borrador» no existe"),
        ({"tipo": "secreto"}, "El tipo «secreto» no existe"),
    ],
    "medios": [
        ({"region": "atlantida"}, "La región «atlantida» no existe"),
        ({"tipo": "holograma"}, "El tipo «holograma» no existe"),
        ({"ambito": "galactico"}, "El ámbito «galactico» no existe"),
    ],
}


@pytest.mark.parametrize(
    "label,params,mensaje",
    [(label, *caso) for label in instalados() for caso in FILTROS_MALOS[label]],
)
def test_api_csv_and_page_refuse_bad_filters(client, regions, label, params, mensaje):
    gemelo = GEMELOS[label]
    response = client.get(gemelo.api, params, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert mensaje in response.json()["error"]
    response = client.get(gemelo.csv, params, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert mensaje in response.content.decode()
    pagina = client.get(gemelo.pagina, params, HTTP_HOST="localhost")
    assert pagina.status_code == 400 and mensaje in pagina.content.decode()


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "centro.localhost",
        "centro-occidente.localhost",
        "norte.localhost",
        "sureste.localhost",
    ],
)
def test_bootstrap_placed_the_page_on_every_site(client, regions, gemelo, host):
    assert client.get(gemelo.pagina, HTTP_HOST=host).status_code == 200


# --- CSV import of who agreements are signed with -----------------------------------------


def test_counterpart_import_is_all_or_nothing(client, editor_of, gemelo):
    """A file with one bad row imports nothing and names every bad row; a good one
    creates the records, and importing it again updates them (names match without case)."""
    client.force_login(editor_of("norte", "coordinacion"))
    columnas = ["nombre", *gemelo.fila_contraparte, "sitio_web"]

    def archivo(*filas):
        lineas = [",".join(columnas)]
        for nombre, cambios in filas:
            fila = {**gemelo.fila_contraparte, "sitio_web": "", **cambios, "nombre": nombre}
            lineas.append(",".join(fila[c] for c in columnas))
        return "\n".join(lineas) + "\n"

    malo = archivo(
        ("Buena A", {"sitio_web": "https://a.mx/"}),
        ("Mala B", {"tipo": "holograma"}),
        ("Mala C", {"sitio_web": "no-es-url"}),
        ("buena a", {}),
    )
    body = importar(client, gemelo.importar, malo).content.decode()
    assert "No se importó nada" in body
    assert "Fila 3:" in body and "El tipo «holograma» no existe" in body
    assert "Fila 4:" in body and "no es una dirección válida" in body
    assert "Fila 5:" in body and "ya aparece en la fila 2" in body
    importados = gemelo.contraparte.objects.filter(nombre__iregex=r"^(buena|mala) ")
    assert not importados.exists()

    bueno = archivo(("Buena A", {"sitio_web": "https://a.mx/"}), ("Buena B", {}))
    assert importar(client, gemelo.importar, bueno).status_code == 302
    assert sorted(importados.values_list("nombre", flat=True)) == ["Buena A", "Buena B"]
    otra_vez = archivo(("BUENA A", {"sitio_web": "https://b.mx/"}))
    assert importar(client, gemelo.importar, otra_vez).status_code == 302
    a = gemelo.contraparte.objects.get(nombre="Buena A")
    assert a.sitio_web == "https://b.mx/"
    assert importados.count() == 2


def test_counterpart_import_help_lists_the_importers_columns(client, editor_of, gemelo):
    client.force_login(editor_of("norte", "coordinacion"))
    body = client.get(reverse(gemelo.importar)).content.decode()
    importer = resolve(reverse(gemelo.importar)).func.view_class.importer_class
    obligatorias = ", ".join(importer.columns[:-1]) + " y " + importer.columns[-1]
    assert f"Columnas obligatorias: {obligatorias};" in body
    assert importer.optional_columns[-1] + "." in body
