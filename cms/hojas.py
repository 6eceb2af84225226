"""Cells of every CSV the platform hands out, safe to open in a spreadsheet.

Titles, names and descriptions are typed by editors or imported from a CSV; a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
spreadsheets (``=HYPERLINK(…)`` sends the sheet's data elsewhere, DDE runs commands). Such a
cell goes out with a leading apostrophe, which spreadsheets read as "this is text"
(OWASP, CSV injection). Numbers, and text made only of digits, spaces and ``( ) . , -``
after the sign (a negative amount, a telephone number such as ``+52 55 5004 2400``), are
left alone: without letters or operators they cannot call anything.

One rule for both kinds of CSV: the open data under ``/datos/`` (``cms.api.respuesta_csv``)
and every admin export built on Wagtail's ``SpreadsheetExportMixin``:

- our export views (the viewsets' listings, our reports) inherit
  :class:`FormulaSafeExportMixin`, which escapes each value as it is written;
- the exports of views we do not own (Wagtail's reports, wagtail-localize's) pass through
  :class:`FormulaSafeExportMiddleware`: Wagtail mounts its reports before any
  ``register_admin_urls`` hook, so a subclass cannot take their URLs without shadowing
  them. ``tests/cms/test_exportaciones_seguras.py`` walks every admin URL.

XLSX exports need nothing: Wagtail already stores what looks like a formula as a string.
"""

import codecs
import csv
import io
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


class FormulaSafeExportMixin:
    """For a view built on Wagtail's ``SpreadsheetExportMixin``: every CSV cell goes out
    through :func:`celda`."""

    def preprocess_field_value(self, field, value, export_format):
        valor = super().preprocess_field_value(field, value, export_format)
        return celda(valor) if export_format == self.FORMAT_CSV else valor


def _lineas(trozos):
    """The text lines (with their ends) of a stream of UTF-8 chunks, whatever the cuts.

    Cut at line feeds only (the excel dialect ends rows with CRLF and quotes a cell with CR
    or LF): ``str.splitlines`` would also cut at a form feed, a vertical tab or a Unicode
    line separator, which a cell carries unquoted, and split its row in two."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    resto = ""
    for trozo in trozos:
        texto = resto + decoder.decode(trozo if isinstance(trozo, bytes) else trozo.encode())
        *lineas, resto = texto.split("\n")
        for linea in lineas:
            yield linea + "\n"
    resto += decoder.decode(b"", final=True)
    if resto:
        yield resto


def csv_seguro(trozos):
    """A CSV stream (bytes chunks, the excel dialect Wagtail writes) with every cell through
    :func:`celda`, one chunk a row; rows with nothing to escape come out as they went in."""
    salida = io.StringIO()
    escritor = csv.writer(salida)
    for valores in csv.reader(_lineas(trozos)):
        escritor.writerow(fila(valores))
        yield salida.getvalue().encode("utf-8")
        salida.seek(0)
        salida.truncate()


class FormulaSafeExportMiddleware:
    """The CSV export of an admin view built on ``SpreadsheetExportMixin`` that does not
    inherit :class:`FormulaSafeExportMixin` (one we do not own) goes out escaped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self.exporta_sin_escapar(request, response):
            return response
        if response.streaming:
            response.streaming_content = csv_seguro(response.streaming_content)
        else:
            response.content = b"".join(csv_seguro([response.content]))
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def exporta_sin_escapar(request, response):
        from wagtail.admin.views.mixins import SpreadsheetExportMixin

        match = getattr(request, "resolver_match", None)
        vista = getattr(getattr(match, "func", None), "view_class", None)
        return (
            vista is not None
            and issubclass(vista, SpreadsheetExportMixin)
            and not issubclass(vista, FormulaSafeExportMixin)
            and request.GET.get("export") == SpreadsheetExportMixin.FORMAT_CSV
            and response.get("Content-Type", "").startswith("text/csv")
        )
