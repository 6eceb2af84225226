"""Every admin spreadsheet export escapes formulas, by construction and without patching
Wagtail (cms/hojas.py).

Our export views inherit ``FormulaSafeExportMixin``; the exports of views we do not own
(Wagtail's reports, wagtail-localize's) go through ``FormulaSafeExportMiddleware``. The walk
below covers every admin URL, so a new export cannot forget the rule.
"""

import csv
import io

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import PageReportView

from cms.hojas import FormulaSafeExportMiddleware, FormulaSafeExportMixin, csv_seguro
from tests.cms.test_puertas_formulas_csv import PELIGROSOS, _formula_abierta, celdas_exportadas

#: Packages whose export views must inherit the mixin themselves.
NUESTROS = ("cms.", "regiones.", "plugins.", "search.", "orchestration.")
#: Ours but below ``cms`` in the import layers (.importlinter), so they cannot import it:
#: the middleware escapes them like a view we do not own.
DEBAJO_DEL_NUCLEO = {"regiones.views.ContenidoRedView"}


def _vistas_de_exportacion():
    def recorrer(patrones, prefijo=""):
        for patron in patrones:
            if isinstance(patron, URLResolver):
                yield from recorrer(patron.url_patterns, prefijo + str(patron.pattern))
            else:
                yield prefijo + str(patron.pattern), patron

    vistas = {}
    for ruta, patron in recorrer(get_resolver().url_patterns):
        clase = getattr(patron.callback, "view_class", None)
        if ruta.startswith("admin/") and clase and issubclass(clase, SpreadsheetExportMixin):
            vistas.setdefault(clase, ruta)
    return vistas


def _nombre(clase):
    return f"{clase.__module__}.{clase.__qualname__}"


def test_every_admin_export_is_escaped():
    vistas = _vistas_de_exportacion()
    # The walk sees the exports it must: our listings and reports, and Wagtail's reports.
    nombres = {_nombre(c) for c in vistas}
    assert "plugins.alianzas.wagtail_hooks.OrganizacionIndexView" in nombres
    assert "plugins.directorio.admin_views.ContactosPorVerificarView" in nombres
    assert "wagtail.admin.views.reports.audit_logging.LogEntriesView" in nombres
    assert len(vistas) > 20

    middleware = "cms.hojas.FormulaSafeExportMiddleware" in settings.MIDDLEWARE
    sin_regla = []
    for clase, ruta in vistas.items():
        nombre = _nombre(clase)
        propia = nombre.startswith(NUESTROS) and nombre not in DEBAJO_DEL_NUCLEO
        if propia and not issubclass(clase, FormulaSafeExportMixin):
            sin_regla.append(f"{ruta}: {nombre} (inherit cms.hojas.FormulaSafeExportMixin)")
        elif not propia and not middleware:
            sin_regla.append(f"{ruta}: {nombre} (no FormulaSafeExportMiddleware)")
    assert sin_regla == []


def test_our_region_scoped_listings_escape_by_themselves():
    from cms.viewsets import RegionScopedModelViewSet, RegionScopedSnippetViewSet, SnippetIndexView

    for clase in (
        RegionScopedSnippetViewSet.index_view_class,
        RegionScopedModelViewSet.index_view_class,
        SnippetIndexView,
    ):
        assert issubclass(clase, FormulaSafeExportMixin)
        # Not escaped twice: the middleware leaves these to the mixin.
        assert not FormulaSafeExportMiddleware.exporta_sin_escapar(_Peticion(clase), _Respuesta())
    assert FormulaSafeExportMiddleware.exporta_sin_escapar(_Peticion(PageReportView), _Respuesta())


class _Peticion:
    def __init__(self, clase):
        vista = clase.as_view()
        self.resolver_match = type("Match", (), {"func": vista})()
        self.GET = {"export": "csv"}


class _Respuesta(dict):
    def __init__(self):
        super().__init__({"Content-Type": "text/csv"})


def _csv(filas):
    salida = io.StringIO()
    escritor = csv.writer(salida)
    for fila in filas:
        escritor.writerow(fila)
    return salida.getvalue().encode("utf-8")


def test_the_stream_rewrite_changes_only_formulas():
    filas = [
        ["Título", "Teléfono", "Notas"],
        [PELIGROSOS[0], "+52 55 5004 2400", 'dos\r\nlíneas, "comillas"'],
        ["Convenio de colaboración", "-12.5", PELIGROSOS[1]],
    ]
    original = _csv(filas)
    # Cut anywhere (mid-row, mid-character): the same result as one row a chunk.
    trozos = [original[i : i + 7] for i in range(0, len(original), 7)]
    escrito = b"".join(csv_seguro(trozos))
    assert escrito == b"".join(csv_seguro([original]))
    leido = list(csv.reader(io.StringIO(escrito.decode("utf-8"))))
    assert leido[0] == filas[0]
    assert leido[1] == ["'" + PELIGROSOS[0], "+52 55 5004 2400", 'dos\r\nlíneas, "comillas"']
    assert leido[2] == ["Convenio de colaboración", "-12.5", "'" + PELIGROSOS[1]]
    # A file with nothing to escape comes out byte for byte.
    inofensivo = _csv([filas[0], ["Convenio de colaboración", "-12.5", "7"]])
    assert b"".join(csv_seguro([inofensivo])) == inofensivo


def test_line_separators_other_than_newline_stay_inside_their_cell():
    # csv quotes a cell only for the delimiter, quotes, CR or LF: a form feed, a vertical tab
    # or a Unicode line separator in a title goes out unquoted and must not split its row.
    filas = [
        ["Título", "Notas"],
        ["uno\x0c=HYPERLINK(1)", "dos\u2028tres"],
        ["cuatro\x0bcinco\x1c", "seis\x85siete"],
    ]
    original = _csv(filas)
    for trozos in ([original], [original[i : i + 5] for i in range(0, len(original), 5)]):
        escrito = b"".join(csv_seguro(trozos))
        assert escrito == original
        assert list(csv.reader(io.StringIO(escrito.decode("utf-8"), newline=""))) == filas


@pytest.mark.django_db
def test_a_report_we_do_not_own_is_escaped_through_the_middleware(client, make_user, regions):
    """Wagtail's locked-pages report: a page title that starts a formula goes out as text."""
    inicio = regions["norte"].site.root_page.specific
    inicio.title = PELIGROSOS[2]
    inicio.save_revision().publish()
    usuario = make_user(superuser=True)
    inicio.locked, inicio.locked_by = True, usuario
    inicio.save(update_fields=["locked", "locked_by"])
    client.force_login(usuario)
    celdas = celdas_exportadas(client, "wagtailadmin_reports:locked_pages")
    assert "'" + PELIGROSOS[2] in celdas
    assert _formula_abierta(celdas) == []
