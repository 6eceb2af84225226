"""Citizen search: one query over every region's pages and plugin records.

Queries are built with the DSL (multi_match and friends); a user's text is never parsed
as a query-string syntax. When the engine is down, the database answers.
"""

import logging
import re
import string
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import visibility
from .analysis import (
    CORE,
    LITERAL_ANALYZER,
    SPANISH_STOP_WORDS,
    acronyms,
    fold,
    name_words,
    proper_names,
    query_stop_words,
    strip_stop_words,
    synonym_rules,
    synonym_variants,
)
from .engine import get_engine
from .indexer import (
    BODY_ANALYZER,
    ENGLISH_SUFFIX,
    HIGHLIGHTED_FIELDS,
    NEWS_KIND,
    PLAIN_BODY,
    alias_name,
    current_profile,
)
from .tipos import kind_weights, state_question_words, states_asked

logger = logging.getLogger(__name__)

FACETS = {"region": "region", "tipo": "kind", "organismo": "organismos", "tema": "topics",
          "anio": "year"}  # fmt: skip
SORTS = {"relevancia", "fecha"}
PAGE_SIZE = 10
MAX_PAGE = 100
MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
#: One or two words must all match; of three or more, three in four (rounded down: two of
#: three), so a question with one word the content does not use («ejercerlos», «gobierno»)
#: still finds what it asks about; items with every word rank above.
MINIMUM_MATCH = "2<75%"
#: When fewer items than this match, those with half of the words are added below them;
#: when still fewer, those with any one of the words (a question whose other words the
#: content never uses: «mi vecino subió fotos mías a internet»), below again.
RELAXED_MATCH = "1<50%"
RELAXED_TIERS = (RELAXED_MATCH, "1")
RELAX_BELOW = 3
#: Terms a misspelt word may expand to (keeps fuzzy matching cheap on a large index).
FUZZY_EXPANSIONS = 10
FUZZY_PREFIX = 2
#: One edit for words of five letters or more, none for shorter ones (two edits cost far
#: more and find mostly other words).
FUZZINESS = "AUTO:5,50"
MAX_FUZZY_WORDS = 8
#: Fields with roots (search.analysis.DERIVED_FIELDS) with their weights, and the weight of
#: a match by roots against the words as written.
DERIVED_BOOSTS = (("title", 4), ("summary", 1.5), ("tipo_texto", 2), ("body", 1))
DERIVED_WEIGHT = 0.3
#: The words without synonyms, and every word of the question, each added to the words'
#: own weight of 1 (search.query._text_query).
LITERAL_WEIGHT = 0.8
ALL_WORDS_WEIGHT = 1.5
#: Regional copies of one item listed under its result ("también en").
MAX_COPIES = 6
#: Items are counted exactly up to this many (ten pages), then within a few percent: an exact
#: count of a large result costs a fifth of the query (measured at 100,000 documents).
GROUP_PRECISION = 100
#: The stored fields a result is built from (the rest of a document, its body above all,
#: is never sent back).
SHOWN_FIELDS = ["id", "display", "title", "kind", "region", "url", "date", "estado", "grupo"]
#: Values each slice of the index reports per facet, above what any facet holds, so every
#: count stays exact when a query's segments are searched in slices (search.engine).
FACET_SHARD_SIZE = 500
#: Page groups with copies in several regions remembered at most this many (see
#: remembered_copies); beyond, each search asks for its page's copies.
MAX_REMEMBERED_GROUPS = 5000


class BadSearchRequest(ValueError):
    """A request the search cannot answer; the message is for citizens."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevancia"
    page: int = 1
    region: str = ""
    site_id: int | None = None
    locale: str = ""
    size: int = PAGE_SIZE


def clean_query(text):
    """Printable text only, single spaces, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(text or ""))
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip()


def has_words(text):
    return bool(re.search(r"\w", text))


def _required_words(spec, n):
    """How many of ``n`` words a minimum_should_match ``spec`` of the forms used here
    requires («2», «75%», «2<75%»), by the engine's rules; None for another form."""
    below, _sep, rule = str(spec).strip().rpartition("<")
    if not re.fullmatch(r"(\d+)?", below) or not re.fullmatch(r"-?\d+%?", rule):
        return None
    if below and n <= int(below):
        return n
    if rule.endswith("%"):
        percent = int(rule[:-1])
        k = n * percent // 100 if percent >= 0 else n - n * -percent // 100
    else:
        k = int(rule) if int(rule) >= 0 else n + int(rule)
    return min(n, max(1, k))


#: Letters joined by one of these stay one word for the engine's tokenizer (Unicode word
#: boundaries: «de.la», «l’acceso», «a·b»), whatever the words on each side are.
JOINED_WORDS = re.compile(r"[^\W_]+(?:[.:'’‘·][^\W_]+)+")


def _most_words(q, locale, stop_words=True):
    """At least as many words as the engine's query analysis makes of ``q`` (Latin text:
    the tokenizer never splits a run of letters and digits; Spanish analysis drops the
    query's stop words, unless ``stop_words`` is false: the core profile's analyzer keeps
    them; a synonym of several words counts as one), or None when unsure."""
    folded = fold(q)
    drop = stop_words and locale[:2] in {"", "es"}
    stop = set(query_stop_words()) if drop else set()
    # A stop word inside a joined run («de.la») is no stop word for the engine.
    for run in JOINED_WORDS.findall(folded) if drop else ():
        if stop.intersection(re.split(r"[.:'’‘·]", run)):
            return None
    text = re.sub("[¿¡«»“”‘’–—…·]", " ", folded)
    if not text.isascii():
        return None
    words = re.findall(r"[a-z0-9_]+", text)
    if drop:
        words = [w for w in words if w not in stop] or words
    return len(words)


def _spanish_words(q):
    """The words the full profile's Spanish query analysis makes of ``q`` (before synonyms
    and stemming); None when unsure (text the tokenizer may split otherwise than on spaces:
    «a.b», accents left after folding)."""
    stop = set(query_stop_words())
    words = []
    for token in fold(q).split():
        token = token.strip(string.punctuation + "¿¡«»“”‘’–—…·")
        if not token:
            continue
        if not re.fullmatch(r"[a-z0-9]+", token):
            return None
        if token not in stop:
            words.append(token)
    return words


