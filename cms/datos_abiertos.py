"""The published descriptions of the open data, built from the endpoints' own declarations
(``cms.api.OPERACIONES`` and ``cms.api.CONJUNTOS``), so they cannot disagree with the code:

- ``/api/v1/openapi.json``: the OpenAPI 3.1 document of every endpoint;
- ``/api/v1/`` (and ``/api/``): the same document as a page people read;
- ``/datos/datapackage.json``: the Frictionless Data Package of every CSV under ``/datos/``.

A plugin's endpoints appear here because its ``api`` module declares them (plugins the
installation leaves out declare nothing, and nothing of theirs is described).
"""

from django.http import JsonResponse
from django.shortcuts import render

from . import api

VERSION = "1.0.0"
TITULO = "Datos abiertos de la red del Sistema Nacional de Transparencia"
DESCRIPCION = (
    "Las instituciones, los convenios, los medios públicos, «¿Dónde ejerzo hoy mi derecho?» "
    "y la búsqueda de toda la red, en JSON y CSV. Sin registro ni clave.\n\n"
    "**Contrato.** Toda lista llega en el mismo sobre: `total`, `pagina`, `paginas`, "
    "`por_pagina`, `anterior` y `siguiente` (direcciones completas, o `null`) y "
    "`resultados`. Una lista vacía es una página vacía: `total` 0, `pagina` 1, `paginas` 1. "
    "Las claves están en español; un valor que falta es `null` (nunca una cadena vacía) y "
    "una lista vacía es `[]`. Un parámetro con un valor que no existe (una región, un año, "
    'una página fuera de rango) responde 400 con `{"error": …, "estado": 400, '
    '"parametro": …}`; una dirección desconocida bajo `/api/` responde 404 y un método '
    "distinto de GET, HEAD u OPTIONS, 405, siempre en JSON. Los parámetros desconocidos se "
    "ignoran.\n\n"
    "**Versiones.** Este documento es el contrato de `/api/v1/` desde diciembre de 2026, "
    "cuando sus claves se unificaron (en español, con el mismo sobre en todas las listas): "
    "fue un cambio incompatible con las respuestas anteriores, sin versión paralela. Un "
    "cambio incompatible futuro se publicará en `/api/v2/` sin retirar `/api/v1/`.\n\n"
    "**Caché y otros orígenes.** Cada respuesta lleva `ETag` y `Cache-Control`; repita la "
    "petición con `If-None-Match` y recibirá 304 si nada cambió. Cualquier origen puede "
    "leer la API, los CSV, los feeds y los calendarios (CORS, sin credenciales)."
)

LICENCIA = {
    "name": "libre-uso-mx",
    "title": "Términos de Libre Uso MX",
    "path": "https://www.datos.gob.mx/libreusomx",
}


# --- OpenAPI -------------------------------------------------------------------------------


def _esquema_campo(campo):
    if campo.lista is not None:
        items = {"type": "string"} if campo.lista == "" else {"type": "object"}
        return {"type": "array", "items": items, "description": campo.descripcion}
    tipo = {"date": "string", "number": "number"}.get(campo.tipo, campo.tipo)
    esquema = {
        "type": tipo if campo.requerido else [tipo, "null"],
        "description": campo.descripcion,
    }
    if campo.tipo == "date":
        esquema["format"] = "date"
    if campo.valores:
        esquema["enum"] = list(campo.valores) + ([] if campo.requerido else [None])
    return esquema


def esquema_elemento(elemento):
    """The JSON Schema of one item: a dataset's fields, or the schema given."""
    if isinstance(elemento, api.ConjuntoDeDatos):
        return {
            "type": "object",
            "required": [c.nombre for c in elemento.campos],
            "additionalProperties": False,
            "properties": {c.nombre: _esquema_campo(c) for c in elemento.campos},
        }
    return elemento or {"type": "object"}


SIN_NULO = "^[^\\u0000]*$"


