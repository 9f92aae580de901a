"""Hindsight that judges no one because of the sentence it is in (BL403), read on the surface:
- a question posed for reflection, as action items write them: "Reflect whether the test hosts
  should have been shared with the teams", "Consider if the alert should have paged", "Évaluer
  si l'alerte aurait dû appeler l'astreinte" (a verb of reflection opening the sentence,
  then "if"/"whether");
- an outcome imagined, not a conduct judged: "picture what would have happened had a stranger
  bought the name first", "on imagine ce qui se serait passé si ...".
The words are rules/wordlists/blame-frames.yaml's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.lexicon import ORDERED, from_wordlist, norm


@dataclass(frozen=True)
class HedgeWords:
    reflection_verbs: frozenset[str]
    reflection_marks: frozenset[str]
    imagined_outcomes: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)


@cache
def hedge_words(language: str) -> HedgeWords:
    return from_wordlist(HedgeWords, "blame-frames.yaml", language)


def _words(sent: Any) -> list[Any]:
    return [t for t in sent if not (t.is_space or t.is_punct)]


def reflection(sent: Any) -> bool:
    """The sentence asks to reflect whether something should have been done."""
    words = _words(sent)
    if len(words) < 3:
        return False
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    first = words[0]
    if norm(first.text) not in hw.reflection_verbs or first.tag_ in ("VBD", "VBN", "VBZ"):
        return False
    return any(norm(t.text) in hw.reflection_marks for t in words[1:4])


def imagined_outcome(sent: Any) -> bool:
    """The sentence imagines what would have happened, not what someone should have done."""
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    found = ag.phrase_positions(sent.doc, hw.imagined_outcomes, sent.start, sent.end)
    return next(iter(found), None) is not None
