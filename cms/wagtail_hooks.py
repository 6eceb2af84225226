"""Where issue 3 plugs into the admin: language checks, rules, campaign adaptation, curation."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import creacion

# The curation decision screen, listing and pending-proposals panel.
from . import curaduria_admin as _curaduria  # noqa: F401
from . import documentos_registros as _documentos_registros  # noqa: F401
from . import plugin_switch as _plugin_switch  # noqa: F401
from . import red_admin as _red_admin  # noqa: F401
from .admin_views import CampanasRedView, ProponerView
from .campanas import regiones_que_adaptan
from .curaduria import PropuestaRed, puede_proponer
from .lenguaje_models import ReglaLenguaje
from .permissions import SoloCoordinacionNacional
from .viewsets import AdminSnippetViewSet

register_permission_policy(
    ReglaLenguaje, SoloCoordinacionNacional(ReglaLenguaje, lectura_abierta=True)
)
register_permission_policy(
    PropuestaRed, SoloCoordinacionNacional(PropuestaRed, acciones=("change", "delete", "view"))
)


# -- Inclusive, citizen language: live in the Checks panel, to the approver, monthly report ----
from . import lenguaje_admin as _lenguaje  # noqa: E402, F401


class ReglaLenguajeViewSet(AdminSnippetViewSet):
    model = ReglaLenguaje
    icon = "spell-check"
    menu_label = _("Reglas de lenguaje")
    list_display = ["frase", "sugerencia", "tipo", "activa", "es_regex"]
    list_filter = ["tipo", "activa", "es_regex"]
    search_fields = ["frase", "sugerencia", "explicacion"]


register_snippet(ReglaLenguajeViewSet)


# -- Campaigns of the network: "Adaptar en mi región" -------------------------------------------


class CampanasRedMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(regiones_que_adaptan(request.user))


@hooks.register("register_admin_menu_item")
def register_campanas_red_menu_item():
    return CampanasRedMenuItem(
        _("Campañas de la red"), reverse("cms_campanas_red"), icon_name="copy", order=260
    )


@hooks.register("register_admin_urls")
def register_cms_admin_urls():
    return [
        path("red/campanas/", CampanasRedView.as_view(), name="cms_campanas_red"),
        path("red/proponer/<int:page_id>/", ProponerView.as_view(), name="cms_proponer"),
    ]


# -- National curation ---------------------------------------------------------------------------


class ProponerButton(PageMenuItem):
    label = _("Proponer a la red")
    icon_name = "pick"
    url_name = "cms_proponer"
    priority = 80

    def is_shown(self, user):
        return puede_proponer(user, self.page)


@hooks.register("register_page_header_buttons")
def proponer_en_cabecera(page, user, view_name, next_url=None):
    yield ProponerButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def proponer_en_listado(page, user, next_url=None):
    yield ProponerButton(page=page)


# -- Issue 8: translations (wagtail-localize confined to regions, status report) ----------------
# -- Issue 16: region isolation in Wagtail's own listings (rule in cms/aislamiento.py) ----------
from .aislamiento import medios_alcanzables, paginas_alcanzables  # noqa: E402
from .traducciones import wagtail_hooks as _traducciones  # noqa: E402, F401


@hooks.register("construct_page_chooser_queryset")
def chooser_confinado(pages, request):
    """The page chooser browses and searches only the pages the person reaches."""
    return paginas_alcanzables(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explorador_confinado(parent_page, pages, request):
    return paginas_alcanzables(request.user, pages)


@hooks.register("construct_admin_api", order=100)
def api_admin_confinada(router):
    """The admin API's pages, images and documents endpoints list only what the person
    reaches (registered after Wagtail's own endpoints, which they replace)."""
    from wagtail.admin.api.views import PagesAdminAPIViewSet
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class Paginas(PagesAdminAPIViewSet):
        def get_queryset(self):
            return paginas_alcanzables(self.request.user, super().get_queryset())

    class Imagenes(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return medios_alcanzables(self.request.user, super().get_queryset())

    class Documentos(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return medios_alcanzables(self.request.user, super().get_queryset())

    router.register_endpoint("pages", Paginas)
    router.register_endpoint("images", Imagenes)
    router.register_endpoint("documents", Documentos)


@hooks.register("construct_reports_menu")
def informes_de_la_red_solo_para_quien_ve_la_red(request, menu_items):
    from django.urls import resolve

    from .aislamiento import INFORMES_DE_LA_RED, ve_toda_la_red

    if ve_toda_la_red(request.user):
        return
    menu_items[:] = [
        item for item in menu_items if resolve(item.url).view_name not in INFORMES_DE_LA_RED
    ]


@hooks.register("before_serve_page")
def pagina_servida(page, request, serve_args, serve_kwargs):
    """Links drawn on the page know which restricted sections its reader was let into."""
    from .enlaces import recordar_pagina_servida

    recordar_pagina_servida(page, request)


@hooks.register("before_serve_page")
def pagina_vencida(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is not served, even before the scheduled job unpublishes
    it: Wagtail's routing checks only ``live`` (the visibility rule already hides it from
    every listing, feed, sitemap and search)."""
    from django.http import Http404
    from django.utils import timezone

    from .cache import EXPIRY_ATTRIBUTE

    if page.expire_at is not None:
        if page.expire_at <= timezone.now():
            raise Http404
        setattr(request, EXPIRY_ATTRIBUTE, page.expire_at)


@hooks.register("register_rich_text_features", order=1)
def enlaces_a_paginas_publicas(features):
    """Page links in rich text point only at public pages (after Wagtail's own, order 0)."""
    from .enlaces import EnlacePaginaPublica

    features.register_link_type(EnlacePaginaPublica)


# A submit that crosses the autosave of the same new page saves that page (cms/creacion.py).
hooks.register("before_create_page", creacion.hacia_el_borrador_propio)
