"""Issue 8: translations with wagtail-localize, per-region languages, switcher, report."""

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.traducciones.estado import AL_DIA, DESACTUALIZADA, FALTA, estado_region
from regiones.models import IdiomaRegion

from . import fabricas
from .conftest import HOSTS


def locale(code):
    return Locale.objects.get(language_code=code)


def publicar(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def inicio(regions, slug, code):
    return regions[slug].home_page.get_translation(locale(code)).specific


def traducir(page, code, prefijo="EN", publish=True):
    """Translate every segment through wagtail-localize and save (and publish) the result."""
    destino = locale(code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    for segmento in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segmento.string,
            locale=destino,
            context=segmento.context,
            # keep slugs: the tests address translated pages by their Spanish slug
            defaults={
                "data": segmento.string.data
                if segmento.context.path == "slug"
                else f"{prefijo} {segmento.string.data}"
            },
        )
    Translation.objects.get_or_create(source=source, target_locale=destino)
    traducida, _ = source.create_or_update_translation(
        destino, publish=publish, copy_parent_pages=True
    )
    return traducida.specific


@pytest.fixture
def traducir_publicando(django_capture_on_commit_callbacks):
    def run(page, code, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            traducida = traducir(page, code, **kw)
        traducida.refresh_from_db()
        return traducida

    return run


@pytest.fixture
def arbol_en(regions, indice, traducir_publicando):
    """Norte's English home and news index, translated and published."""

    def make(slug="norte", code="en", indice_slug="noticias"):
        publicar(inicio(regions, slug, code))
        return traducir_publicando(indice(slug, indice_slug), code)

    return make


# -- Per-site language sets ----------------------------------------------------------------------


def test_bootstrap_seeds_languages_per_region(regions):
    def codes(slug):
        return {lc.language_code for lc in regions[slug].locales()}

    assert codes("norte") == {"es-mx", "en"}
    assert codes("sureste") == {"es-mx", "en", "yua", "tzo"}
    assert codes("centro") == {"es-mx", "en", "nah", "zap", "mix"}
    # every offered language has a home translation, granted to the region's translation group
    for locale_ in regions["sureste"].locales().exclude(language_code="es-mx"):
        home = regions["sureste"].home_page.get_translation(locale_)
        assert home.depth == 2 and not home.live
        assert home.group_permissions.filter(group=regions["sureste"].grupo_traduccion).exists()


def test_language_of_sureste_is_not_served_nor_offered_on_norte(client, regions, indice):
    publicar(inicio(regions, "sureste", "yua"))
    assert client.get("/yua/", HTTP_HOST=HOSTS["sureste"]).status_code == 200
    # Norte does not offer Maya: 404 even for its Spanish home under the prefix
    assert client.get("/yua/", HTTP_HOST=HOSTS["norte"]).status_code == 404
    assert client.get("/yua/noticias/", HTTP_HOST=HOSTS["norte"]).status_code == 404
    html = client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "Maayat&#x27;aan" not in html and "Maayat'aan" not in html
    html = client.get("/", HTTP_HOST=HOSTS["sureste"]).content.decode()
    assert 'hreflang="yua"' in html


def test_disabling_a_language_stops_serving_it(client, regions):
    publicar(inicio(regions, "norte", "en"))
    assert client.get("/en/", HTTP_HOST=HOSTS["norte"]).status_code == 200
    # As the settings screen does: one saved row (which also purges the page cache).
    idioma = IdiomaRegion.objects.get(region=regions["norte"], locale__language_code="en")
    idioma.activo = False
    idioma.save()
    assert client.get("/en/", HTTP_HOST=HOSTS["norte"]).status_code == 404
    assert client.get("/", HTTP_HOST=HOSTS["norte"]).status_code == 200


def test_untranslated_language_is_404_not_spanish(client, regions, crear):
    crear("norte", "noticias", fabricas.noticia(slug="solo-en-espanol"))
    assert client.get("/noticias/solo-en-espanol/", HTTP_HOST=HOSTS["norte"]).status_code == 200
    publicar(inicio(regions, "norte", "en"))
    assert client.get("/en/noticias/solo-en-espanol/", HTTP_HOST=HOSTS["norte"]).status_code == 404


# -- Translating with wagtail-localize -----------------------------------------------------------


def test_translate_news_and_campaign_and_publish(client, crear, arbol_en, traducir_publicando):
    arbol_en("norte", "en", "noticias")
    arbol_en("norte", "en", "campanas")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="acceso-norte"))
    campana = crear("norte", "campanas", fabricas.campana(slug="campana-norte"))

    noticia_en = traducir_publicando(noticia, "en")
    campana_en = traducir_publicando(campana, "en")
    assert noticia_en.live and noticia_en.locale.language_code == "en"
    assert noticia_en.translation_key == noticia.translation_key
    assert noticia_en.title == "EN Noticia de prueba"
    assert campana_en.live and campana_en.entrada.startswith("EN ")

    assert noticia_en.get_url().endswith(f"/en/noticias/{noticia_en.slug}/")
    response = client.get(f"/en/noticias/{noticia_en.slug}/", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 200
    assert "EN Noticia de prueba" in response.content.decode()
    response = client.get(f"/en/campanas/{campana_en.slug}/", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_feeds_and_calendar_per_language(client, crear, arbol_en, traducir_publicando):
    arbol_en("norte", "en", "noticias")
    arbol_en("norte", "en", "eventos")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="noticia-feed"))
    traducir_publicando(noticia, "en")
    evento = crear("norte", "eventos", fabricas.evento(slug="evento-ics"))
    evento_en = traducir_publicando(evento, "en")

    rss = client.get("/en/noticias/rss/", HTTP_HOST=HOSTS["norte"])
    assert rss.status_code == 200
    assert "<language>en</language>" in rss.content.decode()
    assert "EN Noticia de prueba" in rss.content.decode()
    assert (
        "EN Noticia de prueba"
        not in client.get("/noticias/rss/", HTTP_HOST=HOSTS["norte"]).content.decode()
    )
    assert client.get("/en/noticias/atom/", HTTP_HOST=HOSTS["norte"]).status_code == 200
    ics = client.get("/en/eventos/calendario.ics", HTTP_HOST=HOSTS["norte"])
    assert ics.status_code == 200 and "EN Taller de prueba" in ics.content.decode()
    uno = client.get(f"/en/eventos/{evento_en.slug}/evento.ics", HTTP_HOST=HOSTS["norte"])
    assert uno.status_code == 200
    # the Spanish calendar stays unprefixed
    assert client.get("/eventos/calendario.ics", HTTP_HOST=HOSTS["norte"]).status_code == 200


