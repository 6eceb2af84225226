"""The diagnostic's public pages, for the site's sitemap (cms.plugins: ``sitemap``): every
published round and, where a round publishes them, each institution's answers."""

from .models import Edicion, Respuesta


def entradas(page, request=None):
    """[{"ruta", "lastmod"}] below ``page``, with the same querysets as its detail routes."""
    resultado = []
    for edicion in Edicion.objects.publicadas().order_by("-inicio"):
        resultado.append(
            {
                "ruta": page.reverse_subpage("edicion", kwargs={"slug": edicion.slug}),
                "lastmod": getattr(edicion, "actualizado", None),
            }
        )
        if not edicion.publica_respuestas_individuales:
            continue
        enviadas = Respuesta.objects.filter(edicion=edicion, estado=Respuesta.Estado.ENVIADA)
        for clave in enviadas.values_list("organismo__clave", flat=True).order_by(
            "organismo__clave"
        ):
            resultado.append(
                {
                    "ruta": page.reverse_subpage(
                        "institucion", kwargs={"slug": edicion.slug, "clave": clave}
                    ),
                    "lastmod": None,
                }
            )
    return resultado
