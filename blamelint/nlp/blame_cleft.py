"""A party singled out as the cause by a cleft (BL401): "c'est Brivane qui a déclenché la
panne", "selon le fournisseur, c'est le sous-traitant qui a causé la panne".

The cleft's focus is the agent of a cause verb whose object is an incident (blame-verbs.yaml
`cause_verbs`, `incident_nouns`): with "qui" as its subject the parse names no one, so the
focus is read on the surface after the opener (blame-frames.yaml `cleft_openers`). It must be
a person, a team, a company noun or a capitalised name that is neither a person nor a known
technology (a bare name is enough here: the cleft itself says someone is blamed); a thing in
focus ("c'est la mise à jour qui a provoqué la panne", "c'est Kafka qui a provoqué la
panne") is a technical cause and stays quiet, as do questions, denials ("ce n'est pas
Brivane qui a déclenché la panne") and the general case ("lorsque c'est un stagiaire qui
a causé une panne, ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_org import organisation
from .docview import ends_with_question_mark
from .gates import first_words, gated
from .lexicon import ORDERED, blame_words, from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class CleftWords:
    cleft_relatives: frozenset[str]
    cleft_openers: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)


@cache
def cleft_words(language: str) -> CleftWords:
    return from_wordlist(CleftWords, "blame-frames.yaml", language)


@gated(lambda language: first_words(cleft_words(language).cleft_openers))
def cleft_cause(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    cw = cleft_words(language)
    if not cw.cleft_openers:
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    bw, g = blame_words(language), grammar()
    negations = g.negations | g.negation_particles
    for start, end in ag.phrase_positions(doc, cw.cleft_openers, sent.start, sent.end):
        if any(words[i] in negations for i in range(start, min(end + 1, sent.end))):
            continue  # "ce n'est pas Brivane qui ..."
        if any(words[i] in g.generic_marks for i in range(max(sent.start, start - 2), start)):
            continue  # "lorsque c'est un stagiaire qui a causé une panne": any case
        relative = next(
            (i for i in range(end + 1, min(end + 6, sent.end)) if words[i] in cw.cleft_relatives),
            None,
        )
        if relative is None:
            continue
        focus = ag.np_head_after(doc, end)
        if focus is None and relative == end + 1:
            focus = doc[end]  # "c'est Norvalis qui ...": a name the tagger took for a verb
        if focus is None or focus.i >= relative:
            continue
        verb = next(
            (
                i
                for i in range(relative + 1, min(relative + 4, sent.end))
                if words[i] in bw.cause_verbs
            ),
            None,
        )
        if verb is None:
            continue
        if not any(words[i] in bw.incident_nouns for i in range(verb + 1, min(verb + 4, sent.end))):
            continue  # "c'est Brivane qui a déclenché un débat"
        if not _agent(focus, language, names):
            continue
        first, last = ag.span_of([doc[end], doc[verb]])
        yield Found(
            "person",
            first,
            last,
            {"subject": doc[end : focus.i + 1].text, "verb": doc[verb].text, "reason": "cleft"},
        )
        return


def _agent(focus: Any, language: str, names: frozenset[int]) -> bool:
    p = people(language)
    if ag.person_kind(focus, p, names) is not None:
        return True
    if organisation(focus, language, names) is not None:
        return True
    # A capitalised word the small tagger did not call a name ("Norvalis" as a verb).
    return (
        focus.pos_ not in ("NOUN", "PROPN", "PRON", "DET")
        and focus.is_alpha
        and focus.text[:1].isupper()
        and norm(focus.text) not in p.tech
    )