def _words_without_synonyms(q):
    """The words of ``q`` (``_spanish_words``) when no synonym rule applies to them; None
    when one does or when unsure."""
    words = _spanish_words(q)
    if not words or synonym_variants(" ".join(words), limit=1):
        return None
    return words


@lru_cache(maxsize=1)
def _synonym_outputs():
    """{term: the terms the engine's synonym filter makes of it} (search.analysis
    .synonym_rules, the rules the index is built with); a term in several rules gets every
    rule's terms."""
    outputs = {}
    for triggers, made in synonym_rules():
        for term in triggers:
            known = outputs.setdefault(term, [])
            known += [t for t in made if t not in known]
    return outputs


def _run_alternatives(q):
    """When the question is two words (besides its stop words) that together are one term
    of the synonyms, with the question's own words among what they become: those terms, the
    question's own first. The engine asks such a question as one run of the synonym graph,
    each alternative a clause scored on its own («recurso de revisión»: «recurso revisión»,
    «queja», «inconformidad»), and its literal clause asks the first alternative again; None
    otherwise (one word: its single-word synonyms are one term for the engine; three or
    more: the literal clause asks three in four, not all)."""
    words = _spanish_words(q)
    if not words or len(words) != 2:
        return None
    term = " ".join(words)
    made = _synonym_outputs().get(term)
    if not made or term not in made or len(made) < 2:
        return None
    return [term, *[t for t in made if t != term]]


def tier_can_add(tier, q, locale="", profile=None):
    """Whether the relaxed ``tier`` may find an item the query and the tiers before it
    did not: it asks for fewer of the question's words than they do for some word count
    the question may have. With one word, no tier adds anything; with two or three, «any
    word» asks what «half of the words» already asked. The core profile takes the stop
    words out in Python (``_text_query``) and its analyzer keeps the rest."""
    if profile == CORE:
        q = strip_stop_words(q)
    most = _most_words(q, locale, stop_words=profile != CORE)
    earlier = (MINIMUM_MATCH, *RELAXED_TIERS[: RELAXED_TIERS.index(tier)])
    for n in range(1, (most or 0) + 1):
        needed = _required_words(tier, n)
        before = [_required_words(spec, n) for spec in earlier]
        if needed is None or None in before or needed < min(before):
            return True
    return most is None


def parse_request(params, region="", site_id=None, locale=""):
    """Validate GET parameters. Raises BadSearchRequest with a Spanish message.

    The visitor's language (``idioma``, else the active one) filters the results;
    ``idiomas=todos`` widens the search to every language.
    """
    from django.conf import settings

    requested = (params.get("idioma") or locale or settings.LANGUAGE_CODE).lower()
    if requested not in {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}:
        raise BadSearchRequest("Ese idioma no está disponible en la búsqueda.")
    locale = requested
    raw_page = params.get("pagina", params.get("page", "1")) or "1"
    try:
        page = int(raw_page)
    except (TypeError, ValueError):
        raise BadSearchRequest("El número de página debe ser un número entero.") from None
    if page < 1:
        raise BadSearchRequest("El número de página debe ser 1 o mayor.")
    if page > MAX_PAGE:
        raise BadSearchRequest(f"Solo se muestran las primeras {MAX_PAGE} páginas de resultados.")
    sort = params.get("orden", "relevancia") or "relevancia"
    if sort not in SORTS:
        raise BadSearchRequest("El orden debe ser «relevancia» o «fecha».")
    filters = {}
    for name in FACETS:
        values = (
            [clean_query(v) for v in params.getlist(name)]
            if hasattr(params, "getlist")
            else [clean_query(params.get(name, ""))]
        )
        values = [v for v in values if v][:MAX_FILTER_VALUES]
        if values:
            filters[name] = values
    return SearchRequest(
        q=clean_query(params.get("q", "")),
        filters=filters,
        sort=sort,
        page=page,
        region=region,
        site_id=site_id,
        locale="" if params.get("idiomas") == "todos" else locale,
    )


@dataclass
class SearchResult:
    total: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    promoted: list = field(default_factory=list)
    engine: str = ""
    fallback: bool = False
    notice: str = ""
    page: int = 1
    pages: int = 0


def _filter_clauses(engine, filters, exclude=None):
    return [
        engine.Q("terms", **{FACETS[name]: values})
        for name, values in filters.items()
        if name != exclude
    ]


def _text_fields(profile, locale):
    """(fields for the stemmed cross-field match, unstemmed fields, phrase fields)."""
    weighted = [("title", 4), ("summary", 1.5), ("tipo_texto", 2), ("body", 1)]
    # Bodies are not folded as written (search.indexer.PLAIN_BODY): see _phrase_query.
    plain = ["title.plano^2", "summary.plano", "tipo_texto.plano"]
    if profile == CORE:
        return [f"{name}^{boost}" for name, boost in weighted], plain, ["title^2", "body"]
    # Spanish analysis for Spanish, English for English, plain folding for the rest.
    # English analysis is indexed for English documents only (search.indexer.ENGLISH_FIELDS),
    # a body folded as written for the other languages' documents only (PLAIN_BODY).
    suffix = {"es": "", "en": ENGLISH_SUFFIX}.get(locale[:2] if locale else "es", ".plano")
    names = {("body", ".plano"): PLAIN_BODY}
    fields = [f"{names.get((name, suffix), name + suffix)}^{boost}" for name, boost in weighted]
    return fields, plain, ["title.plano^4"]


def _phrase_query(engine, q, profile, phrase_fields):
    """The words as written, side by side: in a title above all, in a body too (the best of
    the two counts). A body is analysed once, with stems (search.indexer.index_mappings):
    its phrase is the query's words under the body's own analysis, where a stop word leaves
    its place. A question with one word besides its stop words («noticias de esta semana»
    has two, «taller» one) is no phrase for a body: asked, it would favour every body with
    that one word, which the words' own clause already counts."""
    text = fold(q)
    phrase = engine.Q("multi_match", query=text, type="phrase", fields=phrase_fields)
    if profile == CORE:
        return phrase
    words = re.findall(r"\w+", text)
    if len([w for w in words if w not in SPANISH_STOP_WORDS]) < 2:
        return phrase
    body = engine.Q("match_phrase", body={"query": text, "analyzer": BODY_ANALYZER})
    return engine.Q("dis_max", queries=[phrase, body])


