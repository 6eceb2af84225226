"""Public page (aggregates only, raw answers only when the round allows), search
documents, and training needs turned into draft events on the right site."""

from datetime import date

import pytest
from django.urls import reverse

from cms.models import Evento, EventoIndex
from plugins.diagnostico.models import DiagnosticoPage, NecesidadAtendida
from plugins.diagnostico.search import EdicionDocument, documents


@pytest.fixture
def publicada(pequeno, crear_edicion, responder):
    edicion = crear_edicion(pequeno, "2024", estado="publicada", inicio=date(2024, 3, 1))
    datos = {
        "istai-sonora": {"personas": 4, "temas": ["Video", "Diseño"], "nota": "SECRETO-SONORA"},
        "ceaip-sinaloa": {"personas": 6, "temas": ["Video"]},
        "cotaipec-campeche": {"personas": 2, "temas": ["Video", "Datos abiertos"]},
    }
    for clave, respuestas in datos.items():
        responder(edicion, clave, area_propia=True, **respuestas)
    return edicion


def test_page_only_under_the_national_home(regions):
    assert DiagnosticoPage.objects.child_of(regions["nacional"].home_page).count() == 1
    for slug in ("norte", "sureste", "centro"):
        assert not DiagnosticoPage.objects.child_of(regions[slug].home_page).exists()
        assert not DiagnosticoPage.can_create_at(regions[slug].home_page)


def test_public_page_shows_aggregates_never_raw_answers(client, publicada):
    listado = client.get("/diagnostico/", HTTP_HOST="localhost")
    assert listado.status_code == 200 and "/diagnostico/2024/" in listado.content.decode()
    body = client.get("/diagnostico/2024/", HTTP_HOST="localhost").content.decode()
    assert "Pregunta personas" in body and "<svg" in body
    assert "4.0" in body  # national average (3 answers)
    assert "SECRETO-SONORA" not in body
    for nombre in ("ISTAI", "CEAIP", "COTAIPEC", "istai-sonora"):
        assert nombre not in body
    # Norte has 2 answers, Sureste 1: below the threshold, withheld.
    assert "5.0" not in body
    assert client.get("/diagnostico/2024/istai-sonora/", HTTP_HOST="localhost").status_code == 404
    assert client.get("/diagnostico/", HTTP_HOST="norte.localhost").status_code == 404


def test_individual_answers_only_when_the_round_allows(client, publicada):
    publicada.publica_respuestas_individuales = True
    publicada.save()
    body = client.get("/diagnostico/2024/", HTTP_HOST="localhost").content.decode()
    assert "/diagnostico/2024/istai-sonora/" in body
    assert "5.0" in body  # regional aggregates are no longer withheld
    ficha = client.get("/diagnostico/2024/istai-sonora/", HTTP_HOST="localhost")
    assert ficha.status_code == 200 and "SECRETO-SONORA" in ficha.content.decode()


def test_unpublished_rounds_are_not_public(client, publicada):
    publicada.transicionar("cerrada")
    assert client.get("/diagnostico/2024/", HTTP_HOST="localhost").status_code == 404
    assert not list(EdicionDocument().documents_for_indexing())


def test_search_document_per_published_round(publicada):
    assert documents() == [EdicionDocument]
    assert EdicionDocument.region_lookup is None
    docs = list(EdicionDocument().documents_for_indexing())
    assert len(docs) == 1
    doc = docs[0]
    assert doc["kind"] == "diagnostico" and doc["url"].endswith("/diagnostico/2024/")
    assert "Video" in doc["body"] and "SECRETO-SONORA" not in str(doc)


def _indice(regions, slug):
    return EventoIndex.objects.child_of(regions[slug].home_page).get()


def test_need_of_several_regions_becomes_a_national_draft_event(
    client, editor_of, publicada, regions
):
    client.force_login(editor_of("nacional", "coordinacion"))
    url = reverse("diagnostico_crear_evento", args=[publicada.pk])
    response = client.post(url, {"tema": "Video"})
    assert response.status_code == 302
    evento = Evento.objects.get(title="Capacitación: Video")
    assert evento.get_parent().pk == _indice(regions, "nacional").pk
    assert evento.tipo == "capacitacion" and not evento.live and evento.has_unpublished_changes
    cuerpo = str(evento.get_latest_revision_as_object().cuerpo)
    for nombre in ("(ISTAI)", "(CEAIP)", "(COTAIPEC)"):
        assert nombre in cuerpo
    assert NecesidadAtendida.objects.filter(edicion=publicada, tema="Video").exists()


def test_need_of_one_region_goes_to_that_region(client, editor_of, publicada, regions):
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("diagnostico_crear_evento", args=[publicada.pk])
    client.post(url, {"tema": "Diseño"})
    evento = Evento.objects.get(title="Capacitación: Diseño")
    assert evento.get_parent().pk == _indice(regions, "norte").pk and not evento.live
    assert "(ISTAI)" in str(evento.cuerpo) and "COTAIPEC" not in str(evento.cuerpo)
    # The national level narrowed to Norte: the Norte site too, Norte institutions only.
    client.force_login(editor_of("nacional", "coordinacion"))
    client.post(url, {"tema": "Video", "region": "norte"})
    evento = Evento.objects.get(title="Capacitación: Video")
    assert evento.get_parent().pk == _indice(regions, "norte").pk
    assert "COTAIPEC" not in str(evento.cuerpo)
    # A topic nobody asked for creates nothing.
    client.post(url, {"tema": "Fotografía"})
    assert not Evento.objects.filter(title="Capacitación: Fotografía").exists()


def test_another_regions_proposed_event_neither_shows_nor_meets_a_regions_need(
    client, editor_of, publicada, regions
):
    """Sureste proposes the event its institution asked for; Norte's results still offer
    Norte's own proposal for the same topic and show nothing of Sureste's draft. An event
    the national coordination proposed meets every region's need, without a link for
    whoever may not open it."""
    client.force_login(editor_of("sureste", "coordinacion"))
    client.post(
        reverse("diagnostico_crear_evento", args=[publicada.pk]),
        {"tema": "Video", "region": "sureste"},
    )
    evento_sureste = Evento.objects.get(title="Capacitación: Video")
    assert evento_sureste.get_parent().pk == _indice(regions, "sureste").pk
    resultados = reverse("diagnostico_resultados", args=[publicada.pk])
    client.force_login(editor_of("norte", "coordinacion"))
    html = client.get(resultados).content.decode()
    editar_sureste = reverse("wagtailadmin_pages:edit", args=[evento_sureste.pk])
    assert editar_sureste not in html
    assert html.count('name="tema" value="Video"') == 1

    client.force_login(editor_of("nacional", "coordinacion"))
    client.post(reverse("diagnostico_crear_evento", args=[publicada.pk]), {"tema": "Video"})
    nacional = Evento.objects.filter(title="Capacitación: Video").exclude(pk=evento_sureste.pk)
    assert nacional.get().get_parent().pk == _indice(regions, "nacional").pk
    client.force_login(editor_of("norte", "coordinacion"))
    html = client.get(resultados).content.decode()
    assert 'name="tema" value="Video"' not in html
    assert "Ya se propuso un evento para este tema." in html
    assert reverse("wagtailadmin_pages:edit", args=[nacional.get().pk]) not in html
