"""Template helpers of region isolation (cms/aislamiento.py)."""

from django import template

from cms.aislamiento import alcanzable

register = template.Library()


@register.simple_tag
def alcanzables(items, user):
    """The items the person may see."""
    return [item for item in items if alcanzable(user, item)]
