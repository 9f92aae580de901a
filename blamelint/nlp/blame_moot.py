"""A check skipped on things the next sentence decides to remove is moot (BL403 stays quiet):
"The test Lambdas were not checked for the flaw. We agreed with their owner to delete them",
"Ils n'ont pas été vérifiés. Nous avons décidé de les supprimer". The next sentence must hold
a removal verb that a choice verb governs ("agreed to delete", "décidé de supprimer") with a
pronoun as its object; "The change was not reviewed. We decided to ship it anyway" keeps its
finding. Words: rules/wordlists/blame-frames.yaml `moot_removals`, `moot_objects`; the
choice verbs are context.yaml's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp.blame_context import context_words
from blamelint.nlp.docview import following, sentence_bounds, view
from blamelint.nlp.lexicon import from_wordlist, norm


@dataclass(frozen=True)
class MootWords:
    moot_removals: frozenset[str]
    moot_objects: frozenset[str]


@cache
def moot_words(language: str) -> MootWords:
    return from_wordlist(MootWords, "blame-frames.yaml", language)


# How far after the choice verb the removal verb may come ("agreed with the owner to
# delete them"), and how near it its pronoun object stands ("delete them", "de les supprimer").
_REACH = 8
_OBJECT_REACH = 2


def removed_next(sent: Any, language: str) -> bool:
    """The sentence after `sent` decides to remove what it speaks of ("... to delete them").
    Read on the surface: the parse often hangs "to delete" on "agreed" as an adverbial, or
    takes the French "les supprimer" for a noun. After a table cell's last sentence, the next
    sentence is the first of the row's next cells ("Not checked" | "We agreed to delete them")."""
    doc = sent.doc
    if sent.end >= len(doc):
        return _decides_removal(_first_sentence(following(doc)), language)
    lo, hi = sentence_bounds(doc[sent.end])
    return _decides_removal(view(doc).lower[lo:hi], language)


_WORDS = re.compile(r"\w+['’]|\w+(?:-\w+)*|[^\w\s]")
_FINAL = frozenset(".!?|")


def _first_sentence(text: str) -> list[str]:
    """The words of the text's first sentence, as the view lowers them."""
    words = []
    for match in _WORDS.finditer(text):
        word = norm(match.group())
        if word in _FINAL:
            if words:
                break
            continue
        words.append(word)
    return words


def _decides_removal(lower: list[str], language: str) -> bool:
    mw = moot_words(language)
    if mw.moot_removals.isdisjoint(lower):
        return False  # no removal verb: nothing read further
    choices = context_words(language).choice_verbs
    hi = len(lower)
    for i in range(hi):
        if lower[i] not in choices:
            continue
        for j in range(i + 1, min(i + 1 + _REACH, hi)):
            if lower[j] not in mw.moot_removals:
                continue
            near = lower[max(0, j - _OBJECT_REACH) : j] + lower[j + 1 : j + 1 + _OBJECT_REACH]
            if mw.moot_objects.intersection(near):
                return True
    return False
