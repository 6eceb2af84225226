"""Where the official-media registry plugs into the admin: viewsets, state changes,
import, the coordination views and the dashboard panels."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn

from cms import paneles
from cms.convenios_admin import ConvenioViewSetBase, registrar_transicion
from cms.viewsets import (
    ImportarCSVIndexMixin,
    RegionScopedSnippetViewSet,
    registrar_grupo,
)
from regiones.models import EntidadFederativa

from .admin_views import (
    PANELES,
    CalendarioView,
    CampanasView,
    CampanaView,
    CoberturaView,
    ImportarMediosView,
    puede_ver,
)
from .models import ConvenioMedio, MedioOficial, Pauta

# --- Official media -----------------------------------------------------------------------


class MedioOficialIndexView(ImportarCSVIndexMixin, RegionScopedSnippetViewSet.index_view_class):
    importaciones = [(_("Importar CSV"), "medios_importar", MedioOficial, "add")]


class MedioOficialViewSet(RegionScopedSnippetViewSet):
    model = MedioOficial
    icon = "media"
    menu_label = _("Medios")
    index_view_class = MedioOficialIndexView
    filtros = (
        "tipo",
        "ambito",
        (
            "entidad",
            django_filters.ModelChoiceFilter(
                label=_("Entidad federativa"),
                queryset=EntidadFederativa.objects.all(),
                empty_label=_("Todas"),
            ),
        ),
    )
    search_fields = ["nombre", "siglas", "institucion_propietaria", "notas"]
    list_display = ["__str__", "tipo", "ambito", "entidad", "region"]
    exportacion = (
        ("pk", "id"),
        *("nombre", "siglas", "tipo", "ambito"),
        ("nombre_entidad", "entidad"),
        *("region.nombre", "institucion_propietaria", "sitio_web", "contacto", "fuente", "notas"),
    )
    export_filename = "medios_oficiales"


# --- Agreements ---------------------------------------------------------------------------


class ConvenioMedioViewSet(ConvenioViewSetBase):
    model = ConvenioMedio
    filtros = (("medio__tipo", _("Tipo de medio")), "tiempos_oficiales")
    columnas = ("medio", "region")
    exportar = ({"medio.nombre": "medio"}, {"tiempos_oficiales": "tiempos oficiales"})
    export_filename = "convenios_medios"


# --- Schedules ----------------------------------------------------------------------------


class PautaViewSet(RegionScopedSnippetViewSet):
    model = Pauta
    icon = "date"
    filtros = ("estado", "formato")
    search_fields = ["material", "notas", "medio__nombre", "campana__title"]
    list_display = [
        Column("que", label=_("Qué se transmite")),
        "medio",
        "formato",
        Column("frecuencia", label=_("Frecuencia")),
        DateColumn("inicio", label=_("Inicio")),
        DateColumn("fin", label=_("Fin")),
        Column("estado", label=_("Estado"), accessor="get_estado_display"),
    ]
    exportacion = (
        ("pk", "id"),
        ("que", "qué se transmite"),
        *("medio.nombre", "region.nombre"),
        ("titulo_convenio", "convenio"),
        *("formato", "inicio", "fin", "impactos_por_dia", "impactos_por_semana"),
        ("impactos_totales", "impactos en el periodo"),
        *("alcance_estimado", "estado"),
    )
    export_filename = "pautas"
    relacionados = ("campana", "convenio")


registrar_grupo(
    _("Medios oficiales"), "media", 275, (MedioOficialViewSet, ConvenioMedioViewSet, PautaViewSet)
)


@hooks.register("register_admin_urls")
def register_medios_urls():
    return [
        path("medios/importar/", ImportarMediosView.as_view(), name="medios_importar"),
        path("medios/calendario/", CalendarioView.as_view(), name="medios_calendario"),
        path("medios/cobertura/", CoberturaView.as_view(), name="medios_cobertura"),
        path("medios/campanas/", CampanasView.as_view(), name="medios_campanas"),
        path("medios/campanas/<int:pk>/", CampanaView.as_view(), name="medios_campana"),
    ]


class InformeMenuItem(MenuItem):
    def __init__(self, *args, modelo, **kwargs):
        super().__init__(*args, **kwargs)
        self.modelo = modelo

    def is_shown(self, request):
        return puede_ver(request.user, self.modelo)


@hooks.register("register_reports_menu_item")
def register_calendario_menu_item():
    return InformeMenuItem(
        _("Calendario de pautas"),
        reverse("medios_calendario"),
        icon_name="date",
        order=730,
        modelo=Pauta,
    )


@hooks.register("register_reports_menu_item")
def register_cobertura_menu_item():
    return InformeMenuItem(
        _("Cobertura de medios"),
        reverse("medios_cobertura"),
        icon_name="site",
        order=731,
        modelo=MedioOficial,
    )


@hooks.register("register_reports_menu_item")
def register_campanas_menu_item():
    return InformeMenuItem(
        _("Difusión de campañas en medios"),
        reverse("medios_campanas"),
        icon_name="pick",
        order=732,
        modelo=Pauta,
    )


registrar_transicion(ConvenioMedio, "medios/convenios/")

paneles.registrar(PANELES)
