"""Place the registry page in a region's site tree and grant the plugin's permissions
beyond the region-scoped ones (idempotent)."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupSitePermission, Page

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


def _permisos(model, acciones):
    ct = ContentType.objects.get_for_model(model)
    codenames = [f"{accion}_{model._meta.model_name}" for accion in acciones]
    return list(Permission.objects.filter(content_type=ct, codename__in=codenames))


def grant_permissions(region):
    from .models import Convenio, Organizacion

    publicar = _permisos(Convenio, ["publicar"])
    if region.es_nacional:
        if region.grupo_coordinacion:
            region.grupo_coordinacion.permissions.add(
                *_permisos(Organizacion, PERMISOS_ORGANIZACION["nacional"]), *publicar
            )
        return
    if region.grupo_edicion:
        region.grupo_edicion.permissions.add(
            *_permisos(Organizacion, PERMISOS_ORGANIZACION["edicion"])
        )
    if region.grupo_coordinacion:
        region.grupo_coordinacion.permissions.add(
            *_permisos(Organizacion, PERMISOS_ORGANIZACION["coordinacion"])
        )
        if region.site_id:
            for permiso in publicar:
                GroupSitePermission.objects.get_or_create(
                    group=region.grupo_coordinacion, site=region.site, permission=permiso
                )


def place_pages(region):
    from .models import ConveniosPage

    grant_permissions(region)
    home = region.home_page
    if home is None:
        return None
    existing = Page.objects.child_of(home).filter(slug=SLUG).first()
    if existing is not None:
        return existing.specific
    page = ConveniosPage(title=TITULO, slug=SLUG, introduccion=introduccion(region))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
