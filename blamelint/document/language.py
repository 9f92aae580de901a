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
