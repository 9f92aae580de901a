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
from .blame_detect import not_an_event
from .blame_org import organisation
from .docview import ends_with_question_mark, sentence_words
from .gates import gated
from .lexicon import blame_words, from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class RelativeWords:
    relative_pronouns: frozenset[str]
    relative_modals: frozenset[str]
    conditional_aux: frozenset[str]
    system_participles: frozenset[str] = frozenset()
    passive_be: frozenset[str] = frozenset()
    prevention_marks: frozenset[str] = frozenset()
    prevention_verbs: frozenset[str] = frozenset()
    discovery: frozenset[str] = frozenset()


@cache
def relative_words(language: str) -> RelativeWords:
    return from_wordlist(RelativeWords, "hindsight.yaml", language)


@gated(lambda language: relative_words(language).relative_modals)
def shipped_in_hindsight(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    rw = relative_words(language)
    if sentence_words(sent).isdisjoint(rw.relative_modals):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
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
        if not_an_event(verb, subject, "failure"):
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


def _prevention_gate(language: str) -> frozenset[str]:
    """`could_have_prevented`'s first words: a participle after a conditional (none where the
    language lists no prevention verbs or no passive "be": it returns at once)."""
    rw = relative_words(language)
    return rw.system_participles if rw.prevention_verbs and rw.passive_be else frozenset()


@gated(
    _prevention_gate,
    lambda language: relative_words(language).conditional_aux,
    lambda language: relative_words(language).prevention_marks,
)
def could_have_prevented(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Un groupe de secours aurait pu être installé pour éviter la coupure": an action
    nobody is named for that, done, would have prevented the incident (the conditional, "pu"
    or "dû", "être", a participle, then "pour éviter" and an incident noun within three
    words: hindsight.yaml `prevention_marks`, `prevention_verbs`). "La coupure aurait pu être
    évitée" names no action (a counterfactual about the system) and stays quiet."""
    rw = relative_words(language)
    if not (rw.prevention_verbs and rw.passive_be):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    incidents = blame_words(language).incident_nouns
    for i in range(sent.start + 2, sent.end - 3):
        if words[i] not in rw.system_participles or words[i - 1] not in rw.conditional_aux:
            continue
        if words[i + 1] not in rw.passive_be:
            continue
        participle = doc[i + 2]
        if not participle.is_alpha or words[i + 2] in rw.discovery:
            continue
        if any(w in grammar().first_person for w in words[max(sent.start, i - 3) : i - 1]):
            continue  # "nous aurions pu être alertés pour éviter ...": what the team received
        after = words[i + 3 : min(i + 6, sent.end)]
        if not after or after[0] not in rw.prevention_marks:
            continue
        verb = next((k for k, w in enumerate(after) if w in rw.prevention_verbs), None)
        if verb is None:
            continue
        tail = words[i + 4 + verb : min(i + 8 + verb, sent.end)]
        if not any(w in incidents for w in tail):
            continue
        start, end = ag.span_of([doc[i - 1], participle])
        yield Found("hindsight", start, end, {"subject": doc.text[start:end]})
        return
