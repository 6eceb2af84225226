"""Kinds of results in words: the name citizens read (facets, results) and the words they
search them by ("medio público", "institución"). A search document declares its own kind
(``kind_label``, ``kind_words``, ``kind_weight``); core's page kinds are in
``search/data/tipos.json``; a page type missing there is named by its model's verbose name."""

import json
import re
from functools import cache
from pathlib import Path

from django.utils.text import slugify

from .analysis import fold

KINDS_FILE = Path(__file__).resolve().parent / "data" / "tipos.json"


def _document_kinds():
    """{kind: {etiqueta, palabras[, peso]}} as the declared search documents say them."""
    from .registry import declared_documents

    kinds = {}
    for _, document in declared_documents():
        if document.kind and document.kind_label:
            kind = {"etiqueta": document.kind_label, "palabras": document.kind_words}
            if document.kind_weight is not None:
                kind["peso"] = document.kind_weight
            kinds.setdefault(document.kind, kind)
    return kinds


@cache
def _declared():
    data = json.loads(KINDS_FILE.read_text(encoding="utf-8"))
    kinds = _document_kinds()
    kinds.update({k: v for k, v in data.items() if not k.startswith("_")})
    return kinds


@cache
def _page_kinds():
    """{kind: label} of every page type, the way PageDocument names their kinds."""
    from wagtail.models import get_page_models

    kinds = {}
    for model in get_page_models():
        name = str(model._meta.verbose_name)
        kind = str(getattr(model, "search_kind", None) or slugify(name))
        kinds.setdefault(kind, name[:1].upper() + name[1:])
    return kinds


def kind_label(kind):
    """«Medio público» for ``medio``, «Registro de convenios» for a page type's slug."""
    if not kind:
        return ""
    declared = _declared().get(kind)
    if declared:
        return declared["etiqueta"]
    return _page_kinds().get(kind) or kind.replace("-", " ").capitalize()


def kind_labels():
    labels = dict(_page_kinds())
    labels.update({k: v["etiqueta"] for k, v in _declared().items()})
    return labels


@cache
def _states():
    data = json.loads(KINDS_FILE.read_text(encoding="utf-8"))
    return data.get("_estados", {})


def kind_words(kind, estado=""):
    """What the index stores to find a document by its kind and state: «convocatoria
    abierta», «próximos eventos», «medio público»."""
    declared = _declared().get(kind)
    words = f"{declared['etiqueta']} {declared['palabras']}" if declared else kind_label(kind)
    state = _states().get(estado)
    if state:
        words = f"{words} {state['palabras']}"
    return words.strip()


def _folded_words(text, stop):
    return set(fold(text or "").split()) - stop


@cache
def _state_words():
    """{estado: the folded words a question asks for it with}: the words it is searched by
    («abiertas», «pasaron»), those that ask for it without being indexed («vencidos»: an
    agreement's summary says it) and those only questions use («cerraron»), stop words
    out."""
    from .analysis import query_stop_words

    stop = set(query_stop_words())
    return {
        estado: set().union(
            *(_folded_words(state.get(key), stop) for key in ("palabras", "busca", "pregunta"))
        )
        for estado, state in _states().items()
    }


@cache
def state_question_words():
    """The words that name a state only in questions («cerraron»): the index does not hold
    them, so they never count as words to match (search.query)."""
    from .analysis import query_stop_words

    stop = set(query_stop_words())
    return frozenset().union(*(_folded_words(s.get("pregunta"), stop) for s in _states().values()))


def states_asked(text):
    """The states a question names («talleres que ya pasaron» → pasado, «concursos que ya
    cerraron» → cerrada)."""
    words = set(re.findall(r"\w+", fold(text or "")))
    return {estado for estado, names in _state_words().items() if words & names}


def state_label(estado):
    state = _states().get(estado)
    return state["etiqueta"] if state else ""


def kind_weights():
    """{kind: weight} of the kinds ranked other than 1."""
    return {k: float(v["peso"]) for k, v in _declared().items() if "peso" in v}


def copy_group(doc):
    """Documents that are copies of one item across regions share a group: a page with the
    same kind, language and title; any other record is its own group."""
    if str(doc.get("id", "")).startswith("page:"):
        title = " ".join(fold(doc.get("title", "")).split())
        return f"{doc.get('kind', '')}|{doc.get('locale') or 'es-mx'}|{title}"
    return str(doc.get("id", ""))
