"""People said to have their flaws (BL405): "les administrateurs aussi ont leurs défauts",
"le prestataire a ses torts dans cette affaire". A person, a role, a team or a company as the
subject of "avoir" with a possessive and a flaw noun (judgmental.yaml `flaw_nouns`,
`flaw_owners`, `have_verbs`); a thing ("le système a ses défauts", "la sonde a ses limites")
is a design's limits and stays quiet, as do the writer's own team and questions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_org import organisation
from .docview import ends_with_question_mark, sentence_words
from .gates import gated
from .lexicon import from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class FlawWords:
    flaw_nouns: frozenset[str]
    flaw_owners: frozenset[str]
    have_verbs: frozenset[str]


@cache
def flaw_words(language: str) -> FlawWords:
    return from_wordlist(FlawWords, "judgmental.yaml", language)


@gated(lambda language: flaw_words(language).flaw_nouns)
def has_flaws(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    fw = flaw_words(language)
    if sentence_words(sent).isdisjoint(fw.flaw_nouns):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    for i in range(sent.start + 2, sent.end):
        if words[i] not in fw.flaw_nouns or words[i - 1] not in fw.flaw_owners:
            continue
        have = i - 2
        if words[have] not in fw.have_verbs:
            continue
        verb = doc[have]
        subject = ag.subject_of(verb) or ag.surface_subject(verb)
        if subject is None or norm(subject.text) in grammar().first_person:
            continue
        person = ag.person_kind(subject, people(language), names) is not None
        if not (person or organisation(subject, language, names) in ("noun", "entity")):
            continue
        yield Found(
            "judgmental",
            doc[i - 1].idx,
            doc[i].idx + len(doc[i].text),
            {"word": doc[i - 1 : i + 1].text},
        )
        return
