"""Small pieces of the admin's header."""

from django import template

register = template.Library()


@register.filter
def con_titulo(breadcrumbs_items, title):
    """Breadcrumbs that stop at the dashboard ("Inicio") end with the view's title, so the
    sticky header of the project's own admin views names them instead of saying "Inicio"."""
    items = list(breadcrumbs_items or [])
    if len(items) == 1 and title and str(items[0].get("label")) != str(title):
        items.append({"url": "", "label": title})
    return items
