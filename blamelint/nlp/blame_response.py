"""How people handled the response, judged (issue 13, web register):
- a delay before telling anyone (BL401): "the director waited three hours before notifying
  the ministry", "la directrice a attendu deux jours avant d'informer les abonnés" — a person as
  the subject, a duration, then a telling verb; the writer's own narration, plans and
  procedure ("waited five minutes before paging, as the runbook says") stay quiet;
- criticism reported on people for a failure (BL401): "the directors face harsh criticism
  for failing to prepare the switchover", "critiqués pour ne pas avoir prévenu les abonnés";
- a person said to be behind the incident (BL401): "a contractor was behind the outage",
  "un stagiaire est derrière la panne" (questions stay quiet, as for BL401);
- work that fell short, negated (BL403): "the escalation was not managed as well as it
  could have been" (without the negation it is praise);
- regret for what was not done (BL403): "she regretted not warning the regulator sooner",
  "elle regrette de ne pas avoir averti les clients plus tôt"; "we regret not being able to
  restore older snapshots" is an apology for a limit and stays quiet.
Words: rules/wordlists/blame-frames.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.blame_context import deliberate, phrase_text
from blamelint.nlp.blame_detect import not_an_event, subject_span
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import first_words, gated
from blamelint.nlp.lexicon import blame_words, from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class ResponseWords:
    wait_verbs: frozenset[str]
    before_marks: frozenset[str]
    notice_verbs: frozenset[str]
    regret_words: frozenset[str]
    regret_ability: frozenset[str]
    durations: frozenset[str]
    procedure: tuple[tuple[str, ...], ...]
    criticism: frozenset[str]
    criticism_for: frozenset[str]
    habitual: frozenset[str]
    behind: frozenset[str]
    fell_short: tuple[tuple[str, ...], ...]
    criticised_conduct: frozenset[str] = frozenset()


@cache
def response_words(language: str) -> ResponseWords:
    return from_wordlist(ResponseWords, "blame-frames.yaml", language)


@gated(lambda language: response_words(language).wait_verbs)
def late_notice(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "The director waited three hours before notifying the ministry" (key `person`)."""
    rw, p = response_words(language), people(language)
    if sentence_words(sent).isdisjoint(rw.wait_verbs):
        return
    tokens = list(sent)
    for i, verb in enumerate(tokens):
        if norm(verb.text) not in rw.wait_verbs:
            continue
        window = [norm(t.text) for t in tokens[i + 1 : i + 9]]
        mark = next((j for j, w in enumerate(window) if w in rw.before_marks), None)
        if mark is None or not any(w in rw.durations for w in window[:mark]):
            continue
        if not any(w in rw.notice_verbs for w in window[mark + 1 : mark + 4]):
            continue
        subject = ag.subject_of(verb)
        if subject is None or not ag.person_kind(subject, p, names):
            continue
        if not_an_event(verb, subject, "delay") or deliberate(verb, language):
            continue
        if any(" ".join(phrase) in norm(sent.text) for phrase in rw.procedure):
            continue  # "..., as the runbook says": the wait was the procedure
        yield Found("person", *subject_span(subject, verb), {"subject": phrase_text(subject)})
        return


