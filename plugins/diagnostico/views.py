"""Public views of the diagnosis page: published rounds only, aggregates only.

An institution's answers are shown only when the round says so
(``publica_respuestas_individuales``); otherwise no page lists who answered what, the
training needs show counts without names, and an aggregate over fewer than
``UMBRAL_PUBLICO`` answers (a small region) is withheld, since it would be one
institution's raw answer; so are the training needs and the comparison with the previous
round when fewer institutions answered them.
"""

from . import resultados as res
from .models import Edicion, Respuesta


def _publica(slug):
    return Edicion.objects.publicadas().select_related("cuestionario").filter(slug=slug).first()


def visible(edicion, agregado):
    return agregado.n >= res.umbral_publico(edicion)


def listado_context(page, request):
    ediciones = list(Edicion.objects.publicadas().order_by("-inicio"))
    return {
        "ediciones": [(e, page.url_edicion(e)) for e in ediciones],
    }


def edicion_context(page, request, slug):
    edicion = _publica(slug)
    if edicion is None:
        return None
    regiones = res.todas_las_regiones()
    preguntas = []
    for i, item in enumerate(res.por_pregunta(edicion, regiones, nacional=True)):
        pregunta, nacional = item["pregunta"], item["nacional"]
        if pregunta.tipo == "texto" and not edicion.publica_respuestas_individuales:
            continue
        ambitos = [(res.TOTAL_RED, nacional if visible(edicion, nacional) else None)] + [
            (region.nombre, agregado if visible(edicion, agregado) else None)
            for region, agregado in item["regiones"]
            if agregado.n
        ]
        preguntas.append(
            {
                "pregunta": pregunta,
                "tabla": res.tabla(pregunta, ambitos),
                "nacional": nacional if visible(edicion, nacional) else None,
                "grafica": res.grafica_de(pregunta, nacional, f"p{i}")
                if visible(edicion, nacional)
                else None,
                "regiones": [
                    (region, agregado if visible(edicion, agregado) else None)
                    for region, agregado in item["regiones"]
                    if agregado.n
                ],
            }
        )
    anterior = edicion.anterior(solo_publicadas=True)
    umbral = res.umbral_publico(edicion)
    necesidades = res.necesidades(edicion, regiones, umbral=umbral)
    context = {
        "edicion": edicion,
        "avance": res.avance(edicion, regiones),
        "preguntas": preguntas,
        "anterior": anterior,
        "comparacion": res.comparar(edicion, anterior, regiones, umbral=umbral),
        "necesidades": necesidades,
        "grafica_necesidades": res.grafica_necesidades(necesidades, "Necesidades de capacitación"),
        "umbral": res.UMBRAL_PUBLICO,
        "individuales": [],
    }
    if edicion.publica_respuestas_individuales:
        context["individuales"] = [
            (r.organismo, f"{page.url_edicion(edicion)}{r.organismo.clave}/")
            for r in Respuesta.objects.filter(edicion=edicion, estado=Respuesta.Estado.ENVIADA)
            .select_related("organismo__region")
            .order_by("organismo__region__orden", "organismo__nombre")
        ]
    return context


def institucion_context(page, request, slug, clave):
    edicion = _publica(slug)
    if edicion is None or not edicion.publica_respuestas_individuales:
        return None
    respuesta = (
        Respuesta.objects.filter(
            edicion=edicion, organismo__clave=clave, estado=Respuesta.Estado.ENVIADA
        )
        .select_related("organismo")
        .first()
    )
    if respuesta is None:
        return None
    return {
        "edicion": edicion,
        "respuesta": respuesta,
        "url_edicion": page.url_edicion(edicion),
        "secciones": [
            (seccion, [(p, respuesta.respuestas.get(p.clave)) for p in preguntas])
            for seccion, preguntas in edicion.cuestionario.por_seccion()
        ],
    }
