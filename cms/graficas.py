"""Horizontal bar charts drawn on the server as inline SVG (no JavaScript).

:func:`grafica_barras` computes the geometry; ``cms/includes/grafica_barras.html`` draws
it as an accessible figure: the SVG is one image with a title and a description, and a
table under it carries the same numbers for whoever cannot see the bars.

    {% include "cms/includes/grafica_barras.html" with g=grafica only %}
"""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

ANCHO = 640
ANCHO_ETIQUETA = 220
ALTO_BARRA = 22
SEPARACION = 10
#: Room to the right of the longest bar for its value ("100.0 %").
MARGEN_VALOR = 70
#: Average width of a character of the labels (font-size 14), to shorten long labels.
ANCHO_CARACTER = 7.5


def describir(datos, sufijo=""):
    """The data as one sentence: "Norte: 3; Sureste: 5." (empty data: "Sin datos.")."""
    if not datos:
        return _("Sin datos.")
    return "; ".join(f"{nombre}: {valor}{sufijo}" for nombre, valor in datos) + "."


def grafica_barras(
    ident,
    titulo,
    datos,
    descripcion=None,
    introduccion="",
    unidad="",
    sufijo="",
    sumar=True,
    ancho_etiqueta=ANCHO_ETIQUETA,
):
    """Geometry of a horizontal bar chart.

    ``ident`` prefixes the ids of the figure's parts (unique in the page); ``datos`` is
    ``[(label, value)]`` in display order. ``descripcion`` is the SVG's text description;
    by default it is ``introduccion`` (a sentence saying what is counted) followed by the
    data as a sentence (:func:`describir`). ``unidad`` names what is
    counted ("convenios"), ``sufijo`` follows every value ("%"). With ``sumar`` the
    caption gives the total (pass ``False`` when a sum means nothing, e.g. percentages).
    """
    datos = [(nombre, valor or 0) for nombre, valor in datos]
    maximo = max((valor for _n, valor in datos), default=0)
    espacio = ANCHO - ancho_etiqueta - MARGEN_VALOR
    caracteres = max(int(ancho_etiqueta // ANCHO_CARACTER), 4)
    barras = []
    for i, (nombre, valor) in enumerate(datos):
        y = i * (ALTO_BARRA + SEPARACION)
        ancho = round(espacio * max(valor, 0) / maximo, 1) if maximo > 0 else 0
        barras.append(
            {
                "nombre": nombre,
                "etiqueta": Truncator(str(nombre)).chars(caracteres),
                "valor": valor,
                "texto": f"{valor}{sufijo}",
                "y": y,
                "y_texto": round(y + ALTO_BARRA * 0.7, 1),
                "ancho": ancho,
                "x_valor": round(ancho_etiqueta + ancho + 6, 1),
            }
        )
    if descripcion is None:
        descripcion = " ".join(filter(None, [str(introduccion), describir(datos, sufijo)]))
    return {
        "id": ident,
        "titulo": titulo,
        "descripcion": descripcion,
        "barras": barras,
        "ancho": ANCHO,
        "alto": max(len(datos), 1) * (ALTO_BARRA + SEPARACION),
        "x_barra": ancho_etiqueta,
        "x_etiqueta": ancho_etiqueta - 8,
        "alto_barra": ALTO_BARRA,
        "total": sum(valor for _n, valor in datos) if sumar else None,
        "unidad": unidad,
        "sufijo": sufijo,
    }
