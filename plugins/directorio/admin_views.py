"""Admin views of the directory: CSV import of accounts and the coordination panel."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from cms.permissions import VIEW_ACTIONS

from .cuentas_csv import COLUMNAS, COLUMNAS_OPCIONALES, EJEMPLO_CSV, CuentaSocialImporter
from .models import DIAS_VIGENCIA_VERIFICACION, CuentaSocial

LISTADO_CUENTAS = "wagtailsnippets_directorio_cuentasocial:list"


def politica_cuentas():
    return policy_registry.get_by_type(CuentaSocial)


class ImportarCuentasForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "UTF-8, separado por comas, con una fila de encabezado. Columnas obligatorias: "
            "organismo (clave de la institución), plataforma y url; opcionales: usuario, "
            "estado (activa, inactiva o por_verificar) y verificada_el (AAAA-MM-DD)."
        ),
    )


class ImportarCuentasView(WagtailAdminTemplateMixin, FormView):
    """Validates every row first; imports nothing if one row is wrong."""

    template_name = "directorio/admin/importar_cuentas.html"
    form_class = ImportarCuentasForm
    page_title = _("Importar cuentas en redes sociales")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not politica_cuentas().user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(LISTADO_CUENTAS), "label": CuentaSocial._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "columnas": COLUMNAS,
                "columnas_opcionales": COLUMNAS_OPCIONALES,
                "ejemplo": EJEMPLO_CSV,
                "plataformas": CuentaSocial.Plataforma.choices,
                "regiones": politica_cuentas().regions_user_has_any_permission_for(
                    self.request.user, ("add",)
                ),
            }
        )
        return context

    def form_valid(self, form):
        importer = CuentaSocialImporter(self.request.user)
        try:
            result = importer.run(form.cleaned_data["archivo"])
        except IntegrityError:
            result = None
        if result is None or not result.ok:
            context = self.get_context_data(form=form)
            context["errores"] = (
                result.errors
                if result is not None
                else [
                    _(
                        "Otra persona guardó las mismas cuentas mientras se importaba el "
                        "archivo; no se importó nada. Inténtelo de nuevo."
                    )
                ]
            )
            context["filas"] = result.rows if result is not None else 0
            return self.render_to_response(context)
        messages.success(
            self.request,
            _("Se importaron %(total)d cuentas: %(nuevas)d nuevas y %(actualizadas)d actualizadas.")
            % {"total": result.saved, "nuevas": result.created, "actualizadas": result.updated},
        )
        return redirect(LISTADO_CUENTAS)


class CuentasPorVerificarPanel(Component):
    """Dashboard: accounts of the user's regions that nobody verified recently."""

    name = "directorio_por_verificar"
    template_name = "directorio/admin/panel_por_verificar.html"
    order = 240
    limite = 10

    def __init__(self, user):
        self.user = user

    def queryset(self):
        policy = politica_cuentas()
        if not policy.user_has_any_permission(self.user, VIEW_ACTIONS):
            return CuentaSocial.objects.none()
        return policy.filter_for_user(
            CuentaSocial.objects.por_verificar().select_related("organismo__region"),
            self.user,
            ("change",),
        ).order_by("verificada_el", "organismo__nombre")

    def render_html(self, parent_context=None):
        if not self.queryset().exists():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        queryset = self.queryset()
        return {
            "cuentas": list(queryset[: self.limite]),
            "total": queryset.count(),
            "dias": DIAS_VIGENCIA_VERIFICACION,
            "url_listado": reverse(LISTADO_CUENTAS) + "?estado_vigente=por_verificar",
        }
