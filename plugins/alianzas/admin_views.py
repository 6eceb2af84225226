"""Admin views: state changes of agreements, organization import, the national view and
the coordination dashboard panels."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms import paneles
from cms.ciclo import Estado
from cms.convenios_admin import ImportarContraparteView
from cms.graficas import grafica_barras
from cms.permissions import readable, readable_regions, reads_every_region

from . import estadisticas as est
from .forms import puede_publicar
from .models import Convenio, Organizacion, Vinculo
from .organizaciones_csv import OrganizacionImporter

LISTADO_CONVENIOS = "wagtailsnippets_alianzas_convenio:list"
LISTADO_VINCULOS = "wagtailsnippets_alianzas_vinculo:list"


def es_vista_nacional(user):
    """The national view is for whoever sees agreements of every region."""
    return reads_every_region(Convenio, user)


# --- Organization import ------------------------------------------------------------------


class ImportarOrganizacionesView(ImportarContraparteView):
    model = Organizacion
    importer_class = OrganizacionImporter
    required_actions = ("add", "change")
    template_name = "alianzas/admin/importar_organizaciones.html"
    page_title = _("Importar organizaciones")
    success_message = _(
        "Se importaron %(total)d organizaciones: %(nuevos)d nuevas y %(actualizados)d actualizadas."
    )
    conflict_message = _(
        "Otra persona guardó las mismas organizaciones mientras se importaba el archivo; no "
        "se importó nada. Inténtelo de nuevo."
    )


# --- National view ------------------------------------------------------------------------


class VistaNacionalView(WagtailAdminTemplateMixin, TemplateView):
    """Agreements of every region, by state, region and type; charts without JavaScript."""

    template_name = "alianzas/admin/vista_nacional.html"
    page_title = _("Convenios en la red")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not es_vista_nacional(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        convenios = readable(Convenio, user)
        regiones = readable_regions(Convenio, user)
        por_estado = est.conteo(convenios, "estado", Estado.choices)
        por_region = est.conteo_por_region(convenios, regiones)
        por_tipo = est.conteo(convenios, "tipo", Convenio.Tipo.choices)
        context.update(
            {
                "graficas": [
                    grafica_barras(
                        ident,
                        titulo,
                        datos,
                        introduccion=intro,
                        unidad="convenios",
                    )
                    for ident, titulo, intro, datos in (
                        (
                            "por-estado",
                            _("Convenios por estado"),
                            _("Número de convenios en cada estado."),
                            por_estado,
                        ),
                        (
                            "por-region",
                            _("Convenios por región responsable"),
                            _("Número de convenios de cada región."),
                            por_region,
                        ),
                        (
                            "por-tipo",
                            _("Convenios por tipo"),
                            _("Número de convenios de cada tipo."),
                            por_tipo,
                        ),
                    )
                ],
                "tabla": est.por_estado_y_region(convenios, regiones),
                "total": convenios.count(),
            }
        )
        return context


# --- Dashboard panels ---------------------------------------------------------------------


class PanelAlianzas(paneles.PanelRegional):
    """Base: shown to the coordinations, with the user's regions only."""

    model = Convenio

    def visible(self):
        return puede_publicar(self.user)


class PanelConveniosPorEstado(PanelAlianzas):
    name = "alianzas_por_estado"
    template_name = "alianzas/admin/panel_por_estado.html"
    order = 250

    def get_context_data(self, parent_context=None):
        return {
            "tabla": est.por_estado_y_region(
                self.registros(), readable_regions(Convenio, self.user)
            ),
            "url_listado": reverse(LISTADO_CONVENIOS),
        }


class PanelCompromisosVencidos(PanelAlianzas):
    name = "alianzas_compromisos_vencidos"
    template_name = "alianzas/admin/panel_compromisos.html"
    order = 251

    def get_context_data(self, parent_context=None):
        compromisos = est.compromisos_vencidos(self.registros())
        return {"compromisos": list(compromisos[: self.limite]), "total": compromisos.count()}


class PanelPorTerminar(PanelAlianzas, paneles.PanelPorTerminar):
    name = "alianzas_por_terminar"
    order = 252
    dias = est.DIAS_POR_TERMINAR


class PanelOportunidades(PanelAlianzas):
    name = "alianzas_oportunidades"
    template_name = "alianzas/admin/panel_oportunidades.html"
    order = 253

    def get_context_data(self, parent_context=None):
        organizaciones = est.oportunidades(readable(Vinculo, self.user), self.registros())
        return {
            "organizaciones": list(organizaciones[: self.limite]),
            "total": organizaciones.count(),
        }


PANELES = (PanelConveniosPorEstado, PanelCompromisosVencidos, PanelPorTerminar, PanelOportunidades)
