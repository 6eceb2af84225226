"""The open-data contract shared by every endpoint under ``/api/v1/`` and ``/datos/``.

One place decides what every consumer sees, so the endpoints cannot drift apart:

- ``endpoint``: a view decorator. GET and HEAD only (405 with a JSON body otherwise,
  OPTIONS answered with ``Allow``), no CSRF (nothing is written), and an invalid
  parameter (``ParametroInvalido``) becomes a 400 with a JSON body naming it.
- ``lista``: the envelope of every list (``total``, ``pagina``, ``paginas``,
  ``por_pagina``, ``anterior``, ``siguiente``, ``resultados``), paginated with
  ``?pagina=`` and ``?por_pagina=``. An empty list is one empty page: ``paginas`` is
  never below 1, and a page past the last one is a 404 (JSON, naming ``pagina``).
- ``respuesta``: JSON in UTF-8 where a missing value is ``null``, never ``""``
  (``limpiar``), and an empty list is ``[]``.
- ``ConjuntoDeDatos`` / ``respuesta_csv``: every CSV under ``/datos/`` is declared once
  (fields, types, descriptions) and written by one helper (UTF-8 with BOM, CRLF, comma,
  lists joined with « | », booleans «sí»/«no», a missing value as an empty cell). The
  same declaration feeds ``/datos/datapackage.json`` and the OpenAPI document.
- ``DatosAbiertosMiddleware``: under ``/api/`` every error is JSON (unknown paths,
  methods, a plugin switched off, a server error); on every open URL (API, data, feeds,
  calendars: ``settings.SNT_RUTAS_ABIERTAS``) a 200 carries ``Cache-Control`` and an
  ``ETag`` and a repeated request answers 304.
"""

import csv
import io
import math
import re
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.views.decorators.csrf import csrf_exempt

from regiones.models import Region

from . import hojas

METODOS = ("GET", "HEAD", "OPTIONS")
POR_PAGINA = 100
POR_PAGINA_MAXIMO = 500
#: Cells of a list in a CSV.
SEPARADOR_LISTA = " | "
VERDADERO, FALSO = "sí", "no"

MENSAJES = {
    400: "La solicitud no es válida.",
    403: "No tiene permiso para consultar esta dirección.",
    404: "Esta dirección no existe en la API. La documentación está en /api/v1/.",
    405: "Este método no está permitido. La API solo responde a GET, HEAD y OPTIONS.",
    429: "Demasiadas consultas. Espere un minuto e intente de nuevo.",
    500: "Ocurrió un error en el servidor. Intente de nuevo más tarde.",
    503: "El servicio no está disponible por ahora. Intente de nuevo más tarde.",
}


class ParametroInvalido(ValueError):
    """A query parameter with a value that does not exist; the message is for the public."""

    status = 400

    def __init__(self, mensaje, parametro=None):
        super().__init__(mensaje)
        self.parametro = parametro


class PaginaInexistente(ParametroInvalido):
    """A well-formed page number past the last page: 404, like any address with nothing."""

    status = 404


# --- JSON ----------------------------------------------------------------------------------


def limpiar(valor):
    """The missing-value rule: ``""`` becomes ``null``, everywhere in the document."""
    if isinstance(valor, str):
        return valor if valor != "" else None
    if isinstance(valor, dict):
        return {k: limpiar(v) for k, v in valor.items()}
    if isinstance(valor, (list, tuple)):
        return [limpiar(v) for v in valor]
    return valor


def respuesta(datos, status=200):
    return JsonResponse(limpiar(datos), status=status, json_dumps_params={"ensure_ascii": False})


def error(status, mensaje=None, parametro=None):
    """``{"error": "…", "estado": 400, "parametro": "region"}``."""
    cuerpo = {"error": mensaje or MENSAJES.get(status, MENSAJES[400]), "estado": status}
    if parametro:
        cuerpo["parametro"] = parametro
    response = respuesta(cuerpo, status=status)
    if status == 405:
        response["Allow"] = ", ".join(METODOS)
    return response


def endpoint(vista):
    """Decorate every open-data view (JSON or CSV) with this."""

    @csrf_exempt
    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204, content_type="application/json")
            response["Allow"] = ", ".join(METODOS)
            return response
        if request.method not in ("GET", "HEAD"):
            return error(405)
        try:
            return vista(request, *args, **kwargs)
        except ParametroInvalido as exc:
            return error(exc.status, str(exc), exc.parametro)

    return envuelta


@csrf_exempt
def ruta_desconocida(request, resto=""):
    """Any address under /api/ that no endpoint answers."""
    return error(404)


# --- Parameters ----------------------------------------------------------------------------


