"""Admin screens of issue 3: adapting campaigns and proposing pages to the network."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from regiones.models import Region

from .campanas import adaptar_campana, campanas_de_la_red, regiones_que_adaptan
from .curaduria import proponer, puede_proponer


class CampanasRedView(WagtailAdminTemplateMixin, TemplateView):
    """The network's campaigns, each original once with its adaptations under it, and an
    "Adaptar en mi región" button (or the region's existing adaptation)."""

    template_name = "cms/admin/campanas_red.html"
    page_title = _("Campañas de la red")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        self.regiones = regiones_que_adaptan(request.user)
        if not self.regiones:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filas"] = campanas_de_la_red(self.request.user)[:200]
        context["regiones"] = self.regiones
        return context

    def post(self, request, *args, **kwargs):
        from .models import Campana
        from .visibilidad import paginas_publicas

        campana = get_object_or_404(
            paginas_publicas(Campana.objects.all()), pk=request.POST.get("campana")
        )
        region_id = request.POST.get("region")
        if region_id:
            region = Region.objects.filter(pk=region_id).first()
        else:
            region = self.regiones[0] if len(self.regiones) == 1 else None
        if region is None:
            messages.error(request, _("Elige la región en la que quieres adaptar la campaña."))
            return redirect("cms_campanas_red")
        copia, creada = adaptar_campana(campana, region, request.user)
        if creada:
            messages.success(
                request,
                _(
                    "Se creó un borrador de «%(titulo)s» en %(region)s. Adáptalo y envíalo a "
                    "revisión."
                )
                % {"titulo": copia.title, "region": region.nombre},
            )
        else:
            messages.info(
                request,
                _(
                    "%(region)s ya tiene una adaptación de esta campaña, «%(titulo)s»: sigue "
                    "con ella."
                )
                % {"titulo": copia.title, "region": region.nombre},
            )
        return redirect("wagtailadmin_pages:edit", copia.pk)


class PropuestaForm(forms.Form):
    motivo = forms.CharField(
        label=_("¿Por qué interesa a toda la red?"), widget=forms.Textarea, required=False
    )


class ProponerView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/proponer.html"
    page_title = _("Proponer a la red")
    header_icon = "pick"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not puede_proponer(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["form"] = kwargs.get("form") or PropuestaForm()
        return context

    def post(self, request, *args, **kwargs):
        form = PropuestaForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        _propuesta, creada = proponer(self.page, request.user, form.cleaned_data["motivo"])
        if creada:
            messages.success(request, _("Propusiste la página a la coordinación nacional."))
        else:
            messages.info(
                request, _("Esta página ya espera la revisión de la coordinación nacional.")
            )
        return redirect(reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]))
