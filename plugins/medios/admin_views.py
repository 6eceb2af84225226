"""Admin views: state changes of agreements, the outlets' CSV import, the coordination
views (schedule calendar, coverage by state, campaign airing) and the dashboard panels."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from cms import paneles
from cms.aislamiento import pagina_alcanzable
from cms.convenios_admin import ImportarContraparteView
from cms.graficas import grafica_barras
from cms.models import Campana
from cms.permissions import VIEW_ACTIONS, readable, readable_regions
from cms.visibilidad import es_pagina_publica

from . import informes
from .medios_csv import MedioImporter
from .models import ConvenioMedio, MedioOficial, Pauta

LISTADO_PAUTAS = "wagtailsnippets_medios_pauta:list"


def puede_ver(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, VIEW_ACTIONS)


# --- Import -------------------------------------------------------------------------------


class ImportarMediosView(ImportarContraparteView):
    model = MedioOficial
    importer_class = MedioImporter
    template_name = "medios/admin/importar_medios.html"
    page_title = _("Importar medios oficiales")
    success_message = _(
        "Se importaron %(total)d medios: %(nuevos)d nuevos y %(actualizados)d actualizados."
    )
    conflict_message = _(
        "Otra persona guardó los mismos medios mientras se importaba el archivo; no se "
        "importó nada. Inténtelo de nuevo."
    )


# --- Coordination views -------------------------------------------------------------------


class InformeMedios(WagtailAdminTemplateMixin, TemplateView):
    """Base: for whoever may see records of the model in at least one region."""

    modelo_requerido = Pauta

    def dispatch(self, request, *args, **kwargs):
        if not puede_ver(request.user, self.modelo_requerido):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CalendarioView(InformeMedios):
    """Schedules by month (columns: weeks) or ISO week (columns: days)."""

    template_name = "medios/admin/calendario.html"
    page_title = _("Calendario de pautas")
    header_icon = "date"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        try:
            periodo = informes.leer_periodo(request.GET)
            status = 200
        except informes.PeriodoInvalido as exc:
            context["error_periodo"] = str(exc)
            periodo = informes.leer_periodo({})
            status = 400
        context["periodo"] = periodo
        context["calendario"] = informes.calendario(readable(Pauta, request.user), periodo)
        context["url_listado"] = reverse(LISTADO_PAUTAS)
        context["semana_actual"] = informes.semana_iso(periodo.inicio)
        context["mes_actual"] = informes.mes_iso(periodo.inicio)
        return self.render_to_response(context, status=status)


class CoberturaView(InformeMedios):
    """Which states have an outlet with an agreement in force."""

    template_name = "medios/admin/cobertura.html"
    page_title = _("Cobertura de medios por entidad")
    header_icon = "site"
    modelo_requerido = MedioOficial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regiones = readable_regions(MedioOficial, self.request.user)
        datos = informes.cobertura(regiones)
        barras = [(nombre, cubiertas) for nombre, cubiertas, _total in datos["por_region"]]
        context.update(
            {
                "cobertura": datos,
                "grafica": grafica_barras(
                    "cobertura-por-region",
                    _("Entidades con un medio con convenio vigente, por región"),
                    barras,
                    descripcion="; ".join(
                        f"{nombre}: {cubiertas} de {total}"
                        for nombre, cubiertas, total in datos["por_region"]
                    )
                    + ".",
                    unidad="entidades",
                ),
            }
        )
        return context


class CampanasView(InformeMedios):
    """Campaigns with schedules in the user's regions and their slots."""

    template_name = "medios/admin/campanas.html"
    page_title = _("Difusión de campañas en medios")
    header_icon = "pick"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filas"] = informes.campanas_con_pautas(readable(Pauta, self.request.user))
        return context


class CampanaView(InformeMedios):
    """Where and how often one campaign aired: slots per outlet, aired and scheduled."""

    template_name = "medios/admin/campana.html"
    header_icon = "pick"

    def dispatch(self, request, pk, *args, **kwargs):
        self.campana = get_object_or_404(Campana, pk=pk)
        # A public campaign's airing is everyone's report; a draft, private or expired one is
        # named only to those who reach its page (another region's drafts stay unseen).
        if not (es_pagina_publica(self.campana) or pagina_alcanzable(request.user, self.campana)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Difusión de «%(campana)s»") % {"campana": self.campana.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("medios_campanas"), "label": CampanasView.page_title},
            {"url": "", "label": self.campana.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        datos = informes.difusion_campana(self.campana, readable(Pauta, self.request.user))
        transmitidos = [(str(f["medio"]), f["transmitidos"]) for f in datos["filas"]]
        programados = [(str(f["medio"]), f["programados"]) for f in datos["filas"]]
        context.update(
            {
                "campana": self.campana,
                "difusion": datos,
                "graficas": [
                    grafica_barras(
                        "transmitidos",
                        _("Impactos transmitidos por medio"),
                        transmitidos,
                        introduccion=_("Impactos ya transmitidos en cada medio."),
                        unidad="impactos",
                    ),
                    grafica_barras(
                        "programados",
                        _("Impactos programados por medio"),
                        programados,
                        introduccion=_(
                            "Impactos programados que aún no se marcan como transmitidos."
                        ),
                        unidad="impactos",
                    ),
                ]
                if datos["filas"]
                else [],
            }
        )
        return context


# --- Dashboard panels ---------------------------------------------------------------------


class PanelConveniosPorTerminar(paneles.PanelPorTerminar):
    """Agreements with outlets of the user's regions whose term ends within 90 days."""

    model = ConvenioMedio
    name = "medios_convenios_por_terminar"
    order = 255


class PanelPautasProximas(paneles.PanelRegional):
    """Schedules of the user's regions on air from today on for ``dias`` days (cancelled
    ones aside)."""

    model = Pauta
    name = "medios_pautas_proximas"
    template_name = "medios/admin/panel_pautas.html"
    order = 256
    dias = 7

    def get_heading(self):
        return _("Pautas de los próximos %(dias)d días") % {"dias": self.dias}

    def etiqueta(self, pauta):
        return pauta.que or str(pauta)

    def periodo(self):
        hoy = timezone.localdate()
        return hoy, hoy + timedelta(days=self.dias - 1)

    def seleccion(self, registros):
        return (
            registros.activas()
            .en_periodo(*self.periodo())
            .select_related("medio", "campana", "region")
            .order_by("inicio", "medio__nombre", "pk")
        )

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["desde"], context["hasta"] = self.periodo()
        return context


PANELES = (PanelConveniosPorTerminar, PanelPautasProximas)
