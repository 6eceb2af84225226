from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.viewsets import RegionScopedModelViewSet

from .complementos import CambiarComplementoView, ComplementosView
from .forms import OrganismoGaranteForm
from .models import EntidadFederativa, OrganismoGarante, Red, Region, user_is_national
from .views import ContenidoRedView


class RedViewSet(ModelViewSet):
    model = Red
    icon = "globe"
    menu_label = _("Redes")
    list_display = ["nombre", "siglas", "vigente_desde", "vigente_hasta", "es_actual"]
    form_fields = [
        "nombre",
        "siglas",
        "descripcion",
        "vigente_desde",
        "vigente_hasta",
        "fundamento_legal",
        "fuente",
        "sucesora",
        "es_actual",
    ]


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regiones")
    list_display = ["nombre", "tipo", "site", "coleccion", "grupo_coordinacion"]
    form_fields = [
        "red",
        "nombre",
        "slug",
        "tipo",
        "orden",
        "descripcion",
        "fuente",
        "site",
        "coleccion",
        "grupo_edicion",
        "grupo_coordinacion",
    ]


class EntidadViewSet(ModelViewSet):
    model = EntidadFederativa
    icon = "pick"
    menu_label = _("Entidades federativas")
    list_display = ["nombre", "region", "region_verificada"]
    list_filter = ["region", "region_verificada"]
    form_fields = ["nombre", "slug", "region", "region_verificada", "fuente_region"]


ORGANISMO_FIELDS = [
    "clave", "nombre", "siglas", "tipo", "entidad", "region", "sitio_web", "fuente_sitio_web",
    "estado", "fecha_inicio", "fecha_extincion", "fundamento_legal", "fuente_fundamento",
    "derechos", "sucesor", "sucesor_datos", "fuentes_estado", "fecha_fuente_estado",
    "notas_estado", "fuentes", "notas",
]  # fmt: skip


class OrganismoViewSet(RegionScopedModelViewSet):
    model = OrganismoGarante
    icon = "group"
    menu_label = _("Instituciones")
    list_display = ["nombre", "siglas", "entidad", "region", "estado"]
    list_filter = ["region", "estado", "tipo"]
    search_fields = ["nombre", "siglas", "clave"]
    list_export = ["clave", "nombre", "siglas", "entidad", "region", "estado", "sitio_web"]
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ORGANISMO_FIELDS], base_form_class=OrganismoGaranteForm
    )


class RedGroup(ViewSetGroup):
    menu_label = _("Red")
    menu_icon = "globe"
    menu_order = 250
    items = (
        RedViewSet("red"),
        RegionViewSet("regiones"),
        EntidadViewSet("entidades"),
        OrganismoViewSet("instituciones"),
    )


@hooks.register("register_admin_viewset")
def register_red_viewsets():
    return RedGroup()


@hooks.register("register_admin_urls")
def register_contenido_red_urls():
    return [
        path("red/contenido/", ContenidoRedView.as_view(), name="regiones_contenido_red"),
        path(
            "red/contenido/results/",
            ContenidoRedView.as_view(results_only=True),
            name="regiones_contenido_red_results",
        ),
    ]


class ContenidoRedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("regiones.consultar_red")


@hooks.register("register_reports_menu_item")
def register_contenido_red_menu_item():
    return ContenidoRedMenuItem(
        _("Contenido de las regiones"),
        reverse("regiones_contenido_red"),
        icon_name="site",
        order=50,
    )


@hooks.register("register_admin_urls")
def register_complementos_urls():
    return [
        path("complementos/", ComplementosView.as_view(), name="regiones_complementos"),
        path(
            "complementos/<str:label>/<int:region_id>/",
            CambiarComplementoView.as_view(),
            name="regiones_complemento_cambiar",
        ),
    ]


class NationalMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_national(request.user)


@hooks.register("register_settings_menu_item")
def register_complementos_menu_item():
    return NationalMenuItem(
        _("Complementos"), reverse("regiones_complementos"), icon_name="cogs", order=900
    )


@hooks.register("register_log_actions")
def register_complemento_log_actions(actions):
    actions.register_action(
        "regiones.complemento_activado", _("Activar complemento"), _("Complemento activado")
    )
    actions.register_action(
        "regiones.complemento_desactivado",
        _("Desactivar complemento"),
        _("Complemento desactivado"),
    )
