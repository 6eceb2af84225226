"""Server-rendered bar charts (cms.graficas and cms/includes/grafica_barras.html)."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from cms.graficas import (
    ALTO_BARRA,
    ANCHO,
    ANCHO_ETIQUETA,
    MARGEN_VALOR,
    SEPARACION,
    describir,
    grafica_barras,
)

ESPACIO = ANCHO - ANCHO_ETIQUETA - MARGEN_VALOR


def test_bars_are_proportional_to_the_values():
    g = grafica_barras("g", "Convenios", [("Norte", 10), ("Sureste", 5), ("Centro", 0)])
    anchos = [b["ancho"] for b in g["barras"]]
    assert anchos == [ESPACIO, ESPACIO / 2, 0]
    assert [b["y"] for b in g["barras"]] == [
        0,
        ALTO_BARRA + SEPARACION,
        2 * (ALTO_BARRA + SEPARACION),
    ]
    assert g["alto"] == 3 * (ALTO_BARRA + SEPARACION)
    assert all(b["x_valor"] == ANCHO_ETIQUETA + b["ancho"] + 6 for b in g["barras"])
    assert all(b["ancho"] + ANCHO_ETIQUETA + 6 < ANCHO for b in g["barras"])
    assert g["total"] == 15


def test_label_width_moves_the_bars():
    g = grafica_barras("g", "T", [("a", 4), ("b", 1)], ancho_etiqueta=300)
    assert g["x_barra"] == 300 and g["x_etiqueta"] == 292
    assert g["barras"][0]["ancho"] == ANCHO - 300 - MARGEN_VALOR
    assert g["barras"][1]["ancho"] == pytest.approx((ANCHO - 300 - MARGEN_VALOR) / 4, abs=0.1)


def test_long_labels_are_shortened_on_the_bars_only():
    nombre = "Una opción de respuesta muy larga que no cabe junto a la barra"
    barra = grafica_barras("g", "T", [(nombre, 1)])["barras"][0]
    assert barra["nombre"] == nombre
    assert barra["etiqueta"].endswith("…") and len(barra["etiqueta"]) < len(nombre)


@pytest.mark.parametrize("datos", [[], [("Norte", 0), ("Sureste", 0)], [("Norte", None)]])
def test_zero_and_empty_data(datos):
    g = grafica_barras("g", "Vacía", datos)
    assert all(b["ancho"] == 0 for b in g["barras"])
    assert g["total"] == 0
    assert g["alto"] == max(len(datos), 1) * (ALTO_BARRA + SEPARACION)


def test_default_description_is_built_from_the_data():
    g = grafica_barras("g", "T", [("Sí", 62.5), ("No", 37.5)], sufijo=" %", sumar=False)
    assert g["descripcion"] == "Sí: 62.5 %; No: 37.5 %."
    assert [b["texto"] for b in g["barras"]] == ["62.5 %", "37.5 %"]
    assert g["total"] is None
    con_intro = grafica_barras("g", "T", [("Norte", 3)], introduccion="Convenios por región.")
    assert con_intro["descripcion"] == "Convenios por región. Norte: 3."
    propia = grafica_barras("g", "T", [("Norte", 3)], descripcion="Norte: 3 de 5.")
    assert propia["descripcion"] == "Norte: 3 de 5."
    assert describir([]) == "Sin datos."
    assert grafica_barras("g", "T", [])["descripcion"] == "Sin datos."


def test_template_is_an_accessible_figure_with_the_same_data_in_a_table():
    g = grafica_barras(
        "por-region", "Convenios por región", [("Norte", 2), ("Sureste", 1)], unidad="convenios"
    )
    html = render_to_string("cms/includes/grafica_barras.html", {"g": g})
    for fragmento in (
        '<figure class="grafica-barras" aria-labelledby="por-region-pie">',
        'role="img"',
        'aria-labelledby="por-region-titulo por-region-desc"',
        '<title id="por-region-titulo">Convenios por región</title>',
        '<desc id="por-region-desc">Norte: 2; Sureste: 1.</desc>',
        "(total: 3 convenios)",
        '<th scope="col">Convenios</th>',
        '<th scope="row">Sureste</th><td>1</td>',
    ):
        assert fragmento in html
    assert "<script" not in html


def test_template_without_total_or_data():
    pct = grafica_barras("p0", "Pregunta", [("Sí", 50.0)], sufijo=" %", sumar=False)
    html = render_to_string("cms/includes/grafica_barras.html", {"g": pct})
    assert "total:" not in html and '<th scope="col">Valor</th>' in html
    assert "<td>50.0 %</td>" in html
    vacia = render_to_string(
        "cms/includes/grafica_barras.html", {"g": grafica_barras("v", "Vacía", [])}
    )
    assert "<svg" not in vacia and "<table" not in vacia
    assert "Vacía: Sin datos." in vacia


def test_coordinates_are_not_localized():
    g = grafica_barras("g", "T", [("a", 3), ("b", 1)])
    with translation.override("es"):  # decimal comma
        html = render_to_string("cms/includes/grafica_barras.html", {"g": g})
    assert 'y="15.4"' in html and "15,4" not in html