def entero(params, nombre, defecto, minimo=1, maximo=None):
    """A whole number between ``minimo`` and ``maximo`` (inclusive), or ``defecto``."""
    crudo = params.get(nombre, "")
    if str(crudo).strip() == "":
        return defecto
    try:
        valor = int(str(crudo).strip())
    except ValueError:
        raise ParametroInvalido(
            f"El parámetro «{nombre}» debe ser un número entero; se recibió «{crudo}».", nombre
        ) from None
    if valor < minimo or (maximo is not None and valor > maximo):
        rango = f"entre {minimo} y {maximo}" if maximo is not None else f"{minimo} o mayor"
        raise ParametroInvalido(f"El parámetro «{nombre}» debe ser {rango}.", nombre)
    return valor


def opcion(params, nombre, validas, articulo="El valor"):
    """A value among ``validas`` (or None when absent); 400 naming the valid ones."""
    crudo = str(params.get(nombre, "")).strip()
    if not crudo:
        return None
    validas = [str(v) for v in validas]
    if crudo not in validas:
        raise ParametroInvalido(
            f"{articulo} «{crudo}» no existe. Valores válidos: {', '.join(validas)}.", nombre
        )
    return crudo


def region(params, nombre="region"):
    """The Region named by ``?region=`` (its slug), or None."""
    regiones = {r.slug: r for r in Region.objects.order_by("orden")}
    slug = opcion(params, nombre, regiones, "La región")
    return regiones[slug] if slug else None


# --- Lists ---------------------------------------------------------------------------------


def _enlace(request, pagina):
    params = request.GET.copy()
    params["pagina"] = str(pagina)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def sobre(request, resultados, total, pagina, por_pagina, limite_paginas=None, **extra):
    """The envelope of one page of a list; ``extra`` keys follow the standard ones.
    ``limite_paginas``: the last page a client may ask for (search stops at 100)."""
    paginas = validar_pagina(pagina, total, por_pagina, limite_paginas)
    return {
        "total": total,
        "pagina": pagina,
        "paginas": paginas,
        "por_pagina": por_pagina,
        "anterior": _enlace(request, pagina - 1) if pagina > 1 else None,
        "siguiente": _enlace(request, pagina + 1) if pagina < paginas else None,
        "resultados": list(resultados),
        **extra,
    }


def validar_pagina(pagina, total, por_pagina, limite_paginas=None):
    """The number of pages; a page past the last one is a 404."""
    paginas = paginas_de(total, por_pagina)
    if limite_paginas:
        paginas = min(paginas, limite_paginas)
    if pagina > paginas:
        raise PaginaInexistente(
            f"La página {pagina} no existe: esta consulta tiene {paginas} "
            f"{'página' if paginas == 1 else 'páginas'}.",
            "pagina",
        )
    return paginas


def paginas_de(total, por_pagina):
    """An empty list is one empty page."""
    return max(1, math.ceil(total / por_pagina))


def lista(request, elementos, serializar=lambda x: x, por_pagina=POR_PAGINA, **extra):
    """One page of ``elementos`` (a queryset or a list) in the envelope, as a response."""
    pagina = entero(request.GET, "pagina", 1)
    tamano = entero(request.GET, "por_pagina", por_pagina, maximo=POR_PAGINA_MAXIMO)
    total = len(elementos) if isinstance(elementos, list) else elementos.count()
    validar_pagina(pagina, total, tamano)
    inicio = (pagina - 1) * tamano
    trozo = [serializar(e) for e in elementos[inicio : inicio + tamano]]
    return respuesta(sobre(request, trozo, total, pagina, tamano, **extra))


# --- CSV and the data package --------------------------------------------------------------


@dataclass(frozen=True)
class Campo:
    """One column of a dataset, the same key in its JSON items.

    ``tipo`` is a Table Schema type (string, integer, number, boolean, date); ``lista``
    marks a list, joined in the CSV: of values, ``lista=""``; of objects, the key to show
    or a template (``"{distintivo} {frecuencia}"``).
    """

    nombre: str
    descripcion: str
    tipo: str = "string"
    lista: str | None = None
    valores: tuple = ()
    requerido: bool = False

    def a_celda(self, valor):
        if valor is None or valor == "":
            return ""
        if self.lista is not None:
            partes = [self._parte(v) for v in valor]
            return SEPARADOR_LISTA.join(str(p) for p in partes if p not in (None, ""))
        if isinstance(valor, bool):
            return VERDADERO if valor else FALSO
        return str(valor)

    def _parte(self, valor):
        if not isinstance(valor, dict):
            return valor
        if "{" in self.lista:  # a template such as "{distintivo} {frecuencia}"
            return self.lista.format(**{k: v or "" for k, v in valor.items()}).strip()
        return valor.get(self.lista)

    def esquema(self):
        tipo = "string" if self.lista is not None else self.tipo
        campo = {"name": self.nombre, "type": tipo, "description": self.descripcion}
        if tipo == "boolean":
            campo["trueValues"], campo["falseValues"] = [VERDADERO], [FALSO]
        if tipo == "date":
            campo["format"] = "default"
        restricciones = {}
        if self.requerido:
            restricciones["required"] = True
        if self.valores:
            restricciones["enum"] = list(self.valores)
        if restricciones:
            campo["constraints"] = restricciones
        return campo


