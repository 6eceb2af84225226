"""Issue 16's side doors, one by one: a Norte person against Centro's and national content.

The crawler (test_crawler_admin.py) walks every admin URL; these name each door found and what
the person must still be able to do in their own region.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import WorkflowPage

from cms.models import PaginaBasica
from tests.testdummy.models import Ficha

ROLES = ["edicion", "coordinacion"]


def _pagina(parent, title, publicar=False):
    page = PaginaBasica(title=title, slug=title.lower().replace(" ", "-"), live=publicar)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publicar:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def paginas(regions):
    """A draft under Centro's home, one under the national home and one under Norte's."""
    return {
        slug: _pagina(regions[slug].site.root_page, f"Borrador oculto {slug}")
        for slug in ("centro", "nacional", "norte")
    }


@pytest.fixture
def fichas(regions):
    return {
        slug: Ficha.objects.create(titulo=f"Ficha reservada {slug}", region=regions[slug])
        for slug in ("centro", "norte")
    }


@pytest.fixture
def medios(regions):
    made = {}
    for slug in ("centro", "norte"):
        collection = regions[slug].coleccion
        made[slug] = (
            get_image_model().objects.create(
                title=f"Imagen reservada {slug}",
                file=get_test_image_file(),
                collection=collection,
            ),
            get_document_model().objects.create(
                title=f"Documento reservado {slug}",
                file=SimpleUploadedFile("reservado.pdf", b"%PDF-1.4 reservado"),
                collection=collection,
            ),
        )
    return made


def _body(response):
    return response.content.decode()


@pytest.fixture
def norte(client, editor_of):
    def login(role):
        client.force_login(editor_of("norte", role))
        return client

    return login


# -- 4. wagtail-localize's snippet API ------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_localize_snippet_api_lists_nothing_and_shows_only_own_records(norte, fichas, role):
    client = norte(role)
    listing = client.get("/admin/localize/api/snippets/testdummy/ficha/")
    assert listing.status_code == 403
    other = client.get(f"/admin/localize/api/snippets/testdummy/ficha/{fichas['centro'].pk}/")
    assert other.status_code == 403 and "reservada centro" not in _body(other)
    own = client.get(f"/admin/localize/api/snippets/testdummy/ficha/{fichas['norte'].pk}/")
    assert own.status_code == 200 and "Ficha reservada norte" in _body(own)


# -- 5. Snippet chooser: chosen, chosen-multiple, create ------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_snippet_chooser_chosen_views_refuse_other_regions_records(norte, fichas, role):
    client = norte(role)
    chosen = "wagtailsnippetchoosers_testdummy_ficha:chosen"
    other = client.get(reverse(chosen, args=[fichas["centro"].pk]))
    assert other.status_code == 403 and "reservada centro" not in _body(other)
    own = client.get(reverse(chosen, args=[fichas["norte"].pk]))
    assert own.status_code == 200 and "Ficha reservada norte" in _body(own)

    multiple = reverse("wagtailsnippetchoosers_testdummy_ficha:chosen_multiple")
    mixed = client.get(multiple, {"id": [fichas["norte"].pk, fichas["centro"].pk]})
    assert mixed.status_code == 200 and "reservada centro" not in _body(mixed)
    assert "Ficha reservada norte" in _body(mixed)
    assert "Ficha reservada norte" in _body(client.get(multiple, {"id": fichas["norte"].pk}))


@pytest.mark.parametrize("role", ROLES)
def test_snippet_chooser_create_without_a_form_is_not_found_not_a_server_error(norte, role):
    client = norte(role)
    response = client.post(reverse("wagtailsnippetchoosers_testdummy_ficha:create"), {})
    assert response.status_code == 404
    organizacion = client.post(reverse("wagtailsnippetchoosers_alianzas_organizacion:create"))
    assert organizacion.status_code in (403, 404)


# -- 6. Workflow views ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("other", ["centro", "nacional"])
def test_workflow_views_reveal_no_title_of_another_regions_page(
    norte, regions, paginas, role, other
):
    client = norte(role)
    page = paginas[other]
    workflow = WorkflowPage.objects.get(page=regions[other].site.root_page).workflow
    task = workflow.tasks.first()
    urls = [
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", 1]),
        reverse("wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "approve", 1]),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]),
    ]
    for url in urls:
        for method in (client.get, client.post):
            response = method(url, follow=True)
            assert response.status_code == 403, url
            assert f"oculto {other}" not in _body(response).lower(), url
    # The same view on the person's own draft answers (a message about its own page).
    own = client.get(
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[paginas["norte"].pk])
    )
    assert own.status_code != 403


# -- 7 and 16. Page chooser: browsing and search --------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_chooser_is_confined_to_the_region(norte, regions, paginas, role):
    client = norte(role)
    for other in ("centro", "nacional"):
        home = regions[other].site.root_page
        browse = client.get(reverse("wagtailadmin_choose_page_child", args=[home.pk]))
        assert browse.status_code == 403 and f"oculto {other}" not in _body(browse).lower()
    root = client.get(reverse("wagtailadmin_choose_page")).json()["html"]
    assert regions["norte"].site.root_page.title in root
    assert regions["centro"].site.root_page.title not in root
    own = client.get(
        reverse("wagtailadmin_choose_page_child", args=[regions["norte"].site.root_page.pk])
    )
    assert own.status_code == 200 and "Borrador oculto norte" in _body(own)

    search = _body(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Borrador oculto"}))
    assert "Borrador oculto norte" in search
    assert "oculto centro" not in search and "oculto nacional" not in search


# -- 8. Admin API ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_admin_api_lists_only_the_regions_media_and_pages(norte, medios, paginas, role):
    client = norte(role)
    for endpoint, own, other in [
        ("images", "Imagen reservada norte", "Imagen reservada centro"),
        ("documents", "Documento reservado norte", "Documento reservado centro"),
        ("pages", "Borrador oculto norte", "Borrador oculto centro"),
    ]:
        response = client.get(f"/admin/api/main/{endpoint}/", {"search": own.rsplit(" ", 1)[0]})
        assert response.status_code == 200
        titles = json.dumps(response.json(), ensure_ascii=False)
        assert own in titles, endpoint
        assert other not in titles and "oculto nacional" not in titles, endpoint
    image = medios["centro"][0]
    assert client.get(f"/admin/api/main/images/{image.pk}/").status_code in (403, 404)


# -- 10. Bulk actions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_bulk_confirmations_name_only_what_the_person_may_see(norte, fichas, paginas, medios, role):
    client = norte(role)
    cases = [
        ("testdummy", "ficha", "delete", fichas),
        ("wagtailcore", "page", "publish", paginas),
        ("wagtailimages", "image", "delete", {k: v[0] for k, v in medios.items()}),
        ("wagtaildocs", "document", "delete", {k: v[1] for k, v in medios.items()}),
    ]
    for app, model, action, objects in cases:
        url = reverse("wagtail_bulk_action", args=[app, model, action])
        # Ids out of reach are dropped: the person's own item is listed, the other is not.
        mixed = client.get(url, {"id": [objects["norte"].pk, objects["centro"].pk]})
        assert mixed.status_code == 200, (model, mixed.status_code)
        assert "norte" in _body(mixed).lower() and "centro" not in _body(mixed).lower(), model
        only_other = client.get(url, {"id": objects["centro"].pk})
        assert "centro" not in _body(only_other).lower(), model
    everything = _body(
        client.get(
            reverse("wagtail_bulk_action", args=["testdummy", "ficha", "delete"]), {"id": "all"}
        )
    )
    assert "Ficha reservada norte" in everything or "Elementos de otras regiones" in everything
    assert "reservada centro" not in everything
    pages = _body(
        client.get(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]), {"id": "all"}
        )
    )
    assert "oculto centro" not in pages.lower() and "oculto nacional" not in pages.lower()


# -- 11. Reports of the whole network --------------------------------------------------------------


REPORTS = [
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:page_types_usage",
    "wagtail_localize:translations_report",
]


@pytest.mark.parametrize("role", ROLES)
def test_network_reports_are_for_the_national_coordination(client, norte, editor_of, paginas, role):
    regional = norte(role)
    for name in REPORTS:
        assert regional.get(reverse(name)).status_code == 403, name
    menu = _body(regional.get(reverse("wagtailadmin_home")))
    assert reverse("wagtailadmin_reports:site_history") not in menu
    client.force_login(editor_of("nacional", "coordinacion"))
    for name in REPORTS:
        assert client.get(reverse(name)).status_code == 200, name


# -- Choices of region-scoped records in region-scoped forms ---------------------------------


def test_institution_form_offers_only_the_regions_institutions(norte, regions):
    from regiones.models import OrganismoGarante

    client = norte("coordinacion")
    body = _body(client.get(reverse("instituciones:add")))
    centro = OrganismoGarante.objects.filter(region=regions["centro"]).first()
    propia = OrganismoGarante.objects.filter(region=regions["norte"]).first()
    assert f'value="{propia.pk}"' in body
    assert f'value="{centro.pk}"' not in body


# -- Found by the crawler: "choose a parent" for a page type answered 500 -------------------------


@pytest.mark.parametrize("role", ROLES)
def test_choose_parent_for_a_page_type_offers_the_regions_pages(norte, regions, role):
    client = norte(role)
    response = client.get(reverse("wagtailadmin_pages:choose_parent", args=["cms", "paginabasica"]))
    assert response.status_code == 200
    assert "Centro" not in _body(response) and "Nacional" not in _body(response)
