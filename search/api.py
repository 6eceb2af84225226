"""The search API (``/api/v1/buscar`` and ``/api/v1/buscar/sugerencias``) in the open-data
contract of ``cms.api``: the list envelope, Spanish keys, ``null`` for a missing value,
a 400 naming the parameter for every invalid value.

An excerpt is plain text (``extracto``); the words that matched are given as character
offsets into it (``resaltados``: ``[{"inicio": 4, "fin": 11}]``), so a client highlights
them in its own way without parsing HTML.
"""

import html
import re

from django.conf import settings

from cms import api

from .query import FACETS, MAX_PAGE, PAGE_SIZE, BadSearchRequest, autocomplete
from .tipos import kind_label, kind_labels
from .views import _region_names, _run, labelled_facets, labelled_results, rate_limited

_MARCA = re.compile(r"(</?mark>)")


def extracto(fragmento_html, resumen=""):
    """(plain text, [{"inicio", "fin"}]) from the engine's highlighted fragment
    (``<mark>`` around the matches, the rest HTML-escaped); the summary when there is none.
    """
    if not fragmento_html:
        return (resumen or None), []
    texto, resaltados, inicio = "", [], None
    for parte in _MARCA.split(fragmento_html):
        if parte == "<mark>":
            inicio = len(texto)
        elif parte == "</mark>":
            if inicio is not None and len(texto) > inicio:
                resaltados.append({"inicio": inicio, "fin": len(texto)})
            inicio = None
        else:
            texto += html.unescape(parte)
    return texto, resaltados


def _validar_filtros(params):
    """The facets whose values are known: a value that does not exist is a 400 (an empty
    answer would look like "nothing published")."""
    api.entero(params, "pagina", 1, maximo=MAX_PAGE)
    api.opcion(params, "idiomas", ["todos"], "El valor")
    # The names remembered per page-cache generation: no query per search.
    regiones = set(_region_names())
    tipos = set(kind_labels())
    for valor in params.getlist("region"):
        if valor.strip() and valor.strip() not in regiones:
            api.opcion({"region": valor}, "region", sorted(regiones), "La región")
    for valor in params.getlist("tipo"):
        if valor.strip() and valor.strip() not in tipos:
            api.opcion({"tipo": valor}, "tipo", sorted(tipos), "El tipo")
    for valor in params.getlist("anio"):
        if valor.strip():
            api.entero({"anio": valor}, "anio", None, minimo=1900, maximo=2100)


def resultado(item):
    texto, resaltados = extracto(item.get("snippet"), item.get("summary"))
    return {
        "titulo": item.get("title"),
        "tipo": item.get("kind"),
        "tipo_nombre": item.get("kind_label"),
        "region": item.get("region"),
        "region_nombre": item.get("region_label"),
        "url": item.get("url"),
        "fecha": item.get("fecha"),
        "estado": item.get("estado"),
        "estado_nombre": item.get("estado_label"),
        "extracto": texto,
        "resaltados": resaltados,
        "aviso": item.get("aviso") or "",
        "tambien_en": [
            {"region": c["region"], "region_nombre": c.get("region_label"), "url": c.get("url")}
            for c in item.get("tambien_en") or []
        ],
    }


def _facetas(facetas):
    return {
        nombre: [
            {
                "valor": v["value"],
                "nombre": v["label"],
                "total": v["count"],
                "seleccionado": v["selected"],
            }
            for v in valores
        ]
        for nombre, valores in labelled_facets(facetas).items()
    }


@api.endpoint
def api_buscar(request):
    """GET /api/v1/buscar?q=&region=&tipo=&organismo=&tema=&anio=&orden=&idioma=&pagina="""
    if rate_limited(request, "buscar"):
        return api.error(429)
    _validar_filtros(request.GET)
    try:
        busqueda, resultado_busqueda = _run(request)
    except BadSearchRequest as exc:
        raise api.ParametroInvalido(str(exc)) from None
    r = resultado_busqueda
    return api.respuesta(
        api.sobre(
            request,
            [resultado(item) for item in labelled_results(r.results)],
            r.total,
            busqueda.page,
            busqueda.size,
            limite_paginas=MAX_PAGE,
            motor=r.engine,
            aviso=r.notice,
            sugerencia=r.suggestion,
            promovidos=[
                {
                    "titulo": p.get("title"),
                    "url": p.get("url"),
                    "descripcion": p.get("description"),
                    "red": bool(p.get("network")),
                }
                for p in r.promoted
            ],
            facetas=_facetas(r.facets),
        )
    )


