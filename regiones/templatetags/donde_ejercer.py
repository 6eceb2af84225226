"""{% donde_ejercer_region region %}: the «¿Dónde ejerzo hoy mi derecho?» answer for the
region's states, on its home page."""

from django import template

from regiones.hoy import con_enlaces, donde_ejercer

register = template.Library()


@register.inclusion_tag("regiones/hoy/region.html", takes_context=True)
def donde_ejercer_region(context, region):
    respuestas = []
    if region is not None and not region.es_nacional:
        respuestas = con_enlaces(
            donde_ejercer(region.entidades.order_by("nombre")), context.get("request")
        )
    return {"region": region, "respuestas": respuestas, "request": context.get("request")}