#: A request denied or left unanswered, as people say it: «me negaron la información», «no
#: me responden», «no me contestaron», «sin respuesta».
RECOURSE_PHRASING = re.compile(
    r"\b(negaron|nego|niegan|negaran|negado|negada|negativa|rechazaron|rechazan"
    r"|no (?:me |nos |le )?(?:responde|responden|respondio|respondieron|contesta|contestan"
    r"|contesto|contestaron|dieron|dan|entregaron|entregan)|sin respuesta)\b"
)
RECOURSE = "recurso revision"
RECOURSE_WEIGHT = 2


def recourse_asked(q):
    return bool(RECOURSE_PHRASING.search(" ".join(fold(q or "").split())))


def _text_query(engine, q, profile, relaxed=False, locale="", fuzzy=True):
    """Words may be spread over title, summary, body and the kind's name; one or two words
    must all match, of a longer question three in four (``MINIMUM_MATCH``), and items with
    every word rank first. Question words and stop words are dropped by the query analyzer
    (in Python on the core profile), so they never block a match; synonyms add alternatives
    and never take a match away. A title phrase, an institution's acronym and a place count
    most; a misspelt word matches through a weaker fuzzy alternative, asked on every
    query."""
    fields, plain, phrase_fields = _text_fields(profile, locale)
    recourse = recourse_asked(q)
    words = strip_stop_words(q)
    if profile == CORE:
        q = words
    match = MINIMUM_MATCH
    # A synonym of several words («plataforma nacional de transparencia» for «PNT») asks
    # for its words, not for them side by side: the index keeps a gap where a stop word
    # was, the query's synonym has none, so a phrase would never match.
    words_query = {"query": q, "type": "cross_fields", "fields": fields,
                   "auto_generate_synonyms_phrase_query": False}  # fmt: skip
    spanish = profile != CORE and fields[0].startswith("title^")
    # Without a synonym in the question, the words without synonyms (LITERAL_WEIGHT) are the
    # words themselves; with one or two words, every item matching has every word
    # (ALL_WORDS_WEIGHT), synonyms or not: the engine asks each word, or each run of words
    # a synonym replaces, as one clause, «2<75%» of at most two clauses is all of them, the
    # same query as «and». Their weights go to the words' clause instead of asking the same
    # terms again (each clause reads every matching document's postings once more; a
    # synonym's alternatives, as in «datos personales» or «derechos arco», most of all).
    # The same scores wherever the words score at least their roots' alternative (below,
    # the best of the two counts, where the all-words clause was added to it): an item
    # whose roots outweigh its words by more than the words' weight over DERIVED_WEIGHT
    # loses what the all-words clause added (the judged sets rank the same).
    literal_words = _words_without_synonyms(q) if spanish else None
    literal_folded = literal_words is not None
    most = _most_words(q, locale, stop_words=profile != CORE)
    all_words_folded = most is not None and most <= 2
    weight = 1 + LITERAL_WEIGHT * literal_folded + ALL_WORDS_WEIGHT * all_words_folded
    boost = {"boost": weight} if weight != 1 else {}
    # A question that is one synonym term of two words asks each alternative as its own
    # clause, the question's words with the literal weight added: the same query as the
    # synonym graph's run plus the literal clause, without reading the question's words'
    # postings twice (search.query._run_alternatives).
    alternatives = _run_alternatives(q) if spanish else None
    if alternatives:
        words_match = engine.Q("bool", minimum_should_match=1, should=[
            engine.Q(
                "multi_match", query=term, type="cross_fields", fields=fields, operator="and",
                analyzer=LITERAL_ANALYZER,
                boost=weight + (LITERAL_WEIGHT if term == alternatives[0] else 0),
            )
            for term in alternatives
        ])  # fmt: skip
    else:
        words_match = engine.Q("multi_match", minimum_should_match=match, **boost, **words_query)
    if spanish:
        # A noun found by its verb and the other way round (search.analysis.DERIVATIONS),
        # below the words as written: the best of the two counts, never both.
        words_match = engine.Q("dis_max", queries=[words_match, engine.Q(
            "multi_match", query=q, type="cross_fields", minimum_should_match=match,
            fields=[f"{name}.raiz^{boost}" for name, boost in DERIVED_BOOSTS],
            boost=DERIVED_WEIGHT,
        )])  # fmt: skip
    should = [
        words_match,
        # The words as written, side by side: in a title above all, anywhere else too.
        _phrase_query(engine, q, profile, phrase_fields),
        engine.Q("terms", organismos=[q.upper(), q.strip().upper()], boost=5),
    ]
    if profile == CORE:
        # No synonym filter in this profile: the synonyms file is applied here.
        should += [
            engine.Q("multi_match", query=variant, type="cross_fields", fields=fields,
                     minimum_should_match=match, boost=0.8)
            for variant in synonym_variants(words)
        ]  # fmt: skip
    # Scoring only (they find nothing the clauses above do not): items with every word rank
    # above those missing one, and a place or an acronym narrows what is asked («radio
    # pública oaxaca»), so items naming it come before those matching the other words.
    ranking = [] if all_words_folded else [
        engine.Q("multi_match", operator="and", boost=ALL_WORDS_WEIGHT, **words_query)
    ]  # fmt: skip
    places = places_asked(q)
    if places:
        ranking.append(engine.Q(
            "multi_match", query=" ".join(places), type="cross_fields", fields=fields,
            operator="and", boost=1.0,
        ))  # fmt: skip
    if spanish and not literal_folded and not alternatives:
        # The Spanish words without synonyms: a synonym covering the whole query («sistema
        # nacional de transparencia») is an alternative, never the only way to match.
        should.append(engine.Q(
            "multi_match", analyzer=LITERAL_ANALYZER, minimum_should_match=match,
            boost=LITERAL_WEIGHT, **words_query,
        ))  # fmt: skip
    if recourse:
        # «¿Qué hago si me negaron la información?», «no me responden»: what the law gives
        # a person whose request was denied or left unanswered is the recurso de revisión.
        should.append(engine.Q(
            "multi_match", query=RECOURSE, type="cross_fields", fields=fields,
            operator="and", boost=RECOURSE_WEIGHT, auto_generate_synonyms_phrase_query=False,
        ))  # fmt: skip
    if relaxed:
        # Half of a long question (or, at the last tier, any of its words) still finds
        # something, below the fuller matches.
        tier = RELAXED_MATCH if relaxed is True else relaxed
        should.append(engine.Q(
            "multi_match", minimum_should_match=tier, boost=0.2, **words_query
        ))  # fmt: skip
    if fuzzy and words.split():
        # Typos: each word may be misspelt (the first two letters right, at most 10 terms
        # per word) in a title, summary or kind, weighted below any exact match. Place names and
        # acronyms are never fuzzy: «Puebla» does not find «pueblo».
        proper = proper_names()
        # Not the bodies: expanding a word over every body's vocabulary is what costs.
        fuzzy_fields = [f for f in plain if not f.startswith("body")]
        per_word = [
            engine.Q(
                "multi_match",
                query=word,
                fields=fuzzy_fields,
                prefix_length=FUZZY_PREFIX,
                fuzziness=0 if word.strip("¿?¡!.,;:") in proper else FUZZINESS,
                max_expansions=FUZZY_EXPANSIONS,
            )
            for word in words.split()[:MAX_FUZZY_WORDS]
        ]
        should.append(engine.Q("bool", should=per_word, minimum_should_match=match, boost=0.6))
    return engine.Q(
        "bool", must=[engine.Q("bool", should=should, minimum_should_match=1)], should=ranking
    )


