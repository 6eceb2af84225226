"""One contract for every open-data endpoint (cms/api.py), checked on every endpoint the
code declares (``cms.api.OPERACIONES``) and on every URL pattern under /api/ and /datos/
the resolver knows, so a new endpoint is covered without being listed here."""

import csv
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cms import api
from cms.plugins import get_plugin
from search.api import extracto

pytestmark = pytest.mark.django_db
# Every endpoint declares itself when its URLconf is imported: load it before collecting.
_ = get_resolver().url_patterns

HOST = "localhost"


def _operaciones(csv=False):
    return sorted(r for r, o in api.OPERACIONES.items() if o.csv == csv)


def _listas():
    return [r for r in _operaciones() if api.OPERACIONES[r].paginada]


def _rutas_del_resolver(resolver=None, prefijo=""):
    resolver = resolver or get_resolver()
    for patron in resolver.url_patterns:
        texto = prefijo + str(patron.pattern).lstrip("^").rstrip("$")
        if isinstance(patron, URLResolver):
            yield from _rutas_del_resolver(patron, texto)
        elif isinstance(patron, URLPattern):
            yield "/" + texto


#: The list endpoint of each plugin that has one (checked only while the plugin is installed).
LISTAS_DE_COMPLEMENTOS = {
    "directorio": "/api/v1/directorio/organismos",
    "alianzas": "/api/v1/convenios",
    "medios": "/api/v1/medios",
}


def _get(client, ruta, **kwargs):
    return client.get(ruta, HTTP_HOST=HOST, **kwargs)


def _sin_cadenas_vacias(valor, donde="$"):
    if isinstance(valor, dict):
        for k, v in valor.items():
            _sin_cadenas_vacias(v, f"{donde}.{k}")
    elif isinstance(valor, list):
        for i, v in enumerate(valor):
            _sin_cadenas_vacias(v, f"{donde}[{i}]")
    else:
        assert valor != "", f"cadena vacía en {donde} (un valor que falta es null)"


def test_every_open_data_route_is_declared():
    """A view under /api/ or /datos/ without a declaration would escape every test below."""
    declaradas = set(api.OPERACIONES) | {
        "/api/v1/openapi.json",
        "/api/v1/",
        "/api/",
        "/datos/datapackage.json",
    }
    rutas = {r for r in _rutas_del_resolver() if r.startswith(("/api/", "/datos/"))}
    # The JSON 404 for the rest of /api/; the test-only plugin of tests/testdummy.
    rutas = {r for r in rutas if "(?P" not in r and "testdummy" not in r}
    assert rutas, "no open-data routes found"
    assert rutas <= declaradas, rutas - declaradas
    # Search always; each installed plugin's own list (a plugin may be absent: CI removes
    # one and runs these tests again).
    esperadas = {"/api/v1/buscar"} | {
        ruta for etiqueta, ruta in LISTAS_DE_COMPLEMENTOS.items() if get_plugin(etiqueta)
    }
    assert esperadas <= set(_listas()), esperadas - set(_listas())
    assert len(_operaciones(csv=True)) == len(api.CONJUNTOS)


@pytest.mark.parametrize("ruta", _listas())
def test_lists_share_one_envelope(client, ruta):
    response = _get(client, ruta)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    datos = response.json()
    assert list(datos)[:7] == [
        "total",
        "pagina",
        "paginas",
        "por_pagina",
        "anterior",
        "siguiente",
        "resultados",
    ]
    assert datos["pagina"] == 1 and datos["paginas"] >= 1 and datos["anterior"] is None
    assert len(datos["resultados"]) <= datos["por_pagina"]
    if datos["paginas"] > 1:
        assert (
            datos["siguiente"].startswith("http://localhost/") and "pagina=2" in datos["siguiente"]
        )
    else:
        assert datos["siguiente"] is None
    _sin_cadenas_vacias(datos)
    for elemento in datos["resultados"]:
        assert all(re.fullmatch(r"[a-z_]+", clave) for clave in elemento), elemento.keys()


def test_pages_link_to_each_other(client):
    """On every list with two items or more in the demo (the directory has hundreds)."""
    vistas = 0
    for ruta in _listas():
        if api.OPERACIONES[ruta].por_pagina_fijo:
            continue  # the search engine's page size
        total = _get(client, ruta).json()["total"]
        if total < 2:
            continue
        primera = _get(client, ruta, data={"por_pagina": 1}).json()
        assert primera["paginas"] == total and len(primera["resultados"]) == 1
        segunda = _get(client, primera["siguiente"].removeprefix("http://localhost")).json()
        assert segunda["pagina"] == 2 and "pagina=1" in segunda["anterior"]
        assert segunda["resultados"] != primera["resultados"]
        vistas += 1
    assert vistas >= 2


