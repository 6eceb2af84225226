"""Analysis profiles.

"full" needs the engine's analysis-common module (OpenSearch ships it; so does a normal
Elasticsearch): Spanish stop words, light Spanish stemming, accent folding, synonyms and
edge n-grams. "core" uses only what every node has (the Elasticsearch test distribution
lacks analysis-common): accents are folded in Python before indexing and querying, so
search stays accent-insensitive, without stemming, synonyms or n-grams.
"""

from functools import cache
from pathlib import Path

from cms.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA_DIR / "sinonimos.txt"
#: Place and institution names kept whole (never stemmed): «Puebla» is not «pueblo».
PROPER_NAMES_FILE = DATA_DIR / "lugares.txt"
#: Words people ask with ("cómo", "dónde", "quiero"): dropped from queries, never required.
QUESTION_WORDS_FILE = DATA_DIR / "palabras_pregunta.txt"
#: Words that name an institution («instituto», «comisión»): see search.query.names_asked.
NAME_WORDS_FILE = DATA_DIR / "palabras_nombre.txt"
REQUIRED_MODULE = "analysis-common"
FULL, CORE = "full", "core"
#: The full profile's query analyzer without synonyms.
LITERAL_ANALYZER = "es_busqueda_literal"


def _data_lines(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield fold(line)


def load_synonyms(path=SYNONYMS_FILE, one_way=True):
    """Solr-format rules with the query's stop words taken out of every term: the query
    analyzer drops stop words before it applies synonyms (a graph built first and cut by
    the stop filter afterwards loses its alternatives), and parses each rule with the same
    filters, so «derecho de acceso a la información» is written as people say it and read as
    «derecho acceso información»."""
    stop = set(query_stop_words())
    rules = []
    for line in _data_lines(path):
        sides = []
        for side in line.split("=>"):
            terms = []
            for term in side.split(","):
                words = [w for w in term.split() if w not in stop]
                if words and " ".join(words) not in terms:
                    terms.append(" ".join(words))
            sides.append(", ".join(terms))
        if all(sides):
            rules.extend(_without_longer_alternatives(sides) if one_way else [" => ".join(sides)])
    return rules


def _without_longer_alternatives(sides):
    """An equivalence group whose terms contain one another, as one-way rules: a term never
    becomes a longer term that contains it. «datos personales» stays itself or «protección
    de datos», never «protección de datos personales»: every text with the longer term has
    the shorter one, and matching it again through the synonym counted the same words once
    more. Each alternative adds to the score (Lucene asks one clause per path of the graph),
    so a text saying «protección de datos personales» still matches two of them («datos
    personales» and «protección de datos») where it matched three; one saying «tus datos
    personales» matches one. The longer term still becomes the shorter ones."""
    if len(sides) > 1:
        return [" => ".join(sides)]
    terms = sides[0].split(", ")

    def contains(longer, shorter):
        return longer != shorter and f" {shorter} " in f" {longer} "

    if not any(contains(a, b) for a in terms for b in terms):
        return sides
    return [f"{term} => " + ", ".join(o for o in terms if not contains(o, term)) for term in terms]


def load_words(path):
    return sorted(set(_data_lines(path)))


# Lucene's Spanish stop words, folded as the analyzers fold them (the engine's own list
# keeps accents, so after folding "qué" or "más" would slip through).
SPANISH_STOP_WORDS = """de la que el en y a los del se las por un para con no una su al lo como
mas pero sus le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay donde
quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mi antes
algunos unos yo otro otras otra el tanto esa estos mucho quienes nada muchos cual poco ella
estar estas algunas algo nosotros mis tu te ti tus ellas nosotras vosotros vosotras os mio mia
mios mias tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras
vuestro vuestra vuestros vuestras esos esas estoy estas esta estamos estais estan es son fue
era eres soy somos sea""".split()


@cache
def query_stop_words():
    """Stop words of the full profile's query analyzer, and the words a core-profile query
    drops in Python (that profile has no stop filter). Read once: every search asks."""
    return tuple(sorted(set(SPANISH_STOP_WORDS) | set(load_words(QUESTION_WORDS_FILE))))


@cache
def proper_names():
    """Folded place names and acronyms that are never stemmed nor matched fuzzily."""
    return frozenset(load_words(PROPER_NAMES_FILE))


@cache
def acronyms():
    """Folded acronyms of the network's institutions and media: the words of PROPER_NAMES_FILE
    under its «Siglas» heading."""
    words, under = set(), False
    for line in PROPER_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            under = "siglas" in fold(line)
        elif line and under:
            words.add(fold(line))
    return frozenset(words)


@cache
def name_words():
    return frozenset(load_words(NAME_WORDS_FILE))


def strip_stop_words(text):
    """The folded words of a query that say what is sought (core profile). A query made
    only of stop words is kept as it is."""
    words = fold(text).split()
    stop = set(query_stop_words())
    kept = [w for w in words if w.strip("¿?¡!.,;:") not in stop]
    return " ".join(kept) if kept else " ".join(words)


def _terms(side):
    return [term.strip() for term in side.split(",") if term.strip()]


@cache
def synonym_rules(one_way=True):
    """The synonyms file's rules as (terms that trigger, terms they may become): an
    equivalence group triggers and becomes any of its terms; a one-way rule («televisora =>
    television, televisora») only from its left side to its right side. ``one_way`` as in
    load_synonyms: the engine's rules (True) or the groups as written (False)."""
    rules = []
    for rule in load_synonyms(one_way=one_way):
        left, arrow, right = rule.partition("=>")
        rules.append((_terms(left), _terms(right) if arrow else _terms(left)))
    return rules


def _synonym_groups():
    """The rules the core profile expands a query with, in Python: each variant is a query
    of its own, with its own minimum of words to match, so a longer term is an alternative
    worth asking (see _without_longer_alternatives for the engine's)."""
    return synonym_rules(one_way=False)


def synonym_variants(words, limit=4):
    """The query's words with one synonym group's term swapped for another of its terms
    (core profile: its index has no synonym filter, so the query is expanded in Python).
    ``words`` are folded and free of stop words, like the synonym rules."""
    text = f" {words} "
    variants = []
    for triggers, group in _synonym_groups():
        for term in triggers:
            if f" {term} " in text:
                for other in group:
                    variant = " ".join(text.replace(f" {term} ", f" {other} ", 1).split())
                    if other != term and variant not in variants:
                        variants.append(variant)
                break
    return variants[:limit]


def detect_profile(engine):
    """FULL when every node has analysis-common, else CORE."""
    return FULL if REQUIRED_MODULE in engine.modules() else CORE


def index_settings(profile):
    # One replica as soon as the cluster has a second node (none on a single node, which
    # stays green): a cluster that loses a node keeps every document searchable.
    base = {"number_of_shards": 1, "auto_expand_replicas": "0-1", "max_ngram_diff": 20}
    if profile == CORE:
        return {**base, "analysis": {"analyzer": {"texto": {"type": "standard"}}}}
    return {
        **base,
        "analysis": {
            "filter": {
                "es_stop": {"type": "stop", "stopwords": "_spanish_"},
                "es_stop_consulta": {"type": "stop", "stopwords": list(query_stop_words())},
                "es_nombres": {
                    "type": "keyword_marker",
                    "keywords": load_words(PROPER_NAMES_FILE),
                    "ignore_case": True,
                },
                "es_stem": {"type": "stemmer", "language": "light_spanish"},
                "es_sinonimos": {
                    "type": "synonym_graph",
                    "synonyms": load_synonyms(),
                    "lenient": True,
                },
                "autocompletar": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
                **_derivation_filters(),
                "es_raiz": {"type": "snowball", "language": "Spanish"},
                "en_stop": {"type": "stop", "stopwords": "_english_"},
                "en_stem": {"type": "stemmer", "language": "light_english"},
            },
            "analyzer": {
                "es_indice": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "es_stop", "es_nombres", "es_stem"],
                },
                # Stop and question words go before synonyms: the synonym graph stays
                # whole (a stop filter after it broke multi-word alternatives, so
                # «qué es el sistema nacional de transparencia» found nothing).
                "es_busqueda": {
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "es_stop_consulta",
                        "es_sinonimos",
                        "es_nombres",
                        "es_stem",
                    ],
                },
                # The words as typed, without synonyms: a synonym adds alternatives to a
                # query and never takes a match away (see search.query).
                LITERAL_ANALYZER: {
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "es_stop_consulta",
                        "es_nombres",
                        "es_stem",
                    ],
                },
                # One root for a noun and its verb («capacitación», «capacitar»,
                # «capacitado»): search.analysis.DERIVATIONS, then Snowball's Spanish
                # stemmer; weighted below the words as written (search.query).
                DERIVED_ANALYZER: _derived_analyzer("es_stop"),
                DERIVED_QUERY_ANALYZER: _derived_analyzer("es_stop_consulta"),
                "en_texto": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "en_stop", "en_stem"],
                },
                "plano": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                "autocompletar_indice": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "autocompletar"],
                },
            },
        },
    }


