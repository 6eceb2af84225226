"""Place the directory page in a region's site tree (idempotent)."""

from cms.plugin_pages import colocar_pagina

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

    return colocar_pagina(region, DirectorioPage, SLUG, TITULO, introduccion(region))
