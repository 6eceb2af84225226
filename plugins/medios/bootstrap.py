"""Place the media page in a region's site tree and grant the permission to publish
agreements to the coordinations (idempotent). The region-scoped permissions on the
plugin's models are granted by core (``Plugin.region_models``)."""

from cms.convenios_base import conceder_publicar
from cms.plugin_pages import colocar_pagina

TITULO = "Medios oficiales"
SLUG = "medios"


def introduccion(region):
    if region.es_nacional:
        return (
            "Conoce los medios públicos de los gobiernos federal y estatales con los que la "
            "red trabaja para difundir el derecho de acceso a la información, y los convenios "
            "firmados con ellos."
        )
    return (
        f"Conoce los medios públicos con los que los organismos garantes de la Región "
        f"{region.nombre} difunden el derecho de acceso a la información, y los convenios "
        "firmados con ellos."
    )


def place_pages(region):
    from .models import ConvenioMedio, MediosPage

    conceder_publicar(region, ConvenioMedio)
    return colocar_pagina(region, MediosPage, SLUG, TITULO, introduccion(region))
