"""A translation shows its source's content: it is restricted and withdrawn with it.

wagtail-localize copies the source page's view restriction to a translation when the
translation is created or updated («Sincronizar páginas traducidas»); a restriction added to
the source afterwards, or taken off it, reaches its translations only then, so the protected
text stays readable in English or Nahuatl meanwhile. Here each change to a source page's
restriction (its type, password or groups) is copied to its translations at once, with
wagtail-localize's semantics (the source's first restriction, or none); and unpublishing a
source unpublishes its published translations, as Wagtail does for aliases (each logged).
Aliases are left to Wagtail and ``cms.visibilidad`` (they read their source's state).
"""

from wagtail.models import Locale, Page, PageViewRestriction


def _es_fuente(page):
    return page is not None and page.locale_id == Locale.get_default().pk


def _traducciones(page):
    return page.get_translations().filter(alias_of__isnull=True)


def sincronizar_restricciones(original):
    """Give every translation of ``original`` the source's view restriction, or none."""
    fuente = original.view_restrictions.first()
    for traduccion in _traducciones(original):
        propias = list(traduccion.view_restrictions.all())
        if fuente is None:
            for restriccion in propias:
                restriccion.delete()
            continue
        restriccion = propias[0] if propias else PageViewRestriction(page=traduccion)
        cambio = (
            restriccion.pk is None
            or restriccion.restriction_type != fuente.restriction_type
            or restriccion.password != fuente.password
        )
        restriccion.restriction_type = fuente.restriction_type
        restriccion.password = fuente.password
        if cambio:
            restriccion.save()
        grupos = set(fuente.groups.values_list("pk", flat=True))
        if set(restriccion.groups.values_list("pk", flat=True)) != grupos:
            restriccion.groups.set(grupos)


def restriccion_cambiada(sender, instance, **kwargs):
    """post_save / post_delete of a PageViewRestriction, and its groups changing."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if _es_fuente(page):
        sincronizar_restricciones(page)


def grupos_cambiados(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        restriccion_cambiada(sender, instance)


def fuente_despublicada(sender, instance, **kwargs):
    """page_unpublished: a source's published translations are unpublished too."""
    if not _es_fuente(instance):
        return
    for traduccion in _traducciones(instance).live():
        traduccion.specific.unpublish()


def conectar():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_unpublished

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
    page_unpublished.connect(fuente_despublicada, dispatch_uid="cms.traducciones.despublicada")
