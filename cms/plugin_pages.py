"""The public index page a plugin places under each site's home (``/directorio/``,
``/convenios/``, ``/medios/``…): one per site, absent where the plugin is switched off,
listing the site's region (or the whole network on the national site)."""

from django.db import models
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from regiones.models import Region

from .plugins import PluginPageMixin


class PluginIndexPage(PluginPageMixin, RoutablePageMixin, Page):
    introduccion = models.TextField(_("introducción"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    #: Dotted path of a function(page, request) -> (context, status) for the listing.
    listado_context = None
    #: Search ranks a listing below the records it lists.
    search_listing = True

    class Meta:
        abstract = True

    def region(self):
        return Region.for_site(self.get_site())

    @path("")
    def listado(self, request):
        context, status = import_string(self.listado_context)(self, request)
        response = self.render(request, context_overrides=context)
        response.status_code = status
        return response

    def render_detalle(self, request, context, template, mensaje_404):
        """Render one record's route, or answer 404 with a message for citizens."""
        if context is None:
            raise Http404(mensaje_404)
        return self.render(request, context_overrides=context, template=template)


def ruta_detalle(patron, nombre, contexto, template, mensaje_404):
    """A route of a ``PluginIndexPage`` that renders one record. ``contexto`` is the dotted
    path of a function(page, request, pk) returning the template's context, or None when
    the record is not public on this site (then 404 with ``mensaje_404``)::

        convenio = ruta_detalle(
            "<int:pk>/", "convenio", "plugins.alianzas.views.convenio_context",
            "alianzas/convenio.html", "No encontramos ese convenio en este registro.",
        )
    """

    def vista(self, request, pk):
        context = import_string(contexto)(self, request, pk)
        return self.render_detalle(request, context, template, mensaje_404)

    vista.__name__ = nombre
    return path(patron, name=nombre)(vista)
