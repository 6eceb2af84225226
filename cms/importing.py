"""All-or-nothing CSV import.

``CSVImporter`` knows nothing about any plugin: it reads a CSV upload, checks the
header, validates every row through ``validate_row`` and saves nothing unless every row
is valid; then it saves them all in one transaction. Plugins subclass it.

Row numbers are the spreadsheet's: the header is row 1, the first record row 2.

With a user, every record a row would save is checked against its model's permission
policy by the core, whatever the plugin checked: a record that already exists is judged as
it is stored (its current region), before the row's values touch it, so a row that names
another region's record is an error and cannot move it into the user's region.
"""

import csv
import io
from dataclasses import dataclass, field
from importlib import import_module

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry


@dataclass
class RowError:
    row: int
    messages: list

    def __str__(self):
        prefix = f"Fila {self.row}: " if self.row else ""
        return prefix + " ".join(self.messages)


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0

    @property
    def ok(self):
        return not self.errors

    @property
    def saved(self):
        return self.created + self.updated


class CSVImporter:
    """Subclass and set ``columns`` (required) and ``optional_columns``; implement
    ``validate_row(data, row_number)`` returning the object(s) to save, or raising
    ValidationError; override ``save(item)`` (returns True when it created a record)."""

    columns: tuple = ()
    optional_columns: tuple = ()
    max_rows = 5000
    max_bytes = 5 * 1024 * 1024
    delimiters = ",;"

    def __init__(self, user=None):
        self.user = user

    # --- reading ----------------------------------------------------------------------

    def decode(self, raw):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        raise ValidationError(
            "El archivo no está en UTF-8. Guárdelo como «CSV UTF-8 (delimitado por comas)» "
            "e inténtelo de nuevo."
        )

    def read(self, upload):
        raw = upload.read(self.max_bytes + 1) if hasattr(upload, "read") else upload
        if len(raw) > self.max_bytes:
            raise ValidationError(
                f"El archivo pesa más de {self.max_bytes // (1024 * 1024)} MB: divídalo en "
                "varios archivos."
            )
        text = self.decode(raw)
        if not text.strip():
            raise ValidationError("El archivo está vacío.")
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=self.delimiters)
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [self.normalize_header(h) for h in next(reader)]
        except StopIteration:
            raise ValidationError("El archivo está vacío.") from None
        missing = [c for c in self.columns if c not in header]
        if missing:
            raise ValidationError(
                "Faltan columnas en la primera fila: {}. Se esperan: {}.".format(
                    ", ".join(missing), ", ".join([*self.columns, *self.optional_columns])
                )
            )
        rows = []
        try:
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                if len(rows) >= self.max_rows:
                    raise ValidationError(
                        f"El archivo tiene más de {self.max_rows} filas: divídalo en varios."
                    )
                data = {
                    h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)
                }
                if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                    data["__extra__"] = values[len(header) :]
                rows.append((reader.line_num, data))
        except csv.Error as exc:
            raise ValidationError(f"No se pudo leer el archivo CSV: {exc}.") from None
        if not rows:
            raise ValidationError("El archivo no tiene filas de datos después del encabezado.")
        return rows

    @staticmethod
    def normalize_header(name):
        return name.strip().lower().replace(" ", "_")

    # --- validating and saving --------------------------------------------------------

    def validate_row(self, data, row_number):
        raise NotImplementedError

    def validate_all(self, items):
        """Cross-row checks: return a list of RowError. ``items`` is [(row, item)]."""
        return []

    def save(self, item):
        item.save()
        return True

    # --- permissions ------------------------------------------------------------------

    def instances(self, item):
        """The model instances a validated row would save (a record, or a tuple holding it)."""
        if isinstance(item, models.Model):
            return [item]
        if isinstance(item, (tuple, list)):
            return [value for value in item if isinstance(value, models.Model)]
        return []

    def check_permissions(self, item):
        """Raise ValidationError unless the user may save every record of the row.

        The stored record is read again from the database: the importer may already have
        copied the row's values (a new region, say) onto the instance it found by name.
        """
        if self.user is None:
            return
        errors = []
        for instance in self.instances(item):
            policy = policy_registry.get_by_type(type(instance))
            stored = None
            if instance.pk is not None:
                stored = type(instance)._default_manager.filter(pk=instance.pk).first()
            if stored is not None and not policy.user_has_any_permission_for_instance(
                self.user, ("change",), stored
            ):
                errors.append(self.foreign_record_message(stored, policy))
            elif not policy.user_has_any_permission_for_instance(
                self.user, ("change",) if stored is not None else ("add",), instance
            ):
                errors.append(self.forbidden_record_message(instance, policy))
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _region_of(instance, policy):
        region_of = getattr(policy, "region_of", None)
        return region_of(instance) if region_of else None

    def foreign_record_message(self, stored, policy):
        region = self._region_of(stored, policy)
        if region is None:
            return f"«{stored}» ya existe y usted no tiene permiso para modificarlo."
        owner = "de la Coordinación Nacional" if region.es_nacional else f"de la región {region}"
        return (
            f"«{stored}» ya existe y es {owner}: no se puede modificar ni mover a su región "
            "desde una importación."
        )

    def forbidden_record_message(self, instance, policy):
        region = self._region_of(instance, policy)
        if region is None:
            return f"No tiene permiso para guardar «{instance}»."
        return (
            f"«{instance}» sería de la región {region}: solo puede importar registros de su "
            "propia región."
        )

    def run(self, upload, commit=True):
        """Validate every row; save all of them only when none has an error."""
        result = ImportResult()
        try:
            rows = self.read(upload)
        except ValidationError as exc:
            result.errors.append(RowError(0, exc.messages))
            return result
        result.rows = len(rows)
        items = []
        for row_number, data in rows:
            if "__extra__" in data:
                result.errors.append(
                    RowError(row_number, ["Tiene más columnas que el encabezado."])
                )
                continue
            try:
                item = self.validate_row(data, row_number)
                self.check_permissions(item)
                items.append((row_number, item))
            except ValidationError as exc:
                result.errors.append(RowError(row_number, exc.messages))
        result.errors += self.validate_all(items)
        if result.errors or not commit:
            result.errors.sort(key=lambda e: e.row)
            return result
        with transaction.atomic():
            for _row, item in items:
                if self.save(item):
                    result.created += 1
                else:
                    result.updated += 1
        return result


