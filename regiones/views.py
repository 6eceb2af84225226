"""Admin views of the network: a read-only view of every region's content."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone
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


#: Months in the per-region summary of the network content report.
MESES_RESUMEN = 6


def _meses_hasta(hoy, cuantos):
    """The first day of the last ``cuantos`` months up to ``hoy``'s, oldest first."""
    año, mes = hoy.year, hoy.month
    meses = []
    for _i in range(cuantos):
        meses.append(hoy.replace(year=año, month=mes, day=1))
        año, mes = (año, mes - 1) if mes > 1 else (año - 1, 12)
    return list(reversed(meses))


def resumen_por_region_y_mes(queryset, meses=MESES_RESUMEN):
    """Pages of ``queryset`` per region and per month of their first publication (a draft
    counts in the month of its latest revision), for the last ``meses`` months, with each
    region's total over every month. One grouped query.

    Returns (months, rows): rows are (region, [count per month], total), regions in order.
    """
    columnas = _meses_hasta(timezone.localdate(), meses)
    filas = (
        queryset.order_by()
        .annotate(
            inicio=Substr("path", 1, 2 * Page.steplen),
            mes=TruncMonth(Coalesce("first_published_at", "latest_revision_created_at")),
        )
        .values("inicio", "mes")
        .annotate(n=Count("pk"))
    )
    rutas = Region.rutas_de_inicio()
    cuentas = {}
    for fila in filas:
        region = rutas.get(fila["inicio"])
        if region is None:
            continue
        por_mes = cuentas.setdefault(region, {})
        clave = timezone.localtime(fila["mes"]).date() if fila["mes"] else None
        por_mes[clave] = por_mes.get(clave, 0) + fila["n"]
    regiones = sorted(cuentas, key=lambda r: (not r.es_nacional, r.nombre))
    return columnas, [
        (
            region,
            [cuentas[region].get(mes, 0) for mes in columnas],
            sum(cuentas[region].values()),
        )
        for region in regiones
    ]


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meses"], context["resumen"] = resumen_por_region_y_mes(self.object_list)
        return context

    def decorate_paginated_queryset(self, object_list):
        rutas = Region.rutas_de_inicio()  # translated pages keep their region
        pages = list(object_list)
        for page in pages:
            page.region_red = Region.region_de_ruta(page.path, rutas)
        return pages