#: Spanish derivations folded to the verb they come from, before Snowball's stemmer takes
#: the verb's ending off (folded words, no accents): «capacitación» → «capacitar»,
#: «protección» → «proteger», «corrupción» → «corrupto», «constitución» → «constituir»,
#: «solicitud» → «solicitar», and the prefix «anti» («anticorrupción» → «corrupción»).
#: Snowball's own suffixes join the rest («voluntario», «voluntariado»; «orientar»,
#: «orientación» through the first rule).
#: The prefix goes when at least four letters follow it.
DERIVED_PREFIX = "anti"
#: (suffix, what replaces it): at the end of a word of at least three more letters, also
#: in the plural («-es»).
DERIVATIONS = (
    ("acion", "ar"),
    ("ccion", "ger"),
    ("pcion", "pto"),
    ("ucion", "uir"),
    ("itud", "itar"),
)
DERIVED_ANALYZER = "es_derivado"
DERIVED_QUERY_ANALYZER = "es_derivado_busqueda"
#: The fields with a subfield of roots (full profile), as search.query weighs them.
DERIVED_FIELDS = ("title", "summary", "tipo_texto", "body")


def _derived_analyzer(stop_filter):
    return {
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", stop_filter, "es_nombres",
                   *_derivation_filters(), "es_raiz"],
    }  # fmt: skip


