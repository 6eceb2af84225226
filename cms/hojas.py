"""Cells of every CSV the platform hands out, safe to open in a spreadsheet.

Titles, names and descriptions are typed by editors or imported from a CSV; a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
spreadsheets (``=HYPERLINK(…)`` sends the sheet's data elsewhere, DDE runs commands). Such a
cell goes out with a leading apostrophe, which spreadsheets read as "this is text"
(OWASP, CSV injection). Numbers, and text made only of digits, spaces and ``( ) . , -``
after the sign (a negative amount, a telephone number such as ``+52 55 5004 2400``), are
left alone: without letters or operators they cannot call anything.

One rule for both kinds of CSV: the open data under ``/datos/`` (``cms.api.respuesta_csv``)
and every admin export built on Wagtail's ``SpreadsheetExportMixin`` (listings of records,
Wagtail's reports), which :func:`instalar` wraps once at start-up. XLSX exports need
nothing: Wagtail already stores what looks like a formula as a string there.
"""

import re

_INICIO_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMERO_O_TELEFONO = re.compile(r"[+-][\d\s().,-]*")


def celda(valor):
    """``valor`` as a spreadsheet must read it: text that would start a formula gets a
    leading apostrophe; anything else (numbers, dates, ordinary text) is returned as is."""
    if not isinstance(valor, str) or not valor.startswith(_INICIO_DE_FORMULA):
        return valor
    if _NUMERO_O_TELEFONO.fullmatch(valor):
        return valor
    return "'" + valor


def fila(valores):
    """A row of cells for ``csv.writer``."""
    return [celda(v) for v in valores]


def _preprocesado_seguro(preprocess_field_value):
    def wrapper(self, field, value, export_format):
        valor = preprocess_field_value(self, field, value, export_format)
        return celda(valor) if export_format == self.FORMAT_CSV else valor

    wrapper.snt_hojas = True
    wrapper.__wrapped__ = preprocess_field_value
    return wrapper


def instalar():
    """Every admin CSV export escapes its cells (idempotent)."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    metodo = SpreadsheetExportMixin.preprocess_field_value
    if not getattr(metodo, "snt_hojas", False):
        SpreadsheetExportMixin.preprocess_field_value = _preprocesado_seguro(metodo)
