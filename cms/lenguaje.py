"""Inclusive, citizen language checker.

Finds phrases the network's style guide asks to avoid and suggests alternatives. It only warns:
editors decide. Matching ignores case and accents (both in the text and in the rule), skips
quotations (someone else's words) and proper names such as laws or institutions.
"""

import re
from dataclasses import dataclass
from html import unescape as unescape_entities

from django.utils.html import strip_tags

from .text import strip_accents

# Quotations are someone else's words: never flagged.
CITAS = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|‘[^’]*’|\"[^\"\n]*\"")

# Words that open the proper name of a law, institution, day or programme. The name goes on
# while capitalised words follow (with the usual connectors in between).
INICIOS_NOMBRE_PROPIO = [
    "Ley",
    "Código",
    "Reglamento",
    "Constitución",
    "Declaración",
    "Convención",
    "Instituto",
    "Comisión",
    "Consejo",
    "Secretaría",
    "Sistema",
    "Programa",
    "Premio",
    "Día",
    "Semana",
    "Congreso",
    "Asociación",
    "Colegio",
    "Universidad",
    "Fundación",
    "Centro",
    "Movimiento",
    "Sindicato",
    "Escuela",
    "Colonia",
    "Calle",
    "Avenida",
]
CONECTORES = r"(?:de|del|la|las|los|el|y|e|para|en|a|al|sobre|con|sus)"

# Fixed proper names that contain a phrase of the rules ("Hombre Nuevo", "Niños Héroes").
EXCEPCIONES = [
    r"\bHombre Nuevo\b",
    r"\b(?:Los )?Ninos Heroes\b",
    r"\bDerechos del Hombre y del Ciudadano\b",
]


def normalizar(texto, minusculas=True):
    """Text without accents (and lowercased), plus a map from each of its characters to the
    position of the original character, so findings point at the editor's text."""
    salida, mapa = [], []
    for posicion, caracter in enumerate(texto):
        base = strip_accents(caracter)
        if minusculas:
            base = base.casefold()
        for c in base:
            salida.append(c)
            mapa.append(posicion)
    mapa.append(len(texto))
    return "".join(salida), mapa