@api.endpoint
def api_sugerencias(request):
    """GET /api/v1/buscar/sugerencias?q= — titles that start with what was typed."""
    if rate_limited(request, "sugerencias", limit=settings.SEARCH_API_RATE_LIMIT * 5):
        return api.error(429)
    try:
        sugerencias = autocomplete(request.GET.get("q", ""))
    except Exception:
        sugerencias = []
    regiones = _region_names()
    resultados = [
        {
            "titulo": s.get("title"),
            "url": s.get("url"),
            "tipo": s.get("kind"),
            "tipo_nombre": kind_label(s.get("kind")),
            "region": s.get("region"),
            "region_nombre": regiones.get(s.get("region")),
        }
        for s in sugerencias
    ]
    return api.respuesta(
        api.sobre(request, resultados, len(resultados), 1, max(1, len(resultados)))
    )


# --- The OpenAPI document ------------------------------------------------------------------

_LUGAR = {
    "type": "object",
    "required": ["region", "url"],
    "properties": {
        "region": {"type": "string"},
        "region_nombre": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
    },
}
_TEXTO = {"type": ["string", "null"]}
_FACETA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["valor", "nombre", "total", "seleccionado"],
        "properties": {
            "valor": {"type": ["string", "integer"]},
            "nombre": {"type": ["string", "integer", "null"]},
            "total": {"type": "integer", "minimum": 0},
            "seleccionado": {"type": "boolean"},
        },
    },
}
api.documentar(
    ruta="/api/v1/buscar",
    resumen="Búsqueda en toda la red",
    descripcion=(
        f"Diez resultados por página (hasta la página {MAX_PAGE}). Sin «q», lo más reciente. "
        "El extracto es texto plano; «resaltados» da la posición (en caracteres) de las "
        "palabras encontradas."
    ),
    etiqueta="Búsqueda",
    parametros={
        "q": ("Palabras a buscar (hasta 200 caracteres).", None),
        "region": ("Región (identificador).", api.valores_region),
        "tipo": ("Tipo de resultado.", lambda: sorted(kind_labels())),
        "organismo": ("Clave de una institución.", None),
        "tema": ("Tema.", None),
        "anio": ("Año (cuatro cifras).", (1900, 2100)),
        "orden": ("Orden de los resultados.", lambda: ["relevancia", "fecha"]),
        "idioma": (
            "Idioma de los resultados (por omisión, español).",
            lambda: [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
        ),
        "idiomas": ("«todos» para buscar en todos los idiomas.", lambda: ["todos"]),
    },
    paginas_maximas=MAX_PAGE,
    por_pagina_fijo=PAGE_SIZE,
    elemento={
        "type": "object",
        "required": ["titulo", "tipo", "tipo_nombre", "url", "fecha", "extracto", "resaltados"],
        "properties": {
            "titulo": _TEXTO,
            "tipo": _TEXTO,
            "tipo_nombre": _TEXTO,
            "region": _TEXTO,
            "region_nombre": _TEXTO,
            "url": _TEXTO,
            "fecha": {"type": ["string", "null"], "format": "date"},
            "estado": _TEXTO,
            "estado_nombre": _TEXTO,
            "extracto": _TEXTO,
            "aviso": _TEXTO,
            "resaltados": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["inicio", "fin"],
                    "properties": {
                        "inicio": {"type": "integer", "minimum": 0},
                        "fin": {"type": "integer", "minimum": 0},
                    },
                },
            },
            "tambien_en": {"type": "array", "items": _LUGAR},
        },
    },
    extra={
        "motor": {"enum": ["opensearch", "elasticsearch", "database"]},
        "aviso": _TEXTO,
        "sugerencia": _TEXTO,
        "promovidos": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "titulo": _TEXTO,
                    "url": _TEXTO,
                    "descripcion": _TEXTO,
                    "red": {"type": "boolean"},
                },
            },
        },
        "facetas": {
            "type": "object",
            "properties": {nombre: _FACETA for nombre in FACETS},
        },
    },
)
api.documentar(
    ruta="/api/v1/buscar/sugerencias",
    resumen="Sugerencias mientras se escribe",
    descripcion="Hasta ocho títulos que empiezan como lo escrito (dos letras o más).",
    etiqueta="Búsqueda",
    parametros={"q": ("Lo escrito hasta ahora.", None)},
    paginada=False,
    elemento={
        "type": "object",
        "required": ["titulo", "url", "tipo"],
        "properties": {
            "titulo": _TEXTO,
            "url": _TEXTO,
            "tipo": _TEXTO,
            "tipo_nombre": _TEXTO,
            "region": _TEXTO,
            "region_nombre": _TEXTO,
        },
    },
)
