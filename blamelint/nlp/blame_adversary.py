"""A judgemental word aimed at attackers judges no one of the team (BL405 stays quiet): "the
attackers were sloppy", "it was a lazy phishing attempt", "the hacker carelessly left the
logs", "les pirates ont été négligents". The target is the noun the adjective modifies, the
subject it is said of, or the subject of the verb the adverb modifies; the team's own people
and work keep the judgement ("the intern carelessly left the logs"). Words:
rules/wordlists/judgmental.yaml `adversaries`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.lexicon import from_wordlist, norm


@dataclass(frozen=True)
class AdversaryWords:
    adversaries: frozenset[str]


@cache
def adversary_words(language: str) -> AdversaryWords:
    return from_wordlist(AdversaryWords, "judgmental.yaml", language)


def _target(token: Any) -> Any | None:
    """What the judgemental word is said of."""
    if token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "sloppy and lazy attackers": the first of the pair decides
    if token.dep_ == "amod":
        return token.head
    if token.pos_ == "ADV" or token.dep_ in ("acomp", "attr", "advmod"):
        return ag.subject_of(token.head) if token.head.i != token.i else None
    # A predicate of its own ("les pirates ont été négligents", "the attackers botched it").
    return ag.subject_of(token)


def aimed_at_adversary(sent: Any, start: int, end: int, language: str) -> bool:
    """The judgement at characters [start, end) is said of an attacker or an attack."""
    words = adversary_words(language).adversaries
    if sentence_words(sent).isdisjoint(words):
        return False
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    target = _target(span[-1])
    if target is None:
        return False
    # "a sloppy phishing attempt", "the threat actor": the noun or a word compounded with it
    # ("our response to the attack" is the team's work: a noun it governs does not count).
    pieces = [target, *(c for c in target.children if c.dep_ == "compound")]
    return any(norm(t.text) in words for t in pieces)
