"""The agreements registry's public detail pages, for the site's sitemap (cms.plugins:
``sitemap``): every public agreement of the site's region and every organization that
signed one of them."""

from .datos import convenios_publicos
from .models import Organizacion


def entradas(page, request=None):
    """[{"ruta", "lastmod"}] below ``page``, with the same querysets as its detail routes."""
    convenios = convenios_publicos(region_sitio=page.region())
    resultado = [
        {"ruta": page.reverse_subpage("convenio", kwargs={"pk": c.pk}), "lastmod": c.actualizado}
        for c in convenios.order_by("pk")
    ]
    firmantes = Organizacion.objects.filter(pk__in=convenios.values("organizaciones")).order_by(
        "pk"
    )
    resultado += [
        {
            "ruta": page.reverse_subpage("organizacion", kwargs={"pk": o.pk}),
            "lastmod": getattr(o, "actualizado", None),
        }
        for o in firmantes
    ]
    return resultado
