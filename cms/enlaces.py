"""Links to pages drawn inside content (rich text, «Enlace destacado»): only to a public page.

A link's target is the page in the language being read (Wagtail's ``localized``) when that
translation is public, else the page itself when public; a target that is neither (a draft,
unpublished, expired, behind a password, login or groups, in a language its region does not
offer, an alias of such a page) keeps its text and loses its address. Publishing,
unpublishing, moving, a restriction or a region's languages changing all purge the page
cache (cms.cache), so a cached page never keeps a link the rule no longer allows. Inside a
restricted section, links between its own pages keep their address (``destinos_publicos``).
"""

from contextvars import ContextVar

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from cms.traducciones.idiomas import locale_activo
from cms.visibilidad import rutas_abiertas_en, versiones_publicas

#: The page being served in this request (set by the ``before_serve_page`` hook, cleared for
#: every request by PaginaServidaMiddleware): links drawn inside a restricted section may
#: point at pages behind the same restrictions, which whoever reads it has passed.
_pagina_servida = ContextVar("pagina_servida", default=None)


def recordar_pagina_servida(page):
    _pagina_servida.set(page)


class PaginaServidaMiddleware:
    """No request inherits the page another request served in the same thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pagina_servida.set(None)
        try:
            return self.get_response(request)
        finally:
            _pagina_servida.reset(token)


def destinos_publicos(pages):
    """For each page (or None), where a visitor reading in the request's language may be sent
    (cms.visibilidad.versiones_publicas), or None. On a page inside a restricted section a
    link may also lead to a page hidden only by that section's restrictions (a page cache
    never stores a restricted page for others: its readers carry a session)."""
    abiertas = rutas_abiertas_en(_pagina_servida.get())
    return versiones_publicas(pages, locale_activo(), rutas_abiertas=abiertas)


def destino_publico(page):
    return destinos_publicos([page])[0]


class EnlacePaginaPublica(PageLinkHandler):
    """Wagtail's rich-text page link (``<a linktype="page" id="…">``), drawn with an address
    only to a public page; otherwise ``<a>`` alone, as Wagtail draws a link to a deleted page."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        destinos = destinos_publicos(cls.get_many(attrs_list))
        return [f'<a href="{escape(d.url)}">' if d is not None else "<a>" for d in destinos]