#: Other names people give states («cdmx»), folded, for ``claves_atencion``.
NOMBRES_ESTADO = {"cdmx": "Ciudad de México", "edomex": "Estado de México"}
#: The weight of the body that answers today for the state and the right a question names.
ATIENDE_WEIGHT = 3.0


def _lugares_de_entidades():
    """{folded state name or other name: the place part of ``clave_atencion``}."""
    from regiones.hoy import clave_atencion
    from regiones.models import EntidadFederativa

    nombres = {fold(e): e for e in EntidadFederativa.objects.values_list("nombre", flat=True)}
    nombres.update({alias: nombre for alias, nombre in NOMBRES_ESTADO.items()})
    return {nombre: clave_atencion(lugar, "").rstrip(":") for nombre, lugar in nombres.items()}


_lugares = {}


def claves_atencion(q):
    """The keys (``regiones.hoy.clave_atencion``) of the states and rights a question names:
    «¿quién protege mis datos personales en colima?» → colima:datos; «derecho», or a state
    named alone, names both rights. None without a state or without a right."""
    from regiones.hoy import PALABRAS_CUALQUIER_DERECHO, PALABRAS_DERECHO

    texto = " ".join(re.findall(r"\w+", fold(q or "")))
    palabras = set(texto.split())
    derechos = [d for d, w in PALABRAS_DERECHO.items() if palabras & set(w.split())]
    if not derechos and palabras & set(PALABRAS_CUALQUIER_DERECHO.split()):
        derechos = list(PALABRAS_DERECHO)
    lugares, resto = _estados_nombrados(texto)
    if not derechos and lugares and _only_states(resto):
        # A state alone («puebla», «¿y en oaxaca?») asks who answers there: both rights.
        derechos = list(PALABRAS_DERECHO)
    return [f"{lugar}:{derecho}" for lugar in lugares for derecho in derechos]


def _estados_nombrados(texto):
    """(the place parts of ``clave_atencion`` of the states a folded text names, the text
    without their names)."""
    if not _lugares:
        _lugares.update(_lugares_de_entidades())
    lugares, resto = [], f" {texto} "
    # Longest names first: «baja california sur» is not «baja california».
    for nombre in sorted(_lugares, key=len, reverse=True):
        if f" {nombre} " in resto:
            lugares.append(_lugares[nombre])
            resto = resto.replace(f" {nombre} ", " ")
    return lugares, resto


#: The network's own word: said with a state and nothing else («transparencia yucatán»),
#: it asks what the state alone asks.
PALABRAS_DE_LA_RED = {"transparencia"}


def _only_states(resto):
    """Whether what a question says besides its states is only stop words and the
    network's own word."""
    return not set(resto.split()) - set(query_stop_words()) - PALABRAS_DE_LA_RED


def only_states_asked(q):
    """Whether a question names one or more states and nothing else (see _only_states)."""
    lugares, resto = _estados_nombrados(" ".join(re.findall(r"\w+", fold(q or ""))))
    return bool(lugares) and _only_states(resto)


#: Ranking multipliers of states and listings (kinds' weights are in search/data/tipos.json).
#: An institution that no longer exists ranks below the one that answers today (its
#: successor names it, so asking by the old name finds both).
STATE_WEIGHTS = {"abierta": 1.6, "proxima": 1.25, "cerrada": 0.5, "proximo": 1.3, "pasado": 0.6,
                 "extinta": 0.9, "en_extincion": 0.9}  # fmt: skip
#: Asked for by a name («instituto michoacano», an acronym), an institution that no longer
#: exists weighs as the one that answers today: the one named comes first.
EXTINCT_STATES = {"extinta", "en_extincion"}
#: The weight of a state the question asks for, above every other state's.
ASKED_STATE_WEIGHT = 2.0
LISTING_WEIGHT = 0.25
REGION_WEIGHT = 1.5


#: A question that names a place (or an acronym) and something else asks for that thing
#: there: what names the place ranks first, as ×PLACE_WEIGHT of its text score.
PLACE_WEIGHT = 2.0


def places_asked(q):
    """The place names (``lugares.txt``) of a question that asks for something besides."""
    words = strip_stop_words(q).split()
    places = [w for w in (w.strip("¿?¡!.,;:") for w in words) if w in proper_names()]
    return places if places and len(places) < len(words) else []


def names_asked(q):
    """Whether a question asks for an institution by its name: it says an acronym (one of
    the network's, or a word of two letters or more typed in capitals) or a word that names
    an institution («instituto», «comisión», search/data/palabras_nombre.txt)."""
    for word in re.findall(r"\w+", q or ""):
        folded = fold(word)
        if folded in acronyms() or folded in name_words():
            return True
        if len(word) >= 2 and word.isupper() and word.isalpha():
            return True
    return False


