"""Blame detectors over one parsed sentence; each yields `Found` character spans.

Person-focused detectors (person-as-cause, hindsight) ask the parse for a verb's subject and
fire only when it refers to people; the lexical ones live in `blame_lexical`. Word lists live
in `rules/wordlists/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import (
    blame_question,
    deliberate,
    idiom,
    phrase_start,
    phrase_text,
    systemic_reason,
)
from .blame_lexical import human_error, judgmental
from .lexicon import blame_words, hindsight_words, norm, people

_span = ag.span_of


def _subject_span(subject: Any, verb: Any) -> tuple[int, int]:
    """From the start of the subject phrase to the verb ("The on-call should have known")."""
    if subject.i < verb.i:
        return subject.doc[phrase_start(subject)].idx, verb.idx + len(verb.text)
    return _span([verb, subject])


def _who(verb: Any, p, names) -> tuple[Any | None, str | None]:
    subject = ag.subject_of(verb)
    if subject is None and verb.dep_ not in ("acl", "xcomp", "advcl", "pcomp"):
        # The small parsers often leave a subject unattached ("The on-call misread ...",
        # "@mlefevre a fusionné ..."): fall back on the word right before the verb (or before
        # a hyphenated compound such as "fat-fingered").
        doc, i = verb.doc, verb.i
        hyphenated = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
        subject = ag.surface_subject(doc[i - 2] if hyphenated else verb)
    if subject is None:
        return None, None
    kind = ag.person_kind(subject, p, names)
    return subject, kind


def _word(token: Any) -> str:
    """The token's word, rejoining hyphenated compounds the tokenizer split ("fat-fingered")."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        return norm(doc[i - 2].text + "-" + token.text)
    return norm(token.text)


# ---------------------------------------------------------------- person as the cause (BL401)


def _cause_reason(verb: Any, language: str) -> str | None:
    if idiom(verb, language):
        return None  # "broke the glass": the break-glass procedure
    if _failure(verb, language):
        # "We missed the first warning because it was routed to an archived channel": the
        # system explains the miss. A person in the reason keeps the blame.
        return None if systemic_reason(verb, language) else "failure"
    bw = blame_words(language)
    low = norm(verb.text)
    if low in bw.cause_verbs and any(
        norm(o.text) in bw.incident_nouns for o in ag.children(verb, ag.OBJECT_DEPS)
    ):
        return "cause"
    if low in ("made", "make", "makes", "fait", "commis") and any(
        norm(o.text) in bw.incident_nouns for o in ag.children(verb, ag.OBJECT_DEPS)
    ):
        return "cause"
    if ag.is_passive(verb) or systemic_reason(verb, language):
        return None
    if (
        ag.negated(verb)
        and ag.past_action(verb)
        and low not in bw.not_agentive
        and not ag.has_ability_modal(verb)
        and verb.pos_ in ("VERB", "AUX")
    ):
        # "We did not restart the pods so that the heap dumps would be preserved": a decision.
        # A question ("Why didn't we roll back sooner?") asserts nothing: BL406 judges it.
        if deliberate(verb, language) or _asks(verb):
            return None
        return "negation"
    if verb.pos_ == "VERB":
        marker = ag.fault_marker(verb, bw)
        # "decided to fail over rather than wait": weighing options is not a wrong action.
        if marker == "instead" and deliberate(verb, language):
            return None
        return marker
    return None


def _asks(verb: Any) -> bool:
    tokens = [t for t in verb.sent if not t.is_space]
    return bool(tokens) and tokens[-1].text == "?"


def _failure(verb: Any, language: str) -> bool:
    """A verb that is a failure by itself: forgot, ignored, broke, took down, misread."""
    bw = blame_words(language)
    low = norm(verb.text)
    if low in bw.failure or _word(verb) in bw.failure:
        return True
    if low in bw.phrasal:
        window = verb.doc[verb.i + 1 : verb.i + 5]
        if any(norm(t.text) in bw.phrasal[low] for t in window):
            return True
    if low in bw.fail and ag.children(verb, ("xcomp",)):
        return True
    return bool(bw.mis_prefix.match(low) and verb.pos_ in ("VERB", "NOUN"))


