"""Admin views of search: per-site promoted results and the anonymous query report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cms.visibilidad import paginas_publicas
from regiones.models import Region, user_is_national

from .models import ConsultaBusqueda, PromocionSitio


class PromocionForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Sitio"))
    consulta = forms.CharField(label=_("Consulta"), max_length=255)
    pagina = forms.ModelChoiceField(queryset=Page.objects.none(), label=_("Página destacada"))
    descripcion = forms.CharField(label=_("Descripción"), required=False, widget=forms.Textarea)
    orden = forms.IntegerField(label=_("Orden"), initial=0, min_value=0)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        roots = [r.site.root_page for r in regions.select_related("site__root_page") if r.site]
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        # Only public pages (cms.visibilidad): a private or unpublished page is never offered
        # and, posted anyway, refused as an invalid choice.
        self.fields["pagina"].queryset = paginas_publicas(pages).order_by("path")

    def clean(self):
        cleaned = super().clean()
        region, page = cleaned.get("region"), cleaned.get("pagina")
        if region and page and Region.for_page(page) != region:
            self.add_error("pagina", _("La página debe pertenecer al sitio elegido."))
        return cleaned


class PromocionesView(WagtailAdminTemplateMixin, TemplateView):
    """A coordination promotes results for its own site; Wagtail's promotions are global,
    so each one made here is tied to a site through PromocionSitio."""

    template_name = "search/admin/promociones.html"
    page_title = _("Resultados destacados por sitio")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        self.regions = Region.objects.coordinated_by(request.user)
        if not self.regions.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = [r.site_id for r in self.regions]
        context["promociones"] = (
            PromocionSitio.objects.filter(site_id__in=sites)
            .select_related("promocion__query", "promocion__page", "site")
            .order_by("promocion__query__query_string", "promocion__sort_order")
        )
        context["form"] = kwargs.get("form") or PromocionForm(regions=self.regions)
        return context

    def post(self, request, *args, **kwargs):
        if "borrar" in request.POST:
            promo = get_object_or_404(
                PromocionSitio, pk=request.POST["borrar"], site__region__in=self.regions
            )
            promo.promocion.delete()
            messages.success(request, _("Se retiró el resultado destacado."))
            return redirect("snt_search_promociones")
        form = PromocionForm(request.POST, regions=self.regions)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            promotion = SearchPromotion.objects.create(
                query=Query.get(form.cleaned_data["consulta"]),
                page=form.cleaned_data["pagina"],
                description=form.cleaned_data["descripcion"],
                sort_order=form.cleaned_data["orden"],
            )
            PromocionSitio.objects.create(
                promocion=promotion, site=form.cleaned_data["region"].site
            )
        messages.success(request, _("Resultado destacado guardado."))
        return redirect("snt_search_promociones")


class ConsultasView(WagtailAdminTemplateMixin, TemplateView):
    """Top and zero-result queries per region, for the national coordination."""

    template_name = "search/admin/consultas.html"
    page_title = _("Consultas de búsqueda")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_national(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.request.GET.get("region", "")
        queryset = ConsultaBusqueda.objects.all()
        if region:
            queryset = queryset.filter(region=region)
        # Daily aggregates (ConsultaBusqueda): sum the days.
        grouped = queryset.values("consulta").annotate(
            veces=Sum("veces"), sin_resultados=Sum("sin_resultados")
        )
        context.update(
            {
                "regiones": Region.objects.order_by("orden"),
                "region": region,
                "top": grouped.order_by("-veces", "consulta")[:30],
                "cero": grouped.filter(sin_resultados__gt=0).order_by("-sin_resultados")[:30],
                "total": queryset.aggregate(total=Sum("veces"))["total"] or 0,
            }
        )
        return context