def _invalidos(ruta):
    operacion = api.OPERACIONES[ruta]
    casos = [("pagina", "0"), ("pagina", "abcd"), ("pagina", "-3")]
    if operacion.csv or not operacion.paginada:
        casos = []
    if not operacion.por_pagina_fijo and casos:
        casos += [("por_pagina", "0"), ("por_pagina", "100000")]
    for nombre, (_descripcion, valores) in operacion.parametros.items():
        if callable(valores):
            casos.append((nombre, "marte"))
        elif isinstance(valores, tuple):
            casos.append((nombre, "abcd"))
    return [(ruta, nombre, valor) for nombre, valor in casos]


INVALIDOS = [caso for ruta in sorted(api.OPERACIONES) for caso in _invalidos(ruta)]


@pytest.mark.parametrize(("ruta", "nombre", "valor"), INVALIDOS)
def test_every_invalid_parameter_is_a_json_400(client, ruta, nombre, valor):
    response = _get(client, ruta, data={nombre: valor})
    assert response.status_code == 400, (ruta, nombre, response.content[:200])
    assert response["Content-Type"].startswith("application/json")
    cuerpo = response.json()
    assert cuerpo["estado"] == 400
    assert valor in cuerpo["error"] or nombre in cuerpo["error"] or "página" in cuerpo["error"]
    if nombre in ("pagina", "por_pagina", "anio", "entidad"):
        assert cuerpo["parametro"] == nombre


def test_invalid_parameters_cover_the_cases_of_the_issue():
    casos = {(r, n, v) for r, n, v in INVALIDOS}
    assert ("/api/v1/buscar", "region", "marte") in casos
    assert ("/api/v1/buscar", "anio", "abcd") in casos
    if get_plugin("medios"):
        assert ("/api/v1/medios", "pagina", "0") in casos
    assert ("/api/v1/buscar", "tipo", "marte") in casos


@pytest.mark.parametrize("ruta", _listas())
def test_a_page_past_the_last_is_a_json_404(client, ruta):
    response = _get(client, ruta, data={"pagina": "99"})
    assert response.status_code == 404
    assert response.json()["parametro"] == "pagina"
    assert "99" in response.json()["error"]


def test_an_empty_list_is_one_empty_page(client, rf):
    datos = api.sobre(rf.get("/api/v1/medios", HTTP_HOST=HOST), [], 0, 1, 100)
    assert (datos["total"], datos["pagina"], datos["paginas"]) == (0, 1, 1)
    assert datos["siguiente"] is None and datos["resultados"] == []
    with pytest.raises(api.PaginaInexistente):
        api.sobre(rf.get("/api/v1/medios"), [], 0, 2, 100)


def test_an_empty_endpoint_answer_follows_the_rule(client):
    """Some filter of some endpoint selects nothing in the demo: the rule holds there."""
    vistos = 0
    for ruta in _listas():
        for nombre, (_d, valores) in api.OPERACIONES[ruta].parametros.items():
            if not callable(valores):
                continue
            for valor in valores():
                datos = _get(client, ruta, data={nombre: valor}).json()
                if datos.get("total") == 0:
                    assert (datos["pagina"], datos["paginas"], datos["resultados"]) == (1, 1, [])
                    vistos += 1
    assert vistos, "no filter selects nothing"


@pytest.mark.parametrize("ruta", ["/api/v1/no-existe", "/api/v2/medios", "/api/v1/medios/9/x"])
def test_unknown_api_paths_are_json_404(client, ruta):
    response = _get(client, ruta)
    assert response.status_code == 404
    assert response.json()["estado"] == 404


@pytest.mark.parametrize("ruta", _operaciones() + _operaciones(csv=True))
@pytest.mark.parametrize("metodo", ["post", "put", "delete", "patch"])
def test_other_methods_are_json_405(client, ruta, metodo):
    response = getattr(client, metodo)(ruta, HTTP_HOST=HOST)
    assert response.status_code == 405
    assert response.json()["estado"] == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("ruta", [*_operaciones(), "/api/v1/no-existe"])
def test_options_without_cors_is_not_html(client, ruta):
    response = client.options(ruta, HTTP_HOST=HOST)
    assert response.status_code in (204, 404)
    assert "html" not in response.get("Content-Type", "")
    if response.status_code == 204:
        assert "GET" in response["Allow"]