def _ranking_functions(engine, request):
    """Multipliers of the text score, all filters (no scripts): listings below what they
    list; open calls first, upcoming next, closed last; upcoming events above past ones;
    the visitor's region's documents first. Values sharing a weight share one function
    (each function is a filter checked on every match, so fewer functions cost less)."""
    functions = [{"filter": engine.Q("term", listado=True).to_dict(), "weight": LISTING_WEIGHT}]
    # A state the question names («concursos que ya cerraron», «talleres que ya pasaron»)
    # ranks first instead of taking its usual place.
    states = {**STATE_WEIGHTS, **dict.fromkeys(states_asked(request.q), ASKED_STATE_WEIGHT)}
    # A kind weighed below 1 for the topics its names hold («… Protección de Datos
    # Personales» below the pages about personal data) weighs as any other when a name is
    # asked for («instituto de transparencia de sinaloa», «infocdmx») or a state alone (who
    # answers there).
    kinds = kind_weights()
    if names_asked(request.q) or only_states_asked(request.q):
        kinds = {kind: max(weight, 1) for kind, weight in kinds.items()}
    if names_asked(request.q):
        states = {**states, **{k: max(v, 1) for k, v in states.items() if k in EXTINCT_STATES}}
    for field_name, weights in (("estado", states), ("kind", kinds)):
        by_weight = {}
        for value, weight in weights.items():
            if weight != 1:
                by_weight.setdefault(weight, []).append(value)
        for weight, values in sorted(by_weight.items()):
            functions.append(
                {"filter": engine.Q("terms", **{field_name: sorted(values)}).to_dict(),
                 "weight": weight}
            )  # fmt: skip
    if request.region:
        functions.append(
            {"filter": engine.Q("term", region=request.region).to_dict(), "weight": REGION_WEIGHT}
        )
    places = places_asked(request.q)
    if places:
        functions.append({"filter": engine.Q(
            "multi_match", query=" ".join(places), type="cross_fields", operator="and",
            fields=["title.plano", "summary.plano", "body", "tipo_texto.plano"],
        ).to_dict(), "weight": PLACE_WEIGHT})  # fmt: skip
    claves = claves_atencion(request.q)
    if claves:
        # «¿Dónde ejerzo mi derecho en veracruz?»: the body that guarantees that right in that
        # state today (regiones.hoy, by the data's dates) comes first.
        functions.append(
            {"filter": engine.Q("terms", atiende=claves).to_dict(), "weight": ATIENDE_WEIGHT}
        )
    return functions


def _recency_functions():
    """Summed: each document's prior (a base of 1, NEWS_NEUTRAL for other kinds, and
    popularity: search.indexer.prior) and a news item's recency."""
    return [
        {"field_value_factor": {"field": "prior", "missing": 1}},
        {"filter": {"term": {"kind": NEWS_KIND}},
         "gauss": {"date": {"origin": "now/d", "offset": "7d", "scale": "60d", "decay": 0.5}}},
    ]  # fmt: skip


def _ranked(engine, query, request):
    """The text query multiplied by the recency sum, then by the ranking multipliers. Every
    function reads indexed values of the matching documents."""
    recency = engine.Q(
        "function_score",
        query=query,
        functions=_recency_functions(),
        score_mode="sum",
        boost_mode="multiply",
    )
    return engine.Q(
        "function_score",
        query=recency,
        functions=_ranking_functions(engine, request),
        score_mode="multiply",
        boost_mode="multiply",
    )


def _words_to_match(q):
    """The question without the words that only name a state («concursos que ya cerraron»
    looks for «concursos», closed first: see _ranking_functions); as it is when nothing
    else is left."""
    drop = state_question_words()
    kept = [w for w in q.split() if fold(w).strip("¿?¡!.,;:") not in drop]
    return " ".join(kept) if kept and len(kept) < len(q.split()) else q


def build_search(
    engine, request, profile, with_suggestion=False, relaxed=False, fuzzy=True, facets=True
):
    s = engine.search(alias_name())
    base_filters = [visibility.query_filter(engine)]
    if request.locale:
        base_filters.append(engine.Q("term", locale=request.locale))
    if has_words(request.q):
        query = _text_query(
            engine, _words_to_match(request.q), profile, relaxed=relaxed, locale=request.locale,
            fuzzy=fuzzy,
        )  # fmt: skip
        if request.sort != "fecha":
            query = _ranked(engine, query, request)
        if base_filters:
            query = engine.Q("bool", must=[query], filter=base_filters)
        s = s.query(query)
    else:
        s = s.query(
            engine.Q("bool", filter=base_filters) if base_filters else engine.Q("match_all")
        )
    post = _filter_clauses(engine, request.filters)
    if post:
        s = s.post_filter(engine.Q("bool", filter=post))
    for name, field_name in FACETS.items() if facets else ():
        others = _filter_clauses(engine, request.filters, exclude=name)
        terms = engine.A(
            "terms",
            field=field_name,
            size=30,
            shard_size=FACET_SHARD_SIZE,
            order={"_key": "desc"} if name == "anio" else {"_count": "desc"},
        )
        # Each facet counts under the other facets' filters; without any, no wrapper.
        agg = engine.A("filter", filter=engine.Q("bool", filter=others)) if others else None
        if agg is None:
            s.aggs.bucket(name, terms)
        else:
            agg.bucket("valores", terms)
            s.aggs.bucket(name, agg)
    # Results are items, not copies: the same item on several regions' sites is one result
    # (the best-ranked copy, the visitor's region's when it has one), and counts as one.
    # Collapsing without inner hits: the other copies are asked for afterwards, for the
    # shown page only (copies_by_group), instead of one sub-search per result.
    groups = engine.A("cardinality", field="grupo", precision_threshold=GROUP_PRECISION)
    shared = shared_groups(engine)
    if shared is None and post:
        s.aggs.bucket("resultados", "filter", filter=engine.Q("bool", filter=post)).metric(
            "grupos", groups
        )
    elif shared is None:
        s.aggs.metric("grupos", groups)
    elif shared:
        # Every match is counted (the facets visit every match anyway); the groups are
        # counted among the copies of groups with several only, not over every match.
        copies = engine.Q("bool", filter=[engine.Q("terms", grupo=shared), *post])
        s.aggs.bucket("copias", "filter", filter=copies).metric("grupos", groups)
    s = s.extra(collapse={"field": "grupo"})
    # Only what a result shows (_result_from_hit, _series_of): a body is most of a stored
    # document. How many items match comes from the aggregations above; matches are
    # counted only when the groups with copies are known.
    s = s.source(SHOWN_FIELDS).extra(track_total_hits=shared is not None)
    if request.sort == "fecha" or not has_words(request.q):
        s = s.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    s = s.highlight_options(
        encoder="html",
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        fragment_size=160,
        number_of_fragments=1,
    )
    s = s.highlight(*HIGHLIGHTED_FIELDS)
    if has_words(request.q) and with_suggestion and request.page == 1:
        # Only words missing from the index are corrected ("missing"): a word that exists
        # is never turned into another one.
        s = s.suggest(
            "correccion",
            fold(request.q),
            term={"field": "suggest_text", "suggest_mode": "missing", "min_word_length": 4,
                  "sort": "frequency"},
        )  # fmt: skip
    start = (request.page - 1) * request.size
    return s[start : start + request.size]