def person_as_cause(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    p, bw = people(language), blame_words(language)
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        low = norm(verb.text)
        if verb.pos_ == "NOUN" and not (bw.mis_prefix.match(low) or low in bw.failure):
            continue
        # "Mia was responsible for the outage", "Karim est responsable de la panne".
        if low in bw.responsible or any(
            norm(c.text) in bw.responsible for c in verb.children if c.dep_ in ("acomp", "attr")
        ):
            subject, kind = _who(verb, p, names)
            tail = [t for t in verb.subtree if norm(t.text) in bw.incident_nouns]
            if kind and tail:
                yield Found(
                    "person", *_subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
            continue
        reason = _cause_reason(verb, language)
        subject, kind = _who(verb, p, names)
        if reason and subject is not None and not kind and reason in ("failure", "cause"):
            # "Alice's change took down the checkout service": the owner is the cause.
            owner = ag.possessor_kind(subject, p, names)
            if owner:
                kind = owner
        if reason and kind:
            yield Found(
                "person",
                *_subject_span(subject, verb),
                {"subject": phrase_text(subject), "verb": verb.text, "reason": reason},
            )
            continue
        # Passive with a person agent: "was triggered by Pieter", "bâclée par Romain".
        if low in bw.failure | bw.cause_verbs | {"made"} or bw.mis_prefix.match(low):
            for agent in ag.children(verb, ("agent", "obl:agent")):
                target = next(iter(ag.children(agent, ("pobj",))), agent)
                if ag.person_kind(target, p, names) or ag.possessor_kind(target, p, names):
                    yield Found("person", *_span([verb, target]), {"subject": phrase_text(target)})
                    break
        # "The outage happened because John Smith ran the migration".
        if kind and any(norm(m.text) in bw.because for m in ag.children(verb, ("mark",))):
            head = verb.head
            head_subject = ag.subject_of(head) if head.i != verb.i else None
            if head_subject is not None and norm(head_subject.text) in (
                bw.incident_nouns | bw.cause_nouns
            ):
                yield Found(
                    "person", *_subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
        # "The root cause is that Luis ran ...": a clause explaining the cause.
        if kind and verb.dep_ in ("ccomp", "attr") and verb.head.i != verb.i:
            head_subject = ag.subject_of(verb.head)
            if head_subject is not None and norm(head_subject.text) in bw.cause_nouns:
                yield Found(
                    "person", *_subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
    yield from _cause_prepositions(sent, language, names)


def _cause_prepositions(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "par la faute de Karim", "à cause de Thomas", "because of the on-call"."""
    p, bw = people(language), blame_words(language)
    doc = sent.doc
    for start, end in ag.phrase_positions(doc, bw.cause_preps, sent.start, sent.end):
        head = ag.np_head_after(doc, end)
        if head is None or head.i >= sent.end:
            continue
        if ag.person_kind(head, p, names):
            yield Found("person", *_span([doc[start], head]), {"subject": phrase_text(head)})


# ------------------------------------------------------------------------- hindsight (BL403/4)


def _modal_perfect(sent: Any, hw) -> Iterator[tuple[Any, Any, str]]:
    """(modal, participle, modal word) for "should have known", "could never have ...",
    "aurait dû", "aurait repéré". Found on the surface: the parse often hangs the modal and
    "have" on each other rather than on the participle."""
    doc = sent.doc
    tokens = list(sent)
    for k, tok in enumerate(tokens):
        low = norm(tok.text)
        if low in hw.modals:
            rest = tokens[k + 1 : k + 4]
            have = next((x for x in rest if norm(x.text) in hw.have), None)
            if have is None:
                continue
            after = doc[have.i + 1 : min(have.i + 5, sent.end)]
            part = next((x for x in after if x.tag_ in ("VBN", "VBD")), None)
            if part is not None:
                yield tok, part, low
        elif low in hw.conditional_aux:
            after = doc[tok.i + 1 : min(tok.i + 4, sent.end)]
            part = next(
                (
                    x
                    for x in after
                    if (
                        x.pos_ in ("VERB", "AUX", "ADV", "ADJ")
                        and "Part" in x.morph.get("VerbForm")
                    )
                    or norm(x.text) in hw.system_participles | hw.sufficed
                ),
                None,
            )
            if part is not None:
                yield tok, part, low


def _first_subject(tokens: list[Any], p, names) -> tuple[Any | None, str | None]:
    fallback = None
    for token in tokens:
        subject, kind = _who(token, p, names)
        if kind:
            return subject, kind
        fallback = fallback or subject
    return fallback, None


def hindsight(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    p, hw = people(language), hindsight_words(language)
    doc = sent.doc
    for modal, part, word in _modal_perfect(sent, hw):
        subject, kind = _first_subject([part, modal, modal.head], p, names)
        if norm(part.text) in hw.sufficed:
            # "Il aurait suffi que l'opérateur vérifie": the person is in the que-clause.
            later = [x for x in doc[part.i + 1 : sent.end] if x.dep_ in ag.SUBJECT_DEPS]
            found = [(x, ag.person_kind(x, p, names)) for x in later]
            subject, kind = next(((x, k) for x, k in found if k), (None, None))
        if kind:
            yield Found(
                "hindsight",
                *_subject_span(subject, part),
                {"subject": phrase_text(subject), "verb": part.text},
            )
        elif subject is not None and (
            word in hw.system_modals or norm(part.text) in hw.system_participles
        ):
            yield Found(
                "system_hindsight",
                *_subject_span(subject, part),
                {"subject": phrase_text(subject), "verb": part.text},
            )
    for verb in sent:
        low = norm(verb.text)
        nxt = norm(doc[verb.i + 1].text) if verb.i + 1 < sent.end else ""
        aux = [norm(c.text) for c in ag.children(verb, ("aux", "aux:tense", "cop"))]
        perception_miss = (
            (language == "fr" and low in hw.perception) or low in hw.missed_perception
        ) and (ag.negated(verb) and ag.past_action(verb) and not systemic_reason(verb, language))
        failed_to = low in hw.fail and any(
            norm(x.text) in hw.perception for x in ag.children(verb, ("xcomp", "advcl"))
        )
        obligation = low in hw.obligation and nxt == "to"
        marks = [norm(m.text) for m in ag.children(verb, ("mark",))]
        conditional = any(m in hw.conditional_marks for m in marks) and any(
            a in hw.past_perfect_aux for a in aux
        )
        if not (
            perception_miss or failed_to or obligation or conditional or _inverted_had(verb, hw)
        ):
            continue
        subject, kind = _who(verb, p, names)
        if kind:
            yield Found(
                "hindsight",
                *_subject_span(subject, verb),
                {"subject": phrase_text(subject), "verb": verb.text},
            )
    for start, end in ag.phrase_positions(doc, hw.if_only, sent.start, sent.end):
        rest = [t for t in doc[end : sent.end] if ag.person_kind(t, p, names)]
        if rest:
            yield Found(
                "hindsight", *_span([doc[start], rest[0]]), {"subject": phrase_text(rest[0])}
            )


def _inverted_had(verb: Any, hw) -> bool:
    """ "Had Marco checked the diff, ..." (a past perfect before its subject)."""
    for aux in ag.children(verb, ("aux",)):
        subject = ag.subject_of(verb)
        if norm(aux.text) in hw.past_perfect_aux and subject is not None and aux.i < subject.i:
            return aux.i == verb.sent.start or norm(verb.doc[aux.i - 1].text) in (",", ";")
    return False


DETECTORS = (person_as_cause, hindsight, human_error, judgmental, blame_question)
