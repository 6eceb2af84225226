"""The public pages' HTML, checked by the Nu HTML Checker (the W3C validator): home, every
listing, the newest page of every kind, search, every plugin page and its detail pages,
the error page, on two sites. Zero errors.

The checker is installed by ``scripts/services/vnu.sh`` (``make test`` runs it through
``all.sh``); the pages are written to files and checked in one call.
"""

import json
import subprocess
from pathlib import Path

import pytest

from cms.plugins import PluginPageMixin
from cms.traducciones.sitemap import rutas_de_complemento
from cms.visibilidad import paginas_publicas
from tests.conftest import require_service

from .conftest import HOSTS

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[2] / "var" / "vnu" / "vnu"
SITIOS = ["nacional", "norte"]
#: Detail pages checked per plugin page (they share one template).
DETALLES_POR_COMPLEMENTO = 3


def direcciones(regions, slug):
    """Home, listings, the newest child of each listing, plugin pages and some of their
    detail pages, search (with and without a query) and the 404 page."""
    home = regions[slug].site.root_page

    def ruta(pagina):
        return "/" + pagina.url_path.removeprefix(home.url_path)

    urls = ["/", "/buscar/", "/buscar/?q=transparencia", "/no-existe-esta-pagina/"]
    for hijo in paginas_publicas(home.get_children()).specific().order_by("path"):
        urls.append(ruta(hijo))
        nieto = paginas_publicas(hijo.get_children()).order_by("-pk").first()
        if nieto is not None:
            urls.append(ruta(nieto))
        if isinstance(hijo, PluginPageMixin):
            for entrada in rutas_de_complemento(hijo)[:DETALLES_POR_COMPLEMENTO]:
                urls.append(ruta(hijo) + entrada["ruta"].lstrip("/"))
            for entrada in rutas_de_complemento(hijo)[-1:]:
                urls.append(ruta(hijo) + entrada["ruta"].lstrip("/"))
    return list(dict.fromkeys(urls))


# The checker on Maven Central (20.6.30) predates these parts of the HTML Living Standard;
# each is valid HTML today and is ignored by exact message, nothing else.
POSTERIORES_AL_VALIDADOR = (
    # fetchpriority on <img>: added to the standard in 2023 (the page's main image asks
    # to be fetched first, its largest contentful paint on a phone).
    "Attribute “fetchpriority” not allowed on element “img”",
)


def validar(archivos):
    """{file name: [error messages]} from one run of the checker."""
    proceso = subprocess.run(
        [str(VNU), "--format", "json", "--errors-only", *map(str, archivos)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    salida = proceso.stderr + "\n" + proceso.stdout
    inicio = salida.find('{"messages"')
    assert inicio >= 0, salida[-2000:]
    mensajes = json.JSONDecoder().raw_decode(salida[inicio:])[0]["messages"]
    errores = {}
    for m in mensajes:
        if any(texto in m.get("message", "") for texto in POSTERIORES_AL_VALIDADOR):
            continue
        if m.get("type") == "error" or m.get("subType") == "fatal":
            nombre = Path(m.get("url", "").removeprefix("file:")).name
            errores.setdefault(nombre, []).append(
                f"línea {m.get('lastLine')}: {m.get('message')} «{m.get('extract', '')}»"
            )
    return errores


def test_public_pages_of_two_sites_have_no_html_errors(client, regions, tmp_path):
    require_service(
        "Nu HTML Checker",
        VNU.exists(),
        "Instálelo con scripts/services/vnu.sh start.",
    )
    archivos, origen = [], {}
    for slug in SITIOS:
        for url in direcciones(regions, slug):
            response = client.get(url, HTTP_HOST=HOSTS[slug])
            esperado = 404 if "no-existe" in url else 200
            assert response.status_code == esperado, (slug, url, response.status_code)
            archivo = tmp_path / f"{slug}-{len(archivos):03d}.html"
            archivo.write_bytes(response.content)
            archivos.append(archivo)
            origen[archivo.name] = f"{HOSTS[slug]}{url}"
    assert len(archivos) > 30
    # A broken document in the same run: the checker must report it.
    roto = tmp_path / "roto.html"
    roto.write_text('<!DOCTYPE html><html lang="es"><title>x</title><form action=""></form>')
    errores = validar([*archivos, roto])
    assert "roto.html" in errores, "the checker reported nothing for a broken page"
    del errores["roto.html"]
    informe = [f"{origen[n]}: {e}" for n, lista in sorted(errores.items()) for e in lista]
    assert not informe, "\n".join(informe)
