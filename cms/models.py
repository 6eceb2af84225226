from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import CuerpoBlock


class HomePage(Page):
    """The root of one editorial site tree: the national coordination's or a region's."""

    introduccion = models.TextField(_("introducción"), blank=True)
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduccion"),
        FieldPanel("cuerpo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduccion"),
        index.SearchField("cuerpo"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("página de inicio")
        verbose_name_plural = _("páginas de inicio")

    def get_context(self, request, *args, **kwargs):
        from regiones.models import Region

        context = super().get_context(request, *args, **kwargs)
        context["region"] = Region.objects.filter(site__root_page=self).first()
        return context


class PaginaBasica(Page):
    """A plain page (about us, privacy notice, contact)."""

    introduccion = models.TextField(_("introducción"), blank=True)
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion"), FieldPanel("cuerpo")]
    search_fields = Page.search_fields + [
        index.SearchField("introduccion"),
        index.SearchField("cuerpo"),
    ]

    class Meta:
        verbose_name = _("página básica")
        verbose_name_plural = _("páginas básicas")
