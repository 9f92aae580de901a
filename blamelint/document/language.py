"""Which language a postmortem is written in: English or French, from its function words."""

from __future__ import annotations

import re
from functools import cache

from blamelint.base.resources import load_data

SUPPORTED = ("en", "fr")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = load_data("data/languages.yaml")["stopwords"]
    return {lang: frozenset(words) for lang, words in data.items()}


def detect(text: str, default: str = "en", bias: dict[str, int] | None = None) -> str:
    """Guess "en" or "fr" from the first ~20,000 characters of prose (plus `bias` votes)."""
    words = _stopwords()
    counts = dict.fromkeys(words, 0)
    for lang, votes in (bias or {}).items():
        if lang in counts:
            counts[lang] += votes
    for match in _WORD.finditer(text[:20000].lower()):
        token = match.group().split("'")[-1]
        for lang, vocabulary in words.items():
            if token in vocabulary:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == default))
    return best if counts[best] > 0 else default


def normalize_language(value: object) -> str | None:
    """Map a front matter or config value ("fr", "French", "fr-FR") to a supported code."""
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    aliases = {"english": "en", "anglais": "en", "french": "fr", "français": "fr", "francais": "fr"}
    value = aliases.get(value, value.split("-")[0].split("_")[0])
    return value if value in SUPPORTED else None


@cache
def _segment_thresholds() -> tuple[int, float]:
    rule = load_data("data/languages.yaml")["segments"]
    return int(rule["min_votes"]), float(rule["ratio"])


def _votes(text: str) -> dict[str, int]:
    words = _stopwords()
    counts = dict.fromkeys(words, 0)
    for match in _WORD.finditer(text.lower()):
        token = match.group().split("'")[-1]
        for lang, vocabulary in words.items():
            if token in vocabulary:
                counts[lang] += 1
    return counts


def segment_language(text: str, document_language: str) -> str:
    """The language of one segment (a paragraph, list item, cell): the document's, unless the
    segment is clearly in the other supported language.

    Clearly means: at least `min_votes` function words of the other language and `ratio` times
    as many as the document's own (thresholds in data/languages.yaml `segments`). A heading, a
    short label or a product name never switches; a whole English paragraph in a French
    document does. Costs one pass over the segment's words, no model.
    """
    if document_language not in SUPPORTED:
        return document_language
    min_votes, ratio = _segment_thresholds()
    counts = _votes(text)
    own = counts.get(document_language, 0)
    best = max((lang for lang in counts if lang != document_language), key=lambda k: counts[k])
    if counts[best] >= min_votes and counts[best] >= ratio * max(own, 1):
        return best
    return document_language
