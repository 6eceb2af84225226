"""The directory's public detail pages, for the site's sitemap (cms.plugins: ``sitemap``):
every institution and every state page the directory of that site answers."""

from regiones.models import OrganismoGarante

from .datos import organismos
from .views import _entidades_de


def entradas(page, request=None):
    """[{"ruta", "lastmod"}] below ``page``, with the same querysets as its detail routes."""
    region = page.region()
    resultado = [
        {
            "ruta": page.reverse_subpage("institucion", kwargs={"clave": o.clave}),
            "lastmod": o.actualizado,
        }
        for o in organismos({}, OrganismoGarante.objects.de_region(region)).order_by("clave")
        if o.clave
    ]
    resultado += [
        {"ruta": page.reverse_subpage("entidad", kwargs={"entidad": e.slug}), "lastmod": None}
        for e in _entidades_de(region)
    ]
    return resultado
