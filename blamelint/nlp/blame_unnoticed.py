"""Late detection told without a culprit (BL403): "The outage went unnoticed for 40 minutes",
"la panne est passée inaperçue pendant trois heures" (a failure nobody caught, in the past), and
"It took us a long time to notice the full disk", "the outage lasted five hours before we
noticed", "il nous a fallu longtemps pour remarquer le problème" (a long delay before someone
noticed). Both are hindsight about what people did not see, as "wasn't noticed for 12 hours" is.

Quiet: the present or a modal ("small drifts can go unnoticed", "so that errors don't go
unnoticed"), a hypothesis ("if it had gone unnoticed ..."), a near miss ("almost went
unnoticed"), a negation ("did not go unnoticed"), a question, people as the ones unnoticed
("the attacker went undetected"), users who did not see the impact ("went unnoticed by most
users"), a reason in the system ("... because the alert was routed to an archived channel"),
a short delay ("took five minutes to detect"), a delay in fixing rather than noticing ("took
hours to restore"), and a tool as the detector ("the monitor took hours to detect the drift").
Words: blame-recall.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.blame_context import phrase_start, systemic_reason
from blamelint.nlp.docview import ends_with_question_mark, sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist, norm, people

_MODIFIER_DEPS = ("aux", "aux:tense", "aux:pass", "auxpass", "advmod", "neg")
_LENGTH_DEPS = ("dobj", "obj", "npadvmod", "advmod", "obl", "obl:arg", "obl:mod", "attr")


@dataclass(frozen=True)
class UnnoticedWords:
    unnoticed: frozenset[str]
    delay_verbs: frozenset[str]
    long_words: frozenset[str]
    long_time: frozenset[str]
    long_time_modifiers: frozenset[str]
    detection: frozenset[str]
    near_misses: frozenset[str]
    hypothetical_marks: frozenset[str]
    by_marks: frozenset[str]
    past_aux: frozenset[str]
    hidden_actors: frozenset[str]
    expletives: frozenset[str]


@cache
def unnoticed_words(language: str) -> UnnoticedWords:
    return from_wordlist(UnnoticedWords, "blame-recall.yaml", language)


def _gate(language: str) -> frozenset[str]:
    """`detected_late`'s words: "unnoticed" words, or a delay verb (with a detection word)."""
    uw = unnoticed_words(language)
    return uw.unnoticed | uw.delay_verbs


