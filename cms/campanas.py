"""Adapting another region's campaign: a server-side page copy into one's own /campanas/."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from regiones.models import Region


def regiones_que_coordina(user):
    """Regions whose coordination group the user belongs to (every region for superusers)."""
    regiones = Region.objects.filter(site__isnull=False).select_related("site__root_page")
    if not (user.is_authenticated and user.is_active):
        return regiones.none()
    if user.is_superuser:
        return regiones
    return Region.objects.for_user(user).filter(
        site__isnull=False, grupo_coordinacion__in=user.groups.all()
    )


def region_de_pagina(page):
    """The region whose site tree holds the page, in any language (Region.for_page)."""
    return Region.for_page(page)


def campanas_de_otras_regiones(user):
    """Live campaigns of regions the user does not coordinate."""
    from .models import Campana

    campanas = Campana.objects.live().order_by("-inicio", "title")
    for region in regiones_que_coordina(user):
        campanas = campanas.exclude(pk__in=region.paginas().values("pk"))
    return campanas


def adaptar_campana(campana, region, user):
    """Copy a live campaign of another region, as a draft, into the region's /campanas/.

    Only the target region's coordination may do it; the original is left untouched and the
    copy belongs to the target tree only, so nobody of the source region gains access.
    """
    from .models import Campana, CampanaIndex

    if not regiones_que_coordina(user).filter(pk=region.pk).exists():
        raise PermissionDenied(
            _("Solo la coordinación de la región puede adaptar campañas en ella.")
        )
    campana = campana.specific if isinstance(campana, Page) else campana
    if not isinstance(campana, Campana) or not campana.live:
        raise PermissionDenied(_("Solo se pueden adaptar campañas publicadas."))
    home = region.site.root_page
    if campana.is_descendant_of(home):
        raise PermissionDenied(_("Esta campaña ya es de tu región."))
    indice = CampanaIndex.objects.child_of(home).first()
    if indice is None:
        raise PermissionDenied(_("Tu sitio no tiene una sección de campañas."))
    slug = find_available_slug(indice, campana.slug)
    return campana.copy(
        to=indice,
        update_attrs={"slug": slug, "adaptada_de": campana, "organismos": []},
        keep_live=False,
        copy_revisions=False,
        user=user,
    )
