"""A signed document of an agreement is public only while the agreement is.

An agreement in negotiation (or cancelled, or in a region where its plugin is switched off)
is not shown anywhere public, but its signed PDF, in the region's collection, was served by
Wagtail to anyone who had its address (``/documentos/<id>/<file>``): the address of a
cancelled agreement's document had been on its public page, in the open data and in search.
Now the document answers 404 to the public unless an agreement holding it is public, or
something else uses it (a page linking it); the people who may see the agreement in the
admin still open it. Media on the S3 server.
"""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from cms.plugins import set_enabled
from tests.media.conftest import PDF, s3_media, upload  # noqa: F401
from tests.plugins.convenios import GEMELOS, instalados

HOST = {"HTTP_HOST": "norte.localhost"}
pytestmark = pytest.mark.usefixtures("s3_media")


@pytest.fixture(params=instalados())
def gemelo(request):
    return GEMELOS[request.param]


def _con_documento(gemelo, regions, estado, nombre="convenio-firmado.pdf"):
    convenio = gemelo.crear(regions, "norte", estado)
    documento = get_document_model().objects.create(
        title=f"Convenio firmado ({estado})",
        file=upload(nombre, PDF),
        collection=regions["norte"].coleccion,
    )
    gemelo.documento.objects.create(convenio=convenio, documento=documento)
    return convenio, documento


def _sirve(client, documento):
    status = client.get(documento.url, **HOST).status_code
    assert status in (302, 404), status
    return status == 302


@pytest.mark.parametrize("estado", ["identificado", "en_negociacion", "cancelado"])
def test_an_internal_agreements_document_is_not_served_to_the_public(
    client, editor_of, regions, gemelo, estado
):
    _convenio, documento = _con_documento(gemelo, regions, estado)
    assert not _sirve(client, documento)
    # The region's people, who see the agreement in the admin, still open it.
    client.force_login(editor_of("norte", "coordinacion"))
    assert _sirve(client, documento)
    # Another region's people do not.
    client.force_login(editor_of("sureste", "coordinacion"))
    assert not _sirve(client, documento)


def test_the_document_follows_the_agreement_in_and_out_of_public(client, regions, gemelo):
    convenio, documento = _con_documento(gemelo, regions, "vigente")
    assert _sirve(client, documento)
    # Cancelled: its address had been public, it is no longer served.
    type(convenio).objects.filter(pk=convenio.pk).update(estado="cancelado")
    assert not _sirve(client, documento)
    type(convenio).objects.filter(pk=convenio.pk).update(estado="vigente")
    assert _sirve(client, documento)
    # The plugin switched off in the region hides it with the agreement.
    set_enabled(gemelo.label, regions["norte"], False)
    assert not _sirve(client, documento)
    set_enabled(gemelo.label, regions["norte"], True)
    assert _sirve(client, documento)


def test_a_document_used_elsewhere_too_is_still_served(client, regions, gemelo):
    from cms.models import PaginaBasica

    _convenio, documento = _con_documento(gemelo, regions, "en_negociacion")
    pagina = PaginaBasica(
        title="Convenios de la región",
        slug="convenios-de-la-region",
        cuerpo=[("documento", {"documento": documento, "descripcion": ""})],
    )
    regions["norte"].site.root_page.add_child(instance=pagina)
    ReferenceIndex.create_or_update_for_object(pagina)
    assert _sirve(client, documento)


def test_documents_of_no_agreement_are_served_as_before(client, regions):
    documento = get_document_model().objects.create(
        title="Informe anual",
        file=upload("informe.pdf", PDF),
        collection=regions["norte"].coleccion,
    )
    assert _sirve(client, documento)
