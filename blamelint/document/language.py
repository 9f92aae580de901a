"""Which language a postmortem is written in, from its function words (the language registry)."""

from __future__ import annotations

import re
from functools import cache

from blamelint.base.languages import codes, default_language, languages
from blamelint.base.resources import load_data

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {code: language.stopwords for code, language in languages().items()}


def detect(text: str, default: str | None = None, bias: dict[str, int] | None = None) -> str:
    """Guess a registered language from the first ~20,000 characters of prose (plus `bias`)."""
    default = default or default_language()
    words = _stopwords()
    counts = dict.fromkeys(words, 0)
    for lang, votes in (bias or {}).items():
        if lang in counts:
            counts[lang] += votes
    for lang, votes in _votes(text[:20000]).items():
        counts[lang] += votes
    best = max(counts, key=lambda lang: (counts[lang], lang == default))
    return best if counts[best] > 0 else default


def language_code(value: object) -> str | None:
    """A front matter or config value ("fr", "French", "fr-FR", "de") as a lowercase code."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().lower()
    for code, language in languages().items():
        if value in language.aliases:
            return code
    return value.split("-")[0].split("_")[0]


def normalize_language(value: object) -> str | None:
    """Map a front matter or config value to a registered code, None if not registered."""
    code = language_code(value)
    return code if code in codes() else None


@cache
def _segment_thresholds() -> tuple[int, float]:
    rule = load_data("data/languages.yaml")["segments"]
    return int(rule["min_votes"]), float(rule["ratio"])


def _votes(text: str) -> dict[str, int]:
    words = _stopwords()
    tokens = [match.split("'")[-1] for match in _WORD.findall(text.lower())]
    # (a word counts once per language whose stopwords hold it; the sums run in C)
    return {lang: sum(map(vocabulary.__contains__, tokens)) for lang, vocabulary in words.items()}


def segment_language(text: str, document_language: str) -> str:
    """The language of one segment (a paragraph, list item, cell): the document's, unless the
    segment is clearly in another registered language.

    Clearly means: at least `min_votes` function words of that language and `ratio` times as
    many as the document's own (thresholds in data/languages.yaml `segments`). A heading, a
    short label or a product name never switches; a whole English paragraph in a French
    document does. Costs one pass over the segment's words, no model.
    """
    if document_language not in codes():
        return document_language
    min_votes, ratio = _segment_thresholds()
    counts = _votes(text)
    own = counts.get(document_language, 0)
    others = [lang for lang in counts if lang != document_language]
    if not others:
        return document_language
    best = max(others, key=lambda k: counts[k])
    if counts[best] >= min_votes and counts[best] >= ratio * max(own, 1):
        return best
    return document_language
