"""Translation status of a region's pages: translated, out of date, draft or missing."""

from dataclasses import dataclass

from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

AL_DIA = "al_dia"
DESACTUALIZADA = "desactualizada"
BORRADOR = "borrador"
FALTA = "falta"

ETIQUETAS = {
    AL_DIA: "Traducida",
    DESACTUALIZADA: "Desactualizada",
    BORRADOR: "En borrador",
    FALTA: "Sin traducir",
}


@dataclass
class Celda:
    locale: Locale
    estado: str
    traduccion: Page | None = None

    @property
    def etiqueta(self):
        return ETIQUETAS[self.estado]


def _cambio_fuente(page):
    """When the source content last changed: its latest revision (what wagtail-localize syncs
    from), or its last publication for pages without revisions."""
    return page.latest_revision_created_at or page.last_published_at


def estado_de(page, locale, traduccion, fuente):
    """The status of one page in one language.

    - falta: no translation (an alias created by tree synchronisation is not one: it shows the
      Spanish text).
    - desactualizada: the source changed after the translation was prepared (wagtail-localize's
      ``TranslationSource.last_updated_at``, or the translation's last publication when it was
      made without wagtail-localize), or the source was re-synced and the translation not
      published since.
    - borrador: a translation exists but is not published.
    - al_dia: published and newer than every source change.
    """
    if traduccion is None or traduccion.alias_of_id:
        return Celda(locale, FALTA, None)
    cambio = _cambio_fuente(page)
    referencia = fuente.last_updated_at if fuente else traduccion.last_published_at
    if cambio and referencia and cambio > referencia:
        return Celda(locale, DESACTUALIZADA, traduccion)
    if not traduccion.live:
        return Celda(locale, BORRADOR, traduccion)
    if (
        fuente
        and traduccion.last_published_at
        and fuente.last_updated_at > traduccion.last_published_at
    ):
        return Celda(locale, DESACTUALIZADA, traduccion)
    return Celda(locale, AL_DIA, traduccion)


def estado_region(region, locales=None):
    """Rows of (source page, [Celda per locale]) for every Spanish page of the region's site."""
    default = Locale.get_default()
    if locales is None:
        locales = list(region.locales().exclude(pk=default.pk).order_by("pk"))
    home = region.home_page
    if home is None:
        return locales, []
    paginas = list(home.get_descendants(inclusive=True).filter(locale=default).order_by("path"))
    claves = [p.translation_key for p in paginas]
    traducciones = {
        (p.translation_key, p.locale_id): p
        for p in Page.objects.filter(translation_key__in=claves, locale__in=locales)
    }
    fuentes = {
        s.object_id: s
        for s in TranslationSource.objects.filter(object_id__in=claves, locale=default)
    }
    filas = []
    for page in paginas:
        celdas = [
            estado_de(
                page,
                locale,
                traducciones.get((page.translation_key, locale.pk)),
                fuentes.get(page.translation_key),
            )
            for locale in locales
        ]
        filas.append((page, celdas))
    return locales, filas
