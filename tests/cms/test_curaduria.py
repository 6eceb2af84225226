"""National curation: regions propose, the national coordination accepts, orders and expires."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.curaduria import PropuestaRed, puede_proponer

from . import fabricas
from .conftest import HOSTS


def refused(response):
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def noticia_norte(crear):
    return crear("norte", "noticias", fabricas.noticia(slug="para-la-red", title="Norte a la red"))


def test_regional_coordination_proposes_a_live_page(client, editor_of, noticia_norte):
    coordinator = editor_of("norte", "coordinacion")
    client.force_login(coordinator)
    url = reverse("cms_proponer", args=[noticia_norte.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"motivo": "Un buen ejemplo para todas las regiones."})
    assert response.status_code == 302
    propuesta = PropuestaRed.objects.get(pagina=noticia_norte)
    assert propuesta.estado == PropuestaRed.Estado.PENDIENTE
    assert propuesta.region.slug == "norte" and propuesta.propuesta_por == coordinator
    # Proposing again does not duplicate the pending proposal.
    client.post(url, {"motivo": ""})
    assert PropuestaRed.objects.filter(pagina=noticia_norte).count() == 1


def test_who_cannot_propose(client, editor_of, noticia_norte, crear):
    for slug, role in [
        ("norte", "edicion"),
        ("sureste", "coordinacion"),
        ("nacional", "coordinacion"),
    ]:
        user = editor_of(slug, role)
        assert not puede_proponer(user, noticia_norte)
        client.force_login(user)
        assert refused(client.post(reverse("cms_proponer", args=[noticia_norte.pk]), {}))
    borrador = crear("norte", "noticias", fabricas.noticia(slug="borrador-red"), publicar=False)
    assert not puede_proponer(editor_of("norte", "coordinacion"), borrador)
    assert not PropuestaRed.objects.exists()


def test_national_coordination_accepts_orders_and_expires(client, editor_of, noticia_norte, crear):
    coordinator = editor_of("norte", "coordinacion")
    client.force_login(coordinator)
    client.post(reverse("cms_proponer", args=[noticia_norte.pk]), {"motivo": ""})
    otra = crear("sureste", "historias", fabricas.historia(slug="del-sureste", title="Del Sureste"))
    client.force_login(editor_of("sureste", "coordinacion"))
    client.post(reverse("cms_proponer", args=[otra.pk]), {"motivo": ""})
    rechazable = crear(
        "centro", "noticias", fabricas.noticia(slug="no-aceptada", title="Rechazada")
    )
    client.force_login(editor_of("centro", "coordinacion"))
    client.post(reverse("cms_proponer", args=[rechazable.pk]), {"motivo": ""})

    national = editor_of("nacional", "coordinacion")
    client.force_login(national)
    queue = client.get(reverse("curaduria:index"))
    assert queue.status_code == 200
    assert "Norte a la red" in queue.content.decode()

    def review(page, **data):
        propuesta = PropuestaRed.objects.get(pagina=page)
        response = client.post(reverse("curaduria:edit", args=[propuesta.pk]), data)
        assert response.status_code == 302, response.content.decode()[:1500]
        propuesta.refresh_from_db()
        return propuesta

    hoy = timezone.localdate()
    p1 = review(
        noticia_norte,
        estado="aceptada",
        comentario="¡Gracias!",
        orden="2",
        vigente_hasta=(hoy + timedelta(days=5)).isoformat(),
    )
    assert p1.revisada_por == national and p1.revisada_en is not None
    review(otra, estado="aceptada", comentario="", orden="1", vigente_hasta="")
    review(rechazable, estado="rechazada", comentario="Es muy local.", orden="0", vigente_hasta="")

    vigentes = list(PropuestaRed.objects.vigentes())
    assert [p.pagina.slug for p in vigentes] == ["del-sureste", "para-la-red"]

    home = client.get("/", HTTP_HOST=HOSTS["nacional"]).content.decode()
    assert "Desde las regiones" in home
    assert 'href="http://norte.localhost/noticias/para-la-red/"' in home  # canonical URL
    assert "Rechazada" not in home
    listing = client.get("/desde-las-regiones/", HTTP_HOST=HOSTS["nacional"])
    assert listing.status_code == 200
    html = listing.content.decode()
    assert html.index("Del Sureste") < html.index("Norte a la red")

    # After the expiry date it disappears.
    assert [p.pagina.slug for p in PropuestaRed.objects.vigentes(hoy + timedelta(days=6))] == [
        "del-sureste"
    ]
    # Unpublishing the regional page removes it too.
    noticia_norte.unpublish()
    assert "Norte a la red" not in client.get("/", HTTP_HOST=HOSTS["nacional"]).content.decode()


def test_regions_cannot_curate(client, editor_of, noticia_norte):
    client.force_login(editor_of("norte", "coordinacion"))
    client.post(reverse("cms_proponer", args=[noticia_norte.pk]), {"motivo": ""})
    propuesta = PropuestaRed.objects.get()
    for slug, role in [
        ("norte", "coordinacion"),
        ("sureste", "edicion"),
        ("centro", "coordinacion"),
    ]:
        client.force_login(editor_of(slug, role))
        assert refused(client.get(reverse("curaduria:index")))
        client.post(
            reverse("curaduria:edit", args=[propuesta.pk]),
            {"estado": "aceptada", "comentario": "", "orden": "0", "vigente_hasta": ""},
        )
        propuesta.refresh_from_db()
        assert propuesta.estado == PropuestaRed.Estado.PENDIENTE


def test_desde_las_regiones_only_exists_on_the_national_site(client, db):
    assert client.get("/desde-las-regiones/", HTTP_HOST=HOSTS["norte"]).status_code == 404
    empty = client.get("/desde-las-regiones/", HTTP_HOST=HOSTS["nacional"])
    assert "Por ahora no hay contenido destacado de las regiones" in empty.content.decode()


def test_propose_button_and_menus_show_only_to_who_can_use_them(client, editor_of, noticia_norte):
    edit_url = reverse("wagtailadmin_pages:edit", args=[noticia_norte.pk])
    client.force_login(editor_of("norte", "coordinacion"))
    html = client.get(edit_url).content.decode()
    assert reverse("cms_proponer", args=[noticia_norte.pk]) in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cms_campanas_red") in dashboard
    assert reverse("curaduria:index") not in dashboard

    client.force_login(editor_of("norte", "edicion"))
    assert (
        reverse("cms_proponer", args=[noticia_norte.pk])
        not in client.get(edit_url).content.decode()
    )
    # Editors may propose a campaign adaptation (it goes through their region's workflow).
    assert reverse("cms_campanas_red") in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(editor_of("nacional", "coordinacion"))
    assert reverse("curaduria:index") in client.get(reverse("wagtailadmin_home")).content.decode()