@gated(_gate)
def detected_late(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    uw = unnoticed_words(language)
    words = sentence_words(sent)
    if words.isdisjoint(uw.unnoticed) and (
        words.isdisjoint(uw.delay_verbs) or words.isdisjoint(uw.detection)
    ):
        return
    if ends_with_question_mark(sent):
        return
    found = next(_went_unnoticed(sent, language, names, uw), None)
    if found is None and not words.isdisjoint(uw.delay_verbs):
        found = next(_noticed_late(sent, language, names, uw), None)
    if found is not None:
        yield found


def _went_unnoticed(sent: Any, language: str, names, uw: UnnoticedWords) -> Iterator[Found]:
    p = people(language)
    for word in sent:
        if norm(word.text) not in uw.unnoticed:
            continue
        verb = word.head
        if verb.i == word.i or verb.pos_ not in ("VERB", "AUX"):
            continue  # "an unnoticed failure": a noun's modifier tells no event
        if not _past(verb, uw) or _unreal(verb, uw) or _unreal(word, uw):
            continue
        subject = ag.subject_of(verb)
        if subject is not None and (
            ag.person_kind(subject, p, names)
            or norm(subject.text) in p.victims
            or norm(subject.text) in uw.hidden_actors
        ):
            continue  # "the attacker went undetected": a person unseen, no one's miss
        if _seen_by_victims(sent, word, p, uw) or systemic_reason(verb, language):
            continue
        start = _start(subject, verb)
        end = word.idx + len(word.text)
        text = verb.doc.text[start:end]
        yield Found("hindsight", start, end, {"subject": text, "verb": word.text})
        return


def _noticed_late(sent: Any, language: str, names, uw: UnnoticedWords) -> Iterator[Found]:
    p = people(language)
    for verb in sent:
        if norm(verb.text) not in uw.delay_verbs:
            continue
        if not _past(verb, uw) and not _headless_start(verb, sent):
            continue
        if _unreal(verb, uw) or not _long(verb, uw):
            continue
        seen = next(
            (t for t in sent if t.i > verb.i and norm(t.text) in uw.detection and _under(t, verb)),
            None,
        )
        if seen is None or ag.negated(seen):
            continue
        detector = None
        if not ag.is_passive(seen):  # its own subject, else the delay's ("the monitor took")
            own = ag.children(seen, ("nsubj",))
            detector = own[0] if own else ag.subject_of(verb)
        if detector is not None and not (
            ag.person_kind(detector, p, names) or norm(detector.text) in uw.expletives
        ):
            continue  # "the monitor took hours to detect the drift": the tool's delay
        if systemic_reason(verb, language) or systemic_reason(seen, language):
            continue
        subject = ag.subject_of(verb)
        start = _start(subject, verb)
        end = seen.idx + len(seen.text)
        text = verb.doc.text[start:end]
        yield Found("hindsight", start, end, {"subject": text, "verb": seen.text})
        return


def _under(token: Any, verb: Any) -> bool:
    """The token is in a clause the delay verb governs ("took hours before we noticed",
    "to notice"), not in a clause coordinated with it ("took long to pick one, and we
    noticed ...")."""
    if not verb.is_ancestor(token):
        return False
    while token.head.i != verb.i:
        token = token.head
    return token.dep_ != "conj"


def _start(subject: Any, verb: Any) -> int:
    if subject is not None and subject.i < verb.i:
        return verb.doc[phrase_start(subject)].idx
    return verb.idx


def _past(verb: Any, uw: UnnoticedWords) -> bool:
    """What happened: an English past ("went", "has gone") or a French compound past
    ("est passée", "a fallu"); not a present, an infinitive or a future."""
    aux = [norm(a.text) for a in ag.children(verb, ("aux", "aux:tense", "aux:pass", "auxpass"))]
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" or "Part" in verb.morph.get("VerbForm"):
        return any(a in uw.past_aux for a in aux)
    return verb.tag_ == verb.pos_ and "Past" in verb.morph.get("Tense")  # French simple past


def _headless_start(verb: Any, sent: Any) -> bool:
    """ "Took a while for this to get noticed": a past whose subject a note leaves out."""
    return verb.i == sent.start and verb.tag_ == "VB" and ag.subject_of(verb) is None


def _unreal(token: Any, uw: UnnoticedWords) -> bool:
    """Negated, modal, nearly, or a hypothesis: not a delay that happened."""
    if ag.negated(token):
        return True
    if any(norm(c.text) in uw.near_misses for c in ag.children(token, _MODIFIER_DEPS)):
        return True
    heads = [token] + ([token.head] if token.dep_ == "conj" else [])
    return any(
        norm(m.text) in uw.hypothetical_marks for h in heads for m in ag.children(h, ("mark",))
    )


def _long(verb: Any, uw: UnnoticedWords) -> bool:
    """ "a long time", "quite some time", "a while", "hours", "longtemps", "du temps"."""
    for length in ag.children(verb, _LENGTH_DEPS):
        low = norm(length.text)
        if low in uw.long_words:
            return True
        if low in uw.long_time and any(
            norm(m.text) in uw.long_time_modifiers for m in length.children
        ):
            return True
    return False


def _seen_by_victims(sent: Any, word: Any, p: Any, uw: UnnoticedWords) -> bool:
    """ "went unnoticed by most users", "passée inaperçue des clients": the impact unseen."""
    doc = word.doc
    for token in sent:
        if token.i <= word.i or norm(token.text) not in uw.by_marks:
            continue
        head = ag.np_head_after(doc, token.i + 1)
        if head is not None and norm(head.text) in p.victims:
            return True
    return False
