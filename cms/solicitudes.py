"""Requests the application cannot read are refused at the door, with one rule for every
address: a NUL character (``%00``) in the query string. No parameter means it, and
PostgreSQL cannot store or compare it, so a filter that reached the database with one
answered a 500. The answer is a 400 in Spanish (JSON under ``/api/`` and ``/datos/``, as
every open-data error, naming the parameter), before the page cache or any view reads the
request. The OpenAPI document says the same (``cms.datos_abiertos``: no free-text
parameter admits a NUL)."""

from django.shortcuts import render

NULO = "\x00"
MENSAJE = "El parámetro «{}» contiene un carácter no permitido."


def parametro_ilegible(request):
    """The name of the first query parameter carrying a NUL character, or None."""
    if NULO not in request.META.get("QUERY_STRING", "").replace("%00", NULO):
        return None
    for nombre, valores in request.GET.lists():
        if NULO in nombre or any(NULO in valor for valor in valores):
            return nombre.replace(NULO, "") or "?"
    return None


class ParametrosLegiblesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nombre = parametro_ilegible(request)
        if nombre is None:
            return self.get_response(request)
        mensaje = MENSAJE.format(nombre)
        if request.path.startswith(("/api/", "/datos/")):
            from cms import api

            response = api.error(400, mensaje, nombre)
        else:
            response = render(request, "400.html", {"mensaje": mensaje}, status=400)
        response["Cache-Control"] = "no-store"
        return response
