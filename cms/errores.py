"""The Spanish error pages, also under DEBUG (the demo runs with it).

With DEBUG on, Django answers an unknown address or a server error with its English
debug pages, which list every URL pattern of the project. This middleware swaps them for
the pages the project's handlers give (``handler404``, ``handler500``): what citizens see
is the same in the demo and in production. Set ``SNT_PAGINAS_DE_DEPURACION = True`` to
see Django's debug pages while developing.
"""

from django.conf import settings
from django.http import Http404
from django.urls import get_resolver

#: Both of Django's debug pages (technical_404.html, technical_500.html) carry this tag.
MARCA_DEPURACION = b'<meta name="robots" content="NONE,NOARCHIVE">'


def es_pagina_de_depuracion(response):
    if response.status_code not in (404, 500) or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return MARCA_DEPURACION in response.content


class PaginasDeErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.DEBUG or getattr(settings, "SNT_PAGINAS_DE_DEPURACION", False):
            return response
        if not es_pagina_de_depuracion(response):
            return response
        resolver = get_resolver()
        if response.status_code == 404:
            return resolver.resolve_error_handler(404)(request, exception=Http404())
        return resolver.resolve_error_handler(500)(request)
