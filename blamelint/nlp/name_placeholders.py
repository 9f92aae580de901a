"""The stock names of made-up examples are placeholders, not people (BL301 stays quiet): "the
UI should say why (i.e. "a room admin called Bob set the room to public")", "par exemple,
Alice partage un lien". The name must be one of the language's `placeholder_names` and its
sentence must give an example (`example_cues`: "i.e.", "e.g.", "for example", "par
exemple"); "our admin Bob set the room to public" keeps its finding. Words:
rules/wordlists/name-context.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.docview import sentence_bounds
from blamelint.nlp.lexicon import ORDERED, from_wordlist, norm


@dataclass(frozen=True)
class PlaceholderWords:
    placeholder_names: frozenset[str]
    example_cues: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)


@cache
def placeholder_words(language: str) -> PlaceholderWords:
    return from_wordlist(PlaceholderWords, "name-context.yaml", language)


def example_placeholder(doc: Any, start: int, end: int, language: str) -> bool:
    """doc[start:end] is a stock example name inside a sentence that gives an example."""
    pw = placeholder_words(language)
    name = " ".join(norm(t.text) for t in doc[start:end])
    if name not in pw.placeholder_names:
        return False
    lo, hi = sentence_bounds(doc[start])
    return next(iter(ag.phrase_positions(doc, pw.example_cues, lo, hi)), None) is not None
