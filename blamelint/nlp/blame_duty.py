"""Duties put on users, and a provider told it is overdue (BL407): "il appartient à chaque
utilisateur de se prémunir contre la perte", "c'est aux abonnés de vérifier leurs
sauvegardes", "je conjure tout utilisateur de s'acheter un disque", "il est grand temps que
l'hébergeur s'explique".

The burden of the fix moved onto people rather than onto the system: an opener that assigns a
duty (remedies.yaml `duty_openers`), then within three words one of `duty_targets` (the
users, customers and subscribers; not a role: "il appartient à l'astreinte de déclarer
l'incident" describes a process), then "de" and the duty. Or an opener that says the time is
long past (`overdue_openers`), then a company or a person other than the writer ("il est
grand temps que nous migrions" is a plan). Questions stay quiet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_org import organisation
from .docview import ends_with_question_mark
from .gates import first_words, gated
from .lexicon import grammar, people, remedy_words


def _gate(language: str) -> frozenset[str]:
    """`duty_on_people`'s words: the first word of a duty or an overdue opener."""
    rw = remedy_words(language)
    return first_words(rw.duty_openers) | first_words(rw.overdue_openers)


@gated(_gate)
def duty_on_people(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    rw = remedy_words(language)
    if not (rw.duty_openers or rw.overdue_openers):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    for start, end in ag.phrase_positions(doc, rw.duty_openers, sent.start, sent.end):
        target = next(
            (i for i in range(end, min(end + 3, sent.end)) if words[i] in rw.duty_targets), None
        )
        if target is None:
            continue
        then = range(target + 1, min(target + 6, sent.end))
        if not any(words[i] in rw.duty_marks for i in then):
            continue
        yield _found(doc, start, target)
        return
    for start, end in ag.phrase_positions(doc, rw.overdue_openers, sent.start, sent.end):
        party = ag.np_head_after(doc, end)
        if party is None or party.i >= min(end + 4, sent.end):
            continue
        if words[party.i] in grammar().first_person or words[party.i] in grammar().generic_people:
            continue
        person = ag.person_kind(party, people(language), names) is not None
        if person or organisation(party, language, names) in ("noun", "entity"):
            yield _found(doc, start, party.i)
            return


def _found(doc: Any, start: int, last: int) -> Found:
    first, end = ag.span_of([doc[start], doc[last]])
    return Found("remedy", first, end, {"subject": doc.text[first:end]})
