"""{% donde_ejercer_region region %}: the «¿Dónde ejerzo hoy mi derecho?» answer for the
region's states, on its home page."""

from django import template
from wagtail import hooks

from regiones.hoy import con_enlaces, donde_ejercer

register = template.Library()


@register.inclusion_tag("regiones/hoy/region.html", takes_context=True)
def donde_ejercer_region(context, region):
    """A region's home answers for its states; the national home points to the page that
    answers for all 32 (offered by a plugin through the ``enlazar_donde_ejercer`` hook)."""
    request = context.get("request")
    respuestas, enlace = [], ""
    if region is not None and not region.es_nacional:
        respuestas = con_enlaces(donde_ejercer(region.entidades.order_by("nombre")), request)
    elif region is not None:
        for hook in hooks.get_hooks("enlazar_donde_ejercer"):
            enlace = enlace or hook(region, request)
    return {"region": region, "respuestas": respuestas, "enlace": enlace, "request": request}
