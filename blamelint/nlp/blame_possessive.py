"""A slip owned by the person the clause is about (BL402): "the engineer admitted his
mistake", "Karim a reconnu sa faute", "il a lui-même révélé son erreur". French "son" is his,
her or its, so the subject of the clause must be a person ("le serveur a renvoyé son
erreur" is a program's output). Plurals speak of mistakes in general ("learn from their
mistakes"); the writer's own slips are human_error's (`_own_slip`); plans, questions and
generic clauses stay quiet as for BL401. Words: blame-frames.yaml `owner_determiners`,
human-error.yaml `blamed_nouns` and `modifier_heads`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found, span_of
from blamelint.nlp.blame_detect import not_an_event
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist, human_error_words, norm, people


@dataclass(frozen=True)
class OwnerWords:
    owner_determiners: frozenset[str]


@cache
def owner_words(language: str) -> OwnerWords:
    return from_wordlist(OwnerWords, "blame-frames.yaml", language)


@gated(lambda language: human_error_words(language).blamed_nouns)
def owned_slip(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    he, p = human_error_words(language), people(language)
    owners = owner_words(language).owner_determiners
    if sentence_words(sent).isdisjoint(he.blamed_nouns):
        return  # (every case is one of these nouns)
    doc = sent.doc
    for noun in sent:
        low = norm(noun.text)
        if low not in he.blamed_nouns or noun.morph.get("Number") == ["Plur"]:
            continue
        if low.endswith("s") or noun.tag_ == "NNS":
            continue  # "their mistakes", "ses erreurs": mistakes in general
        following = norm(doc[noun.i + 1].text) if noun.i + 1 < sent.end else ""
        if following in he.modifier_heads:
            continue  # "son erreur 500", "her error message"
        owner = next(
            (c for c in noun.children if c.dep_ in ("poss", "det") and norm(c.text) in owners),
            None,
        )
        if owner is None or noun.head.i == noun.i:
            continue
        verb = noun.head
        subject = ag.subject_of(verb)
        if subject is None or not (ag.person_kind(subject, p, names) or subject.i in names):
            continue
        if not_an_event(verb, subject, "failure"):
            continue
        yield Found(
            "human_error", *span_of([owner, noun]), {"phrase": doc[owner.i : noun.i + 1].text}
        )
        return