def test_po_export_import_round_trip_keeps_every_segment(crear, regions):
    noticia = crear("sureste", "noticias", fabricas.noticia(slug="po-sureste"))
    destino = locale("yua")
    source, _ = TranslationSource.get_or_create_from_instance(noticia)
    translation = Translation.objects.create(source=source, target_locale=destino)
    po = translation.export_po()
    total = StringSegment.objects.filter(source=source).count()
    assert total > 0 and len([e for e in po if not e.obsolete]) == total
    # an outside translator fills the file and sends it back
    devuelto = polib.pofile(str(po))
    for entry in devuelto:
        entry.msgstr = f"YUA {entry.msgid}"
    assert translation.import_po(devuelto) == []
    assert translation.get_progress() == (total, total)
    again = translation.export_po()
    assert {(e.msgctxt, e.msgid) for e in again} == {(e.msgctxt, e.msgid) for e in po}
    assert all(e.msgstr == f"YUA {e.msgid}" for e in again)


def test_po_download_and_upload_views(client, crear, regions, make_user):
    noticia = crear("sureste", "noticias", fabricas.noticia(slug="po-vistas"))
    source, _ = TranslationSource.get_or_create_from_instance(noticia)
    translation = Translation.objects.create(source=source, target_locale=locale("yua"))
    translation.save_target(publish=False)
    traductora = make_user(regions["sureste"].grupo_traduccion)
    client.force_login(traductora)
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    response = client.get(url)
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        entry.msgstr = f"YUA {entry.msgid}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("t.po", str(po).encode(), content_type="text/x-gettext-translation")
    client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    total, hechas = translation.get_progress()
    assert total == hechas > 0
    # a translator of another region cannot download it
    client.force_login(make_user(regions["norte"].grupo_traduccion))
    assert client.get(url).status_code in (302, 403)


# -- Switcher and hreflang -----------------------------------------------------------------------


