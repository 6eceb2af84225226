"""The official media pages, for the site's sitemap (cms.plugins: ``sitemap``): every public
outlet and agreement of the site's region (the whole network on the national site)."""

from .datos import convenios_publicos, medios_publicos


def entradas(page, request=None):
    """[{"ruta", "lastmod"}] below ``page``, with the same querysets as its detail routes."""
    region = page.region()
    resultado = [
        {
            "ruta": page.reverse_subpage("medio", kwargs={"pk": m.pk}),
            "lastmod": getattr(m, "actualizado", None),
        }
        for m in medios_publicos(region_sitio=region).order_by("pk")
    ]
    resultado += [
        {
            "ruta": page.reverse_subpage("convenio", kwargs={"pk": c.pk}),
            "lastmod": getattr(c, "actualizado", None),
        }
        for c in convenios_publicos(region).order_by("pk")
    ]
    return resultado