def _proposed_correction(response, q):
    """The query with each word the suggester marked as missing replaced by its most
    frequent correction; "" when nothing changed. Returns (text, changed words)."""
    suggest = getattr(response, "suggest", None)
    if not suggest or "correccion" not in suggest:
        return "", []
    words, changed = [], []
    for entry in suggest["correccion"]:
        options = entry["options"]
        if options:
            words.append(options[0]["text"])
            changed.append(entry["text"])
        else:
            words.append(entry["text"])
    text = " ".join(words)
    return (text, changed) if changed and fold(text) != fold(q) else ("", [])


def _word_search(engine, word, profile):
    """A search that finds whether any document holds the word (titles and summaries as
    written; a body as its own analysis makes its words: with stems for Spanish and English
    documents, as written for the other languages', search.indexer.PLAIN_BODY)."""
    if profile == CORE:
        query = engine.Q("multi_match", query=word, fields=["title.plano", "summary.plano",
                                                             "body"])  # fmt: skip
    else:
        query = engine.Q("bool", should=[
            engine.Q("multi_match", query=word, fields=["title.plano", "summary.plano",
                                                        PLAIN_BODY]),
            engine.Q("match", body={"query": word, "analyzer": BODY_ANALYZER}),
        ])  # fmt: skip
    return engine.search(alias_name()).query(query)[:0].extra(track_total_hits=1)


def _word_in_index(engine, word, profile):
    """Whether any document holds the word (_word_search, on its own)."""
    return _word_search(engine, word, profile).execute().hits.total.value > 0


def _count_search(engine, request, profile):
    """How many items the words find, exactly (no typos): for comparing a query with its
    correction. Counts only: no results, no facets."""
    return build_search(engine, request, profile, fuzzy=False, facets=False)[:0]


NOTICE_RELAXED = "Ningún resultado contiene todas las palabras; mostramos los más parecidos."


def _follow_up(engine, request, profile, response):
    """What a first answer may call for, each step's searches sent together (one round
    trip; the engine runs them side by side):

    - «¿Quisiste decir…?»: only for words missing from the whole index (first step: one
      search per word), and only when the corrected query finds clearly more than the
      query's exact words did (next step: both counted; twice as many items, and at least
      two more);
    - few items (RELAX_BELOW): those with half of the words follow, below; then those with
      any of them (RELAXED_TIERS, one per step, while still few).

    Returns (response whose facets and total are shown, total, hits, suggestion, notice)."""
    total, hits = _total(response), list(response)
    proposed, changed = _proposed_correction(response, request.q)
    suggestion, notice = "", ""
    step = "palabras" if proposed else None
    # A tier that would find the same items again (a short question) is not asked.
    tiers = [
        tier for tier in RELAXED_TIERS if tier_can_add(tier, request.q, request.locale, profile)
    ]
    first = replace(request, page=1)
    while True:
        searches = []
        if step == "palabras":
            searches = [_word_search(engine, word, profile) for word in changed]
        elif step == "conteos":
            searches = [
                _count_search(engine, first, profile),
                _count_search(engine, replace(first, q=proposed), profile),
            ]
        tier = tiers.pop(0) if tiers and total < RELAX_BELOW else None
        if tier is not None:
            searches.append(build_search(engine, request, profile, relaxed=tier))
        if not searches:
            return response, total, hits, suggestion, notice
        answers = engine.multi_search(searches)
        if step == "palabras":
            found = any(a.hits.total.value > 0 for a in answers[: len(changed)])
            step = None if found else "conteos"
        elif step == "conteos":
            exact, corrected = _total(answers[0]), _total(answers[1])
            suggestion = proposed if corrected >= max(2 * exact, exact + 2) else ""
            step = None
        if tier is None:
            continue
        relaxed = answers[-1]
        if _total(relaxed) > total:
            # Few items have (nearly) every word: those with fewer follow, below.
            if total == 0:
                notice = NOTICE_RELAXED
            shown = hits if request.page == 1 else []
            seen = {_group(hit) for hit in shown}
            more = [hit for hit in relaxed if _group(hit) not in seen]
            hits = (shown + more)[: request.size]
            response, total = relaxed, _total(relaxed)


def _group(hit):
    """The copy group of a hit (a collapsed hit also carries it as a one-value list)."""
    value = getattr(hit, "grupo", None) or hit.meta.id
    return value if isinstance(value, str) else str(list(value)[0])


#: A result from the same series as one ranked above it (one template repeated for several
#: states: the same kind and title once place names are taken out) moves down this many
#: places per earlier member, so one series does not fill the page.
SERIES_STEP = 3


@lru_cache(maxsize=4096)  # titles repeat from search to search
def series_key(kind, title):
    """Kind and folded title without place names or acronyms (``lugares.txt``): «Radio
    comunitaria de Sonora explica…» and «…de Hidalgo explica…» share a key."""
    names = proper_names()
    words = [w for w in re.findall(r"\w+", fold(title or "")) if w not in names]
    return f"{kind}|{' '.join(words)}"


def _series_of(hit):
    display = getattr(hit, "display", None)
    title = getattr(display, "title", None) if display else None
    return series_key(getattr(hit, "kind", None), title or getattr(hit, "title", None))


def diversify(hits, key, step=SERIES_STEP):
    """Stable reranking of one page: each hit's place is its rank plus ``step`` for every
    hit of its series ranked above it; the first of each series keeps its place."""
    seen = {}
    ranked = []
    for rank, hit in enumerate(hits):
        k = key(hit)
        ranked.append((rank + step * seen.get(k, 0), rank, hit))
        seen[k] = seen.get(k, 0) + 1
    return [hit for _, _, hit in sorted(ranked, key=lambda item: item[:2])]


