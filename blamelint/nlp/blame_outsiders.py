"""People outside the team not realising or noticing something (BL401, BL403 stay quiet):
"many developers did not realise the package had been replaced", "downstream maintainers did
not notice the breaking change", "les administrateurs d'autres instances n'ont pas vu ...".

A postmortem tells how far the news reached: third parties missing it describe the incident's
reach, not a duty the team failed. The subject phrase marks them (blame-frames.yaml):
a modifier of outsiders (`outsider_modifiers`: downstream, external, third-party), "other"
with no definite determiner before it ("other maintainers", not "the other engineer"), a
quantifier of a population (`population_quantifiers`: many, most, "de nombreux"), or a
complement that places them elsewhere, read by the same words anywhere in the phrase
("operators of other instances", "engineers at other companies", "les mainteneurs des projets
dépendants"). Our own people stay blamed: a first
person or a team word in the phrase ("many of our engineers", "other engineers on the team")
keeps the finding. Only perception verbs (`outsider_perception`): what others overlooked or
ignored on purpose is not this class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .lexicon import ORDERED, from_wordlist, grammar, norm


@dataclass(frozen=True)
class OutsiderWords:
    outsider_modifiers: frozenset[str] = frozenset()
    outsider_others: frozenset[str] = frozenset()
    population_quantifiers: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    definite: frozenset[str] = frozenset()
    own_marks: frozenset[str] = frozenset()
    outsider_perception: frozenset[str] = frozenset()


@cache
def outsider_words(language: str) -> OutsiderWords:
    return from_wordlist(OutsiderWords, "blame-frames.yaml", language)


def perceived_by_outsiders(verb: Any, subject: Any, language: str) -> bool:
    """The verb (or its complement: "failed to notice") is a perception and the subject
    phrase marks people outside the team."""
    ow = outsider_words(language)
    if subject is None or not ow.outsider_perception:
        return False
    forms = {norm(verb.text), norm(verb.lemma_)}
    for complement in ag.children(verb, ("xcomp", "advcl")):
        forms |= {norm(complement.text), norm(complement.lemma_)}  # (no lemma: small tagger)
    if forms.isdisjoint(ow.outsider_perception):
        return False
    return outsiders(subject, language)


def outsiders(subject: Any, language: str) -> bool:
    ow = outsider_words(language)
    doc = subject.doc
    phrase = sorted(subject.subtree, key=lambda t: t.i)
    words = [norm(t.text) for t in phrase]
    if not set(words).isdisjoint(ow.own_marks | grammar().team_words):
        return False  # "many of our engineers", "other engineers on the team"
    if not set(words).isdisjoint(ow.outsider_modifiers):
        return True
    for k, word in enumerate(words):
        if word in ow.outsider_others and (k == 0 or words[k - 1] not in ow.definite):
            return True  # "other maintainers", "d'autres projets"; not "the other engineer"
    first = phrase[0].i
    quantified = ag.phrase_positions(doc, ow.population_quantifiers, first, first + 4)
    return any(start == first for start, _ in quantified)  # "many developers"
