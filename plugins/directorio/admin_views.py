"""Admin views of the directory: CSV import of accounts and the coordination panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from cms import paneles
from cms.importing import CSVImportView

from .cuentas_csv import CuentaSocialImporter
from .models import DIAS_VIGENCIA_VERIFICACION, CuentaSocial

LISTADO_CUENTAS = "wagtailsnippets_directorio_cuentasocial:list"


def politica_cuentas():
    return policy_registry.get_by_type(CuentaSocial)


class ImportarCuentasView(CSVImportView):
    model = CuentaSocial
    importer_class = CuentaSocialImporter
    listing_url_name = LISTADO_CUENTAS
    template_name = "directorio/admin/importar_cuentas.html"
    page_title = _("Importar cuentas en redes sociales")
    help_text = _(
        "UTF-8, separado por comas, con una fila de encabezado. Columnas obligatorias: "
        "organismo o clave (clave de la institución) y plataforma; además url, usuario, "
        "estado (activa, inactiva o por_verificar), verificada_el (AAAA-MM-DD), fuente, "
        "fecha_fuente y notas. Acepta tal cual el archivo de cuentas y comunicación de la red."
    )
    success_message = _(
        "Se importaron %(total)d cuentas: %(nuevos)d nuevas y %(actualizados)d actualizadas."
    )
    conflict_message = _(
        "Otra persona guardó las mismas cuentas mientras se importaba el archivo; no se "
        "importó nada. Inténtelo de nuevo."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plataformas"] = CuentaSocial.Plataforma.choices
        context["regiones"] = politica_cuentas().regions_user_has_any_permission_for(
            self.request.user, ("add",)
        )
        return context


class CuentasPorVerificarPanel(paneles.PanelRegional):
    """Dashboard: accounts of the user's regions that nobody verified recently, for whoever
    may edit them; left out while there are none."""

    model = CuentaSocial
    name = "directorio_por_verificar"
    template_name = "directorio/admin/panel_por_verificar.html"
    order = 240
    heading = _("Cuentas en redes por verificar")
    acciones = ("change",)
    ocultar_vacio = True

    def seleccion(self, registros):
        return (
            registros.por_verificar()
            .select_related("organismo__region")
            .order_by("verificada_el", "organismo__nombre")
        )

    def etiqueta(self, cuenta):
        return f"{cuenta.get_plataforma_display()} · {cuenta.usuario or cuenta.url}"

    def get_url_listado(self):
        return reverse(LISTADO_CUENTAS) + "?estado_vigente=por_verificar"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["dias"] = DIAS_VIGENCIA_VERIFICACION
        return context