def _total(response):
    """Items found (identical regional copies count once)."""
    aggs = getattr(response, "aggregations", None)
    try:
        if "resultados" in aggs:
            return int(aggs["resultados"]["grupos"]["value"])
        if "grupos" in aggs:
            return int(aggs["grupos"]["value"])
        # Every match, less the copies of each group with several, plus one per group.
        total = response.hits.total.value
        if "copias" in aggs:
            total += int(aggs["copias"]["grupos"]["value"]) - aggs["copias"]["doc_count"]
        return total
    except (KeyError, AttributeError, TypeError):
        return response.hits.total.value


#: Groups with several copies named in a query at most (see shared_groups).
MAX_SHARED_GROUPS = 1000


def shared_groups(engine):
    """The groups with several visible copies (sorted), when the process remembers them
    (remembered_copies) and they are at most MAX_SHARED_GROUPS; else None. Any other
    match is the only copy of its item, so the items a query finds are its matches less
    the copies of these groups plus one per group: counting groups over every match (a
    cardinality over a million documents) costs a sixth of a large search."""
    known = remembered_copies(engine)
    if known is None or len(known) > MAX_SHARED_GROUPS:
        return None
    return sorted(known)


def copies_by_group(engine, request, hits):
    """The other regions where each shown item is published: {group: [{"region", "url"}]}.

    One small filter-only query over the shown page's groups (copies share a group only
    when they are pages: a record is its own group), sorted by region."""
    pages = [hit for hit in hits if str(getattr(hit, "id", "")).startswith("page:")]
    groups = sorted({_group(hit) for hit in pages})
    if not groups:
        return {}
    known = remembered_copies(engine)
    if known is not None:
        return {group: known[group] for group in groups if group in known}
    filters = [engine.Q("terms", grupo=groups), visibility.query_filter(engine)]
    if request.locale:
        filters.append(engine.Q("term", locale=request.locale))
    s = (
        engine.search(alias_name())
        .query(engine.Q("bool", filter=filters))
        .source(["grupo", "region", "url"])
        .sort({"region": "asc"})
        .extra(track_total_hits=False)
    )
    copies = {}
    for copy in s[: len(groups) * (MAX_COPIES + 1)].execute():
        copies.setdefault(_group(copy), []).append(
            {"region": getattr(copy, "region", ""), "url": getattr(copy, "url", "")}
        )
    return copies


_remembered = {"key": None, "at": 0.0, "copies": None}
_remembered_lock = threading.Lock()


def remembered_copies(engine):
    """{group: [{"region", "url"}] sorted by region} for every page published in more than
    one place, or None when not remembered. Kept in the process as long as a search's
    answer is (SEARCH_CACHE_TIMEOUT seconds, and never past a purge of the page cache,
    which publishing, unpublishing or restricting a page makes), so a search does not ask
    the engine for its page's copies: one aggregation over the pages, per process and
    interval, answers them all. Not remembered when answers are not (page cache off,
    SEARCH_CACHE_TIMEOUT 0) nor beyond MAX_REMEMBERED_GROUPS groups."""
    from django.conf import settings

    from cms import cache as page_cache

    timeout = settings.SEARCH_CACHE_TIMEOUT
    if timeout <= 0 or not page_cache.page_cache_settings()["ENABLED"]:
        return None
    try:
        key = (alias_name(), engine.url, page_cache._memo_generation())
    except Exception:
        return None
    now = time.monotonic()
    with _remembered_lock:
        if _remembered["key"] == key and now - _remembered["at"] < timeout:
            return _remembered["copies"]
    copies = _all_copies(engine)
    with _remembered_lock:
        _remembered.update(key=key, at=now, copies=copies)
    return copies


def forget_copies():
    with _remembered_lock:
        _remembered.update(key=None, copies=None)


def _all_copies(engine):
    """Every visible page group with two copies or more, each copy's region and address
    (the copies' own visibility applied as in copies_by_group); None when there are more
    groups than MAX_REMEMBERED_GROUPS."""
    filters = [engine.Q("prefix", id="page:"), visibility.query_filter(engine)]
    s = engine.search(alias_name()).query(engine.Q("bool", filter=filters))
    s.aggs.bucket(
        "grupos", "terms", field="grupo", size=MAX_REMEMBERED_GROUPS + 1, min_doc_count=2
    ).metric(
        "copias", "top_hits", size=MAX_COPIES + 1, sort=[{"region": "asc"}],
        _source=["region", "url"],
    )  # fmt: skip
    buckets = s[:0].extra(track_total_hits=False).execute().aggregations["grupos"]["buckets"]
    if len(buckets) > MAX_REMEMBERED_GROUPS:
        return None
    return {
        bucket["key"]: [
            {"region": getattr(copy, "region", ""), "url": getattr(copy, "url", "")}
            for copy in (hit["_source"] for hit in bucket["copias"]["hits"]["hits"])
        ]
        for bucket in buckets
    }


def _copies(group_copies, shown_region):
    """The other regions of one item's copies, each once, at most MAX_COPIES."""
    copies = []
    for copy in group_copies:
        region = copy["region"]
        if region and region != shown_region and all(c["region"] != region for c in copies):
            copies.append(copy)
    return copies[:MAX_COPIES]


def _result_from_hit(hit, copies=None):
    source = hit.to_dict()
    display = source.get("display") or {}
    highlight = getattr(hit.meta, "highlight", None)
    snippet = ""
    if highlight:
        for name in HIGHLIGHTED_FIELDS:
            if name in highlight:
                snippet = highlight[name][0]
                break
    return {
        "id": source.get("id"),
        "title": display.get("title") or source.get("title"),
        "summary": display.get("summary", ""),
        "kind": source.get("kind"),
        "region": source.get("region"),
        "url": source.get("url"),
        "date": source.get("date"),
        "estado": source.get("estado") or "",
        "snippet": snippet,
        "aviso": display.get("aviso", ""),
        "tambien_en": _copies((copies or {}).get(_group(hit), []), source.get("region")),
    }


