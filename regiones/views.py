"""Admin views of the network: a read-only view of every region's content."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .models import Region


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
