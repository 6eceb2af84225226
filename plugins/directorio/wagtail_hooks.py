"""Where the directory plugs into the admin: viewsets, import view, dashboard panel."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.permissions import NationalMenuItem
from cms.viewsets import (
    ImportarCSVIndexMixin,
    RegionFilterMixin,
    RegionFilterSet,
    RegionScopedSnippetViewSet,
    columnas_exportacion,
    filterset_de,
    filtro_opciones,
    filtro_region,
)
from regiones.models import OrganismoGarante

from .admin_views import (
    ContactosPorVerificarView,
    CuentasPorVerificarPanel,
    ImportarCuentasView,
    ImportarEstadoView,
)
from .models import AreaComunicacion, CuentaSocial

#: How long ago each contact was verified («Hace 200 días», «Nunca verificada»).
COLUMNA_ANTIGUEDAD = Column(
    "antiguedad_verificacion", label=_("Última verificación"), accessor="antiguedad_verificacion"
)


class CuentaSocialFilterSet(RegionFilterMixin, WagtailFilterSet):
    region = filtro_region(field_name="organismo__region")
    estado_organismo = django_filters.ChoiceFilter(
        label=_("Estado de la institución"),
        field_name="organismo__estado",
        choices=OrganismoGarante.Estado.choices,
        empty_label=_("Todos"),
    )
    plataforma = django_filters.ChoiceFilter(
        label=_("Plataforma"), choices=CuentaSocial.Plataforma.choices, empty_label=_("Todas")
    )
    estado_vigente = django_filters.ChoiceFilter(
        label=_("Estado de la cuenta"),
        choices=CuentaSocial.Estado.choices,
        method="filtrar_estado_vigente",
        empty_label=_("Todos"),
    )

    def filtrar_estado_vigente(self, queryset, name, value):
        return queryset.filtrar_estado_vigente(value) if value else queryset

    class Meta:
        model = CuentaSocial
        fields = []


AreaComunicacionFilterSet = filterset_de(
    AreaComunicacion,
    RegionFilterSet,
    region=filtro_region(field_name="organismo__region"),
    estado_organismo=filtro_opciones(
        _("Estado de la institución"),
        OrganismoGarante.Estado.choices,
        field_name="organismo__estado",
    ),
)


class CuentaSocialIndexView(ImportarCSVIndexMixin, RegionScopedSnippetViewSet.index_view_class):
    """The region-scoped listing, plus buttons to the CSV imports."""

    importaciones = [
        (_("Importar CSV"), "directorio_importar_cuentas", CuentaSocial, "add"),
        (
            _("Importar estado de instituciones"),
            "directorio_importar_estado",
            OrganismoGarante,
            "change",
        ),
    ]


class CuentaSocialViewSet(RegionScopedSnippetViewSet):
    model = CuentaSocial
    icon = "link"
    menu_label = _("Cuentas en redes")
    index_view_class = CuentaSocialIndexView
    filterset_class = CuentaSocialFilterSet
    search_fields = ["usuario", "url", "organismo__nombre", "organismo__siglas"]
    list_display = [
        "__str__",
        "organismo",
        "plataforma",
        Column("estado_vigente", label=_("Estado"), accessor="get_estado_vigente_display"),
        DateColumn("verificada_el", label=_("Verificada el")),
        COLUMNA_ANTIGUEDAD,
    ]
    list_export, export_headings = columnas_exportacion(
        {
            "organismo.clave": "organismo",
            "organismo.nombre": "institución",
            "organismo.region.nombre": "región",
            "plataforma": "plataforma",
            "usuario": "usuario",
            "url": "url",
            "estado": "estado registrado",
            "estado_vigente": "estado vigente",
            "verificada_el": "verificada_el",
        }
    )
    export_filename = "cuentas-redes-sociales"
    relacionados = ("organismo__region",)


class AreaComunicacionViewSet(RegionScopedSnippetViewSet):
    model = AreaComunicacion
    icon = "mail"
    menu_label = _("Áreas de comunicación")
    filterset_class = AreaComunicacionFilterSet
    search_fields = ["organismo__nombre", "organismo__siglas", "titulo_responsable", "correo"]
    list_display = [
        "organismo",
        "nombre",
        "correo",
        "telefono",
        DateColumn("verificada_el", label=_("Verificada el")),
        COLUMNA_ANTIGUEDAD,
    ]
    list_export, export_headings = columnas_exportacion(
        {
            "organismo.clave": "organismo",
            "organismo.nombre": "institución",
            "organismo.region.nombre": "región",
            "titulo_responsable": "cargo responsable",
            "correo": "correo",
            "telefono": "teléfono",
            "domicilio": "domicilio",
            "sitio": "sitio web",
        }
    )
    export_filename = "areas-de-comunicacion"
    relacionados = ("organismo__region",)


class DirectorioGroup(SnippetViewSetGroup):
    menu_label = _("Directorio")
    menu_icon = "list-ul"
    menu_order = 260
    items = (CuentaSocialViewSet, AreaComunicacionViewSet)


register_snippet(DirectorioGroup)


@hooks.register("register_admin_urls")
def register_importar_urls():
    return [
        path(
            "directorio/cuentas/importar/",
            ImportarCuentasView.as_view(),
            name="directorio_importar_cuentas",
        ),
        path(
            "directorio/instituciones/importar-estado/",
            ImportarEstadoView.as_view(),
            name="directorio_importar_estado",
        ),
    ]


@hooks.register("register_admin_urls")
def register_contactos_por_verificar_urls():
    return [
        path(
            "directorio/contactos-por-verificar/",
            ContactosPorVerificarView.as_view(),
            name="directorio_contactos_por_verificar",
        ),
        path(
            "directorio/contactos-por-verificar/results/",
            ContactosPorVerificarView.as_view(results_only=True),
            name="directorio_contactos_por_verificar_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_contactos_por_verificar_menu_item():
    return NationalMenuItem(
        _("Contactos sin verificar"),
        reverse("directorio_contactos_por_verificar"),
        icon_name="warning",
        order=60,
    )


@hooks.register("construct_homepage_panels")
def add_por_verificar_panel(request, panels):
    panels.append(CuentasPorVerificarPanel(request.user))


@hooks.register("enlazar_organismo")
def enlazar_organismo():
    """The institutions' pages, for core's «¿Dónde ejerzo hoy mi derecho?» (regiones.hoy)."""
    from .datos import PaginasDirectorio

    paginas = PaginasDirectorio()
    return lambda organismo, request: paginas.url_organismo(organismo, request)


@hooks.register("enlazar_donde_ejercer")
def enlazar_donde_ejercer(region, request):
    """The directory section that answers for every state of a site (core's home uses it)."""
    from .datos import PaginasDirectorio

    pagina = PaginasDirectorio().para_region(region)
    url = pagina.get_url(request) if pagina is not None else ""
    return f"{url}#donde-ejerzo" if url else ""
