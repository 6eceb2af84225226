"""Analysis profiles.

"full" needs the engine's analysis-common module (OpenSearch ships it; so does a normal
Elasticsearch): Spanish stop words, light Spanish stemming, accent folding, synonyms and
edge n-grams. "core" uses only what every node has (the Elasticsearch test distribution
lacks analysis-common): accents are folded in Python before indexing and querying, so
search stays accent-insensitive, without stemming, synonyms or n-grams.
"""

import unicodedata
from pathlib import Path

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "sinonimos.txt"
REQUIRED_MODULE = "analysis-common"
FULL, CORE = "full", "core"


def fold(text):
    """Lowercase and strip accents (á → a, ñ → n), as the full profile's analyzers do."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def load_synonyms(path=SYNONYMS_FILE):
    rules = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rules.append(fold(line))
    return rules


def detect_profile(engine):
    """FULL when every node has analysis-common, else CORE."""
    return FULL if REQUIRED_MODULE in engine.modules() else CORE


def index_settings(profile):
    base = {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 20}
    if profile == CORE:
        return {**base, "analysis": {"analyzer": {"texto": {"type": "standard"}}}}
    return {
        **base,
        "analysis": {
            "filter": {
                "es_stop": {"type": "stop", "stopwords": "_spanish_"},
                "es_stem": {"type": "stemmer", "language": "light_spanish"},
                "es_sinonimos": {
                    "type": "synonym_graph",
                    "synonyms": load_synonyms(),
                    "lenient": True,
                },
                "autocompletar": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
                "en_stop": {"type": "stop", "stopwords": "_english_"},
                "en_stem": {"type": "stemmer", "language": "light_english"},
            },
            "analyzer": {
                "es_indice": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "es_stop", "es_stem"],
                },
                "es_busqueda": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "es_sinonimos", "es_stop", "es_stem"],
                },
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
            "title": title,
            "summary": text,
            "body": text,
            "suggest_text": {"type": "text", "analyzer": "plano" if profile == FULL else "texto"},
            "display": {"type": "object", "enabled": False},
        },
    }
