"""A document that only pages nobody may see link to is not served to the public.

Wagtail serves a document of a collection without view restrictions to anyone with its
address (``/documentos/<id>/<file>``). A document linked only from a draft, an unpublished or
expired page, or a page behind a password, a login or a group (on itself or an ancestor)
stayed reachable by anyone who had the address. The rule (``cms.documentos_registros``): a
document that pages or plugin records hold, none of them public, is served only to whoever
may see one of them — the region's people in the admin, or the visitors a page's
restriction lets in. A document nothing holds keeps Wagtail's behaviour (its collection
decides).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from regiones.models import IdiomaRegion
from tests.media.conftest import PDF, s3_media, upload  # noqa: F401

from . import fabricas
from .conftest import HOSTS
from .test_traducciones import arbol_en, traducir_publicando  # noqa: F401

pytestmark = pytest.mark.usefixtures("s3_media")

SERVIDO = 302  # the document view redirects to a signed address on S3


@pytest.fixture
def documento(regions):
    def make(nombre="bases-del-concurso.pdf", region="norte"):
        return get_document_model().objects.create(
            title=nombre,
            file=upload(nombre, PDF),
            collection=regions[region].coleccion,
        )

    return make


def enlaces(doc):
    """A page body that links to ``doc`` in the two ways an editor can: a rich-text link and a
    «Documento descargable» block."""
    return [
        {"type": "parrafo", "value": f'<p>Lee <a linktype="document" id="{doc.pk}">esto</a>.</p>'},
        {"type": "documento", "value": {"documento": doc.pk, "descripcion": "Bases"}},
    ]


def estado(client, doc, host="norte"):
    return client.get(doc.url, HTTP_HOST=HOSTS[host]).status_code


def restringir(page, tipo, groups=(), **kw):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=tipo, **kw)
    restriction.groups.add(*groups)
    return restriction


# -- Each way of not being public -------------------------------------------------------------


def test_a_drafts_document_is_for_the_regions_people_only(client, crear, documento, editor_of):
    doc = documento()
    crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)), publicar=False)

    assert estado(client, doc) == 404
    client.force_login(editor_of("sureste", "coordinacion"))
    assert estado(client, doc) == 404
    client.force_login(editor_of("norte"))
    assert estado(client, doc) == SERVIDO


def test_a_document_of_a_page_taken_offline_stops_being_served(client, crear, documento):
    doc = documento()
    page = crear("norte", "convocatorias", fabricas.convocatoria(bases=doc))
    assert estado(client, doc) == SERVIDO

    page.unpublish()
    assert estado(client, doc) == 404


def test_a_document_of_an_expired_page_is_not_served(client, crear, documento):
    doc = documento()
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)))
    page.expire_at = timezone.now() - timedelta(hours=1)
    page.save(update_fields=["expire_at"])

    assert estado(client, doc) == 404


def test_a_password_pages_document_is_for_who_has_the_password(client, crear, documento):
    doc = documento()
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)))
    restriction = restringir(page, PageViewRestriction.PASSWORD, password="clave-secreta")

    assert estado(client, doc) == 404
    entrar = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client.post(
        entrar, {"password": "clave-secreta", "return_url": page.url}, HTTP_HOST=HOSTS["norte"]
    )
    assert estado(client, doc) == SERVIDO


def test_a_document_under_a_login_restricted_section_needs_a_login(
    client, crear, documento, indice, make_user
):
    doc = documento()
    crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)))
    restringir(indice("norte", "noticias"), PageViewRestriction.LOGIN)

    assert estado(client, doc) == 404
    client.force_login(make_user())
    assert estado(client, doc) == SERVIDO


def test_a_group_pages_document_is_for_the_group(client, crear, documento, make_user, regions):
    doc = documento()
    page = crear("norte", "convocatorias", fabricas.convocatoria(bases=doc))
    grupo = regions["norte"].grupo_coordinacion
    restringir(page, PageViewRestriction.GROUPS, groups=[grupo])

    assert estado(client, doc) == 404
    client.force_login(make_user())  # logged in, not in the group
    assert estado(client, doc) == 404
    client.force_login(make_user(grupo))
    assert estado(client, doc) == SERVIDO


def test_a_copy_in_a_language_the_region_stopped_offering_does_not_keep_it_public(
    client,
    crear,
    documento,
    arbol_en,  # noqa: F811
    traducir_publicando,  # noqa: F811
    regions,  # noqa: F811
):
    doc = documento()
    arbol_en("norte", "en", "noticias")
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)))
    traducir_publicando(page, "en")
    page.unpublish()  # the English copy is the only public one
    assert estado(client, doc) == SERVIDO

    idioma = IdiomaRegion.objects.get(region=regions["norte"], locale__language_code="en")
    idioma.activo = False
    idioma.save()
    assert estado(client, doc) == 404


# -- What stays as it was ----------------------------------------------------------------------


def test_a_document_also_linked_from_a_public_page_is_served(client, crear, documento):
    doc = documento()
    crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)), publicar=False)
    crear("norte", "noticias", fabricas.noticia(slug="publica", cuerpo=enlaces(doc)))

    assert estado(client, doc) == SERVIDO


def test_a_document_nothing_links_to_is_left_to_its_collection(client, documento):
    assert estado(client, documento()) == SERVIDO


def test_a_document_only_in_a_pending_draft_of_a_live_page_is_not_public(
    client, crear, documento, editor_of
):
    """The live page does not link it and nothing else holds it: only the draft does. It is
    not one uploaded to its collection to be public, so only the region's people get it until
    the draft is published."""
    antes, nuevo = documento(), documento("anexo-en-revision.pdf")
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(antes)))
    page.cuerpo = enlaces(antes) + enlaces(nuevo)
    revision = page.save_revision()

    assert estado(client, antes) == SERVIDO
    assert estado(client, nuevo) == 404
    client.force_login(editor_of("sureste", "coordinacion"))
    assert estado(client, nuevo) == 404
    client.force_login(editor_of("norte"))
    assert estado(client, nuevo) == SERVIDO

    client.logout()
    revision.publish()
    assert estado(client, nuevo) == SERVIDO


def test_a_draft_that_drops_a_document_keeps_it_public_while_the_live_page_links_it(
    client, crear, documento
):
    doc = documento()
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)))
    page.cuerpo = [{"type": "parrafo", "value": "<p>Sin anexos.</p>"}]
    page.save_revision()

    assert estado(client, doc) == SERVIDO


def test_a_document_of_a_draft_that_was_discarded_by_publishing_another_is_left_to_its_collection(
    client, crear, documento
):
    """Publishing a version without it leaves no draft holding it: nothing holds it."""
    doc = documento()
    page = crear("norte", "noticias", fabricas.noticia())
    page.cuerpo = enlaces(doc)
    page.save_revision()
    assert estado(client, doc) == 404

    page.cuerpo = [{"type": "parrafo", "value": "<p>Sin anexos.</p>"}]
    page.save_revision().publish()
    assert estado(client, doc) == SERVIDO


# -- What the editors use still works --------------------------------------------------------


def test_the_preview_of_a_draft_links_to_its_document_and_the_editor_gets_it(
    client, crear, documento, editor_of
):
    doc = documento()
    page = crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)), publicar=False)
    client.force_login(editor_of("norte"))

    vista = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert vista.status_code == 200
    assert doc.url in vista.content.decode()
    assert client.get(doc.url).status_code == SERVIDO


def test_the_document_chooser_still_lists_a_drafts_document(client, crear, documento, editor_of):
    doc = documento("solo-en-borrador.pdf")
    crear("norte", "noticias", fabricas.noticia(cuerpo=enlaces(doc)), publicar=False)
    client.force_login(editor_of("norte"))

    listado = client.get(reverse("wagtaildocs_chooser:choose"))
    assert listado.status_code == 200
    assert "solo-en-borrador.pdf" in listado.content.decode()
