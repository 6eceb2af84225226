"""A translation carries its source's content: it is restricted with it.

wagtail-localize copies the source page's view restriction to a translation when the
translation is created or updated («Sincronizar páginas traducidas»); a restriction added to
the source afterwards, or taken off it, reached its translations only then, so the protected
text stayed readable in English or Nahuatl meanwhile. Here each change to a source page's
restriction (its type, password or groups) is copied to its translations at once, by
wagtail-localize's own sync (the source's first restriction, or none). Publishing stays
per language: a translation is a page of its own, published and unpublished by its editors
(``tests/cms/test_puertas_documentos_paginas.py`` relies on an English copy outliving its
Spanish page). Aliases are left to Wagtail and ``cms.visibilidad`` (they read their
source's state).
"""

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import TranslationSource


def _es_fuente(page):
    return page is not None and page.locale_id == Locale.get_default().pk


def _traducciones(page):
    return page.get_translations().filter(alias_of__isnull=True)


def sincronizar_restricciones(original):
    """Give every translation of ``original`` the source's view restriction, or none, with
    wagtail-localize's own sync (``TranslationSource.sync_view_restrictions``: the source's
    first restriction, its type, password and groups). Pages translated outside
    wagtail-localize have no source to sync from."""
    source = TranslationSource.objects.get_for_instance_or_none(original)
    if source is None:
        return
    for traduccion in _traducciones(original):
        source.sync_view_restrictions(original, traduccion)


def restriccion_cambiada(sender, instance, origin=None, **kwargs):
    """post_save / post_delete of a PageViewRestriction, and its groups changing. A
    restriction deleted because its page is (``origin``: what the deletion started from)
    changes nothing for the translations, which keep theirs."""
    if origin is not None and not _es_restriccion(origin):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if _es_fuente(page):
        sincronizar_restricciones(page)


def _es_restriccion(origin):
    if isinstance(origin, PageViewRestriction):
        return True
    return getattr(origin, "model", None) is not None and issubclass(
        origin.model, PageViewRestriction
    )


def grupos_cambiados(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        restriccion_cambiada(sender, instance)


def conectar():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal, nombre in ((post_save, "guardada"), (post_delete, "borrada")):
        signal.connect(
            restriccion_cambiada,
            sender=PageViewRestriction,
            dispatch_uid=f"cms.traducciones.restriccion_{nombre}",
        )
    m2m_changed.connect(
        grupos_cambiados,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="cms.traducciones.restriccion_grupos",
    )
