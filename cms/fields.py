"""Small model fields shared by the page types."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class OpcionesMultiplesField(models.JSONField):
    """A list of choice values stored as JSON, edited as checkboxes.

    JSON keeps it portable (PostgreSQL and SQLite) without an ArrayField; the choices only
    shape the form, so they are left out of migrations.
    """

    def __init__(self, *args, opciones=(), **kwargs):
        self.opciones = list(opciones)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.opciones,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            coerce=str,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        valid = {key for key, _label in self.opciones}
        for item in value or []:
            if valid and item not in valid:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )

    def etiquetas(self, value):
        labels = dict(self.opciones)
        return [labels.get(item, item) for item in value or []]