class CSVImportForm(forms.Form):
    archivo = forms.FileField(label=_("Archivo CSV"))

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["archivo"].help_text = help_text


class CSVImportView(WagtailAdminTemplateMixin, FormView):
    """The admin screen of an all-or-nothing import: every row is validated first; if one is
    wrong nothing is imported and each bad row is listed with its reason.

    Subclasses set ``model``, ``importer_class``, ``listing_url_name``, ``template_name``,
    ``page_title``, ``help_text``, ``success_message`` (with %(total)d, %(nuevos)d,
    %(actualizados)d) and ``conflict_message``; ``required_actions`` are checked against
    the model's permission policy. The importer module's COLUMNAS, COLUMNAS_OPCIONALES and
    EJEMPLO_CSV are shown to the user.
    """

    form_class = CSVImportForm
    header_icon = "upload"
    model = None
    importer_class = None
    listing_url_name = None
    help_text = ""
    required_actions = ("add",)
    success_message = _("Se importaron %(total)d registros.")
    conflict_message = _(
        "Otra persona guardó los mismos registros mientras se importaba el archivo; no se "
        "importó nada. Inténtelo de nuevo."
    )

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(self.model)

    def dispatch(self, request, *args, **kwargs):
        if not all(
            self.permission_policy.user_has_permission(request.user, action)
            for action in self.required_actions
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "help_text": self.help_text}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.listing_url_name), "label": self.model._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        module = import_module(self.importer_class.__module__)
        context.update(
            {
                "columnas": getattr(module, "COLUMNAS", ()),
                "columnas_opcionales": getattr(module, "COLUMNAS_OPCIONALES", ()),
                "ejemplo": getattr(module, "EJEMPLO_CSV", ""),
            }
        )
        return context

    def form_valid(self, form):
        try:
            result = self.importer_class(self.request.user).run(form.cleaned_data["archivo"])
        except IntegrityError:
            result = None
        if result is None or not result.ok:
            context = self.get_context_data(form=form)
            context["errores"] = result.errors if result is not None else [self.conflict_message]
            context["filas"] = result.rows if result is not None else 0
            return self.render_to_response(context)
        messages.success(
            self.request,
            self.success_message
            % {"total": result.saved, "nuevos": result.created, "actualizados": result.updated},
        )
        return redirect(self.listing_url_name)
