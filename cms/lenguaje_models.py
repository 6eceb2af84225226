"""The rules of the inclusive, citizen language checker, maintained by the national coordination."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReglaLenguaje(models.Model):
    class Tipo(models.TextChoices):
        INCLUYENTE = "incluyente", _("Lenguaje incluyente y no sexista")
        CIUDADANO = "ciudadano", _("Lenguaje ciudadano (claro)")

    frase = models.CharField(
        _("frase a evitar"),
        max_length=255,
        help_text=_(
            "Se busca sin distinguir mayúsculas ni acentos. Si marcas «es expresión regular», "
            "escribe una expresión regular de Python."
        ),
    )
    sugerencia = models.CharField(_("sugerencia"), max_length=255)
    explicacion = models.TextField(_("explicación"), blank=True)
    fuente = models.CharField(_("fuente"), max_length=300, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.INCLUYENTE)
    activa = models.BooleanField(_("activa"), default=True)
    es_regex = models.BooleanField(_("es expresión regular"), default=False)

    class Meta:
        verbose_name = _("regla de lenguaje")
        verbose_name_plural = _("reglas de lenguaje")
        ordering = ["tipo", "frase"]
        constraints = [
            models.UniqueConstraint(fields=["frase", "es_regex"], name="regla_lenguaje_unica")
        ]

    def __str__(self):
        return f"{self.frase} → {self.sugerencia}"

    def clean(self):
        if self.es_regex:
            try:
                re.compile(self.frase)
            except re.error as exc:
                raise ValidationError(
                    {"frase": _("La expresión regular no es válida: %(error)s") % {"error": exc}}
                ) from exc

    def como_regla(self):
        from .lenguaje import Regla

        return Regla(
            frase=self.frase,
            sugerencia=self.sugerencia,
            explicacion=self.explicacion,
            fuente=self.fuente,
            es_regex=self.es_regex,
        )
