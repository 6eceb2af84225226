"""Adapting another region's campaign: a server-side page copy into one's own /campanas/."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from regiones.models import Region

from .visibilidad import es_pagina_publica, paginas_publicas


def region_de_pagina(page):
    """The region whose site tree holds the page, in any language (Region.for_page)."""
    return Region.for_page(page)


def indice_de_campanas(region):
    from .models import CampanaIndex

    home = region.site.root_page if region.site_id else None
    return CampanaIndex.objects.child_of(home).first() if home else None


def regiones_que_adaptan(user):
    """Regions into whose campaigns section the user may add a page: their editors propose an
    adaptation (a draft that goes through the region's workflow), their coordination too."""
    if not (user.is_authenticated and user.is_active):
        return []
    regiones = []
    for region in (
        Region.objects.for_user(user).filter(site__isnull=False).select_related("site__root_page")
    ):
        indice = indice_de_campanas(region)
        if indice is not None and indice.permissions_for_user(user).can_add_subpage():
            regiones.append(region)
    return regiones


def original_de(campana):
    """The campaign an adaptation comes from (following adaptations of adaptations)."""
    vistas = set()
    while campana.adaptada_de_id and campana.pk not in vistas:
        vistas.add(campana.pk)
        campana = campana.adaptada_de
    return campana


def adaptacion_existente(campana, region):
    """The region's copy (draft or published) of the campaign, if it already has one."""
    from .models import Campana

    home = region.site.root_page
    return (
        Campana.objects.descendant_of(home)
        .filter(adaptada_de=original_de(campana))
        .order_by("pk")
        .first()
    )


def campanas_de_la_red(user):
    """The network's campaigns for the user's list: each original once, with the region it
    comes from, its published adaptations under it and, when one of the user's regions
    already adapted it, that copy (offered instead of a second one). Originals of the user's
    own regions are left out: there is nothing to adapt."""
    from .models import Campana

    propias = regiones_que_adaptan(user)
    # Only public campaigns are the network's to share: a restricted or expired one is not.
    vivas = list(
        paginas_publicas(Campana.objects.all())
        .select_related("adaptada_de")
        .order_by("-inicio", "title")
    )
    vivas_pk = {c.pk for c in vivas}
    originales, adaptaciones = [], {}
    for campana in vivas:
        original = original_de(campana)
        if original.pk != campana.pk and original.pk in vivas_pk:
            adaptaciones.setdefault(original.pk, []).append(campana)
        else:
            originales.append(campana)
    filas = []
    for original in originales:
        region = region_de_pagina(original)
        if region is not None and any(r.pk == region.pk for r in propias):
            continue
        filas.append(
            {
                "campana": original,
                "region": region,
                "adaptaciones": [
                    {"campana": c, "region": region_de_pagina(c)}
                    for c in adaptaciones.get(original.pk, [])
                ],
                "propias": [
                    (r, copia)
                    for r in propias
                    if (copia := adaptacion_existente(original, r)) is not None
                ],
            }
        )
    return filas


def adaptar_campana(campana, region, user):
    """Copy a live campaign of another region, as a draft, into the region's /campanas/.

    Whoever may add pages there (the region's editors and coordination) may do it; the draft
    then goes through the region's workflow like any other page. The original is left
    untouched and the copy belongs to the target tree only, so nobody of the source region
    gains access. A region adapts a campaign once: adapting again returns the existing copy.
    Returns ``(copy, created)``.
    """
    from .models import Campana

    campana = campana.specific if isinstance(campana, Page) else campana
    if not isinstance(campana, Campana) or not es_pagina_publica(campana):
        raise PermissionDenied(_("Solo se pueden adaptar campañas publicadas y públicas."))
    if not any(r.pk == region.pk for r in regiones_que_adaptan(user)):
        raise PermissionDenied(
            _("Solo quien edita o coordina la región puede adaptar campañas en ella.")
        )
    original = original_de(campana)
    if not es_pagina_publica(original):
        original = campana
    home = region.site.root_page
    if original.is_descendant_of(home):
        raise PermissionDenied(_("Esta campaña ya es de tu región."))
    existente = adaptacion_existente(original, region)
    if existente is not None:
        return existente, False
    indice = indice_de_campanas(region)
    slug = find_available_slug(indice, original.slug)
    copia = original.copy(
        to=indice,
        update_attrs={"slug": slug, "adaptada_de": original, "organismos": []},
        keep_live=False,
        copy_revisions=False,
        user=user,
    )
    return copia, True