@dataclass(frozen=True)
class Regla:
    frase: str
    sugerencia: str
    explicacion: str = ""
    fuente: str = ""
    es_regex: bool = False

    def patron(self):
        if self.es_regex:
            cuerpo = strip_accents(self.frase)
        else:
            palabras = normalizar(self.frase.strip())[0].split()
            cuerpo = r"\s+".join(re.escape(p) for p in palabras)
        return re.compile(rf"(?<!\w)(?:{cuerpo})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Hallazgo:
    texto: str
    inicio: int
    fin: int
    regla: Regla

    @property
    def sugerencia(self):
        return self.regla.sugerencia

    @property
    def frase(self):
        return self.regla.frase

    def __str__(self):
        return f"«{self.texto}» → {self.sugerencia}"


def _patron_nombres_propios():
    inicios = "|".join(strip_accents(p) for p in INICIOS_NOMBRE_PROPIO)
    mayuscula = r"[A-ZÑ][\wÑñ]*"
    nombre = rf"\b(?:{inicios})(?:\s+(?:{CONECTORES}\s+)*{mayuscula})+"
    return re.compile("|".join([nombre, *EXCEPCIONES]))


NOMBRES_PROPIOS = _patron_nombres_propios()


def zonas_protegidas(texto, excepciones=()):
    """Spans (start, end) of the original text that are never flagged."""
    zonas = [m.span() for m in CITAS.finditer(texto)]
    sin_acento, mapa = normalizar(texto, minusculas=False)
    patrones = [NOMBRES_PROPIOS, *(re.compile(strip_accents(e)) for e in excepciones)]
    for patron in patrones:
        for m in patron.finditer(sin_acento):
            zonas.append((mapa[m.start()], mapa[m.end()]))
    return zonas


def revisar(texto, reglas, excepciones=()):
    """Findings in the text, in order of appearance; overlapping findings keep the first."""
    if not texto:
        return []
    normal, mapa = normalizar(texto)
    zonas = zonas_protegidas(texto, excepciones)
    candidatos = []
    for regla in reglas:
        try:
            patron = regla.patron()
        except re.error:
            continue
        for m in patron.finditer(normal):
            if m.end() == m.start():
                continue
            inicio, fin = mapa[m.start()], mapa[m.end()]
            if any(inicio < z_fin and fin > z_inicio for z_inicio, z_fin in zonas):
                continue
            candidatos.append((inicio, -(fin - inicio), fin, regla))
    hallazgos, hasta = [], -1
    for inicio, _largo, fin, regla in sorted(candidatos, key=lambda c: (c[0], c[1])):
        if inicio < hasta:
            continue
        hallazgos.append(Hallazgo(texto=texto[inicio:fin], inicio=inicio, fin=fin, regla=regla))
        hasta = fin
    return hallazgos


def reglas_activas():
    from .lenguaje_models import ReglaLenguaje

    return [r.como_regla() for r in ReglaLenguaje.objects.filter(activa=True)]


def etiquetas_de_campos(model):
    """{field name: the label the editor reads in the page's form}: the panel's own heading
    where it sets one, the field's verbose name (capitalised, as Django labels it) otherwise."""
    from django.utils.text import capfirst

    etiquetas = {}
    for field in model._meta.get_fields():
        if getattr(field, "concrete", False) and hasattr(field, "verbose_name"):
            etiquetas[field.name] = capfirst(str(field.verbose_name))
    handler = getattr(model, "get_edit_handler", None)
    pendientes = [handler()] if handler else []
    while pendientes:
        panel = pendientes.pop()
        nombre = getattr(panel, "field_name", None)
        if nombre and getattr(panel, "heading", ""):
            etiquetas[nombre] = str(panel.heading)
        pendientes.extend(getattr(panel, "children", ()))
    return etiquetas


def textos_de_pagina(page):
    """(label, plain text) of every editorial text field of a page, rich text included. The
    label is the one the editor sees in the form ("Entrada", not the field's name)."""
    from django.db import models
    from wagtail.fields import StreamField
    from wagtail.models import Page

    etiquetas = etiquetas_de_campos(type(page))
    textos = [(etiquetas["title"], page.title)]
    if page.search_description:
        textos.append((etiquetas["search_description"], page.search_description))
    campos_de_page = {f.name for f in Page._meta.get_fields()}
    for field in page._meta.get_fields():
        if field.name in campos_de_page or not getattr(field, "concrete", False):
            continue
        valor = getattr(page, field.name, None)
        if not valor:
            continue
        if isinstance(field, StreamField):
            partes = field.stream_block.get_searchable_content(valor)
            texto = "\n".join(unescape_entities(strip_tags(str(p))) for p in partes if p)
        elif isinstance(field, models.TextField | models.CharField) and not (
            isinstance(field, models.URLField | models.EmailField | models.SlugField)
            or field.choices
        ):
            texto = str(valor)
        else:
            continue
        if texto.strip():
            textos.append((etiquetas[field.name], texto))
    return textos


def revisar_pagina(page, reglas=None):
    """[(field label, finding)] for a page."""
    reglas = reglas_activas() if reglas is None else reglas
    if not reglas:
        return []
    return [
        (etiqueta, hallazgo)
        for etiqueta, texto in textos_de_pagina(page)
        for hallazgo in revisar(texto, reglas)
    ]


def agrupar(hallazgos):
    """[(label, finding)] -> [{"etiqueta": label, "hallazgos": [finding, ...]}], one entry a
    field in the order of the form: what the editor and the approver read."""
    grupos = {}
    for etiqueta, hallazgo in hallazgos:
        grupos.setdefault(etiqueta, []).append(hallazgo)
    return [{"etiqueta": etiqueta, "hallazgos": lista} for etiqueta, lista in grupos.items()]


def clave(etiqueta, hallazgo):
    """What makes two findings the same one across revisions of a page: the field, the rule
    and the words found (case and accents aside)."""
    return (etiqueta, hallazgo.regla.frase, normalizar(" ".join(hallazgo.texto.split()))[0])
