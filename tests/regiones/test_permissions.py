"""The permission matrix: an editor or coordinator of one region cannot touch another's."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import PaginaBasica
from tests.conftest import REGION_SLUGS

PAIRS = [(a, b) for a, b in itertools.permutations(REGION_SLUGS, 2)]
ROLES = ["edicion", "coordinacion"]


def roles_of(slug):
    return ["coordinacion"] if slug == "nacional" else ROLES


CASES = [(a, b, role) for a, b in PAIRS for role in roles_of(a)]


def refused(response, forbidden_url=None):
    """Wagtail answers a refusal with 403, or a redirect away from the page with a message;
    an admin URL naming another region's object answers 404 (cms/aislamiento.py)."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        return forbidden_url is None or response["Location"] != forbidden_url
    return False


@pytest.fixture
def target_page(regions):
    def make(slug):
        page = regions[slug].site.root_page.get_children().live().first().specific
        assert isinstance(page, PaginaBasica)
        return page

    return make


@pytest.fixture
def media_in(regions):
    def make(slug):
        collection = regions[slug].coleccion
        image = get_image_model().objects.create(
            title=f"Imagen {slug}", file=get_test_image_file(), collection=collection
        )
        document = get_document_model().objects.create(
            title=f"Documento {slug}",
            file=SimpleUploadedFile("informe.pdf", b"%PDF-1.4 prueba"),
            collection=collection,
        )
        return image, document

    return make


@pytest.mark.parametrize(("own", "other", "role"), CASES)
def test_pages_of_another_region_are_out_of_reach(client, editor_of, target_page, own, other, role):
    user = editor_of(own, role)
    client.force_login(user)
    page = target_page(other)
    home = page.get_parent()

    explore = client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    assert refused(explore), f"explorer {explore.status_code}"
    # The explorer's root for this user is their own region's home, never the other's.
    from wagtail.permission_policies.pages import PagePermissionPolicy

    root = PagePermissionPolicy().explorable_root_instance(user)
    assert root is not None and root.pk != home.pk and not home.is_descendant_of(root)

    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    title_before = page.title
    publish = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "Cambiado", "slug": page.slug, "action-publish": "action-publish"},
    )
    assert refused(publish)
    page.refresh_from_db()
    assert page.title == title_before
    assert refused(client.get(reverse("wagtailadmin_pages:move", args=[page.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    assert PaginaBasica.objects.filter(pk=page.pk).exists()
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "paginabasica", home.pk])
    assert refused(client.get(add_url))

    perms = page.permissions_for_user(user)
    assert not any(
        [
            perms.can_edit(),
            perms.can_publish(),
            perms.can_delete(),
            perms.can_move(),
            perms.can_add_subpage(),
            perms.can_unpublish(),
        ]
    )


@pytest.mark.parametrize(("own", "other", "role"), CASES)
def test_media_of_another_region_are_out_of_reach(
    client, editor_of, media_in, regions, own, other, role
):
    user = editor_of(own, role)
    client.force_login(user)
    image, document = media_in(other)

    assert refused(client.get(reverse("wagtailimages:edit", args=[image.pk])))
    assert refused(client.get(reverse("wagtaildocs:edit", args=[document.pk])))
    assert refused(client.post(reverse("wagtailimages:delete", args=[image.pk])))
    assert get_image_model().objects.filter(pk=image.pk).exists()

    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert chooser.status_code == 200
    assert f"Imagen {other}" not in chooser.content.decode()
    doc_chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert doc_chooser.status_code == 200
    assert f"Documento {other}" not in doc_chooser.content.decode()

    upload = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Intrusa",
            "file": get_test_image_file(filename="intrusa.png"),
            "collection": regions[other].coleccion.pk,
        },
    )
    assert (
        not get_image_model()
        .objects.filter(title="Intrusa", collection=regions[other].coleccion)
        .exists()
    )
    assert upload.status_code in (200, 302, 403)


@pytest.mark.parametrize("slug", ["centro", "norte"])
def test_editor_works_in_own_region_but_cannot_publish(
    client, editor_of, target_page, media_in, slug
):
    user = editor_of(slug, "edicion")
    client.force_login(user)
    page = target_page(slug)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    perms = page.permissions_for_user(user)
    assert perms.can_edit() and not perms.can_publish()
    image, _ = media_in(slug)
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert f"Imagen {slug}" in chooser.content.decode()


@pytest.mark.parametrize("slug", ["sureste", "centro-occidente"])
def test_coordinator_publishes_in_own_region(client, editor_of, target_page, slug):
    user = editor_of(slug, "coordinacion")
    client.force_login(user)
    page = target_page(slug)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": "Actualizada por la coordinación",
            "slug": page.slug,
            "introduccion": "",
            "cuerpo-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Actualizada por la coordinación"
    assert page.live


