"""Admin views of the network: a read-only view of every region's content."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView
from wagtail.log_actions import log
from wagtail.models import Page

from cms.plugins import (
    disabled_region_ids,
    get_plugin,
    installed_plugins,
    plugin_is_compatible,
    set_enabled,
)

from .models import Region, user_is_national


class ContenidoRedFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Región"),
        queryset=Region.objects.all(),
        method="filter_region",
        empty_label=_("Todas"),
    )
    live = django_filters.BooleanFilter(label=_("Publicada"))

    def filter_region(self, queryset, name, value):
        if not value or not value.site_id:
            return queryset
        # Its translated trees too: a page in English is still the region's.
        return queryset.filter(pk__in=value.paginas(inclusive=False).values("pk"))

    class Meta:
        model = Page
        fields = ["region", "live"]


class ContenidoRedView(PageReportView):
    """Pages of every region, read-only, for the national coordination."""

    page_title = _("Contenido de las regiones")
    header_icon = "site"
    index_url_name = "regiones_contenido_red"
    index_results_url_name = "regiones_contenido_red_results"
    results_template_name = "regiones/contenido_red_results.html"
    filterset_class = ContenidoRedFilterSet
    list_export = ["title", "url", "latest_revision_created_at", "status_string"]
    export_headings = {
        "title": _("Título"),
        "url": _("URL"),
        "latest_revision_created_at": _("Actualizada"),
        "status_string": _("Estado"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("regiones.consultar_red"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Page.objects.filter(depth__gt=2)
            .select_related("content_type")
            .order_by("-latest_revision_created_at")
        )

    def decorate_paginated_queryset(self, object_list):
        rutas = Region.rutas_de_inicio()  # translated pages keep their region
        pages = list(object_list)
        for page in pages:
            page.region_red = Region.region_de_ruta(page.path, rutas)
        return pages


class ComplementosView(WagtailAdminTemplateMixin, TemplateView):
    """Installed plugins with version and status; the national coordination switches them
    off or on for one region."""

    template_name = "regiones/complementos.html"
    page_title = _("Complementos")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_national(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regiones = list(Region.objects.order_by("orden"))
        filas = []
        for config, plugin in installed_plugins():
            apagadas = disabled_region_ids(plugin.label)
            filas.append(
                {
                    "plugin": plugin,
                    "app": config.name,
                    "compatible": plugin_is_compatible(plugin),
                    "regiones": [(r, r.pk not in apagadas) for r in regiones],
                }
            )
        context.update({"filas": filas, "regiones": regiones})
        return context

    def post(self, request, *args, **kwargs):
        label = request.POST.get("complemento", "")
        plugin = get_plugin(label)
        region = Region.objects.filter(pk=request.POST.get("region") or None).first()
        activo = request.POST.get("activo") == "1"
        if plugin is None or region is None:
            messages.error(request, _("Complemento o región desconocidos: no se cambió nada."))
            return redirect("regiones_complementos")
        set_enabled(label, region, activo, user=request.user)
        log(
            instance=region,
            action="regiones.complemento_activado"
            if activo
            else "regiones.complemento_desactivado",
            user=request.user,
            data={"complemento": label},
        )
        estado = _("activado") if activo else _("desactivado")
        messages.success(
            request,
            _("%(nombre)s quedó %(estado)s en %(region)s.")
            % {"nombre": plugin.name, "estado": estado, "region": region.nombre},
        )
        return redirect("regiones_complementos")