def test_switcher_and_hreflang_on_translated_and_untranslated_pages(
    client, crear, arbol_en, traducir_publicando
):
    arbol_en("norte", "en", "noticias")
    traducida = crear("norte", "noticias", fabricas.noticia(slug="con-traduccion"))
    en = traducir_publicando(traducida, "en")
    sin = crear("norte", "noticias", fabricas.noticia(slug="sin-traduccion"))

    html = client.get("/noticias/con-traduccion/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert (
        f'<link rel="alternate" hreflang="en" href="http://norte.localhost/en/noticias/{en.slug}/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="es-MX" href="http://norte.localhost/noticias/con-traduccion/">'
        in html
    )
    assert 'aria-label="Idiomas"' in html
    assert f'href="http://norte.localhost/en/noticias/{en.slug}/" hreflang="en"' in html

    html_en = client.get(f"/en/noticias/{en.slug}/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'hreflang="es-MX" lang="es-MX">Español (México)</a>' in html_en

    html = client.get("/noticias/sin-traduccion/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'hreflang="en"' not in html.split("</head>")[0]
    assert "This page has not been translated" not in html
    assert 'aria-label="Idiomas"' not in html  # one language only: no switcher
    assert sin.live


def test_non_page_urls_stay_unprefixed(client, regions, crear, arbol_en, traducir_publicando):
    for url in ("/healthz", "/robots.txt", "/sitemap.xml"):
        assert client.get(url, HTTP_HOST=HOSTS["norte"]).status_code in (200, 503), url
    arbol_en("norte", "en", "noticias")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="en-el-mapa"))
    en = traducir_publicando(noticia, "en")
    xml = client.get("/sitemap.xml", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "<loc>http://norte.localhost/noticias/en-el-mapa/</loc>" in xml
    assert f"<loc>http://norte.localhost/en/noticias/{en.slug}/</loc>" in xml
    assert 'hreflang="en"' in xml
    assert "sureste.localhost" not in xml


# -- Region scoping ------------------------------------------------------------------------------


def test_norte_editor_cannot_translate_a_sureste_page(client, editor_of, crear, make_user, regions):
    pagina = crear("sureste", "noticias", fabricas.noticia(slug="solo-sureste"))
    propia = crear("norte", "noticias", fabricas.noticia(slug="propia-norte"))
    url = reverse("wagtail_localize:submit_page_translation", args=[pagina.pk])
    for user in (
        editor_of("norte"),
        editor_of("norte", "coordinacion"),
        make_user(regions["norte"].grupo_traduccion),
    ):
        client.force_login(user)
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard
        assert client.get(url).status_code in (302, 403)
        response = client.post(url, {"locales": [locale("en").pk]})
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
        assert not Page.objects.filter(
            translation_key=pagina.translation_key, locale__language_code="en"
        ).exists()

    # on their own page the form offers only Norte's languages
    client.force_login(editor_of("norte"))
    own_url = reverse("wagtail_localize:submit_page_translation", args=[propia.pk])
    response = client.get(own_url)
    assert response.status_code == 200
    ofrecidos = set(
        response.context["form"].fields["locales"].queryset.values_list("language_code", flat=True)
    )
    assert ofrecidos == {"en"}
    response = client.post(own_url, {"locales": [locale("yua").pk]})
    assert response.status_code == 200  # invalid choice, form shown again
    assert not Page.objects.filter(
        translation_key=propia.translation_key, locale__language_code="yua"
    ).exists()
    response = client.post(own_url, {"locales": [locale("en").pk]})
    assert response.status_code == 302
    en = Page.objects.get(translation_key=propia.translation_key, locale__language_code="en")
    assert not en.live  # a new translation is a draft until translated and published
    assert (
        en.get_parent().get_parent().pk
        == regions["norte"].home_page.get_translation(locale("en")).pk
    )


def test_translators_edit_only_their_region_translations(client, crear, make_user, regions):
    pagina = crear("sureste", "noticias", fabricas.noticia(slug="para-traducir"))
    source, _ = TranslationSource.get_or_create_from_instance(pagina)
    translation = Translation.objects.create(source=source, target_locale=locale("yua"))
    translation.save_target(publish=False)
    yua = pagina.get_translation(locale("yua"))
    sureste = make_user(regions["sureste"].grupo_traduccion)
    norte = make_user(regions["norte"].grupo_traduccion)
    assert yua.permissions_for_user(sureste).can_edit()
    assert not yua.permissions_for_user(sureste).can_publish()
    assert not yua.permissions_for_user(norte).can_edit()
    client.force_login(norte)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[yua.pk])).status_code in (302, 403)
    # the explorer does not open another region's translated home either
    home_yua = regions["sureste"].home_page.get_translation(locale("yua"))
    response = client.get(reverse("wagtailadmin_explore", args=[home_yua.pk]))
    assert response.status_code in (302, 403)


# -- Status report -------------------------------------------------------------------------------


