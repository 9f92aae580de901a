"""A generic lexical blame detector: the phrases a rule entry lists, minus its exceptions.

A blame rule with `detector: phrases` (rules/blame.yaml) needs no Python: its `words` and
`exceptions` are either inline lists by language (`{en: [...], fr: [...]}`) or a word-list
entry (`"judgmental.yaml:words"`). A language with no words of its own gets none, never the
English ones. Matching is on whole words, case- and apostrophe-insensitive; a match inside an
exception ("lazy loading" for "lazy") stays quiet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from .agency import Found, doc_text, lowered_text
from .lexicon import entry, norm

Detector = Callable[[Any, str, frozenset[int]], Iterator[Found]]


def words_for(spec: Any, language: str) -> tuple[str, ...]:
    """The phrases of a `words`/`exceptions` value for a language, normalised, longest first."""
    if not spec:
        return ()
    if isinstance(spec, str):
        wordlist, _, key = spec.partition(":")
        value = entry(wordlist, key, language) or ()
    else:
        value = spec.get(language) or ()
    phrases = set()
    for item in value:
        words = item if isinstance(item, tuple | list) else str(item).split()
        text = " ".join(norm(str(w)) for w in words)
        if text:
            phrases.add(text)
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def _regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


@cache
def _detector(key: str, words: str, exceptions: str) -> Detector:
    words_spec, exceptions_spec = json.loads(words), json.loads(exceptions)

    def detect(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
        found = _regex(words_for(words_spec, language))
        if found is None:
            return
        text, lowered = doc_text(sent.doc), lowered_text(sent.doc)
        span = (lowered, sent.start_char, sent.end_char)
        quiet = _regex(words_for(exceptions_spec, language))
        covered = [m.span() for m in quiet.finditer(*span)] if quiet else []
        for match in found.finditer(*span):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in covered):
                continue
            yield Found(key, start, end, {"phrase": text[start:end]})

    detect.__name__ = f"phrases_{key.replace('-', '_')}"
    return detect


def phrase_detector(key: str, words: Any, exceptions: Any = None) -> Detector:
    """The detector yielding `Found(key, ...)` for `words` (one function per distinct spec)."""
    dump = lambda value: json.dumps(value, sort_keys=True, default=dict)  # noqa: E731
    return _detector(key, dump(words), dump(exceptions))