def _derivation_filters():
    # Every token of every rooted field passes these filters, so each pattern starts with
    # its literal suffix (Java's regex engine then skips through a word Boyer-Moore style
    # and most words fail at once) and checks the three letters before it by lookbehind;
    # the same tokens as «^(.{3,})acion(es)?$» → «$1ar», at a fraction of the cost, for any
    # token without a line break (the tokenizer splits there) or a character beyond the
    # Basic Multilingual Plane among those three letters (a lookbehind counts UTF-16 units).
    prefix = {
        "type": "pattern_replace",
        "pattern": f"^{DERIVED_PREFIX}(?=.{{4}})",
        "replacement": "",
    }
    suffixes = {
        f"es_derivacion_{n}": {
            "type": "pattern_replace",
            "pattern": f"{suffix}(?<=.{{3}}{suffix})(?:es)?$",
            "replacement": by,
        }
        for n, (suffix, by) in enumerate(DERIVATIONS, start=1)
    }
    return {"es_derivacion_0": prefix, **suffixes}


def _text_field(profile):
    if profile == CORE:
        return {"type": "text", "analyzer": "texto", "fields": {"plano": {"type": "text"}}}
    return {
        "type": "text",
        "analyzer": "es_indice",
        "search_analyzer": "es_busqueda",
        "fields": {
            "plano": {"type": "text", "analyzer": "plano"},
            "en": {"type": "text", "analyzer": "en_texto"},
        },
    }


def mappings(profile):
    text = _text_field(profile)
    title = {**text, "fields": {**text["fields"]}}
    if profile == FULL:
        title["fields"]["autocompletar"] = {
            "type": "text",
            "analyzer": "autocompletar_indice",
            "search_analyzer": "plano",
        }
    derived = {
        "type": "text",
        "analyzer": DERIVED_ANALYZER,
        "search_analyzer": DERIVED_QUERY_ANALYZER,
        "index_options": "freqs",
    }
    rooted = {}
    if profile == FULL:
        rooted = {
            name: {**text, "fields": {**text["fields"], "raiz": derived}}
            for name in DERIVED_FIELDS
            if name != "title"
        }
        title["fields"]["raiz"] = derived
    keyword = {"type": "keyword"}
    return {
        "dynamic": False,
        "_meta": {"profile": profile},
        "properties": {
            "id": keyword,
            "source": keyword,
            "kind": keyword,
            "region": keyword,
            "site": keyword,
            "locale": keyword,
            "url": {"type": "keyword", "index": False},
            "date": {"type": "date"},
            "year": keyword,
            "topics": keyword,
            "organismos": keyword,
            "popularity": {"type": "float"},
            # Read per match when ranking (search.indexer.prior), never searched.
            "prior": {"type": "float", "index": False},
            # Relevance: the content's own state (open call, upcoming event), the group of
            # identical copies across regions, listings, and the kind in words.
            "estado": keyword,
            # Where and for which right an institution answers today («veracruz:datos»).
            "atiende": keyword,
            "grupo": keyword,
            "listado": {"type": "boolean"},
            "tipo_texto": rooted.get("tipo_texto", text),
            "title": title,
            "summary": rooted.get("summary", text),
            "body": rooted.get("body", text),
            "suggest_text": {"type": "text", "analyzer": "plano" if profile == FULL else "texto"},
            "display": {"type": "object", "enabled": False},
            # Visibility, filtered again at query time (search.visibility).
            "path": keyword,
            "plugin": keyword,
            "expires": {"type": "date"},
        },
    }
