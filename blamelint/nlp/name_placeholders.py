"""The stock names of made-up examples are placeholders, not people (BL301 stays quiet): "the
UI should say why (i.e. "a room admin called Bob set the room to public")", "par exemple,
Alice partage un lien". The name must be one of the language's `placeholder_names` and its
sentence must give an example (`example_cues`: "i.e.", "e.g.", "for example", "par
exemple"); "our admin Bob set the room to public" keeps its finding.

A stock given name with a product for a surname is a character, a product personified
("John Mastodon hated the noise", "Jane Kubernetes"): `stock_given_names` then a listed
technology, or one misspelt by two letters swapped ("John Msatodon"). "Kris Nova" (no stock
given name) keeps its finding. Words: rules/wordlists/name-context.yaml.
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
    stock_given_names: frozenset[str] = frozenset()


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


def personified_product(words: list[str], language: str, tech: frozenset[str]) -> bool:
    """ "John Mastodon": a stock given name, then a listed technology as the surname."""
    if len(words) != 2:
        return False
    given, product = norm(words[0]), norm(words[1])
    if product.endswith(("'s", "’s")):
        product = product[:-2]
    if given not in placeholder_words(language).stock_given_names:
        return False
    # Misspelt as printed ("John Msatodon"): two neighbouring letters swapped, in a long word.
    swaps = {
        product[:i] + product[i + 1] + product[i] + product[i + 2 :]
        for i in range(len(product) - 1)
        if len(product) >= 6
    }
    return product in tech or not swaps.isdisjoint(tech)
