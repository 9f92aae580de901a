"""Person-focused remedies (BL407): "Admins should refamiliarize themselves with the policy",
"engineers need to be more careful", "he needs to step down", "Pay more attention."

A postmortem that ends on people trying harder has found no fix: the same slip comes back with
the next person. The detector looks for a present obligation (should, must, need to, have to)
or an imperative, whose verb phrase is one of the listed remedies aimed at people, with a
person, a role, a team (not the writer's own "we") or no subject at all. Systems asked to do
things ("the deploy tool should double-check the target"), plans for systems ("we should add
an alert") and hindsight ("should have been more careful", BL403's case) stay quiet. Word
lists: rules/wordlists/remedies.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import phrase_start, phrase_text
from .blame_policy import conditioned_on_fault
from .docview import ends_with_question_mark
from .gates import first_words, gated
from .lexicon import grammar, norm, people, remedy_words


def _subject(token: Any) -> Any | None:
    """The subject of the obligation: on the modal's verb, or on the modal itself."""
    for candidate in (token.head, token):
        subject = ag.subject_of(candidate)
        if subject is not None:
            return subject
    return None


@gated(lambda language: first_words(remedy_words(language).remedies))
def person_remedy(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    rw, p = remedy_words(language), people(language)
    doc = sent.doc
    words = ag.lowered(doc)
    tokens = [t for t in sent if not t.is_space and not t.is_punct]
    if not tokens or ends_with_question_mark(sent):
        return
    for start, end in ag.phrase_positions(doc, rw.remedies, sent.start, sent.end):
        # What stands before the remedy: an obligation ("should", "need to", "has to") or
        # nothing (an imperative at the start of the sentence).
        lead = [i for i in range(max(sent.start, start - 3), start) if doc[i].is_alpha]
        obligation = next((i for i in reversed(lead) if words[i] in rw.obligations), None)
        if obligation is None:
            if start == tokens[0].i and _bare(doc, end, tokens, rw):
                # "Pay more attention." / "Be more careful next time.": a bare imperative;
                # "Be careful not to create a loop" instructs the reader how to do a step.
                yield Found(
                    "remedy", doc[start].idx, _end(doc, end), {"subject": doc[start:end].text}
                )
                return
            continue
        subject = _subject(doc[obligation])
        if subject is None or not ag.person_kind(subject, p, names):
            continue  # "the deploy tool should double-check": a system's behaviour
        if norm(subject.text) in grammar().first_person:
            continue  # "we need to be careful with the new quota": the team's own note
        if conditioned_on_fault(sent, start, end, language):
            continue  # "whenever an engineer is at fault, they should ...": a policy
        yield Found(
            "remedy",
            doc[phrase_start(subject)].idx,
            _end(doc, end),
            {"subject": phrase_text(subject)},
        )
        return


def _bare(doc: Any, end: int, tokens: list[Any], rw) -> bool:
    """Nothing follows the remedy but a "next time" (remedies.yaml `tails`)."""
    rest = tuple(norm(t.text) for t in tokens if t.i >= end)
    return not rest or rest in rw.tails


def _end(doc: Any, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last.text)
