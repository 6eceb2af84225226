"""Page types of issue 3: creation, validation, publication and rendering on every site."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import (
    INDICES,
    Campana,
    Convocatoria,
    Evento,
    HomePage,
    Noticia,
    PaginaBasica,
)
from orchestration.bootstrap import bootstrap
from regiones.models import OrganismoGarante
from tests.conftest import REGION_SLUGS

from . import fabricas
from .conftest import HOSTS, momento


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_every_home_has_the_six_indexes_and_bootstrap_stays_idempotent(regions, slug):
    home = regions[slug].site.root_page
    hijos = {p.slug: p.specific for p in home.get_children()}
    for index_slug, model in INDICES.items():
        assert isinstance(hijos[index_slug], model)
        assert hijos[index_slug].live
    before = home.get_children().count()
    bootstrap(port=80)
    assert home.get_children().count() == before
    # The region's first page is still its "Quiénes somos" (basic pages go before the listings).
    assert isinstance(home.get_children().live().first().specific, PaginaBasica)


def test_index_and_content_types_only_go_where_they_belong(indice):
    assert Noticia.can_create_at(indice("norte", "noticias"))
    assert not Noticia.can_create_at(indice("norte", "eventos"))
    assert not Evento.can_create_at(indice("norte", "noticias"))
    home = indice("norte", "noticias").get_parent().specific
    assert isinstance(home, HomePage)
    assert not Noticia.can_create_at(home)
    # One index of each kind per home.
    assert not INDICES["noticias"].can_create_at(home)
    assert not PaginaBasica.can_create_at(indice("norte", "noticias"))


@pytest.mark.parametrize("region_slug", REGION_SLUGS)
@pytest.mark.parametrize("index_slug", list(fabricas.POR_INDICE))
def test_each_page_type_is_created_published_and_rendered_on_its_site(
    client, crear, region_slug, index_slug
):
    page = fabricas.POR_INDICE[index_slug](slug=f"prueba-{index_slug}")
    page.title = f"Prueba {index_slug} en {region_slug}"
    page = crear(region_slug, index_slug, page)
    assert page.live and page.url_path.endswith(f"/{index_slug}/prueba-{index_slug}/")

    response = client.get(f"/{index_slug}/prueba-{index_slug}/", HTTP_HOST=HOSTS[region_slug])
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert '<html lang="es-MX">' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    assert "wa.me/?text=" in html and "linkedin.com/sharing" in html

    listing = client.get(f"/{index_slug}/", HTTP_HOST=HOSTS[region_slug])
    assert listing.status_code == 200
    assert page.title in listing.content.decode()

    other = "sureste" if region_slug != "sureste" else "norte"
    elsewhere = client.get(f"/{index_slug}/prueba-{index_slug}/", HTTP_HOST=HOSTS[other])
    assert elsewhere.status_code == 404


def test_unpublished_page_is_not_served(client, crear):
    crear("norte", "noticias", fabricas.noticia(slug="borrador"), publicar=False)
    assert client.get("/noticias/borrador/", HTTP_HOST=HOSTS["norte"]).status_code == 404


# -- Validation --------------------------------------------------------------------------------


def test_lead_image_needs_alt_text(db, regions):
    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), collection=regions["norte"].coleccion
    )
    page = fabricas.noticia(imagen_principal=image, texto_alternativo="  ")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "texto alternativo" in str(error.value.message_dict["texto_alternativo"])
    page.texto_alternativo = "Personas en un taller de transparencia"
    page.clean()


def test_image_alt_text_is_asked_once_and_a_page_may_override_it(client, crear, regions):
    image = get_image_model().objects.create(
        title="Foto",
        file=get_test_image_file(),
        collection=regions["norte"].coleccion,
        description="Personas en un taller de transparencia",
    )
    page = fabricas.noticia(imagen_principal=image, texto_alternativo="")
    page.clean()  # the image's own alt text is enough
    assert page.alt_imagen == "Personas en un taller de transparencia"
    crear("norte", "noticias", page)
    html = client.get(f"/noticias/{page.slug}/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'alt="Personas en un taller de transparencia"' in html
    assert 'name="twitter:image:alt" content="Personas en un taller de transparencia"' in html
    page.texto_alternativo = "La coordinadora explica el recurso de revisión"
    assert page.alt_imagen == "La coordinadora explica el recurso de revisión"


def test_image_alt_text_is_rendered_and_shared(client, crear, regions):
    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), collection=regions["norte"].coleccion
    )
    crear(
        "norte",
        "noticias",
        fabricas.noticia(
            slug="con-imagen",
            imagen_principal=image,
            texto_alternativo="Mujer consulta la plataforma en su teléfono",
        ),
    )
    html = client.get("/noticias/con-imagen/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'alt="Mujer consulta la plataforma en su teléfono"' in html
    assert 'property="og:image" content="http://norte.localhost/' in html
    assert 'name="twitter:card" content="summary_large_image"' in html


def test_event_dates_in_order(db):
    page = fabricas.evento(inicio=momento(dias=2), fin=momento(dias=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "fin" in error.value.message_dict


@pytest.mark.parametrize(
    ("modalidad", "sede", "enlace", "errores"),
    [
        ("presencial", "", "", {"sede"}),
        ("presencial", "Sala 1", "", set()),
        ("virtual", "", "", {"enlace"}),
        ("virtual", "", "https://example.org/sala", set()),
        ("hibrida", "Sala 1", "", {"enlace"}),
        ("hibrida", "", "https://example.org/sala", {"sede"}),
        ("hibrida", "", "", {"sede", "enlace"}),
        ("hibrida", "Sala 1", "https://example.org/sala", set()),
    ],
)
def test_event_place_depends_on_the_mode(db, modalidad, sede, enlace, errores):
    page = fabricas.evento(modalidad=modalidad, sede=sede, enlace=enlace)
    try:
        page.clean()
        encontrados = set()
    except ValidationError as error:
        encontrados = set(error.message_dict)
    assert encontrados == errores


def test_event_times_are_aware_and_shown_in_mexico_city(client, crear):
    inicio = timezone.make_aware(
        timezone.datetime(2031, 3, 10, 10, 0), timezone.get_fixed_timezone(-360)
    )
    crear(
        "norte",
        "eventos",
        fabricas.evento(slug="hora-local", inicio=inicio, fin=inicio + timedelta(hours=2)),
    )
    evento = Evento.objects.get(slug="hora-local")
    assert timezone.is_aware(evento.inicio)
    html = client.get("/eventos/hora-local/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert '<time datetime="2031-03-10T10:00:00-06:00">' in html


def test_public_multiple_choice_is_validated(db):
    page = fabricas.evento(publico=["ciudadania", "extraterrestres"])
    with pytest.raises(ValidationError):
        page.full_clean(exclude=["path", "depth", "content_type", "translation_key", "locale"])


def test_call_dates_in_order_and_campaign_period_in_order(db):
    hoy = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        fabricas.convocatoria(fecha_apertura=hoy, fecha_cierre=hoy - timedelta(days=1)).clean()
    assert "fecha_cierre" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        fabricas.campana(inicio=hoy, fin=hoy - timedelta(days=1)).clean()
    assert "fin" in error.value.message_dict


# -- Convocatoria status at the boundaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("dia", "estado"),
    [
        (date(2030, 5, 9), Convocatoria.Estado.PROXIMA),
        (date(2030, 5, 10), Convocatoria.Estado.ABIERTA),
        (date(2030, 5, 20), Convocatoria.Estado.ABIERTA),
        (date(2030, 5, 31), Convocatoria.Estado.ABIERTA),
        (date(2030, 6, 1), Convocatoria.Estado.CERRADA),
    ],
)
def test_call_status_at_the_boundaries(dia, estado):
    page = Convocatoria(fecha_apertura=date(2030, 5, 10), fecha_cierre=date(2030, 5, 31))
    assert page.estado_en(dia) == estado


def test_call_status_uses_the_local_date_and_is_never_stored(monkeypatch):
    hoy = timezone.localdate()
    page = Convocatoria(fecha_apertura=hoy, fecha_cierre=hoy)
    assert page.estado == Convocatoria.Estado.ABIERTA
    assert "estado" not in {f.name for f in Convocatoria._meta.get_fields()}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: hoy + timedelta(days=1))
    assert page.estado == Convocatoria.Estado.CERRADA


def test_call_listing_shows_open_then_upcoming_then_closed(client, crear):
    hoy = timezone.localdate()
    crear(
        "centro",
        "convocatorias",
        fabricas.convocatoria(
            slug="abierta-hoy",
            title="Cierra hoy",
            fecha_apertura=hoy - timedelta(days=3),
            fecha_cierre=hoy,
        ),
    )
    crear(
        "centro",
        "convocatorias",
        fabricas.convocatoria(
            slug="abre-manana",
            title="Abre mañana",
            fecha_apertura=hoy + timedelta(days=1),
            fecha_cierre=hoy + timedelta(days=9),
        ),
    )
    crear(
        "centro",
        "convocatorias",
        fabricas.convocatoria(
            slug="cerro-ayer",
            title="Cerró ayer",
            fecha_apertura=hoy - timedelta(days=9),
            fecha_cierre=hoy - timedelta(days=1),
        ),
    )
    response = client.get("/convocatorias/", HTTP_HOST=HOSTS["centro"])
    abiertas = {p.slug for p in response.context["abiertas"]}
    proximas = {p.slug for p in response.context["proximas"]}
    cerradas = {p.slug for p in response.context["cerradas"]}
    assert "abierta-hoy" in abiertas and "abierta-hoy" not in proximas | cerradas
    assert "abre-manana" in proximas and "cerro-ayer" in cerradas
    html = response.content.decode()
    assert html.index("Cierra hoy") < html.index("Abre mañana") < html.index("Cerró ayer")


# -- Listings ------------------------------------------------------------------------------------


def test_event_listing_splits_upcoming_and_past(client, crear):
    crear("sureste", "eventos", fabricas.evento(slug="futuro", title="Evento futuro"))
    crear(
        "sureste",
        "eventos",
        fabricas.evento(
            slug="pasado",
            title="Evento pasado",
            inicio=momento(dias=-3),
            fin=momento(dias=-3, horas=2),
        ),
    )
    proximos = client.get("/eventos/", HTTP_HOST=HOSTS["sureste"])
    assert "Evento futuro" in proximos.content.decode()
    assert "Evento pasado" not in proximos.content.decode()
    pasados = client.get("/eventos/pasados/", HTTP_HOST=HOSTS["sureste"])
    assert pasados.status_code == 200
    assert "Evento pasado" in pasados.content.decode()
    assert "Evento futuro" not in pasados.content.decode()


def test_empty_listing_speaks_to_citizens(client, indice):
    index = indice("norte", "eventos")
    for evento in Evento.objects.child_of(index):
        evento.unpublish()
    html = client.get("/eventos/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert (
        "Por ahora no hay eventos próximos. Vuelve pronto o consulta los eventos pasados." in html
    )


def test_listings_are_paginated(client, crear):
    for n in range(12):
        crear("centro-occidente", "historias", fabricas.historia(slug=f"h-{n}", title=f"H{n}"))
    first = client.get("/historias/", HTTP_HOST=HOSTS["centro-occidente"])
    assert len(first.context["historias"]) == 10
    assert first.context["historias"].paginator.num_pages >= 2
    second = client.get("/historias/?pagina=2", HTTP_HOST=HOSTS["centro-occidente"])
    assert second.status_code == 200 and second.context["historias"].number == 2
    assert 'rel="next"' in first.content.decode()
    # A page number out of range falls back instead of failing.
    assert (
        client.get("/historias/?pagina=99", HTTP_HOST=HOSTS["centro-occidente"]).status_code == 200
    )


def test_news_filtered_by_topic_and_related_institutions(client, crear, regions):
    organismo = OrganismoGarante.objects.filter(region=regions["norte"]).first()
    noticia = fabricas.noticia(slug="con-temas", title="Noticia con temas")
    noticia.temas.add("gobierno abierto")
    crear("norte", "noticias", noticia, organismos=[organismo])
    noticia = Noticia.objects.get(slug="con-temas")
    assert [t.name for t in noticia.temas.all()] == ["gobierno abierto"]
    assert list(noticia.organismos.all()) == [organismo]
    html = client.get("/noticias/con-temas/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert organismo.nombre in html
    filtered = client.get("/noticias/?tema=gobierno-abierto", HTTP_HOST=HOSTS["norte"])
    slugs = {p.slug for p in filtered.context["noticias"]}
    assert "con-temas" in slugs and "tus-datos-personales-te-pertenecen" not in slugs


def test_campaign_hashtags_are_normalised():
    assert Campana(hashtags="#TuDerechoASaber, DatosPersonales #").lista_hashtags() == [
        "#TuDerechoASaber",
        "#DatosPersonales",
    ]


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_home_shows_what_is_current(client, crear, slug):
    crear(slug, "noticias", fabricas.noticia(slug="ultima", title="La noticia más reciente"))
    response = client.get("/", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    html = response.content.decode()
    assert "La noticia más reciente" in html
    assert "Taller: cómo hacer una solicitud de información" in html  # demo, upcoming
    assert "Concurso de cartel: la transparencia en tu comunidad" in html  # demo, open
    assert "Premio a la innovación en transparencia" not in html  # not open yet
    assert "Capacitación sobre protección de datos personales" not in html  # past


def test_home_never_shows_another_regions_content(client, crear):
    crear("sureste", "noticias", fabricas.noticia(slug="solo-sureste", title="Solo del Sureste"))
    assert "Solo del Sureste" not in client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "Solo del Sureste" not in client.get("/", HTTP_HOST=HOSTS["nacional"]).content.decode()


def test_demo_content_is_idempotent_and_uses_the_regions_institutions(db, regions):
    from cms.demo import load_pages

    assert load_pages() == 0
    for region in regions.values():
        noticia = Noticia.objects.descendant_of(region.site.root_page).get(
            slug="cinco-pasos-para-pedir-informacion"
        )
        for organismo in noticia.organismos.all():
            if not region.es_nacional:
                assert organismo.region_id == region.pk
        assert Campana.objects.descendant_of(region.site.root_page).live().exists()


# -- Admin forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index_slug", "model_name"),
    [
        ("noticias", "noticia"),
        ("eventos", "evento"),
        ("convocatorias", "convocatoria"),
        ("historias", "historiaexito"),
        ("recursos", "recurso"),
        ("campanas", "campana"),
    ],
)
def test_admin_add_forms_render_for_the_regions_editor(
    client, editor_of, indice, index_slug, model_name
):
    client.force_login(editor_of("norte", "edicion"))
    url = reverse(
        "wagtailadmin_pages:add", args=["cms", model_name, indice("norte", index_slug).pk]
    )
    assert client.get(url).status_code == 200


def test_coordination_creates_and_publishes_an_event_from_the_admin(client, editor_of, indice):
    client.force_login(editor_of("norte", "coordinacion"))
    index = indice("norte", "eventos")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "evento", index.pk]),
        {
            "title": "Conversatorio en línea",
            "slug": "conversatorio-en-linea",
            "tipo": "conversatorio",
            "inicio": "2031-03-10 10:00",
            "fin": "2031-03-10 12:00",
            "modalidad": "virtual",
            "sede": "",
            "enlace": "https://example.org/sala",
            "publico": ["ciudadania", "periodistas"],
            "enlace_registro": "",
            "entrada": "Hablemos de datos abiertos.",
            "imagen_principal": "",
            "texto_alternativo": "",
            "cuerpo-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    evento = Evento.objects.get(slug="conversatorio-en-linea")
    assert evento.live and evento.publico == ["ciudadania", "periodistas"]
    assert evento.inicio.isoformat() == "2031-03-10T16:00:00+00:00"  # 10:00 in Mexico City


def test_admin_refuses_a_virtual_event_without_link(client, editor_of, indice):
    client.force_login(editor_of("norte", "coordinacion"))
    index = indice("norte", "eventos")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "evento", index.pk]),
        {
            "title": "Sin enlace",
            "slug": "sin-enlace",
            "tipo": "taller",
            "inicio": "2031-03-10 10:00",
            "fin": "2031-03-10 09:00",
            "modalidad": "virtual",
            "entrada": "x",
            "cuerpo-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indica el enlace para conectarse" in html
    assert "El evento no puede terminar antes de empezar." in html
    assert not Evento.objects.filter(slug="sin-enlace").exists()


def test_a_page_past_its_expiry_date_is_not_served_before_the_job_runs(client, crear, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from . import fabricas

    page = crear("norte", "noticias", fabricas.noticia(slug="vence-hoy", title="Aviso que vence"))
    url = page.url_path.split("/", 2)[2]
    response = client.get(f"/{url}", HTTP_HOST="norte.localhost")
    assert response.status_code == 200
    # Publishing an expiry date purges the page cache; the copy stored now is kept no longer
    # than the page lives.
    from django.core.cache import caches

    caches["paginas"].clear()
    page.expire_at = timezone.now() + timedelta(seconds=90)
    page.save(update_fields=["expire_at"])
    guardados = []
    real_set = caches["paginas"].set

    def espia(key, value, timeout=None, **kwargs):
        guardados.append(timeout)
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(caches["paginas"], "set", espia)
    assert client.get(f"/{url}", HTTP_HOST="norte.localhost").status_code == 200
    assert guardados and 0 < guardados[0] <= 90

    caches["paginas"].clear()
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    assert page.live
    response = client.get(f"/{url}", HTTP_HOST="norte.localhost")
    assert response.status_code == 404
    assert "Aviso que vence" not in response.content.decode()
