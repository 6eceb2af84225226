"""The test plugin's models: one region-scoped record and one page type."""

from django.db import models
from wagtail.models import Page

from cms.permissions import RegionScopedForm
from cms.plugins import PluginPageMixin


class Ficha(models.Model):
    """A record that belongs to a region (declared in ``Plugin.region_models``)."""

    titulo = models.CharField(max_length=100)
    region = models.ForeignKey("regiones.Region", on_delete=models.CASCADE)

    base_form_class = RegionScopedForm

    def __str__(self):
        return self.titulo


class FichasPage(PluginPageMixin, Page):
    """A page the plugin places under a site's home: absent where the plugin is off."""

    plugin_label = "testdummy"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    template = "testdummy/fichas_page.html"
