"""Tree synchronisation is per region: a new page is aliased only into the languages its own
site offers and synchronises, never into a language another region offers.

wagtail-localize's "sync from" (a LocaleSynchronization row) aliases every site's pages into
the locale; the locales screen the project installs does not offer it, and the switch is
*Configuración › Idiomas de las regiones* (IdiomaRegion.sincronizar).
"""

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from cms.models import Evento
from regiones.models import IdiomaRegion


def _crear_evento(client, indice, region, slug):
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "evento", indice(region, "eventos").pk]),
        {
            "title": f"Taller {slug}",
            "slug": slug,
            "tipo": "taller",
            "inicio": "2031-03-10 10:00",
            "fin": "2031-03-10 12:00",
            "modalidad": "presencial",
            "sede": "Sala de usos múltiples",
            "entrada": "Un taller.",
            "cuerpo-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Evento.objects.get(slug=slug, locale=Locale.get_default())


def _en(page, code):
    return Page.objects.filter(
        translation_key=page.translation_key, locale__language_code=code
    ).first()


def test_locales_screen_does_not_offer_sync_from(client, make_user, editor_of, indice):
    """An administrator editing a locale cannot switch wagtail-localize's synchronisation on
    (it would alias every region's new pages into it)."""
    client.force_login(make_user(superuser=True))
    nah = Locale.objects.get(language_code="nah")
    url = reverse("wagtaillocales:edit", args=[nah.pk])
    assert client.get(url).status_code == 200
    prefijo = f"component-{LocaleSynchronization._meta.db_table}"
    response = client.post(
        url,
        {
            "language_code": "nah",
            f"{prefijo}-enabled": "on",
            f"{prefijo}-sync_from": Locale.get_default().pk,
        },
    )
    assert response.status_code == 302
    assert not LocaleSynchronization.objects.exists()
    # Norte does not offer Náhuatl: its new pages stay out of it.
    client.force_login(editor_of("norte", "coordinacion"))
    assert _en(_crear_evento(client, indice, "norte", "taller-norte"), "nah") is None


def test_new_page_is_aliased_only_where_its_region_synchronises(
    client, make_user, editor_of, indice, regions, django_capture_on_commit_callbacks
):
    admin = make_user(superuser=True)
    client.force_login(admin)
    # Centro offers Náhuatl; the administrator switches its synchronisation on, as the
    # settings screen does.
    nah = IdiomaRegion.objects.get(region=regions["centro"], locale__language_code="nah")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("idiomas_regiones:edit", args=[nah.pk]),
            {"region": nah.region_id, "locale": nah.locale_id, "activo": "on", "sincronizar": "on"},
        )
    assert response.status_code == 302
    # Centro's existing Spanish pages were aliased into Náhuatl, under Centro's Náhuatl home.
    eventos_nah = _en(indice("centro", "eventos"), "nah")
    assert eventos_nah is not None and eventos_nah.alias_of_id == indice("centro", "eventos").pk
    assert _en(indice("norte", "eventos"), "nah") is None

    # A new page in Norte (which does not offer Náhuatl) stays out of it …
    client.force_login(editor_of("norte", "coordinacion"))
    norte = _crear_evento(client, indice, "norte", "taller-norte")
    assert _en(norte, "nah") is None
    assert not Page.objects.filter(locale__language_code="nah").descendant_of(
        regions["norte"].home_page.get_translation(Locale.get_default())
    )
    # … and out of English too: Norte offers English but does not synchronise it.
    assert _en(norte, "en") is None

    # A new page in Centro is aliased into Náhuatl, and only there.
    client.force_login(editor_of("centro", "coordinacion"))
    centro = _crear_evento(client, indice, "centro", "taller-centro")
    alias = _en(centro, "nah")
    assert alias is not None and alias.alias_of_id == centro.pk
    assert alias.get_parent().pk == eventos_nah.pk
    assert {p.locale.language_code for p in centro.get_translations()} == {"nah"}


def test_sync_of_a_disabled_language_does_nothing(client, editor_of, indice, regions):
    IdiomaRegion.objects.filter(region=regions["centro"], locale__language_code="nah").update(
        sincronizar=True, activo=False
    )
    client.force_login(editor_of("centro", "coordinacion"))
    centro = _crear_evento(client, indice, "centro", "taller-centro")
    assert _en(centro, "nah") is None
