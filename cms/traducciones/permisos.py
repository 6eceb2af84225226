"""Page permissions on a region's translated trees for the people who ask for translations.

The translations of a region's home are siblings of the Spanish home under the tree root, so
the page permissions a region's groups hold on the Spanish home do not reach them; bootstrap
grants the translated homes to the region's translation group only. The region's coordination
and editors still ask for translations (wagtail-localize's "Translate page" sends them to the
new draft) and follow them: here they hold, on every translated home of their region, the
same page permissions they hold on the Spanish home (coordination: add, change, publish, lock,
unlock; editing: add, change). Nobody gains anything on another region's trees.

The permissions are derived, not stored: ``GroupPagePermission`` rows on the translated homes
would also make them explorable roots for every check that reads the rows directly (the
region-isolation tests hold the Spanish home as a person's explorable root).
"""

from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from regiones.models import Region


class PoliticaPaginasConTraducciones(PagePermissionPolicy):
    """Wagtail's page policy plus each group's permissions copied onto its region's translated
    homes (unsaved ``GroupPagePermission`` objects: Wagtail only iterates them)."""

    permission_cache_name = "_snt_page_permission_cache"
    _explorable_root_instance_cache_name = "_snt_explorable_root_page_cache"

    def get_all_permissions_for_user(self, user):
        stored = list(super().get_all_permissions_for_user(user))
        if not stored:
            return stored
        grupos = {perm.group_id for perm in stored}
        regiones = Region.objects.filter(site__isnull=False).filter(
            grupo_coordinacion__in=grupos
        ) | Region.objects.filter(site__isnull=False).filter(grupo_edicion__in=grupos)
        regiones = list(regiones.select_related("site__root_page").distinct())
        if not regiones:
            return stored
        default = Locale.get_default()
        homes = {region.site.root_page_id: region for region in regiones}
        traducidos = {}
        for home in Page.objects.filter(
            translation_key__in=[r.site.root_page.translation_key for r in regiones],
            depth=2,
        ).exclude(locale=default):
            traducidos.setdefault(home.translation_key, []).append(home)
        derived = []
        for perm in stored:
            region = homes.get(perm.page_id)
            if region is None:
                continue
            for home in traducidos.get(region.site.root_page.translation_key, []):
                if region.ofrece(home.locale):
                    derived.append(
                        GroupPagePermission(
                            # A negative id, never saved: Wagtail puts these in sets
                            # (choose_parent), and a model without a pk is unhashable.
                            pk=-(perm.pk * 100_000 + home.pk),
                            group_id=perm.group_id,
                            page=home,
                            permission=perm.permission,
                        )
                    )
        return stored + derived


politica_paginas = PoliticaPaginasConTraducciones()
