"""Admin views of the directory: CSV import of accounts, the coordination panel and the
national report of contacts nobody verified recently."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from cms import paneles
from cms.hojas import FormulaSafeExportMixin
from cms.importing import CSVImportView
from regiones.models import OrganismoGarante, user_is_national

from .cuentas_csv import CuentaSocialImporter
from .estado_csv import EstadoOrganismoImporter
from .models import (
    DIAS_VIGENCIA_VERIFICACION,
    AreaComunicacion,
    CuentaSocial,
    CuentaSocialQuerySet,
    antiguedad,
    dias_desde,
)

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


class ImportarEstadoView(CSVImportView):
    """Status of the user's region's institutions, with the shared status file's columns."""

    model = OrganismoGarante
    importer_class = EstadoOrganismoImporter
    listing_url_name = "instituciones:index"
    template_name = "directorio/admin/importar_estado.html"
    page_title = _("Importar el estado de las instituciones")
    required_actions = ("change",)
    help_text = _(
        "UTF-8, separado por comas, con las columnas del archivo de estado de la red: clave, "
        "estado (vigente, en_extincion o extinta), fecha_extincion (AAAA-MM-DD), "
        "fundamento_legal, fuente (URL; varias separadas por « | »), fecha_fuente, "
        "sucesor_nombre, sucesor_siglas y notas."
    )
    success_message = _(
        "Se importaron %(total)d filas: %(nuevos)d instituciones sucesoras nuevas y "
        "%(actualizados)d instituciones actualizadas."
    )


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


@dataclass
class ContactoPorVerificar:
    """One row of the national report: an account or a communication area."""

    tipo: str
    institucion: str
    clave: str
    region: str
    contacto: str
    verificada_el: date | None
    url_edicion: str

    @property
    def antiguedad(self):
        return antiguedad(self.verificada_el)

    @property
    def dias(self):
        return dias_desde(self.verificada_el)


class ContactosPorVerificarView(FormulaSafeExportMixin, ReportView):
    """Every region's contacts (accounts not marked inactive, communication areas) not
    verified in the last 180 days, oldest first, for the national coordination."""

    page_title = _("Contactos sin verificar en 180 días")
    header_icon = "warning"
    index_url_name = "directorio_contactos_por_verificar"
    index_results_url_name = "directorio_contactos_por_verificar_results"
    results_template_name = "directorio/admin/contactos_por_verificar_results.html"
    paginate_by = 100
    list_export = [
        "tipo", "institucion", "clave", "region", "contacto", "verificada_el", "antiguedad",
    ]  # fmt: skip
    export_headings = {
        "tipo": _("Tipo"),
        "institucion": _("Institución"),
        "clave": _("Clave"),
        "region": _("Región"),
        "contacto": _("Contacto"),
        "verificada_el": _("Verificada el"),
        "antiguedad": _("Última verificación"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_is_national(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dias"] = DIAS_VIGENCIA_VERIFICACION
        return context

    def get_queryset(self):
        limite = CuentaSocialQuerySet.limite_verificacion()
        viejas = Q(verificada_el__isnull=True) | Q(verificada_el__lt=limite)
        filas = [
            ContactoPorVerificar(
                _("Cuenta en redes"),
                c.organismo.nombre,
                c.organismo.clave,
                c.organismo.region.nombre,
                f"{c.get_plataforma_display()} · {c.usuario or c.url}",
                c.verificada_el,
                reverse("wagtailsnippets_directorio_cuentasocial:edit", args=[c.pk]),
            )
            for c in CuentaSocial.objects.publicas()
            .filter(viejas)
            .select_related("organismo__region")
        ]
        filas += [
            ContactoPorVerificar(
                _("Área de comunicación"),
                a.organismo.nombre,
                a.organismo.clave,
                a.organismo.region.nombre,
                a.nombre or a.correo or a.telefono or "—",
                a.verificada_el,
                reverse("wagtailsnippets_directorio_areacomunicacion:edit", args=[a.pk]),
            )
            for a in AreaComunicacion.objects.filter(viejas).select_related("organismo__region")
        ]
        return sorted(filas, key=lambda f: (f.verificada_el or date.min, f.region, f.institucion))
