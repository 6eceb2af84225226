"""Adapting network campaigns: editors propose an adaptation that goes through their region's
workflow; the network list shows each original once with its adaptations under it; adapting
again offers the region's existing copy instead of a duplicate."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.campanas import adaptar_campana
from cms.models import Campana

from . import fabricas


@pytest.fixture
def original(crear):
    return crear(
        "sureste", "campanas", fabricas.campana(slug="red-original", title="Campaña del Sureste")
    )


def publicar(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_an_editor_proposes_an_adaptation_through_the_regions_workflow(
    client, editor_of, original, indice
):
    editor = editor_of("norte", "edicion")
    client.force_login(editor)
    assert reverse("cms_campanas_red") in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Campaña del Sureste" in client.get(reverse("cms_campanas_red")).content.decode()

    response = client.post(reverse("cms_campanas_red"), {"campana": original.pk})
    copia = Campana.objects.get(adaptada_de=original)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copia.pk])
    assert copia.get_parent().pk == indice("norte", "campanas").pk
    assert not copia.live and copia.owner_id == editor.pk
    permisos = copia.permissions_for_user(editor)
    assert permisos.can_edit() and not permisos.can_publish()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[copia.pk])).status_code == 200

    # The draft goes through Norte's workflow and Norte's coordination publishes it.
    flujo = copia.get_workflow()
    assert flujo.name == "Moderación · Norte"
    estado = flujo.start(copia, editor)
    assert estado.status == WorkflowState.STATUS_IN_PROGRESS
    coordinacion = editor_of("norte", "coordinacion")
    estado.current_task_state.task.specific.on_action(
        estado.current_task_state, coordinacion, "approve"
    )
    copia.refresh_from_db()
    assert copia.live


def test_the_network_list_shows_each_original_once_with_its_adaptations(
    client, editor_of, regions, original
):
    centro, _ = adaptar_campana(original, regions["centro"], editor_of("centro", "coordinacion"))
    norte, _ = adaptar_campana(original, regions["norte"], editor_of("norte", "edicion"))
    publicar(centro)
    publicar(norte)

    client.force_login(editor_of("centro-occidente", "edicion"))
    html = client.get(reverse("cms_campanas_red")).content.decode()
    assert html.count(f'data-original="{original.pk}"') == 1
    assert f'data-original="{centro.pk}"' not in html
    assert f'data-original="{norte.pk}"' not in html
    fila = html[html.index(f'data-original="{original.pk}"') :]
    fila = fila[: fila.index("</tr>")]
    assert "Original" in fila
    assert f'data-adaptacion="{centro.pk}">Adaptada en Centro:' in fila
    assert f'data-adaptacion="{norte.pk}">Adaptada en Norte:' in fila
    assert "<td>Sureste</td>" in fila

    # Adapting from an adaptation adapts the original.
    copia, creada = adaptar_campana(
        Campana.objects.get(pk=centro.pk),
        regions["centro-occidente"],
        editor_of("centro-occidente", "edicion"),
    )
    assert creada and copia.adaptada_de_id == original.pk


def test_adapting_again_offers_the_existing_copy(client, editor_of, regions, original):
    coordinacion = editor_of("norte", "coordinacion")
    client.force_login(coordinacion)
    client.post(reverse("cms_campanas_red"), {"campana": original.pk})
    copia = Campana.objects.get(adaptada_de=original)
    antes = Campana.objects.count()

    html = client.get(reverse("cms_campanas_red")).content.decode()
    fila = html[html.index(f'data-original="{original.pk}"') :]
    fila = fila[: fila.index("</tr>")]
    assert f'data-propia="{copia.pk}">Norte ya la adaptó:' in fila
    assert reverse("wagtailadmin_pages:edit", args=[copia.pk]) in fila
    assert "Adaptar en mi región" not in fila

    response = client.post(reverse("cms_campanas_red"), {"campana": original.pk})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copia.pk])
    mensajes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Norte ya tiene una adaptación de esta campaña" in m for m in mensajes)
    # Another person of the region gets the same copy; no "-1" duplicate anywhere.
    otra, creada = adaptar_campana(original, regions["norte"], editor_of("norte", "edicion"))
    assert (otra.pk, creada) == (copia.pk, False)
    assert Campana.objects.count() == antes
    assert not Campana.objects.filter(slug__endswith="-1").exists()
    # Published, it is still the one offered.
    publicar(copia)
    assert adaptar_campana(original, regions["norte"], coordinacion) == (
        Campana.objects.get(pk=copia.pk),
        False,
    )


def restringir(page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="clave"
    )


def test_a_restricted_campaign_is_neither_listed_nor_adapted(client, editor_of, original):
    restringir(original)
    client.force_login(editor_of("norte", "edicion"))
    assert "Campaña del Sureste" not in client.get(reverse("cms_campanas_red")).content.decode()

    response = client.post(reverse("cms_campanas_red"), {"campana": original.pk})
    assert response.status_code == 404
    assert not Campana.objects.filter(adaptada_de=original).exists()


def test_another_regions_draft_campaign_is_not_named_in_the_airing_report(
    client, editor_of, crear, original
):
    borrador = crear(
        "sureste",
        "campanas",
        fabricas.campana(slug="borrador-secreto", title="Campaña secreta en borrador"),
        publicar=False,
    )
    url = reverse("medios_campana", args=[borrador.pk])
    client.force_login(editor_of("norte", "edicion"))
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Campaña secreta en borrador" not in response.content.decode()
    # A public campaign's airing stays everyone's report.
    publica = client.get(reverse("medios_campana", args=[original.pk]))
    assert publica.status_code == 200
    assert "Campaña del Sureste" in publica.content.decode()

    client.force_login(editor_of("sureste", "edicion"))
    propia = client.get(url)
    assert propia.status_code == 200
    assert "Campaña secreta en borrador" in propia.content.decode()


def test_an_adaptation_names_its_original_only_while_the_original_is_public(
    client, editor_of, regions, original
):
    """The published copy of another region's campaign says where it comes from; once the
    original stops being public (taken offline, put behind a password) the copy does not
    name it."""
    from .conftest import HOSTS

    copia, _ = adaptar_campana(original, regions["norte"], editor_of("norte", "coordinacion"))
    copia.title = "Campaña adaptada en el Norte"
    publicar(copia)

    def pagina_publica():
        html = client.get(copia.url, HTTP_HOST=HOSTS["norte"]).content.decode()
        assert "Campaña adaptada en el Norte" in html
        return html

    assert "Campaña adaptada de «Campaña del Sureste»" in pagina_publica()

    original.unpublish()
    assert "Campaña adaptada de" not in pagina_publica()

    original.refresh_from_db()
    original.title = "Retiro por auditoría interna rqzvtke"
    original.save_revision().publish()
    assert "Campaña adaptada de «Retiro por auditoría interna rqzvtke»" in pagina_publica()
    restringir(original)
    assert "rqzvtke" not in pagina_publica()
