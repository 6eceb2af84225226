"""Text folding: the one way accents and case are set aside when words are compared (search,
the inclusive-language rules, CSV imports), as the search engine's ``asciifolding`` does."""

import unicodedata


def strip_accents(text):
    """``text`` without combining marks (á → a, ñ → n, ü → u), compatibility forms decomposed
    (NFKD: ﬁ → fi)."""
    text = str(text or "")
    if text.isascii():
        return text  # nothing to decompose nor to strip (most titles and queries)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text):
    """Lower case without accents."""
    return strip_accents(text).lower()