def test_a_server_error_under_api_is_json(client, monkeypatch):
    from search import api as search_api

    def falla(*args, **kwargs):
        raise RuntimeError("prueba")

    monkeypatch.setattr(search_api, "_validar_filtros", falla)
    client.raise_request_exception = False
    response = _get(client, "/api/v1/buscar", data={"q": "datos"})
    assert response.status_code == 500
    assert response.json()["estado"] == 500


# --- CSV and JSON: the same fields ----------------------------------------------------------


def _csv(response):
    contenido = response.content
    assert contenido.startswith("\ufeff".encode()), "CSV without BOM"
    texto = contenido.decode("utf-8-sig")
    assert "\r\n" in texto and "\n" not in texto.replace("\r\n", ""), "lines not CRLF"
    return list(csv.DictReader(io.StringIO(texto, newline="")))


@pytest.mark.parametrize("conjunto", sorted(api.CONJUNTOS), ids=str)
def test_every_csv_follows_the_convention(client, conjunto):
    datos = api.CONJUNTOS[conjunto]
    response = _get(client, f"/datos/{datos.archivo}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    _csv(response)
    encabezado = response.content.decode("utf-8-sig").split("\r\n")[0]
    assert encabezado == ",".join(c.nombre for c in datos.campos)


@pytest.mark.parametrize(
    "ruta",
    [r for r in _listas() if isinstance(api.OPERACIONES[r].elemento, api.ConjuntoDeDatos)],
)
def test_csv_and_json_have_the_same_fields_and_values(client, ruta):
    conjunto = api.OPERACIONES[ruta].elemento
    datos = _get(client, ruta, data={"por_pagina": 500}).json()
    filas = _csv(_get(client, f"/datos/{conjunto.archivo}"))
    assert len(filas) == datos["total"]
    for elemento, fila in zip(datos["resultados"], filas, strict=True):
        assert list(elemento) == list(fila)
        for campo in conjunto.campos:
            assert fila[campo.nombre] == campo.a_celda(elemento[campo.nombre]), campo.nombre


def test_a_state_outside_the_region_selects_nothing(client):
    ruta = "/api/v1/directorio/donde-ejercer"
    datos = _get(client, ruta, data={"region": "norte", "entidad": "jalisco"}).json()
    assert (datos["total"], datos["paginas"], datos["resultados"]) == (0, 1, [])
    assert _get(client, ruta, data={"entidad": "jalisco"}).json()["total"] == 1


def test_agreement_purpose_is_in_both(client):
    assert "objeto" in [c.nombre for c in api.CONJUNTOS["convenios"].campos]


@pytest.mark.parametrize("conjunto", sorted(api.CONJUNTOS), ids=str)
def test_csv_filters_are_validated_like_the_api(client, conjunto):
    archivo = api.CONJUNTOS[conjunto].archivo
    response = _get(client, f"/datos/{archivo}", data={"region": "marte"})
    assert response.status_code == 400
    assert "marte" in response.json()["error"]


# --- Search items ---------------------------------------------------------------------------


def test_excerpts_are_plain_text_with_offsets():
    texto, resaltados = extracto(
        "El <mark>convenio</mark> de &quot;Jalisco&quot; &amp; <mark>ITEI</mark>"
    )
    assert texto == 'El convenio de "Jalisco" & ITEI'
    assert [texto[r["inicio"] : r["fin"]] for r in resaltados] == ["convenio", "ITEI"]
    assert extracto("", "Resumen") == ("Resumen", [])
    assert extracto("", "") == (None, [])


def test_search_items_use_spanish_keys(client):
    datos = _get(client, "/api/v1/buscar", data={"q": "transparencia"}).json()
    for elemento in datos["resultados"]:
        assert {"titulo", "tipo", "tipo_nombre", "url", "fecha", "extracto", "resaltados"} <= set(
            elemento
        )
        assert "<" not in (elemento["extracto"] or "")
    for valores in datos["facetas"].values():
        for valor in valores:
            assert set(valor) == {"valor", "nombre", "total", "seleccionado"}
    sugerencias = _get(client, "/api/v1/buscar/sugerencias", data={"q": "tr"}).json()
    assert sugerencias["pagina"] == 1 and sugerencias["paginas"] == 1
    for elemento in sugerencias["resultados"]:
        assert {"titulo", "url", "tipo", "tipo_nombre"} <= set(elemento)
