"""The network and the region of the current site, for every template: what
``regiones.context_processors.red`` gives, with the region list and the network read once
per page-cache generation (both change only with a purge: regiones is a public app)."""

from regiones.context_processors import red as _red
from regiones.models import Red, Region

from .cache import memo


def _red_y_regiones():
    return Red.actual(), list(Region.objects.select_related("site").order_by("orden"))


def red(request):
    red_actual, regiones = memo("red-y-regiones", _red_y_regiones)
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return _red(request)
    region = next((r for r in regiones if r.site_id and r.site_id == site.pk), None)
    return {"red": red_actual, "region_actual": region, "regiones_red": regiones}
