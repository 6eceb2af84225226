"""Place the registry page in a region's site tree and grant the plugin's permissions
beyond the region-scoped ones (idempotent)."""

from cms.convenios_base import conceder_publicar, permisos_de
from cms.plugin_pages import colocar_pagina

TITULO = "Convenios"
SLUG = "convenios"

#: Organizations are network-wide: who may do what with them.
PERMISOS_ORGANIZACION = {
    "edicion": ("view",),
    "coordinacion": ("add", "change", "view"),
    "nacional": ("add", "change", "delete", "view"),
}


def introduccion(region):
    if region.es_nacional:
        return (
            "Conoce los convenios que los organismos garantes y la red firmaron con "
            "organizaciones de la sociedad civil, cámaras, colegios de profesionistas y "
            "academia para promover la transparencia en todo el país."
        )
    return (
        f"Conoce los convenios que los organismos garantes de la Región {region.nombre} "
        "firmaron con organizaciones de la sociedad civil, cámaras, colegios de "
        "profesionistas y academia para promover la transparencia."
    )


def grant_permissions(region):
    from .models import Convenio, Organizacion

    conceder_publicar(region, Convenio)
    grupos = (
        [("nacional", region.grupo_coordinacion)]
        if region.es_nacional
        else [("edicion", region.grupo_edicion), ("coordinacion", region.grupo_coordinacion)]
    )
    for papel, grupo in grupos:
        if grupo is not None:
            grupo.permissions.add(*permisos_de(Organizacion, PERMISOS_ORGANIZACION[papel]))


def place_pages(region):
    from .models import ConveniosPage

    grant_permissions(region)
    return colocar_pagina(region, ConveniosPage, SLUG, TITULO, introduccion(region))
