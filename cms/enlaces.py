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
from cms.visibilidad import rutas_abiertas_para, versiones_publicas

#: The restricted sections the reader of the page being served has been let into (set by
#: the ``before_serve_page`` hook, cleared for every request by PaginaServidaMiddleware):
#: links drawn on that page may point at pages hidden only by those sections' restrictions.
#: Never read by a fragment shared between readers (cms.cache.memo, fragmento_recordado):
#: what it opens belongs to one reader.
_rutas_abiertas = ContextVar("rutas_abiertas", default=())


def recordar_pagina_servida(page, request):
    _rutas_abiertas.set(rutas_abiertas_para(page, request))


class PaginaServidaMiddleware:
    """No request inherits what another request in the same thread was let into."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _rutas_abiertas.set(())
        try:
            return self.get_response(request)
        finally:
            _rutas_abiertas.reset(token)


def destinos_publicos(pages):
    """For each page (or None), where a visitor reading in the request's language may be sent
    (cms.visibilidad.versiones_publicas), or None. On a page inside a restricted section,
    for a reader let into it, a link may also lead to a page hidden only by that section's
    restrictions (the page cache never stores a restricted page: Wagtail marks it
    ``never_cache`` and its readers carry a session or a login)."""
    return versiones_publicas(pages, locale_activo(), rutas_abiertas=_rutas_abiertas.get())


def destino_publico(page):
    return destinos_publicos([page])[0]


class EnlacePaginaPublica(PageLinkHandler):
    """Wagtail's rich-text page link (``<a linktype="page" id="…">``), drawn with an address
    only to a public page; otherwise ``<a>`` alone, as Wagtail draws a link to a deleted page."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        destinos = destinos_publicos(cls.get_many(attrs_list))
        return [f'<a href="{escape(d.url)}">' if d is not None else "<a>" for d in destinos]
