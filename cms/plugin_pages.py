"""The public index page a plugin places under each site's home (``/directorio/``,
``/convenios/``, ``/medios/``…): one per site, absent where the plugin is switched off,
listing the site's region (or the whole network on the national site)."""

from urllib.parse import urlencode

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
        """The region of the page's site (None for a site of no region), remembered per page
        and page-cache generation."""
        return self._region_of_page()

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


def colocar_pagina(region, page_class, slug, titulo, introduccion):
    """The plugin's page under the region's home, created and published once (idempotent).
    Returns the page, or None for a region without a site tree."""
    home = region.home_page
    if home is None:
        return None
    existing = Page.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = page_class(title=titulo, slug=slug, introduccion=introduccion)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def es_nacional(region):
    """The national site (or a site of no region) lists every region."""
    return region is None or region.es_nacional


def url_con(request, **cambios):
    """The listing's query string with some parameters changed (a falsy value removes one)."""
    params = {k: v for k, v in request.GET.items() if v}
    for key, value in cambios.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return "?" + urlencode(params) if params else "?"


def contexto_del_listado(region, request, leer_filtros, campos, invalido):
    """What every listing's context starts with, and its HTTP status: the page's region
    (``page.region()``), whether it is national, and the filters that
    ``leer_filtros(request.GET, campos)`` reads (``region`` too on the national site). A
    filter that raises ``invalido`` answers 400 with its message and no filters."""
    nacional = es_nacional(region)
    error, status = "", 200
    try:
        filtros = leer_filtros(request.GET, ("region", *campos) if nacional else campos)
    except invalido as exc:
        error, status, filtros = str(exc), 400, {}
    contexto = {
        "region": region,
        "es_nacional": nacional,
        "filtros": filtros,
        "hay_filtros": bool(filtros),
        "error_filtro": error,
        "regiones_filtro": Region.objects.order_by("orden") if nacional else [],
    }
    return contexto, status


def selectores(filtros, *campos):
    """The choice filters of a listing's form (``cms/includes/filtros_listado.html``): each
    ``(field, label, choices)`` with the value chosen."""
    return [(campo, etiqueta, opciones, filtros.get(campo)) for campo, etiqueta, opciones in campos]


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
