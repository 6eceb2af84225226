"""Where the alliance tracker plugs into the admin: viewsets, state changes, import,
national view and coordination dashboard panels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn

from cms import paneles
from cms.convenios_admin import ConvenioViewSetBase, registrar_transicion
from cms.viewsets import (
    AdminSnippetViewSet,
    DeclaredListingMixin,
    ImportarCSVIndexMixin,
    RegionScopedSnippetViewSet,
    SnippetChooserViewSet,
    SnippetIndexView,
    registrar_grupo,
)

from .admin_views import (
    PANELES,
    ImportarOrganizacionesView,
    VistaNacionalView,
    es_vista_nacional,
)
from .models import Convenio, Organizacion, Vinculo

# --- Agreements ---------------------------------------------------------------------------


class ConvenioViewSet(ConvenioViewSetBase):
    model = Convenio
    filtros = ("tipo",)
    columnas = ("region", "tipo")
    exportar = ({"tipo": "tipo"}, {"renovacion": "renovación"})
    export_filename = "convenios"


# --- Relationships ------------------------------------------------------------------------


class VinculoViewSet(RegionScopedSnippetViewSet):
    model = Vinculo
    icon = "link"
    filtros = ("tipo_accion", ("organizacion__tipo", _("Tipo de organización")))
    search_fields = ["descripcion", "organizacion__nombre", "organismo__nombre"]
    list_display = [
        "__str__",
        "organismo",
        "organizacion",
        "tipo_accion",
        DateColumn("fecha", label=_("Fecha")),
    ]
    exportacion = (
        ("organismo.clave", "organismo"),
        ("organismo.region.nombre", "región"),
        *("organizacion.nombre", "tipo_accion", "fecha", "descripcion"),
    )
    export_filename = "vinculos"


# --- Organizations ------------------------------------------------------------------------


class OrganizacionIndexView(ImportarCSVIndexMixin, SnippetIndexView):
    importaciones = [(_("Importar CSV"), "alianzas_importar_organizaciones", Organizacion, "add")]


class OrganizacionViewSet(DeclaredListingMixin, AdminSnippetViewSet):
    """Network-wide: everyone sees them; coordinations add and edit; national deletes."""

    model = Organizacion
    chooser_viewset_class = SnippetChooserViewSet
    icon = "group"
    index_view_class = OrganizacionIndexView
    filtros = ("tipo", "ambito")
    search_fields = ["nombre", "siglas", "notas"]
    list_display = ["nombre", "siglas", "tipo", "ambito"]
    list_export = ["nombre", "siglas", "tipo", "ambito", "sitio_web", "contacto", "fuente"]
    export_filename = "organizaciones"


registrar_grupo(_("Alianzas"), "group", 270, (ConvenioViewSet, VinculoViewSet, OrganizacionViewSet))


@hooks.register("register_admin_urls")
def register_alianzas_urls():
    return [
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


registrar_transicion(Convenio, "alianzas/convenios/")

paneles.registrar(PANELES)