def test_national_coordination_publishes_on_the_national_site(client, editor_of, target_page):
    user = editor_of("nacional", "coordinacion")
    client.force_login(user)
    page = target_page("nacional")
    assert page.permissions_for_user(user).can_publish()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": "La red nacional",
            "slug": page.slug,
            "introduccion": "",
            "cuerpo-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "La red nacional" and page.live


def test_superuser_can_do_everything(client, make_user, target_page, media_in):
    user = make_user(superuser=True)
    client.force_login(user)
    for slug in REGION_SLUGS:
        page = target_page(slug)
        perms = page.permissions_for_user(user)
        assert perms.can_edit() and perms.can_publish() and perms.can_delete() and perms.can_move()
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
        image, document = media_in(slug)
        assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
        assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client, target_page):
    page = target_page("norte")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_national_coordination_reads_every_region_but_regions_cannot(
    client, editor_of, target_page, regions
):
    national = editor_of("nacional", "coordinacion")
    client.force_login(national)
    response = client.get(reverse("regiones_contenido_red"))
    assert response.status_code == 200
    content = response.content.decode()
    for slug in REGION_SLUGS:
        assert target_page(slug).title in content
    # Reading is not editing: the national coordination cannot edit a region's page.
    assert not target_page("norte").permissions_for_user(national).can_edit()

    filtered = client.get(reverse("regiones_contenido_red"), {"region": regions["norte"].pk})
    rows = filtered.content.decode()
    assert target_page("norte").full_url in rows
    assert target_page("sureste").full_url not in rows
    client.force_login(editor_of("norte", "coordinacion"))
    assert refused(client.get(reverse("regiones_contenido_red")))
    spreadsheet = client.get(reverse("regiones_contenido_red"), {"export": "csv"})
    assert refused(spreadsheet)


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_institutions_are_scoped_to_the_region(client, editor_of, regions, role):
    from regiones.models import OrganismoGarante

    client.force_login(editor_of("norte", role))
    index = client.get(reverse("instituciones:index"))
    assert index.status_code == 200
    body = index.content.decode()
    assert "ISTAI" in body and "INAIP Yucatán" not in body
    sonora = OrganismoGarante.objects.get(clave="istai-sonora")
    yucatan = OrganismoGarante.objects.get(clave="inaip-yucatan")
    assert client.get(reverse("instituciones:edit", args=[sonora.pk])).status_code == 200
    assert refused(client.get(reverse("instituciones:edit", args=[yucatan.pk])))
    form = client.get(reverse("instituciones:add")).context["form"]
    assert list(form.fields["region"].queryset) == [regions["norte"]]


def test_national_coordination_edits_institutions_of_every_region(client, editor_of):
    from regiones.models import OrganismoGarante

    client.force_login(editor_of("nacional", "coordinacion"))
    yucatan = OrganismoGarante.objects.get(clave="inaip-yucatan")
    assert client.get(reverse("instituciones:edit", args=[yucatan.pk])).status_code == 200


def test_an_institution_named_by_another_regions_agreement_is_not_deleted(
    client, editor_of, regions
):
    """Norte's coordination may delete a Norte institution, but not one that a Sureste
    agreement names among its signatories: the agreement would lose it silently. It is
    told to mark it extinct instead; an institution nothing names is deleted."""
    from datetime import date

    from plugins.alianzas.models import Convenio
    from regiones.models import OrganismoGarante

    sonora = OrganismoGarante.objects.get(clave="istai-sonora")
    convenio = Convenio.objects.create(
        titulo="Convenio de ejemplo en Sureste",
        objeto="Ejemplo.",
        tipo="colaboracion",
        region=regions["sureste"],
        estado="vigente",
        fecha_firma=date(2026, 1, 10),
        vigencia_inicio=date(2026, 1, 10),
        vigencia_fin=date(2027, 1, 10),
    )
    convenio.organismos.add(sonora)
    convenio.save()
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("instituciones:delete", args=[sonora.pk])
    confirmar = client.get(url)
    assert confirmar.status_code == 200
    assert "no se puede eliminar" in confirmar.content.decode()
    response = client.post(url, follow=True)
    assert OrganismoGarante.objects.filter(pk=sonora.pk).exists()
    assert list(convenio.organismos.all()) == [sonora]
    assert any("extinta" in str(m) for m in response.context["messages"])

    sola = OrganismoGarante.objects.create(
        clave="ejemplo-norte",
        nombre="Institución de ejemplo sin menciones",
        siglas="EJN",
        region=regions["norte"],
        entidad=sonora.entidad,
    )
    client.post(reverse("instituciones:delete", args=[sola.pk]))
    assert not OrganismoGarante.objects.filter(pk=sola.pk).exists()