def search(request, engine=None):
    engine = engine or get_engine()
    if not engine.available:
        return database_search(request, notice="")
    try:
        profile = current_profile(engine, cached=True)
        if profile is None:
            return database_search(request, notice="El índice de búsqueda aún no está listo.")
        response = build_search(engine, request, profile, with_suggestion=True).execute()
        suggestion, notice = "", ""
        if has_words(request.q):
            response, total, hits, suggestion, notice = _follow_up(
                engine, request, profile, response
            )
        else:
            total, hits = _total(response), list(response)
        if request.sort == "relevancia":
            hits = diversify(hits, _series_of)
        copies = copies_by_group(engine, request, hits)
    except Exception as exc:
        logger.warning("Búsqueda en el motor falló (%s); se usa la base de datos.", exc)
        return database_search(
            request,
            notice="La búsqueda avanzada no está disponible por ahora: estos resultados "
            "vienen de una búsqueda más sencilla.",
        )
    facets = {}
    for name in FACETS:
        agg = response.aggregations[name]
        buckets = (agg["valores"] if "valores" in agg else agg)["buckets"]
        selected = set(request.filters.get(name, []))
        facets[name] = [
            {"value": b["key"], "count": b["doc_count"], "selected": b["key"] in selected}
            for b in buckets
        ]
        for value in selected - {b["value"] for b in facets[name]}:
            facets[name].append({"value": value, "count": 0, "selected": True})
    return SearchResult(
        total=total,
        results=[_result_from_hit(hit, copies) for hit in hits],
        facets=facets,
        suggestion=suggestion,
        notice=notice,
        promoted=promoted_for(request),
        engine=engine.kind,
        page=request.page,
        pages=min(MAX_PAGE, -(-total // request.size)),
    )


def autocomplete(q, engine=None, size=8, locale=""):
    q = clean_query(q)
    if not has_words(q) or len(q) < 2:
        return []
    engine = engine or get_engine()
    if not engine.available:
        return []
    profile = current_profile(engine, cached=True)
    if profile is None:
        return []
    # Only the first few suggestions are shown, never how many there are: without counting
    # every match, the engine skips the blocks that cannot reach the top (a two-letter
    # prefix matches most titles of a million documents).
    s = (
        engine.search(alias_name())
        .source(["display", "url", "kind", "region"])
        .extra(track_total_hits=False)
    )
    if profile == CORE:
        s = s.query("match_phrase_prefix", title={"query": fold(q)})
    else:
        s = s.query("match", **{"title.autocompletar": {"query": q, "operator": "and"}})
    if locale:
        s = s.filter("term", locale=locale)
    s = s.filter(visibility.query_filter(engine))
    response = s[:size].execute()
    return [
        {"title": hit.display.title, "url": hit.url, "kind": hit.kind, "region": hit.region}
        for hit in response
    ]


def _promoted_query_strings():
    """The (lower-cased) queries that have at least one promoted result: most searches
    have none, and then need no promotions query."""
    from wagtail.contrib.search_promotions.models import Query

    from cms.cache import memo

    return memo(
        "consultas-promovidas",
        lambda: {
            q.lower()
            for q in Query.objects.filter(editors_picks__isnull=False).values_list(
                "query_string", flat=True
            )
        },
    )


def promoted_for(request):
    """Editors' promoted results for this query: the site's own, then the network's; a
    promoted page that is not public (cms.visibilidad) is never shown."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page

    if not has_words(request.q):
        return []
    normalized = request.q.lower()
    if normalized not in _promoted_query_strings():
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string__iexact=normalized)
        .select_related("page", "sitio")
        .order_by("sort_order")
    )
    from cms.visibilidad import paginas_publicas

    promotions = list(promotions)
    public = set(
        paginas_publicas(
            Page.objects.filter(pk__in=[p.page_id for p in promotions if p.page_id])
        ).values_list("pk", flat=True)
    )
    results = []
    for promotion in promotions:
        site_id = getattr(getattr(promotion, "sitio", None), "site_id", None)
        if site_id is not None and site_id != request.site_id:
            continue
        page = promotion.page
        if page is not None and page.pk not in public:
            continue
        results.append(
            {
                "title": page.title if page else promotion.external_link_text,
                "url": page.full_url if page else promotion.external_link_url,
                "description": promotion.description,
                "network": site_id is None,
            }
        )
    return results


def database_search(request, notice):
    """The fallback: Wagtail's database backend for pages, a plain scan for records."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from .registry import documents

    results = []
    if has_words(request.q):
        from cms.visibilidad import paginas_publicas

        from .pages import PageDocument, paginas_especificas, regions_by_home_path

        # Wagtail's database index is searched over live pages, then the one visibility
        # rule keeps the public ones (its filters cannot express every part of the rule).
        pages = Page.objects.live().filter(depth__gt=2)
        hits = list(get_search_backend().search(request.q, pages)[:200])
        public = set(
            paginas_publicas(Page.objects.filter(pk__in=[p.pk for p in hits])).values_list(
                "pk", flat=True
            )
        )
        hits = [p for p in hits if p.pk in public][:50]
        document = PageDocument()
        regions = regions_by_home_path()
        for page in paginas_especificas(hits):
            if getattr(page, "search_exclude", False):
                continue
            results.append(document.build(page, regions=regions))
        words = fold(request.q).split()
        for label, doc_builder in documents():
            if label == "cms":
                continue
            for obj in doc_builder.public_queryset()[:500]:
                doc = doc_builder.build(obj)
                text = fold(" ".join(str(doc.get(k, "")) for k in ("title", "summary", "body")))
                if all(w in text for w in words):
                    results.append(doc)
    for name, values in request.filters.items():
        key = FACETS[name]
        results = [
            d
            for d in results
            if (set(d.get(key) or []) if isinstance(d.get(key), list) else {d.get(key)})
            & set(values)
        ]
    total = len(results)
    start = (request.page - 1) * request.size
    page_results = [
        {
            "id": d["id"],
            "title": d.get("title"),
            "summary": d.get("summary", ""),
            "kind": d.get("kind"),
            "region": d.get("region"),
            "url": d.get("url"),
            "date": str(d["date"])[:10] if d.get("date") else None,
            "snippet": "",
            "aviso": d.get("aviso", ""),
        }
        for d in results[start : start + request.size]
    ]
    return SearchResult(
        total=total,
        results=page_results,
        engine="database",
        fallback=True,
        notice=notice,
        page=request.page,
        pages=-(-total // request.size),
        promoted=promoted_for(request),
    )
