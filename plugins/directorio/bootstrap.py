"""Place the directory page in a region's site tree (idempotent)."""

from wagtail.models import Page

TITULO = "Directorio"
SLUG = "directorio"


def introduccion(region):
    if region.es_nacional:
        return (
            "Encuentra a las instituciones que integran la red en todo el país: sus sitios "
            "web, sus áreas de comunicación y sus cuentas oficiales en redes sociales."
        )
    return (
        f"Encuentra a las instituciones de la Región {region.nombre}: sus sitios web, sus "
        "áreas de comunicación y sus cuentas oficiales en redes sociales."
    )


def place_pages(region):
    from .models import DirectorioPage

    home = region.home_page
    if home is None:
        return None
    existing = Page.objects.child_of(home).filter(slug=SLUG).first()
    if existing is not None:
        return existing.specific
    page = DirectorioPage(title=TITULO, slug=SLUG, introduccion=introduccion(region))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