def test_status_report_marks_translation_out_of_date_after_source_edit(
    client, crear, arbol_en, traducir_publicando, editor_of, regions
):
    arbol_en("norte", "en", "noticias")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="estado-norte"))
    traducir_publicando(noticia, "en")
    otra = crear("norte", "noticias", fabricas.noticia(slug="estado-falta"))

    def estado(page):
        locales, filas = estado_region(regions["norte"])
        fila = next(celdas for p, celdas in filas if p.pk == page.pk)
        return {c.locale.language_code: c.estado for c in fila}

    assert estado(noticia) == {"en": AL_DIA}
    assert estado(otra) == {"en": FALTA}

    noticia.entrada = "La entrada cambió."
    publicar(noticia)
    assert estado(noticia) == {"en": DESACTUALIZADA}

    client.force_login(editor_of("norte", "coordinacion"))
    response = client.get(reverse("cms_estado_traducciones"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-idioma="en" data-estado="desactualizada"' in html
    assert "Estado de las traducciones" in html
    # another region's coordination does not see Norte
    client.force_login(editor_of("sureste", "coordinacion"))
    assert client.get(reverse("cms_estado_traducciones") + "?region=norte").status_code == 404
    client.force_login(editor_of("norte"))
    assert client.get(reverse("cms_estado_traducciones")).status_code in (302, 403)


# -- Background jobs -----------------------------------------------------------------------------


def test_subtree_translation_runs_as_a_django_task(
    crear, regions, django_capture_on_commit_callbacks
):
    from wagtail_localize.operations import translate_page_subtree
    from wagtail_localize.tasks import background

    from cms.traducciones.tareas import DjangoTasksJobBackend

    assert isinstance(background, DjangoTasksJobBackend)
    noticia = crear("centro", "noticias", fabricas.noticia(slug="subarbol"))
    indice = noticia.get_parent()
    TranslationSource.get_or_create_from_instance(indice)
    nah = locale("nah")
    yua = locale("yua")  # not offered by Centro: dropped by the task
    from wagtail_localize.operations import translate_object

    translate_object(indice.specific, [nah])
    with django_capture_on_commit_callbacks(execute=True):
        background.enqueue(translate_page_subtree, [indice.pk, [nah, yua], None, None], {})
    assert Page.objects.filter(translation_key=noticia.translation_key, locale=nah).exists()
    assert not Page.objects.filter(translation_key=noticia.translation_key, locale=yua).exists()


# -- A translation follows its source's restriction ------------------------------------------------


def test_a_translation_is_restricted_with_its_source(
    client, crear, arbol_en, traducir_publicando, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    arbol_en("norte", "en", "noticias")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="con-clave"))
    noticia_en = traducir_publicando(noticia, "en")
    url_en = f"/en/noticias/{noticia_en.slug}/"

    def lee_en():
        response = client.get(url_en, HTTP_HOST=HOSTS["norte"])
        return response.status_code == 200 and "EN Una noticia para la" in response.content.decode()

    def en_mapa():
        return url_en in client.get("/sitemap.xml", HTTP_HOST=HOSTS["norte"]).content.decode()

    assert lee_en() and en_mapa()
    with django_capture_on_commit_callbacks(execute=True):
        restriccion = PageViewRestriction.objects.create(
            page=noticia, restriction_type=PageViewRestriction.PASSWORD, password="clave-secreta"
        )
    assert not lee_en() and not en_mapa()
    copia = noticia_en.view_restrictions.get()
    assert copia.restriction_type == "password" and copia.password == "clave-secreta"

    # Groups: the translation admits the same groups, also when they change afterwards.
    grupo = Group.objects.create(name="Grupo de ejemplo con acceso")
    with django_capture_on_commit_callbacks(execute=True):
        restriccion.restriction_type = PageViewRestriction.GROUPS
        restriccion.save()
        restriccion.groups.add(grupo)
    copia = noticia_en.view_restrictions.get()
    assert copia.restriction_type == "groups" and list(copia.groups.all()) == [grupo]
    assert not lee_en()

    with django_capture_on_commit_callbacks(execute=True):
        restriccion.delete()
    assert not noticia_en.view_restrictions.exists()
    assert lee_en() and en_mapa()


def test_deleting_a_restricted_source_leaves_its_translation_restricted(
    client, crear, arbol_en, traducir_publicando, django_capture_on_commit_callbacks
):
    """Deleting the Spanish page deletes its restriction with it: that is no lifting of
    the restriction, and the translation, which outlives its source, stays protected."""
    from wagtail.models import PageViewRestriction

    arbol_en("norte", "en", "noticias")
    noticia = crear("norte", "noticias", fabricas.noticia(slug="borrada-con-clave"))
    noticia_en = traducir_publicando(noticia, "en")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=noticia, restriction_type=PageViewRestriction.PASSWORD, password="clave-secreta"
        )
    assert noticia_en.view_restrictions.exists()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=noticia.pk).delete()
    noticia_en.refresh_from_db()
    assert noticia_en.live and noticia_en.view_restrictions.get().password == "clave-secreta"
    html = client.get(f"/en/noticias/{noticia_en.slug}/", HTTP_HOST=HOSTS["norte"]).content
    assert "EN Una noticia para la" not in html.decode()
