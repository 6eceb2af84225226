from django.db import models

from cms.permissions import RegionScopedForm


class Ficha(models.Model):
    titulo = models.CharField(max_length=100)
    region = models.ForeignKey("regiones.Region", on_delete=models.CASCADE)

    base_form_class = RegionScopedForm

    def __str__(self):
        return self.titulo
