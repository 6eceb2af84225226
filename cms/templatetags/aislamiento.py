"""Template helpers of region isolation (cms/aislamiento.py)."""

from django import template

from cms.aislamiento import alcanzable

register = template.Library()


@register.simple_tag
def alcanzables(items, user):
    """The items the person may see (Wagtail's page bulk actions pass ``{"item": page}``)."""
    return [
        item for item in items if alcanzable(user, item["item"] if isinstance(item, dict) else item)
    ]
