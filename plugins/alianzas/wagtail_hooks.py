"""Where the alliance tracker plugs into the admin: viewsets, state changes, import,
national view and coordination dashboard panels."""

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import paneles
from cms.ciclo import register_lifecycle_admin
from cms.convenios_admin import ConvenioFilterSetBase, columnas_listado, exportacion
from cms.viewsets import (
    RegionFilterMixin,
    RegionScopedSnippetViewSet,
    SnippetChooserViewSet,
    filtro_region,
)

from .admin_views import (
    PANELES,
    ImportarOrganizacionesView,
    TransicionConvenioView,
    VistaNacionalView,
    es_vista_nacional,
)
from .models import Convenio, Organizacion, Vinculo

# --- Organizations ------------------------------------------------------------------------


class OrganizacionFilterSet(WagtailFilterSet):
    tipo = django_filters.ChoiceFilter(
        label=_("Tipo"), choices=Organizacion.Tipo.choices, empty_label=_("Todos")
    )
    ambito = django_filters.ChoiceFilter(
        label=_("Ámbito"), choices=Organizacion.Ambito.choices, empty_label=_("Todos")
    )

    class Meta:
        model = Organizacion
        fields = []


class OrganizacionIndexView(SnippetViewSet.index_view_class):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        policy = policy_registry.get_by_type(Organizacion)
        if policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Importar CSV"),
                    url=reverse("alianzas_importar_organizaciones"),
                    icon_name="upload",
                )
            )
        return buttons


class OrganizacionViewSet(SnippetViewSet):
    """Network-wide: everyone sees them; coordinations add and edit; national deletes."""

    model = Organizacion
    chooser_viewset_class = SnippetChooserViewSet
    icon = "group"
    menu_label = _("Organizaciones")
    index_view_class = OrganizacionIndexView
    filterset_class = OrganizacionFilterSet
    search_fields = ["nombre", "siglas", "notas"]
    list_display = ["nombre", "siglas", "tipo", "ambito"]
    list_export = ["nombre", "siglas", "tipo", "ambito", "sitio_web", "contacto", "fuente"]
    export_filename = "organizaciones"


# --- Relationships ------------------------------------------------------------------------


class VinculoFilterSet(RegionFilterMixin, WagtailFilterSet):
    region = filtro_region(field_name="organismo__region")
    tipo_accion = django_filters.ChoiceFilter(
        label=_("Tipo de acción"), choices=Vinculo.TipoAccion.choices, empty_label=_("Todos")
    )
    organizacion__tipo = django_filters.ChoiceFilter(
        label=_("Tipo de organización"),
        choices=Organizacion.Tipo.choices,
        empty_label=_("Todos"),
    )

    class Meta:
        model = Vinculo
        fields = []


class VinculoViewSet(RegionScopedSnippetViewSet):
    model = Vinculo
    icon = "link"
    menu_label = _("Vínculos")
    filterset_class = VinculoFilterSet
    search_fields = ["descripcion", "organizacion__nombre", "organismo__nombre"]
    list_display = [
        "__str__",
        "organismo",
        "organizacion",
        "tipo_accion",
        DateColumn("fecha", label=_("Fecha")),
    ]
    list_export = [
        "organismo.clave",
        "organismo.region.nombre",
        "organizacion.nombre",
        "tipo_accion",
        "fecha",
        "descripcion",
    ]
    export_headings = {
        "organismo.clave": "organismo",
        "organismo.region.nombre": "región",
        "organizacion.nombre": "organización",
        "tipo_accion": "tipo de acción",
        "fecha": "fecha",
        "descripcion": "descripción",
    }
    export_filename = "vinculos"

    def get_queryset(self, request):
        # The index view narrows this to the user's regions (RegionScopedIndexMixin).
        return self.model._default_manager.select_related("organismo__region", "organizacion")


# --- Agreements ---------------------------------------------------------------------------


class ConvenioFilterSet(ConvenioFilterSetBase):
    tipo = django_filters.ChoiceFilter(
        label=_("Tipo"), choices=Convenio.Tipo.choices, empty_label=_("Todos")
    )

    class Meta:
        model = Convenio
        fields = []


class ConvenioViewSet(RegionScopedSnippetViewSet):
    model = Convenio
    icon = "doc-full"
    menu_label = _("Convenios")
    filterset_class = ConvenioFilterSet
    search_fields = ["titulo", "objeto"]
    list_display = columnas_listado("region", "tipo")
    list_export, export_headings = exportacion({"tipo": "tipo"}, {"renovacion": "renovación"})
    export_filename = "convenios"

    def get_queryset(self, request):
        # The index view narrows this to the user's regions (RegionScopedIndexMixin).
        return self.model._default_manager.select_related("region")


class AlianzasGroup(SnippetViewSetGroup):
    menu_label = _("Alianzas")
    menu_icon = "group"
    menu_order = 270
    items = (ConvenioViewSet, VinculoViewSet, OrganizacionViewSet)


register_snippet(AlianzasGroup)


@hooks.register("register_admin_urls")
def register_alianzas_urls():
    return [
        path(
            "alianzas/convenios/<int:pk>/estado/",
            TransicionConvenioView.as_view(),
            name="alianzas_transicion",
        ),
        path(
            "alianzas/organizaciones/importar/",
            ImportarOrganizacionesView.as_view(),
            name="alianzas_importar_organizaciones",
        ),
        path("alianzas/red/", VistaNacionalView.as_view(), name="alianzas_vista_nacional"),
    ]


class VistaNacionalMenuItem(MenuItem):
    def is_shown(self, request):
        return es_vista_nacional(request.user)


@hooks.register("register_reports_menu_item")
def register_vista_nacional_menu_item():
    return VistaNacionalMenuItem(
        _("Convenios en la red"), reverse("alianzas_vista_nacional"), icon_name="list-ul", order=720
    )


register_lifecycle_admin(Convenio, "alianzas_transicion", "alianzas.cambio_estado")

paneles.registrar(PANELES)