def _parametro(nombre, descripcion, valores):
    if isinstance(valores, tuple):
        esquema = {"type": "integer", "minimum": valores[0], "maximum": valores[1]}
    elif callable(valores):
        # An empty value means no filter, as in a form left on "all".
        esquema = {"type": "string", "enum": [*valores(), ""]}
    else:
        # Free text, but never a NUL (cms.solicitudes refuses it at the door with a 400).
        esquema = {"type": "string", "pattern": SIN_NULO}
    return {
        "name": nombre,
        "in": "query",
        "required": False,
        "description": descripcion,
        "schema": esquema,
    }


_ENLACE = {"type": ["string", "null"], "format": "uri"}


def _sobre(operacion):
    paginas = {"type": "integer", "minimum": 1}
    if operacion.paginas_maximas:
        paginas["maximum"] = operacion.paginas_maximas
    propiedades = {
        "total": {"type": "integer", "minimum": 0},
        "pagina": {"type": "integer", "minimum": 1},
        "paginas": paginas,
        "por_pagina": {"type": "integer", "minimum": 1},
        "anterior": _ENLACE,
        "siguiente": _ENLACE,
        "resultados": {"type": "array", "items": esquema_elemento(operacion.elemento)},
        **operacion.extra,
    }
    return {
        "type": "object",
        "required": list(propiedades),
        "additionalProperties": False,
        "properties": propiedades,
    }


def _respuesta_error(descripcion):
    return {
        "description": descripcion,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _operacion(operacion):
    parametros = [_parametro(n, d, v) for n, (d, v) in operacion.parametros.items()]
    if operacion.paginada and not operacion.csv:
        pagina = {"type": "integer", "minimum": 1}
        if operacion.paginas_maximas:
            pagina["maximum"] = operacion.paginas_maximas
        parametros.append(
            {
                "name": "pagina",
                "in": "query",
                "required": False,
                "description": "Número de página (la primera es 1).",
                "schema": pagina,
            }
        )
        if not operacion.por_pagina_fijo:
            parametros.append(
                {
                    "name": "por_pagina",
                    "in": "query",
                    "required": False,
                    "description": f"Elementos por página (por omisión {api.POR_PAGINA}).",
                    "schema": {"type": "integer", "minimum": 1, "maximum": api.POR_PAGINA_MAXIMO},
                }
            )
    if operacion.csv:
        contenido = {"text/csv": {"schema": {"type": "string"}}}
        descripcion = "CSV en UTF-8 con BOM, líneas CRLF, separado por comas."
    else:
        contenido = {"application/json": {"schema": _sobre(operacion)}}
        descripcion = "Una página de la lista."
    respuestas = {
        "200": {"description": descripcion, "content": contenido},
        "304": {"description": "Sin cambios desde la copia indicada en If-None-Match."},
        "400": _respuesta_error("Un parámetro tiene un valor que no existe."),
    }
    if operacion.paginada and not operacion.csv:
        respuestas["404"] = _respuesta_error("La página pedida está después de la última.")
    if operacion.ruta.startswith("/api/v1/buscar"):
        respuestas["429"] = _respuesta_error("Demasiadas consultas en un minuto.")
    nombre = operacion.ruta.strip("/").replace("/", "_").replace(".", "_").replace("-", "_")
    return {
        "get": {
            "operationId": nombre,
            "summary": operacion.resumen,
            "description": operacion.descripcion or operacion.resumen,
            "tags": [operacion.etiqueta],
            "parameters": parametros,
            "responses": respuestas,
        }
    }


def _documentos():
    """The two description documents, described too (a client finds one from the other)."""
    return {
        "/api/v1/openapi.json": {
            "get": {
                "operationId": "api_v1_openapi",
                "summary": "Este documento (OpenAPI 3.1)",
                "tags": ["Documentación"],
                "responses": {
                    "200": {
                        "description": "El documento OpenAPI.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "304": {"description": "Sin cambios."},
                },
            }
        },
        "/datos/datapackage.json": {
            "get": {
                "operationId": "datos_datapackage",
                "summary": "Descripción de los CSV (Frictionless Data Package)",
                "tags": ["Documentación"],
                "responses": {
                    "200": {
                        "description": "El Data Package.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["name", "resources", "licenses"],
                                }
                            }
                        },
                    },
                    "304": {"description": "Sin cambios."},
                },
            }
        },
    }


