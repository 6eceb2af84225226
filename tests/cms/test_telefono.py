"""The public frame on a phone (issue 19): titles, the menu with the registries, breadcrumbs,
the regional home's introduction, the directory's filters, search's compact controls and the
event's time zone. The browser checks (header height, screenshots) live in tests/navegador."""

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest

from cms.plugins import set_enabled
from cms.templatetags.sitio_tags import paginas_compactas, partir_faceta
from cms.zonas import ZONAS, nombre_de_zona, tabla, zona_de_entidad
from regiones.models import OrganismoGarante

from . import fabricas
from .conftest import HOSTS


def _titulo(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _menu(html):
    return re.search(r'<details class="menu">(.*?)</details>', html, re.S).group(1)


@pytest.mark.parametrize("region", list(HOSTS))
def test_the_site_name_appears_once_in_the_tab_title(client, regions, region):
    site_name = regions[region].site.site_name
    home = client.get("/", HTTP_HOST=HOSTS[region]).content.decode()
    assert _titulo(home).count(site_name) == 1, _titulo(home)
    listing = client.get("/noticias/", HTTP_HOST=HOSTS[region]).content.decode()
    titulo = _titulo(listing)
    assert titulo.endswith(f" · {site_name}") and titulo.count(site_name) == 1, titulo
    perdida = client.get("/no-existe-esta-pagina/", HTTP_HOST=HOSTS[region]).content.decode()
    assert _titulo(perdida).count(site_name) == 1, _titulo(perdida)


def test_the_menu_holds_sections_registries_regions_and_follows_the_plugin_switch(client, regions):
    menu = _menu(client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode())
    for etiqueta in ("Secciones del sitio", "Registros públicos", "Sitios de la red"):
        assert f'aria-label="{etiqueta}"' in menu
    assert 'href="/convocatorias/"' in menu
    assert re.search(r'href="[^"]*/directorio/"', menu)
    for region in regions.values():
        if region.site:
            assert f'href="{region.site.root_url}/"' in menu

    set_enabled("directorio", regions["norte"], False)
    norte = client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert not re.search(r'href="[^"]*/directorio/"', _menu(norte))
    assert "/directorio/" not in norte.split("<footer")[1]
    # Another region keeps its directory in the menu.
    assert re.search(
        r'href="[^"]*/directorio/"',
        _menu(client.get("/", HTTP_HOST=HOSTS["sureste"]).content.decode()),
    )


def test_detail_pages_have_breadcrumbs_and_homes_do_not(client, crear):
    crear("norte", "noticias", fabricas.noticia(slug="con-migas", title="Noticia con migas"))
    html = client.get("/noticias/con-migas/", HTTP_HOST=HOSTS["norte"]).content.decode()
    migas = re.search(r'<nav class="migas" aria-label="Ruta de navegación">(.*?)</nav>', html, re.S)
    assert migas, "sin migas en una página de detalle"
    enlaces = re.findall(r'<a href="([^"]+)">([^<]+)</a>', migas.group(1))
    assert [t for _, t in enlaces] == ["Inicio", "Noticias"]
    assert enlaces[1][0].endswith("/noticias/")
    home = client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'class="migas"' not in home


def test_an_institution_page_inside_the_directory_links_back_to_it(client, db):
    html = client.get("/directorio/istai-sonora/", HTTP_HOST=HOSTS["norte"]).content.decode()
    migas = re.search(r'<nav class="migas"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert "Inicio" in migas and 'href="/directorio/"' in migas


def test_a_regional_home_introduces_its_states_and_institutions(client, regions):
    html = client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    intro = re.search(r'<section aria-labelledby="la-region".*?</section>', html, re.S).group(0)
    norte = regions["norte"]
    for entidad in norte.entidades.all():
        assert entidad.nombre in intro
        assert f"/directorio/?entidad={entidad.slug}" in intro
    vigentes = OrganismoGarante.objects.de_region(norte).vigentes()
    assert f"<strong>{vigentes.count()}</strong> instituciones" in intro
    assert "Campeche" not in intro  # a Sureste state
    nacional = client.get("/", HTTP_HOST=HOSTS["nacional"]).content.decode()
    assert 'aria-labelledby="la-region"' not in nacional


def _tarjetas(html):
    return re.findall(r'<article class="tarjeta tarjeta-organismo">(.*?)</article>', html, re.S)


def test_directory_filters_by_state_status_and_words(client, db):
    html = client.get("/directorio/", {"entidad": "chihuahua"}, HTTP_HOST=HOSTS["norte"])
    tarjetas = _tarjetas(html.content.decode())
    assert tarjetas and all("Chihuahua" in t for t in tarjetas)
    assert not any("COTAI<" in t or "Nuevo León" in t for t in tarjetas)
    assert '<option value="chihuahua" selected>' in html.content.decode()

    extintas = client.get("/directorio/", {"estado": "extinta"}, HTTP_HOST=HOSTS["norte"])
    cuerpo = extintas.content.decode()
    assert "/directorio/icai-coahuila/" in cuerpo
    assert all("etiqueta-extinta" in t for t in _tarjetas(cuerpo))

    # Words without accents find names with them; every card shows state, status and channels.
    palabras = client.get("/directorio/", {"q": "leon"}, HTTP_HOST=HOSTS["norte"]).content.decode()
    tarjetas = _tarjetas(palabras)
    assert tarjetas and all("Nuevo León" in t for t in tarjetas)
    for t in tarjetas:
        assert 'class="etiqueta etiqueta-' in t
        assert "canales" in t or "Sin canales de contacto" in t

    # A state of another region is not in this directory: said, not a 500.
    otra = client.get("/directorio/", {"entidad": "campeche"}, HTTP_HOST=HOSTS["norte"])
    assert otra.status_code == 400
    assert "no está en este directorio" in otra.content.decode()


def test_the_directory_filters_are_finger_sized_selects_in_a_disclosure(client, db):
    html = client.get("/directorio/", {"estado": "vigente"}, HTTP_HOST=HOSTS["norte"])
    cuerpo = html.content.decode()
    panel = re.search(r'<details class="panel-filtros" open>(.*?)</details>', cuerpo, re.S)
    assert panel, "el panel de filtros debe abrirse cuando hay filtros"
    for nombre in ("entidad", "estado", "plataforma"):
        assert f'name="{nombre}"' in panel.group(1)
    assert 'class="contador">1<' in cuerpo


def test_long_facets_are_shortened_but_keep_what_is_selected():
    valores = [{"value": f"v{n}", "selected": n == 9} for n in range(12)]
    partes = partir_faceta(valores, 5)
    assert [v["value"] for v in partes["primeros"]] == ["v0", "v1", "v2", "v3", "v4", "v9"]
    assert len(partes["resto"]) == 6 and all(not v["selected"] for v in partes["resto"])
    cortos = partir_faceta(valores[:7], 5)
    assert len(cortos["primeros"]) == 7 and cortos["resto"] == []


@pytest.mark.parametrize(
    ("actual", "total", "esperado"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, None, 20]),
        (10, 20, [1, None, 9, 10, 11, None, 20]),
        (20, 20, [1, None, 19, 20]),
    ],
)
def test_the_pager_is_compact(actual, total, esperado):
    assert paginas_compactas(actual, total) == esperado


