"""Where issue 8 plugs into the admin (imported from cms/wagtail_hooks.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from regiones.models import IdiomaRegion

from ..viewsets import AdminModelViewSet
from .idiomas import crear_alias_pagina_nueva
from .moderacion import decision_en_el_editor, enviar_traduccion
from .permisos import politica_paginas
from .vistas import (
    ActualizarTraduccionesView,
    EstadoTraduccionesView,
    TraducirPaginaView,
    regiones_para_informe,
)

# The region's coordination and editors reach its translated trees (cms/traducciones/permisos.py).
register_permission_policy(Page, politica_paginas)

# -- wagtail-localize, confined to regions ------------------------------------------------------
# Its "Translate page" and "Sync translated pages" views check a global permission only. The
# same paths are registered here first (order=-1), so they resolve to the region-scoped views;
# URL names stay wagtail-localize's (reverse gives the same path).


@hooks.register("register_admin_urls", order=-1)
def register_traducciones_admin_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            TraducirPaginaView.as_view(),
            name="cms_traducir_pagina",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            ActualizarTraduccionesView.as_view(),
            name="cms_actualizar_traducciones",
        ),
        path(
            "traducciones/estado/",
            EstadoTraduccionesView.as_view(),
            name="cms_estado_traducciones",
        ),
    ]


# Before wagtail-localize's own before_edit_page (which would answer the translation editor).
hooks.register("before_edit_page", enviar_traduccion, order=-1)
# A decision taken from the page editor is confirmed like one from the dashboard.
hooks.register("after_edit_page", decision_en_el_editor)


# Tree synchronisation is a switch per region and language (IdiomaRegion.sincronizar, below):
# a new Spanish page is aliased only into the languages its own region synchronises.
# wagtail-localize's own after_create_page hook acts only on its LocaleSynchronization rows,
# which nothing creates (settings: wagtail.locales replaces wagtail_localize.locales).
@hooks.register("after_create_page")
def alias_solo_en_idiomas_de_la_region(request, page):
    crear_alias_pagina_nueva(page)


# -- Translation status report -------------------------------------------------------------------


class EstadoTraduccionesMenuItem(MenuItem):
    def is_shown(self, request):
        return regiones_para_informe(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_estado_traducciones_menu_item():
    return EstadoTraduccionesMenuItem(
        _("Estado de las traducciones"),
        reverse("cms_estado_traducciones"),
        icon_name="site",
        order=720,
    )


# -- Languages of each region's site (administrators) ---------------------------------------------


class IdiomaRegionViewSet(AdminModelViewSet):
    model = IdiomaRegion
    icon = "site"
    menu_label = _("Idiomas de las regiones")
    add_to_settings_menu = True
    list_display = ["region", "locale", "activo", "sincronizar", "modificado"]
    list_filter = ["region", "activo"]
    form_fields = ["region", "locale", "activo", "sincronizar"]


@hooks.register("register_admin_viewset")
def register_idiomas_viewset():
    return IdiomaRegionViewSet("idiomas_regiones")