def documento_openapi(request):
    rutas = {ruta: _operacion(o) for ruta, o in sorted(api.OPERACIONES.items())}
    rutas.update(_documentos())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITULO,
            "version": VERSION,
            "description": DESCRIPCION,
            "license": {"name": LICENCIA["title"], "url": LICENCIA["path"]},
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": rutas,
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "estado"],
                    "additionalProperties": False,
                    "properties": {
                        "error": {"type": "string", "description": "Qué pasó, en español."},
                        "estado": {"type": "integer", "description": "El código HTTP."},
                        "parametro": {
                            "type": "string",
                            "description": "El parámetro con el valor que no existe.",
                        },
                    },
                }
            }
        },
    }


def _json(documento):
    # As built: a document's empty strings are not missing values.
    return JsonResponse(documento, json_dumps_params={"ensure_ascii": False})


@api.endpoint
def openapi_json(request):
    return _json(documento_openapi(request))


@api.endpoint
def documentacion(request):
    """The OpenAPI document as a plain page (no scripts)."""
    documento = documento_openapi(request)
    rutas = []
    for ruta, item in documento["paths"].items():
        operacion = item["get"]
        esquema = (
            operacion["responses"]["200"]["content"].get("application/json", {}).get("schema", {})
        )
        elemento = esquema.get("properties", {}).get("resultados", {}).get("items", {})
        rutas.append(
            {
                "ruta": ruta,
                "url": documento["servers"][0]["url"] + ruta,
                "operacion": operacion,
                "parametros": [
                    {**p, "valores": [v for v in p["schema"].get("enum", []) if v != ""]}
                    for p in operacion.get("parameters", [])
                ],
                "campos": [
                    {
                        "nombre": nombre,
                        "tipo": _tipo_legible(campo),
                        "descripcion": campo.get("description", ""),
                    }
                    for nombre, campo in elemento.get("properties", {}).items()
                ],
            }
        )
    return render(
        request,
        "cms/api_documentacion.html",
        {"documento": documento, "rutas": rutas, "conjuntos": list(api.CONJUNTOS.values())},
    )


def _tipo_legible(esquema):
    tipo = esquema.get("type", "objeto")
    tipos = tipo if isinstance(tipo, list) else [tipo]
    nombres = {
        "string": "texto",
        "integer": "entero",
        "number": "número",
        "boolean": "verdadero o falso",
        "array": "lista",
        "object": "objeto",
        "null": "null",
    }
    texto = " o ".join(nombres.get(t, t) for t in tipos)
    if esquema.get("format") == "date":
        texto += " (fecha AAAA-MM-DD)"
    return texto


# --- Data package --------------------------------------------------------------------------


def paquete(request):
    base = request.build_absolute_uri("/").rstrip("/")
    recursos = []
    for conjunto in api.CONJUNTOS.values():
        recursos.append(
            {
                "name": conjunto.nombre,
                "title": conjunto.titulo,
                "description": conjunto.descripcion,
                "path": conjunto.archivo,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": conjunto.esquema(),
                "licenses": [LICENCIA],
                "sources": [
                    {**f, "path": f["path"] if "://" in f["path"] else base + f["path"]}
                    for f in conjunto.fuentes
                ],
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "snt-datos-abiertos",
        "title": TITULO,
        "description": (
            "Los datos abiertos de la red del SNT en CSV: UTF-8 con BOM (las hojas de cálculo "
            "lo abren con acentos), líneas CRLF, separados por comas, con encabezado; las "
            "listas se separan con « | », «sí» y «no» para verdadero y falso, fechas "
            "AAAA-MM-DD y una celda vacía para un valor que falta. Los mismos campos, en JSON, "
            "en la API: " + base + "/api/v1/."
        ),
        "homepage": base + "/api/v1/",
        "version": VERSION,
        "licenses": [LICENCIA],
        "sources": [{"title": "Red del Sistema Nacional de Transparencia", "path": base + "/"}],
        "keywords": ["transparencia", "acceso a la información", "datos personales", "México"],
        "resources": recursos,
    }


@api.endpoint
def datapackage_json(request):
    return _json(paquete(request))
