"""Place the media page in a region's site tree and grant the permission to publish
agreements to the coordinations (idempotent). The region-scoped permissions on the
plugin's models are granted by core (``Plugin.region_models``)."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupSitePermission, Page

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


def grant_permissions(region):
    from .models import ConvenioMedio

    ct = ContentType.objects.get_for_model(ConvenioMedio)
    publicar = Permission.objects.filter(content_type=ct, codename="publicar_conveniomedio")
    grupo = region.grupo_coordinacion
    if grupo is None:
        return
    if region.es_nacional:
        grupo.permissions.add(*publicar)
    elif region.site_id:
        for permiso in publicar:
            GroupSitePermission.objects.get_or_create(
                group=grupo, site=region.site, permission=permiso
            )


def place_pages(region):
    from .models import MediosPage

    grant_permissions(region)
    home = region.home_page
    if home is None:
        return None
    existing = Page.objects.child_of(home).filter(slug=SLUG).first()
    if existing is not None:
        return existing.specific
    page = MediosPage(title=TITULO, slug=SLUG, introduccion=introduccion(region))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
