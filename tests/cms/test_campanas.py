"""A coordination adapts another region's campaign into its own tree; nobody gains more."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cms.campanas import adaptar_campana
from cms.models import Campana
from regiones.models import OrganismoGarante

from . import fabricas


def refused(response):
    """The admin answers a refusal with 403, or a redirect to the dashboard with a message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/edit/" not in response["Location"]


@pytest.fixture
def campana_sureste(crear, regions):
    organismo = OrganismoGarante.objects.filter(region=regions["sureste"]).first()
    return crear(
        "sureste",
        "campanas",
        fabricas.campana(slug="campana-sureste", title="Campaña del Sureste"),
        organismos=[organismo],
    )


def test_norte_coordination_adapts_a_sureste_campaign_into_its_own_campaigns(
    client, editor_of, campana_sureste, indice
):
    coordinator = editor_of("norte", "coordinacion")
    client.force_login(coordinator)
    listing = client.get(reverse("cms_campanas_red"))
    assert listing.status_code == 200
    assert "Campaña del Sureste" in listing.content.decode()

    before = Campana.objects.count()
    response = client.post(reverse("cms_campanas_red"), {"campana": campana_sureste.pk})
    assert response.status_code == 302
    assert Campana.objects.count() == before + 1
    copia = Campana.objects.exclude(pk=campana_sureste.pk).get(adaptada_de=campana_sureste)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copia.pk])

    # The copy is a draft under Norte's /campanas/, owned by the coordinator.
    assert copia.get_parent().pk == indice("norte", "campanas").pk
    assert not copia.live
    assert copia.owner_id == coordinator.pk
    assert copia.title == campana_sureste.title
    assert copia.translation_key != campana_sureste.translation_key
    assert list(copia.organismos.all()) == []  # Sureste's institutions are not Norte's
    # The coordinator can edit and publish the adaptation in their own tree.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[copia.pk])).status_code == 200
    assert copia.permissions_for_user(coordinator).can_publish()

    # The original is untouched.
    original = Campana.objects.get(pk=campana_sureste.pk)
    assert original.live and original.title == "Campaña del Sureste"
    assert original.get_parent().pk == indice("sureste", "campanas").pk
    assert original.organismos.count() == 1


def test_the_copy_cannot_go_into_the_source_regions_tree(
    client, editor_of, campana_sureste, regions
):
    coordinator = editor_of("norte", "coordinacion")
    client.force_login(coordinator)
    before = Campana.objects.count()
    response = client.post(
        reverse("cms_campanas_red"),
        {"campana": campana_sureste.pk, "region": regions["sureste"].pk},
    )
    assert refused(response)
    with pytest.raises(PermissionDenied):
        adaptar_campana(campana_sureste, regions["sureste"], coordinator)
    assert Campana.objects.count() == before
    # Wagtail's own copy view stays closed: Norte cannot even see Sureste's page.
    copy_url = reverse("wagtailadmin_pages:copy", args=[campana_sureste.pk])
    assert refused(client.get(copy_url))
    assert refused(client.post(copy_url, {"new_title": "x", "new_slug": "x"}))
    assert Campana.objects.count() == before


def test_the_source_region_gains_nothing(client, editor_of, campana_sureste, regions):
    sureste_editor = editor_of("sureste", "edicion")
    with pytest.raises(PermissionDenied):
        adaptar_campana(campana_sureste, regions["norte"], sureste_editor)

    copia, _ = adaptar_campana(
        campana_sureste, regions["norte"], editor_of("norte", "coordinacion")
    )
    for role in ("edicion", "coordinacion"):
        source_user = editor_of("sureste", role)
        perms = copia.permissions_for_user(source_user)
        assert not (perms.can_edit() or perms.can_publish() or perms.can_delete())
        client.force_login(source_user)
        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[copia.pk])))


def test_only_live_campaigns_of_other_regions_can_be_adapted(
    crear, editor_of, regions, campana_sureste
):
    coordinator = editor_of("norte", "coordinacion")
    borrador = crear(
        "sureste", "campanas", fabricas.campana(slug="campana-borrador"), publicar=False
    )
    with pytest.raises(PermissionDenied):
        adaptar_campana(borrador, regions["norte"], coordinator)
    propia = crear("norte", "campanas", fabricas.campana(slug="campana-propia"))
    with pytest.raises(PermissionDenied):
        adaptar_campana(propia, regions["norte"], coordinator)
    noticia = crear("sureste", "noticias", fabricas.noticia(slug="no-es-campana"))
    with pytest.raises(PermissionDenied):
        adaptar_campana(noticia, regions["norte"], coordinator)


def test_national_coordination_may_adapt_into_the_national_site(
    client, editor_of, campana_sureste, indice
):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.post(reverse("cms_campanas_red"), {"campana": campana_sureste.pk})
    assert response.status_code == 302
    copia = Campana.objects.get(adaptada_de=campana_sureste)
    assert copia.get_parent().pk == indice("nacional", "campanas").pk