@dataclass(frozen=True)
class ConjuntoDeDatos:
    """A dataset published as ``/datos/<archivo>`` (and usually as a JSON list)."""

    nombre: str
    titulo: str
    descripcion: str
    archivo: str
    campos: tuple
    clave: str | None = None
    fuentes: tuple = field(default=())

    def fila(self, elemento):
        return [c.a_celda(elemento.get(c.nombre)) for c in self.campos]

    def esquema(self):
        esquema = {"fields": [c.esquema() for c in self.campos], "missingValues": [""]}
        if self.clave:
            esquema["primaryKey"] = self.clave
        return esquema


CONJUNTOS = {}


def conjunto(**kwargs):
    """Declare a dataset (at import time of the module that serves it)."""
    datos = ConjuntoDeDatos(**kwargs)
    CONJUNTOS[datos.nombre] = datos
    return datos


def respuesta_csv(conjunto_de_datos, elementos):
    """The CSV convention: UTF-8 with BOM (spreadsheets in Mexico open it right), CRLF
    line ends, comma, a header row with the dataset's field names, one row per item."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([c.nombre for c in conjunto_de_datos.campos])
    for elemento in elementos:
        escritor.writerow(hojas.fila(conjunto_de_datos.fila(elemento)))
    response = HttpResponse(
        "\ufeff" + salida.getvalue(), content_type="text/csv; charset=utf-8; header=present"
    )
    response["Content-Disposition"] = f'attachment; filename="{conjunto_de_datos.archivo}"'
    return response


# --- Middleware ----------------------------------------------------------------------------


def _abierta(path):
    return re.match(settings.SNT_RUTAS_ABIERTAS, path) is not None


def _es_json(response):
    return response.get("Content-Type", "").startswith("application/json")


class DatosAbiertosMiddleware(ConditionalGetMiddleware):
    """JSON errors under /api/; Cache-Control, ETag and 304 on every open URL.

    Place it before the page cache, so a response from the cache is validated too.
    """

    def process_response(self, request, response):
        if request.path.startswith("/api/") and response.status_code >= 400:
            if not _es_json(response):
                response = error(response.status_code)
        if not _abierta(request.path) or response.status_code != 200:
            return response
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = (
                "no-cache"
                if request.path.startswith(settings.SNT_RUTAS_SIN_CACHE)
                else f"public, max-age={settings.SNT_DATOS_MAX_AGE}"
            )
        return super().process_response(request, response)


# --- The OpenAPI document's parts ----------------------------------------------------------


@dataclass(frozen=True)
class Operacion:
    """One GET endpoint as the OpenAPI document describes it (cms/datos_abiertos.py).

    ``parametros``: {name: (description, values)} where values is None (free text),
    ``(minimum, maximum)`` for a whole number, or a callable returning the valid values
    (read when the document is built); an empty value is the same as no parameter.
    ``elemento``: the JSON Schema of one item of ``resultados`` (or a ``ConjuntoDeDatos``,
    whose fields give it); ``extra``: schemas of the envelope's other keys;
    ``paginada=False`` for a list that is never paged; ``csv=True`` for a CSV file.
    """

    ruta: str
    resumen: str
    descripcion: str = ""
    etiqueta: str = "Datos"
    parametros: dict = field(default_factory=dict)
    elemento: object = None
    extra: dict = field(default_factory=dict)
    csv: bool = False
    paginada: bool = True
    paginas_maximas: int | None = None
    por_pagina_fijo: int | None = None


OPERACIONES = {}


def documentar(**kwargs):
    operacion = Operacion(**kwargs)
    OPERACIONES[operacion.ruta] = operacion
    return operacion


def valores_region():
    return list(Region.objects.order_by("orden").values_list("slug", flat=True))


def publicar(conjunto_de_datos, ruta, consulta, *, resumen, etiqueta, parametros):
    """The JSON list (at ``ruta``) and the CSV file (``/datos/<archivo>``) of one dataset,
    from one query, so they always carry the same items and fields; both are declared for
    the OpenAPI document. ``consulta(request)`` returns (items, serializer) and raises
    ParametroInvalido for an invalid filter. Returns the two views for the URLconf."""

    @endpoint
    def vista_json(request):
        elementos, serializar = consulta(request)
        return lista(request, elementos, serializar)

    @endpoint
    def vista_csv(request):
        elementos, serializar = consulta(request)
        return respuesta_csv(conjunto_de_datos, (serializar(e) for e in elementos))

    comunes = {"etiqueta": etiqueta, "parametros": parametros}
    documentar(
        ruta=ruta,
        resumen=resumen,
        descripcion=conjunto_de_datos.descripcion,
        elemento=conjunto_de_datos,
        **comunes,
    )
    documentar(
        ruta=f"/datos/{conjunto_de_datos.archivo}", resumen=f"{resumen} (CSV)", csv=True, **comunes
    )
    return vista_json, vista_csv
