"""How people in charge acted, told as a failure (BL401 and BL405).

- In charge of a failure: "the CEO presided over a costly blunder", "the director who oversaw
  the botched migration", "she left after presiding over the outage" (a gerund takes
  the subject of its clause). "The CTO oversaw the recovery" and "presided over the review
  of the outage" (the failure is not what was overseen) stay quiet.
- News told late: "the carrier only told its customers two hours after service was back",
  "the vendor only informed the regulator three days later". "The on-call only paged the
  DBA after confirming the lag" (no duration, no end: a procedure) and the writer's own ("we
  only notified customers after ...") stay quiet.
- A yes/no question that a person was behind the incident looks for a culprit (BL406): "Was a
  contractor behind the outage?"; not "Was a config change behind the outage?" nor "Was
  anyone behind it?".
- People let down, in the passive (BL405): "customers who rely on Acme were let down"; "the
  alerting let us down" (a thing) and "we let our users down" (the writer's apology) are
  not read.
Each is gated on its own words (a set lookup per token). Words: rules/wordlists/blame-acts.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found, span_of
from blamelint.nlp.blame_context import phrase_text
from blamelint.nlp.blame_org import organisation
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import blame_words, from_wordlist, grammar, people

_LATE_SPAN = 12  # tokens after the notice verb in which the lateness is told


@dataclass(frozen=True)
class ConductWords:
    oversight_verbs: frozenset[str]
    failure_nouns: frozenset[str]
    failed_modifiers: frozenset[str]
    late_notice_verbs: frozenset[str]
    late_only: frozenset[str]
    late_marks: frozenset[str]
    late_durations: frozenset[str]
    late_ends: frozenset[str]
    question_copulas: frozenset[str]
    behind: frozenset[str]
    let_down_verbs: frozenset[str]
    let_down_particles: frozenset[str]
    let_down_people: frozenset[str]


@cache
def conduct_words(language: str) -> ConductWords:
    return from_wordlist(ConductWords, "blame-acts.yaml", language)


@cache
def _gate(language: str) -> frozenset[str]:
    cw = conduct_words(language)
    return cw.oversight_verbs | cw.late_notice_verbs


def _agent(token: Any, language: str, names: frozenset[int], bare: bool = False) -> bool:
    """A person, a role, a team or an organisation (`bare`: also a capitalised name with no
    evidence that it is a company); not the writer, not the generic "you"."""
    if token is None:
        return False
    g, low = grammar(), ag.lowered(token.doc)[token.i]
    if low in g.first_person or low in g.generic_people:
        return False
    if ag.person_kind(token, people(language), names) or token.i in names:
        return True
    kinds = ("noun", "entity", "name") if bare else ("noun", "entity")
    return organisation(token, language, names) in kinds


@gated(_gate)
def in_charge(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    if sentence_words(sent).isdisjoint(_gate(language)):
        return
    words = ag.lowered(sent.doc)
    cw = conduct_words(language)
    for verb in sent:
        low = words[verb.i]
        if low in cw.oversight_verbs:
            found = _oversaw(verb, words, cw, language, names)
        elif low in cw.late_notice_verbs:
            found = _told_late(verb, words, cw, language, names)
        else:
            continue
        if found is not None:
            subject, last = found
            start, end = span_of([subject, last])
            yield Found("person", start, end, {"subject": phrase_text(subject)})
            return


@gated(lambda language: conduct_words(language).behind)
def behind_question(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Was a contractor behind the outage?" (`question`, BL406): it looks for a culprit."""
    cw = conduct_words(language)
    if sentence_words(sent).isdisjoint(cw.behind):
        return
    words = ag.lowered(sent.doc)
    found = _behind_question(sent, words, cw, language, names)
    if found is not None:
        subject, last = found
        start, end = span_of([subject, last])
        yield Found("question", start, end, {"question": sent.text})


def _subject(verb: Any) -> Any | None:
    """The verb's subject; a gerund's is its clause's ("she left after presiding over ...")."""
    subject = ag.subject_of(verb)
    node = verb
    for _ in range(3):
        if subject is not None or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = ag.subject_of(node)
    return subject


def _oversaw(verb: Any, words, cw: ConductWords, language: str, names) -> tuple | None:
    failures = cw.failure_nouns | blame_words(language).incident_nouns
    targets = list(ag.children(verb, ag.OBJECT_DEPS))
    for prep in ag.children(verb, ("prep",)):
        targets.extend(ag.children(prep, ("pobj",)))
    for target in targets:
        failed = words[target.i] in failures or any(
            words[m.i] in cw.failed_modifiers for m in ag.children(target, ("amod",))
        )
        if not failed:
            continue
        subject = _subject(verb)
        if (
            subject is not None
            and verb.dep_ in ("relcl", "acl:relcl")
            and (words[subject.i] in grammar().relatives)
        ):
            subject = verb.head  # "the director who oversaw ..."
        if _agent(subject, language, names):
            return subject, target
    return None


def _told_late(verb: Any, words, cw: ConductWords, language: str, names) -> tuple | None:
    before = [c for c in verb.children if c.dep_ in ("advmod", "neg") and c.i < verb.i]
    if not any(words[c.i] in cw.late_only for c in before):
        return None
    end = min(verb.sent.end, verb.i + 1 + _LATE_SPAN)
    marks = [i for i in range(verb.i + 1, end) if words[i] in cw.late_marks]
    if not marks:
        return None
    window = range(max(verb.i + 1, marks[0] - 3), end)
    told = [i for i in window if words[i] in cw.late_durations or words[i] in cw.late_ends]
    if not told:
        return None  # "only paged the DBA after confirming the lag": a procedure
    subject = ag.subject_of(verb)
    if not _agent(subject, language, names, bare=True):  # telling is an agent's act
        return None
    return subject, verb.doc[max(told[-1], marks[0])]


def _behind_question(sent: Any, words, cw: ConductWords, language: str, names) -> tuple | None:
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text != "?" or words[tokens[0].i] not in cw.question_copulas:
        return None
    incidents = blame_words(language).incident_nouns
    for prep in tokens:
        if words[prep.i] not in cw.behind:
            continue
        after = [t for t in tokens if prep.i < t.i <= prep.i + 4]
        if not any(words[t.i] in incidents for t in after):
            return None
        between = [t for t in tokens if tokens[0].i < t.i < prep.i and t.pos_ in ("NOUN", "PROPN")]
        person = next((t for t in reversed(between) if _agent(t, language, names)), None)
        if person is not None and organisation(person, language, names) is None:
            return person, after[-1]
        return None
    return None


@gated(lambda language: conduct_words(language).let_down_verbs)
def let_down(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Customers were let down" (`judgmental`)."""
    cw = conduct_words(language)
    if sentence_words(sent).isdisjoint(cw.let_down_verbs):
        return
    words = ag.lowered(sent.doc)
    for verb in sent:
        if words[verb.i] not in cw.let_down_verbs or not ag.is_passive(verb):
            continue
        particles = [c for c in verb.children if words[c.i] in cw.let_down_particles]
        subject = ag.subject_of(verb)
        if not particles or subject is None:
            continue
        for prep in ag.children(subject, ("prep",)):  # "thousands of passengers"
            subject = next(iter(ag.children(prep, ("pobj",))), subject)
        if words[subject.i] not in cw.let_down_people and not ag.person_kind(
            subject, people(language), names
        ):
            continue
        start, end = span_of([verb, particles[0]])
        yield Found("judgmental", start, end, {"word": sent.doc.text[start:end]})
        return