def test_every_state_has_a_zone_and_states_with_several_keep_a_principal_one(db):
    from regiones.models import EntidadFederativa

    for entidad in EntidadFederativa.objects.all():
        assert zona_de_entidad(entidad) in ZONAS, entidad.slug
    assert zona_de_entidad("sonora") == "America/Hermosillo"
    assert tabla()["chihuahua"] == ["America/Chihuahua", "America/Ciudad_Juarez", "America/Ojinaga"]
    assert zona_de_entidad("chihuahua") == "America/Chihuahua"
    assert zona_de_entidad("quintana-roo") == "America/Cancun"
    multiples = {slug for slug, zonas in tabla().items() if len(zonas) > 1}
    assert {"chihuahua", "coahuila", "nayarit", "nuevo-leon", "tamaulipas"} <= multiples


def test_an_event_in_hermosillo_shows_sonora_time_and_calendar_links(client, crear):
    istai = OrganismoGarante.objects.get(clave="istai-sonora")
    inicio = datetime(2031, 3, 10, 17, 0, tzinfo=UTC)  # 10:00 in Hermosillo (UTC-7)
    evento = crear(
        "norte",
        "eventos",
        fabricas.evento(
            slug="en-hermosillo",
            title="Taller en Hermosillo",
            inicio=inicio,
            fin=inicio.replace(hour=19),
        ),
        organismos=[istai],
    )
    assert evento.zona_horaria == "America/Hermosillo"
    html = client.get("/eventos/en-hermosillo/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "hora del centro de México" not in html
    assert str(nombre_de_zona("America/Hermosillo")) in html and "(America/Hermosillo)" in html
    assert "10:00 h" in html and "12:00 h" in html

    enlaces = dict(re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', html))
    por_nombre = {v: k.replace("&amp;", "&") for k, v in enlaces.items()}
    google = parse_qs(urlparse(por_nombre["Google Calendar"]).query)
    assert google["dates"] == ["20310310T170000Z/20310310T190000Z"]
    assert google["ctz"] == ["America/Hermosillo"] and google["text"] == ["Taller en Hermosillo"]
    outlook = parse_qs(urlparse(por_nombre["Outlook"]).query)
    assert outlook["startdt"] == ["2031-03-10T17:00:00Z"]
    assert por_nombre["Apple y otros (ICS)"].endswith("/eventos/en-hermosillo/evento.ics")


def test_an_event_without_institution_keeps_central_time_and_an_editor_choice_wins(crear):
    sin = crear("centro", "eventos", fabricas.evento(slug="sin-organismo"))
    assert sin.zona_horaria == "" and sin.zona == "America/Mexico_City"
    elegido = crear(
        "norte",
        "eventos",
        fabricas.evento(slug="en-juarez", zona_horaria="America/Ciudad_Juarez"),
        organismos=[OrganismoGarante.objects.get(clave="ichitaip-chihuahua")],
    )
    assert elegido.zona == "America/Ciudad_Juarez"


def _datos_evento(page, **extra):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "tipo": page.tipo,
        "modalidad": page.modalidad,
        "sede": page.sede,
        "enlace": "",
        "publico": list(page.publico),
        "enlace_registro": "",
        "entrada": page.entrada,
        "imagen_principal": "",
        "texto_alternativo": "",
        "zona_horaria": "",
        "action-publish": "action-publish",
    }
    data.update(nested_form_data({"cuerpo": streamfield([])}))
    data.update(extra)
    return data


def _valor_en_formulario(html, nombre):
    campo = re.search(rf'<input[^>]*name="{nombre}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', campo).group(1)


@pytest.mark.parametrize("por_organismo", [False, True], ids=["zona-elegida", "zona-de-istai"])
def test_an_editor_types_the_events_local_time(client, crear, editor_of, por_organismo):
    from django.urls import reverse

    from cms.models import Evento

    evento = crear(
        "norte", "eventos", fabricas.evento(slug="taller-sonora", title="Taller en Sonora")
    )
    client.force_login(editor_of("norte", "coordinacion"))
    extra = {"inicio": "2031-03-10 09:00", "fin": "2031-03-10 11:00"}
    if por_organismo:
        extra["organismos"] = [OrganismoGarante.objects.get(clave="istai-sonora").pk]
    else:
        extra["zona_horaria"] = "America/Hermosillo"
    respuesta = client.post(
        reverse("wagtailadmin_pages:edit", args=[evento.pk]), _datos_evento(evento, **extra)
    )
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    guardado = Evento.objects.get(pk=evento.pk)
    assert guardado.live and guardado.zona_horaria == "America/Hermosillo"
    # 09:00 in Hermosillo (UTC-7), not 09:00 central time (UTC-6).
    assert guardado.inicio == datetime(2031, 3, 10, 16, 0, tzinfo=UTC)
    assert guardado.fin == datetime(2031, 3, 10, 18, 0, tzinfo=UTC)

    html = client.get("/eventos/taller-sonora/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "10 de marzo de 2031, 09:00 h" in html and "11:00 h" in html
    assert str(nombre_de_zona("America/Hermosillo")) in html
    rss = client.get("/eventos/rss/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "10 de marzo de 2031, 09:00 h, hora de Sonora (Hermosillo)" in rss
    ics = client.get("/eventos/taller-sonora/evento.ics", HTTP_HOST=HOSTS["norte"])
    texto = ics.content.decode().replace("\r\n ", "")
    assert "DTSTART;TZID=America/Hermosillo:20310310T090000" in texto
    assert "DTEND;TZID=America/Hermosillo:20310310T110000" in texto
    assert "BEGIN:VTIMEZONE" in texto

    # Opened again, the form shows the same local time (not 10:00, central time).
    edicion = client.get(reverse("wagtailadmin_pages:edit", args=[evento.pk])).content.decode()
    assert _valor_en_formulario(edicion, "inicio") == "2031-03-10 09:00"
    assert _valor_en_formulario(edicion, "fin") == "2031-03-10 11:00"
    assert "Hora local del evento" in edicion


def test_an_event_saved_before_keeps_its_instant_and_opens_in_its_zone(client, crear, editor_of):
    from django.urls import reverse

    inicio = datetime(2031, 1, 20, 15, 0, tzinfo=UTC)  # 09:00 central time, 07:00 in Tijuana (PST)
    evento = crear(
        "norte",
        "eventos",
        fabricas.evento(
            slug="en-tijuana",
            inicio=inicio,
            fin=inicio.replace(hour=17),
            zona_horaria="America/Tijuana",
        ),
    )
    client.force_login(editor_of("norte", "coordinacion"))
    edicion = client.get(reverse("wagtailadmin_pages:edit", args=[evento.pk])).content.decode()
    assert _valor_en_formulario(edicion, "inicio") == "2031-01-20 07:00"
    # Saved unchanged, the instant stays the same.
    datos = _datos_evento(
        evento, inicio="2031-01-20 07:00", fin="2031-01-20 09:00", zona_horaria="America/Tijuana"
    )
    respuesta = client.post(reverse("wagtailadmin_pages:edit", args=[evento.pk]), datos)
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    assert evento.inicio == inicio and evento.fin == inicio.replace(hour=17)


# -- Success stories: picture, state and institution ---------------------------------------------


def _imagen(region, titulo="Foto de la historia"):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(
        title=titulo,
        file=get_test_image_file(),
        collection=region.coleccion,
        description="Vecinas reunidas frente a un tanque de agua.",
    )


def test_a_story_shows_its_picture_state_and_institution_on_card_and_page(client, crear, regions):
    istai = OrganismoGarante.objects.get(clave="istai-sonora")
    crear(
        "norte",
        "historias",
        fabricas.historia(
            slug="agua-en-hermosillo",
            title="Agua en Hermosillo",
            organismo=istai,
            imagen_principal=_imagen(regions["norte"]),
        ),
    )
    listado = client.get("/historias/", HTTP_HOST=HOSTS["norte"]).content.decode()
    [tarjeta] = [
        t
        for t in re.findall(r'<article class="tarjeta">(.*?)</article>', listado, re.S)
        if "Agua en Hermosillo" in t
    ]
    assert f'<p class="meta lugar">Sonora · {istai.siglas}</p>' in tarjeta
    img = re.search(r"<img [^>]*>", tarjeta).group(0)
    for atributo in ('alt=""', 'loading="lazy"', "width=", "height=", ".webp"):
        assert atributo in img, img

    pagina = client.get("/historias/agua-en-hermosillo/", HTTP_HOST=HOSTS["norte"])
    html = pagina.content.decode()
    ficha = re.search(r'<dl class="ficha lugar">(.*?)</dl>', html, re.S).group(1)
    assert "<dt>Entidad</dt><dd>Sonora</dd>" in ficha
    assert f"{istai.nombre} ({istai.siglas})" in ficha
    principal = re.search(r'<figure class="imagen-principal">(.*?)</figure>', html, re.S).group(1)
    assert 'alt="Vecinas reunidas frente a un tanque de agua."' in principal
    assert "srcset=" in principal and 'sizes="' in principal


def test_a_story_takes_the_institutions_state_and_refuses_another(regions):
    from django.core.exceptions import ValidationError

    from regiones.models import EntidadFederativa

    istai = OrganismoGarante.objects.get(clave="istai-sonora")
    historia = fabricas.historia(organismo=istai)
    historia.clean()
    assert historia.entidad == EntidadFederativa.objects.get(slug="sonora")
    historia.entidad = EntidadFederativa.objects.get(slug="chihuahua")
    with pytest.raises(ValidationError) as error:
        historia.clean()
    assert "otra entidad federativa" in str(error.value.message_dict["organismo"])
    assert fabricas.historia(organismo=None).donde == ""


def test_every_demo_story_of_a_region_has_its_own_picture_state_and_institution(regions):
    from cms import demo_contenido
    from cms.models import HistoriaExito

    norte = regions["norte"]
    demo_contenido.load_content(norte)
    demo_contenido.load_regional(norte)
    historias = list(
        HistoriaExito.objects.descendant_of(norte.site.root_page).select_related(
            "entidad", "organismo", "imagen_principal"
        )
    )
    assert len(historias) > len(demo_contenido.HISTORIAS)
    estados = set(norte.entidades.values_list("pk", flat=True))
    for historia in historias:
        assert historia.title.endswith(demo_contenido.MARCA), historia.title
        assert historia.entidad_id in estados, historia.title
        assert historia.organismo and historia.organismo.entidad_id == historia.entidad_id
        assert historia.imagen_principal.collection_id == norte.coleccion_id
        assert historia.entidad.nombre in historia.imagen_principal.title
        assert historia.alt_imagen.startswith("Ilustración de ejemplo")
    assert len({h.entidad_id for h in historias}) > 1, "todas las historias en el mismo estado"
    # The story every region shares is set in one of this region's states.
    [comun] = [h for h in historias if h.slug == "una-colonia-que-pregunto-por-su-agua"]
    assert comun.entidad_id in estados


def test_production_serves_hashed_static_files_and_compressed_pages():
    """What Lighthouse asked for under the production settings: static files under hashed
    names (WhiteNoise then caches them for a year) and compressed HTML."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    codigo = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.STORAGES['staticfiles']['BACKEND'], settings.MIDDLEWARE]))"
    )
    entorno = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    entorno.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="z" * 64,
        DATABASE_URL="sqlite:///:memory:",
    )
    salida = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=Path(__file__).resolve().parents[2],
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    almacen, middleware = json.loads(salida.strip().splitlines()[-1])
    assert almacen == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    gzip = middleware.index("django.middleware.gzip.GZipMiddleware")
    # Outside the page cache and WhiteNoise, so cached pages are compressed too.
    assert gzip < middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert gzip < middleware.index("cms.cache.PageCacheMiddleware")


def test_an_editor_names_the_institution_and_the_story_takes_its_state(client, crear, editor_of):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from cms.models import HistoriaExito

    historia = crear("norte", "historias", fabricas.historia(slug="en-chihuahua"))
    ichitaip = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    datos = {
        "title": historia.title,
        "slug": historia.slug,
        "protagonista": historia.protagonista,
        "tipo_protagonista": historia.tipo_protagonista,
        "entidad": "",
        "organismo": ichitaip.pk,
        "que_pregunto": historia.que_pregunto,
        "que_cambio": historia.que_cambio,
        "imagen_principal": "",
        "texto_alternativo": "",
        "action-publish": "action-publish",
        **nested_form_data({"cuerpo": streamfield([])}),
    }
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("wagtailadmin_pages:edit", args=[historia.pk])
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    guardada = HistoriaExito.objects.get(pk=historia.pk)
    assert guardada.organismo == ichitaip and guardada.entidad.slug == "chihuahua"

    sonora = OrganismoGarante.objects.get(clave="istai-sonora")
    refusada = client.post(url, {**datos, "entidad": guardada.entidad_id, "organismo": sonora.pk})
    assert refusada.status_code == 200
    assert "otra entidad federativa" in str(refusada.context["form"].errors["organismo"])
