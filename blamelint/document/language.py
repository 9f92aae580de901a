"""Which language a postmortem is written in, from its function words (the language registry)."""

from __future__ import annotations

import re
from functools import cache

from blamelint.base.languages import codes, default_language, languages

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
    for match in _WORD.finditer(text[:20000].lower()):
        token = match.group().split("'")[-1]
        for lang, vocabulary in words.items():
            if token in vocabulary:
                counts[lang] += 1
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
