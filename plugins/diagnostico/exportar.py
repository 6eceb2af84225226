"""Spreadsheet exports of a round (openpyxl): raw answers and aggregates, limited to the
regions the user may see."""

import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from . import resultados as res

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _celda(valor):
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, list):
        return "; ".join(str(v) for v in valor)
    return valor


def _hoja(libro, titulo, encabezados, filas, primera=False):
    hoja = libro.active if primera else libro.create_sheet()
    hoja.title = titulo
    hoja.append(encabezados)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in filas:
        hoja.append([_celda(v) for v in fila])
    hoja.freeze_panes = "A2"
    return hoja


def _respuesta(libro, nombre):
    salida = io.BytesIO()
    libro.save(salida)
    response = HttpResponse(salida.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return response


def libro_respuestas(edicion, regiones):
    """Sheet 1: one row per answer (drafts included, with their state); sheet 2: the
    questions of the round's version."""
    from .models import Respuesta

    preguntas = edicion.cuestionario.preguntas_ordenadas()
    respuestas = (
        Respuesta.objects.filter(edicion=edicion, organismo__region__in=regiones)
        .select_related("organismo__region")
        .order_by("organismo__region__orden", "organismo__nombre")
    )
    libro = Workbook()
    _hoja(
        libro,
        "Respuestas",
        ["clave_institucion", "institucion", "region", "estado", "enviada_el"]
        + [p.clave for p in preguntas],
        (
            [
                r.organismo.clave,
                r.organismo.nombre,
                r.organismo.region.nombre,
                r.get_estado_display(),
                r.enviada_en.replace(tzinfo=None) if r.enviada_en else None,
            ]
            + [r.respuestas.get(p.clave) for p in preguntas]
            for r in respuestas
        ),
        primera=True,
    )
    _hoja(
        libro,
        "Preguntas",
        ["clave", "seccion", "pregunta", "tipo", "opciones", "minimo", "maximo", "obligatoria"],
        (
            [
                p.clave,
                p.seccion.titulo,
                p.texto,
                p.get_tipo_display(),
                p.opciones,
                p.minimo,
                p.maximo,
                p.obligatoria,
            ]
            for p in preguntas
        ),
    )
    return libro


def filas_agregados(edicion, regiones, nacional):
    for item in res.por_pregunta(edicion, regiones, nacional=nacional):
        pregunta = item["pregunta"]
        ambitos = ([(res.TOTAL_RED, item["nacional"])] if nacional else []) + [
            (region.nombre, agregado) for region, agregado in item["regiones"]
        ]
        for ambito, agregado in ambitos:
            base = [pregunta.clave, pregunta.texto, pregunta.get_tipo_display(), ambito, agregado.n]
            if agregado.tiene_estadisticas or pregunta.tipo in ("numero", "texto"):
                yield base + ["", "", "", agregado.promedio, agregado.minimo, agregado.maximo]
            for etiqueta, conteo, pct in agregado.conteos:
                yield base + [etiqueta, conteo, pct, "", "", ""]


def libro_agregados(edicion, regiones, nacional):
    libro = Workbook()
    _hoja(
        libro,
        "Agregados",
        [
            "clave",
            "pregunta",
            "tipo",
            "ambito",
            "respuestas",
            "categoria",
            "conteo",
            "porcentaje",
            "promedio",
            "minimo",
            "maximo",
        ],
        filas_agregados(edicion, regiones, nacional),
        primera=True,
    )
    _hoja(
        libro,
        "Necesidades",
        ["tema", "instituciones", "porcentaje", "regiones"],
        (
            [t["tema"], t["n"], t["porcentaje"], [r.nombre for r in t["regiones"]]]
            for t in res.necesidades(edicion, regiones)
        ),
    )
    return libro


def respuestas_xlsx(edicion, regiones):
    return _respuesta(
        libro_respuestas(edicion, regiones), f"diagnostico-{edicion.slug}-respuestas.xlsx"
    )


def agregados_xlsx(edicion, regiones, nacional):
    return _respuesta(
        libro_agregados(edicion, regiones, nacional),
        f"diagnostico-{edicion.slug}-agregados.xlsx",
    )
