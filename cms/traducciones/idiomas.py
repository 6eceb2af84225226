"""Which languages a page can be read in, per region, and where its translations are."""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from cms.visibilidad import paginas_publicas, version_publica
from regiones.models import IdiomaRegion, Region


def locale_activo():
    """The Locale of the request's language (from the URL prefix), or None if it has no row.

    Unlike ``Locale.get_active()`` this never falls back to Spanish: a request for /yua/ on a
    site without Maya content must not be answered with the Spanish page.
    """
    from cms.cache import memo

    try:
        codigo = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    # Locales change only with a purge (wagtailcore.locale is a public model).
    return memo(("locale", codigo), lambda: Locale.objects.filter(language_code=codigo).first())


def region_de_pagina(page):
    return Region.for_page(page)


def locales_de_region(region):
    """The Locales a region's site serves (Spanish only when the page has no region)."""
    if region is None:
        return Locale.objects.filter(pk=Locale.get_default().pk)
    return region.locales()


def locales_de_pagina(page):
    if not isinstance(page, Page):
        page = Page.objects.get(pk=page)
    return locales_de_region(region_de_pagina(page))


def nombre_idioma(locale):
    return locale.get_display_name() or locale.language_code


def traduccion_publicada(page, locale):
    """The public, real (not alias) translation of the page into the locale, or None
    (cms.visibilidad: live is not enough)."""
    if page.locale_id == locale.pk:
        return page
    return version_publica(page, locale, respaldo=False, alias=False)


def alternativas(page, request=None):
    """The page in every language its site offers: for the switcher and hreflang links.

    Each item: locale, codigo (BCP 47 for hreflang), nombre (in its own language), url (None
    when there is no public translation), actual (the language being read). The switcher
    lists only the languages with a url; a missing one is not announced on every page (the
    404 under its prefix points to the Spanish page: cms/traducciones/no_encontrada.py).
    """
    region = region_de_pagina(page)
    if region is None:
        return []
    locales = list(locales_de_region(region).order_by("pk"))
    # Every public translation of the page, in one query (cms.visibilidad: a live translation
    # behind a password, expired or in a language its region stopped offering is not one).
    publicadas = {
        p.locale_id: p
        for p in paginas_publicas(
            Page.objects.filter(translation_key=page.translation_key, locale__in=locales)
        ).filter(alias_of__isnull=True)
    }
    items = []
    for locale in locales:
        traducida = page if page.locale_id == locale.pk else publicadas.get(locale.pk)
        items.append(
            {
                "locale": locale,
                "codigo": locale.language_code,
                "nombre": nombre_idioma(locale),
                "actual": locale.pk == page.locale_id,
                "url": traducida.get_full_url(request) if traducida else None,
            }
        )
    return items


def asegurar_inicio_traducido(region, locale, user=None):
    """The translation of the region's home into the locale, created (as a draft, through
    wagtail-localize so its editor and PO files work) if missing."""
    from wagtail_localize.operations import translate_object

    home = region.home_page
    if home is None or locale.pk == home.locale_id:
        return home, False
    existente = home.get_translation_or_none(locale)
    if existente is not None:
        return existente, False
    translate_object(home.specific, [locale], user=user)
    return home.get_translation(locale), True


# -- Tree synchronisation, per region ------------------------------------------------------------
# wagtail-localize's "sync from" (a LocaleSynchronization row, offered by its locales app) aliases
# every site's pages into the locale. The project installs Wagtail's own locales app instead, so
# no such row is offered or created, and keeps the switch per region and language
# (IdiomaRegion.sincronizar): only the pages of a site that offers the language are aliased.


def _regiones_que_ofrecen(locale):
    default = Locale.get_default()
    regiones = Region.objects.filter(site__isnull=False).select_related("site__root_page")
    if locale.pk == default.pk:
        return regiones
    return regiones.filter(idiomas__locale=locale, idiomas__activo=True)


def sincronizar_region(region, origen, destino):
    """Create alias pages in ``destino`` for the pages of the region's ``origen`` tree that
    have no page in ``destino`` yet; return how many."""
    home = region.home_page.get_translation_or_none(origen)
    if home is None:
        return 0
    creados = 0
    for page in home.get_descendants(inclusive=True).order_by("path").specific():
        if page.alias_of_id and page.alias_of.locale_id == destino.pk:
            continue
        if Page.objects.filter(translation_key=page.translation_key, locale=destino).exists():
            continue
        page.copy_for_translation(destino, copy_parents=True, alias=True)
        creados += 1
    return creados


def sincronizar_regiones(origen, destino):
    """``sincronizar_region`` in every region that offers ``destino`` (wagtail-localize's
    synchronize_tree would do every tree)."""
    return sum(
        sincronizar_region(region, origen, destino) for region in _regiones_que_ofrecen(destino)
    )


def crear_alias_pagina_nueva(page):
    """Alias a new Spanish page into the languages its region synchronises (and offers)."""
    region = region_de_pagina(page)
    if region is None or page.locale_id != Locale.get_default().pk:
        return
    idiomas = IdiomaRegion.objects.activos().filter(region=region, sincronizar=True)
    for locale in Locale.objects.filter(pk__in=idiomas.values("locale_id")):
        if page.get_translation_or_none(locale) is None:
            page.copy_for_translation(locale, copy_parents=True, alias=True)
