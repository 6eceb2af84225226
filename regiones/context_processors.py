from .models import Red, Region


def red(request):
    """The network and the region of the current site, for every template."""
    regiones = list(Region.objects.select_related("site").order_by("orden"))
    region = None
    site_id = getattr(getattr(request, "_wagtail_site", None), "pk", None)
    if site_id is None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        site_id = site.pk if site else None
    for candidate in regiones:
        if candidate.site_id and candidate.site_id == site_id:
            region = candidate
    return {"red": Red.actual(), "region_actual": region, "regiones_red": regiones}
