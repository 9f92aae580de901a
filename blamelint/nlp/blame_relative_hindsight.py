"""Hindsight put on what people shipped (BL403): "les développeurs ont livré une image
qui n'aurait jamais dû sortir", "l'éditeur a publié une version qui n'aurait pas dû sortir".

A relative clause on the object of an action says, negated, that the thing should never have
gone out: the relative pronoun, a negation, the conditional auxiliary and the obligation
participle (hindsight.yaml `relative_pronouns`, `relative_modals`, beside `conditional_aux`).
The one who acted is the subject of the verb whose object the thing is: a person, a team or
a company (organisation noun or a name shown to be one); a thing that acted ("le planificateur
a lancé une tâche qui n'aurait jamais dû partir") is a system (BL404's case) and stays quiet,
as do plans, questions and suppositions. Without the negation ("une version qui aurait dû
être testée") the clause is BL403's passive check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import phrase_text
from .blame_detect import _not_an_event
from .blame_org import organisation
from .lexicon import from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class RelativeWords:
    relative_pronouns: frozenset[str]
    relative_modals: frozenset[str]
    conditional_aux: frozenset[str]


@cache
def relative_words(language: str) -> RelativeWords:
    return from_wordlist(RelativeWords, "hindsight.yaml", language)


def shipped_in_hindsight(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    rw = relative_words(language)
    if not rw.relative_modals:
        return
    doc = sent.doc
    if doc[sent.end - 1].text == "?":
        return
    words = ag.lowered(doc)
    g = grammar()
    negations = g.negations | g.negation_particles
    for i in range(sent.start + 2, sent.end):
        if words[i] not in rw.relative_modals:
            continue
        lead = range(max(sent.start, i - 4), i)
        aux = next((j for j in lead if words[j] in rw.conditional_aux), None)
        pronoun = next((j for j in lead if words[j] in rw.relative_pronouns), None)
        if aux is None or pronoun is None or pronoun > aux:
            continue
        if not any(words[j] in negations for j in range(pronoun + 1, i)):
            continue
        thing = doc[pronoun - 1] if pronoun > sent.start else None
        if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = thing.head
        if verb.i == thing.i or thing.dep_ not in ag.OBJECT_DEPS or verb.pos_ != "VERB":
            continue
        subject = ag.subject_of(verb) or ag.surface_subject(verb)
        if subject is None or not _agent(subject, language, names):
            continue
        if _not_an_event(verb, subject, "failure"):
            continue
        last = doc[min(i + 1, sent.end - 1)]
        if not last.is_alpha:
            last = doc[i]
        start, end = ag.span_of([subject, last])
        yield Found("hindsight", start, end, {"subject": phrase_text(subject)})
        return


def _agent(subject: Any, language: str, names: frozenset[int]) -> bool:
    if norm(subject.text) in grammar().generic_people:
        return False
    if ag.person_kind(subject, people(language), names) is not None:
        return True
    return organisation(subject, language, names) in ("noun", "entity")
