"""National curation in the admin: the decision screen, the listing and the dashboard panel.

The decision screen (the proposals' edit view) shows what is being decided: the page as a card
with its link, the region, who proposed it and why, and what the national home already
features. *Aceptar* and *No aceptar* are buttons; the optional comment travels to the region
with the outcome (``cms.curaduria.avisar_decision``).
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView

from regiones.models import user_is_national

from .curaduria import PropuestaRed, revisar
from .formularios import AdminModelForm
from .viewsets import AdminModelViewSet


class DecisionForm(AdminModelForm):
    """The state comes from the button pressed (Aceptar / No aceptar), never from a list."""

    estado = forms.ChoiceField(
        label=gettext_lazy("decisión"),
        choices=[
            (PropuestaRed.Estado.ACEPTADA, gettext_lazy("Aceptar")),
            (PropuestaRed.Estado.RECHAZADA, gettext_lazy("No aceptar")),
        ],
        error_messages={"required": gettext_lazy("Elija «Aceptar» o «No aceptar».")},
    )

    class Meta:
        model = PropuestaRed
        fields = ["estado", "comentario", "orden", "vigente_hasta"]
        labels = {"comentario": gettext_lazy("Comentario para la región (opcional)")}


class DecisionView(EditView):
    template_name = "cms/admin/curaduria_decidir.html"

    def get_form_class(self):
        return DecisionForm

    def get_page_title(self):
        return _("Decidir una propuesta a la red")

    def get_page_subtitle(self):
        return self.object.pagina.title

    def save_instance(self):
        datos = self.form.cleaned_data
        return revisar(
            self.object,
            self.request.user,
            datos["estado"],
            comentario=datos["comentario"],
            orden=datos["orden"],
            vigente_hasta=datos["vigente_hasta"],
        )

    def get_success_message(self, instance=None):
        propuesta = instance or self.object
        if propuesta.estado == PropuestaRed.Estado.ACEPTADA:
            texto = _("Aceptó «%(titulo)s» de %(region)s. Se avisó a la región.")
        else:
            texto = _("No aceptó «%(titulo)s» de %(region)s. Se avisó a la región.")
        return texto % {"titulo": propuesta.pagina.title, "region": propuesta.region.nombre}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        propuesta = self.object
        context.update(
            {
                "propuesta": propuesta,
                "pagina": propuesta.pagina.specific,
                "destacadas": PropuestaRed.objects.vigentes().exclude(pk=propuesta.pk),
                "campos": [
                    self.form[nombre] for nombre in ("comentario", "orden", "vigente_hasta")
                ],
            }
        )
        return context


class PropuestaRedViewSet(AdminModelViewSet):
    model = PropuestaRed
    icon = "pick"
    menu_label = gettext_lazy("Curaduría de la red")
    menu_order = 270
    add_to_admin_menu = True
    edit_view_class = DecisionView
    list_display = ["pagina", "region", "propuesta_por", "estado", "propuesta_en", "orden"]
    list_filter = ["estado", "region"]
    form_fields = ["estado", "comentario", "orden", "vigente_hasta"]


class PanelPropuestasPendientes(Component):
    """Dashboard of the national coordination: proposals waiting for a decision."""

    name = "propuestas_pendientes"
    order = 90
    template_name = "cms/admin/panel_propuestas_pendientes.html"
    limite = 10

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not user_is_national(self.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        pendientes = PropuestaRed.objects.pendientes().select_related(
            "pagina", "region", "propuesta_por"
        )
        total = pendientes.count()
        return {
            "total": total,
            "resumen": ngettext(
                "%(total)d propuesta de las regiones espera su decisión.",
                "%(total)d propuestas de las regiones esperan su decisión.",
                total,
            )
            % {"total": total},
            "propuestas": pendientes.order_by("propuesta_en")[: self.limite],
            "url_listado": reverse("curaduria:index") + "?estado=pendiente",
        }


@hooks.register("register_admin_viewset")
def register_curaduria_viewset():
    return PropuestaRedViewSet("curaduria")


@hooks.register("construct_homepage_panels")
def panel_propuestas(request, panels):
    panels.append(PanelPropuestasPendientes(request.user))