@gated(lambda language: response_words(language).regret_words)
def regret_not(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "She regretted not warning the regulator sooner" (key `hindsight`)."""
    rw, g = response_words(language), grammar()
    if sentence_words(sent).isdisjoint(rw.regret_words):
        return
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text == "?":
        return
    negations = g.negations | g.negation_particles
    for i, word in enumerate(tokens):
        if norm(word.text) not in rw.regret_words:
            continue
        window = tokens[i + 1 : i + 6]
        neg = next((j for j, t in enumerate(window) if norm(t.text) in negations), None)
        if neg is None:
            continue
        rest = [t for t in window[neg + 1 :] if norm(t.text) not in negations]
        rest = [t for t in rest if norm(t.text) not in ("avoir", "having")] or rest
        if not rest or norm(rest[0].text) in rw.regret_ability or not rest[0].is_alpha:
            continue
        owner = ag.subject_of(word if word.pos_ in ("VERB", "AUX") else word.head)
        if owner is not None and norm(owner.text) in g.generic_people:
            continue  # "you regret not testing": the generic reader
        start, end = word.idx, rest[0].idx + len(rest[0].text)
        yield Found(
            "hindsight", start, end, {"subject": sent.doc.text[start:end], "verb": rest[0].text}
        )
        return


@gated(lambda language: response_words(language).criticism_for)
def criticised_for(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "The directors face harsh criticism for failing to prepare the switchover" (`person`):
    a criticism word, then "for" and a failure (a failure gerund, a negated infinitive in
    French, or a conduct named within four words: "for the slow response"); the one
    criticised is the subject of the criticism verb, or of the verb whose object the
    criticism noun is."""
    rw, bw, g, p = response_words(language), blame_words(language), grammar(), people(language)
    if sentence_words(sent).isdisjoint(rw.criticism_for):
        return
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text == "?":
        return
    negations = g.negations | g.negation_particles
    for i, mark in enumerate(tokens):
        if norm(mark.text) not in rw.criticism_for:
            continue
        after = [norm(t.text) for t in tokens[i + 1 : i + 5]]
        failure = bool(after) and (after[0] in bw.fail or after[0] in bw.failure)
        failure = failure or (bool(after) and after[0] in negations and len(after) > 2)
        # "criticised for the slow response", "critiquée pour sa lenteur": a conduct named.
        failure = failure or not rw.criticised_conduct.isdisjoint(after)
        if not failure:
            continue
        critic = next((t for t in reversed(tokens[:i]) if norm(t.text) in rw.criticism), None)
        if critic is None:
            continue
        verb = critic if critic.pos_ in ("VERB", "AUX") else critic.head
        subject = ag.subject_of(verb)
        if subject is None or not (ag.person_kind(subject, p, names) or subject.i in names):
            continue
        if not_an_event(verb, subject, "failure") and not _present_report(verb):
            continue
        if any(norm(t.text) in rw.habitual for t in tokens[:i]):
            continue  # "engineers are often criticised for ...": a generalisation
        yield Found("person", *subject_span(subject, critic), {"subject": phrase_text(subject)})
        return


def _present_report(verb: Any) -> bool:
    """ "The directors face criticism": news in the present reports what is said now."""
    return verb.tag_ in ("VBP", "VBZ") and not any(
        norm(a.text) in grammar().modal_aux for a in ag.children(verb, ("aux",))
    )


@gated(lambda language: response_words(language).behind)
def behind_incident(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "A contractor was behind the outage" (`person`): "behind" an incident noun, said of a
    person by a copula."""
    rw, bw, p = response_words(language), blame_words(language), people(language)
    if sentence_words(sent).isdisjoint(rw.behind):
        return
    for prep in sent:
        if norm(prep.text) not in rw.behind:
            continue
        target = next(iter(ag.children(prep, ("pobj",))), None) or ag.np_head_after(
            sent.doc, prep.i + 1
        )
        if target is None or norm(target.text) not in bw.incident_nouns:
            continue
        verb = prep.head if prep.dep_ == "prep" else target.head
        subject = ag.subject_of(verb)
        if subject is None or not (ag.person_kind(subject, p, names) or subject.i in names):
            continue
        if not_an_event(verb, subject, "cause"):
            continue
        yield Found("person", *subject_span(subject, prep), {"subject": phrase_text(subject)})
        return


@gated(lambda language: first_words(response_words(language).fell_short))
def fell_short(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "The escalation was not managed as well as it could have been" (`hindsight`): the
    phrase with a negation a few words before it."""
    rw, g = response_words(language), grammar()
    negations = g.negations | g.negation_particles
    words = ag.lowered(sent.doc)
    for start, end in ag.phrase_positions(sent.doc, rw.fell_short, sent.start, sent.end):
        before = range(max(sent.start, start - 6), start)
        negation = next((i for i in before if words[i] in negations), None)
        if negation is None:
            continue
        verb = sent.doc[negation].head
        subject = ag.subject_of(verb)
        if (
            not ag.is_passive(verb)
            and subject is not None
            and subject.pos_ in ("NOUN", "PROPN")
            and not ag.person_kind(subject, people(language), names)
        ):
            continue  # "the CPU did not perform as well as it could have": a component
        first, last = sent.doc[negation], sent.doc[end - 1]
        text = sent.doc.text[first.idx : last.idx + len(last.text)]
        yield Found("hindsight", first.idx, last.idx + len(last.text), {"subject": text})
        return
