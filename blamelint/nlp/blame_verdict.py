"""A past act judged as a slip or a bad choice (BL405): "Deleting the index was a mistake",
"It was a mistake to deploy on Friday", "Removing the nightly job was a dumb idea", "In this
case it was not the best approach", "Retirer la tâche nocturne a été une mauvaise idée", "Ce
n'était pas la meilleure approche". A judgement of the act, as "in retrospect it was a
mistake" is, so one rule for both. The subject is the act (a
gerund or an opening infinitive), a demonstrative, or "it" with an infinitive after the noun.

Quiet: advice and plans in the present or a modal ("Running migrations at peak is a bad idea",
"It would be a bad idea to ..."), a denial ("was not a mistake"), a good verdict ("was the
right call"; "not the best approach" is a bad one), a question, a hypothesis, a thing as the
subject ("Kafka was a poor choice"), and an error named by a demonstrative alone ("This was an
error in the parser", "C'était une erreur de configuration": the software's).
Words: blame-recall.yaml `verdict_*`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.docview import ends_with_question_mark, sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class VerdictWords:
    verdict_copulas: frozenset[str]
    verdict_slips: frozenset[str]
    verdict_errors: frozenset[str]
    verdict_decisions: frozenset[str]
    verdict_bad: frozenset[str]
    verdict_good: frozenset[str]
    verdict_pronouns: frozenset[str]
    verdict_infinitive_marks: frozenset[str]
    near_misses: frozenset[str]
    hypothetical_marks: frozenset[str]

    @property
    def nouns(self) -> frozenset[str]:
        return self.verdict_slips | self.verdict_errors | self.verdict_decisions


@cache
def verdict_words(language: str) -> VerdictWords:
    return from_wordlist(VerdictWords, "blame-recall.yaml", language)


@gated(
    lambda language: verdict_words(language).nouns,
    lambda language: verdict_words(language).verdict_copulas,
)
def judged_act(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    vw = verdict_words(language)
    words = sentence_words(sent)
    if words.isdisjoint(vw.nouns) or words.isdisjoint(vw.verdict_copulas):
        return
    if ends_with_question_mark(sent):
        return
    for noun in sent:
        low = norm(noun.text)
        if low not in vw.nouns:
            continue
        copula, holder = _copula(noun, vw)
        if copula is None or _unreal(holder, copula, vw):
            continue
        subject = _subject(noun, holder, copula, sent, vw)
        if subject is None:
            continue
        negated = ag.negated(holder)
        if low in vw.verdict_decisions:
            adjectives = {norm(a.text) for a in ag.children(noun, ("amod",))}
            bad = adjectives & vw.verdict_bad and not negated
            if not (bad or (negated and adjectives & vw.verdict_good)):
                continue
            first = _first_judging(noun, holder, negated)
            end = noun.idx + len(noun.text)
            yield Found("judgmental", first.idx, end, {"word": noun.doc.text[first.idx : end]})
            return
        if negated or (low in vw.verdict_errors and subject == "pronoun"):
            continue  # "was not a mistake"; "This was an error in the parser"
        if subject == "pronoun" and _thing_named(noun, language):
            continue  # "It was a configuration mistake": the setting's defect, as an error is
        if ag.children(noun, ("amod",)):
            continue  # "an amateurish mistake": the adjective's judgement is BL405's to report
        start, end = copula.idx, noun.idx + len(noun.text)
        yield Found("judgmental", start, end, {"word": noun.doc.text[start:end]})
        return


def _copula(noun: Any, vw: VerdictWords) -> tuple[Any | None, Any]:
    """The past copula and the token that holds the clause's negation and auxiliaries: "was"
    itself in English (the noun is its `attr`), the noun in French (its `cop` child)."""
    if noun.dep_ == "attr" and norm(noun.head.text) in vw.verdict_copulas:
        return noun.head, noun.head
    cop = next((c for c in ag.children(noun, ("cop",)) if norm(c.text) in vw.verdict_copulas), None)
    return cop, noun


def _unreal(holder: Any, copula: Any, vw: VerdictWords) -> bool:
    """ "aurait été une erreur", "if it was a mistake": a hypothesis, not a verdict."""
    around = ag.children(holder, ("aux", "aux:tense", "advmod", "mark"))
    if copula is not holder:
        around += ag.children(copula, ("aux", "aux:tense"))
    return any(norm(t.text) in vw.near_misses | vw.hypothetical_marks for t in around)


def _subject(noun: Any, holder: Any, copula: Any, sent: Any, vw: VerdictWords) -> str | None:
    """ "act" (a gerund or an infinitive is judged), "pronoun" (a demonstrative alone), or None
    (a thing: "Kafka was a poor choice")."""
    subjects = ag.children(holder, ("nsubj", "csubj"))
    for subject in subjects:
        if subject.dep_ == "csubj" or subject.tag_ == "VBG":
            return "act"
    opening = next((t for t in sent if t.is_alpha), None)
    if (
        opening is not None
        and opening.i < copula.i
        and "Inf" in opening.morph.get("VerbForm")
        and opening.lang_ != "en"
    ):
        return "act"  # "Supprimer l'index était une erreur" (the small parser varies)
    pronoun = any(norm(s.text) in vw.verdict_pronouns for s in subjects)
    if not pronoun:
        return None
    marks = vw.verdict_infinitive_marks
    for clause in ag.children(noun, ("xcomp", "relcl", "acl")) + ag.children(holder, ("xcomp",)):
        if any(norm(m.text) in marks for m in ag.children(clause, ("aux", "mark"))):
            return "act"  # "It was a mistake to deploy on Friday", "une erreur de déployer"
    return "pronoun"


def _first_judging(noun: Any, holder: Any, negated: bool) -> Any:
    """The first word of the judgement: "not" of "not the best approach", else the adjective."""
    if negated:
        negations = grammar().negations
        negation = [
            c
            for c in ag.children(holder, ("neg", "advmod"))
            if c.i < noun.i and norm(c.text) in negations
        ]
        if negation:
            return min(negation, key=lambda t: t.i)
    adjectives = [a for a in ag.children(noun, ("amod",)) if a.i < noun.i]
    return min(adjectives, key=lambda t: t.i) if adjectives else noun


def _thing_named(noun: Any, language: str) -> bool:
    """The slip is named by the thing it is in ("a configuration mistake", "a routing
    mistake"): a noun modifier that is no person ("a user mistake", "an operator mistake")."""
    p = people(language)
    person_words = p.roles | p.groups | p.victims | p.pronouns
    modifiers = [c for c in ag.children(noun, ("compound",)) if c.pos_ in ("NOUN", "PROPN")]
    return bool(modifiers) and not any(norm(m.text) in person_words for m in modifiers)
