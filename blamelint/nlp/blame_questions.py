"""Questions that are hindsight (BL403): "How was this not spotted sooner?", "Comment cela
n'a-t-il pas été repéré ?", "Pourquoi tu n'as rien vérifié ?" (a question word, a negated
check, nobody named or the person addressed), and "Would decent testing have stopped this?",
"De vrais tests auraient-ils évité la panne ?" (a modal perfect asked of a check that an
adequacy word says was missing). Read on the surface of the question: the small parsers lose
interrogative French ("tu n'as rien vérifié"). Questions about a named person or role ("Why
didn't the on-call escalate?") are BL406's; a system as the one that missed ("Why didn't the
linter catch it?", "How was this not caught by CI?"), the writer's own ("Why didn't we ...?",
"Why was my invoice not checked?"), the inquiry of a five-whys list ("Why was the merge
not caught?": only "how" asked of a thing is rhetorical) and fair questions ("Would more
testing have helped?") stay quiet. Words: rules/wordlists/blame-frames.yaml and hindsight.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.gates import QUESTION, gated
from blamelint.nlp.lexicon import from_wordlist, grammar, hindsight_words, norm, people

_PASSIVE_AUX = frozenset(["was", "were", "been", "be", "is", "are", "été", "être"])


@dataclass(frozen=True)
class QuestionWords:
    question_words: frozenset[str]
    rhetorical_words: frozenset[str]
    addressees: frozenset[str]
    first_person: frozenset[str]
    check_nouns: frozenset[str]
    adequacy: frozenset[str]
    question_modals: frozenset[str]
    stop_verbs: frozenset[str]


@cache
def question_words(language: str) -> QuestionWords:
    return from_wordlist(QuestionWords, "blame-frames.yaml", language)


def _question(sent: Any) -> list[Any]:
    tokens = [t for t in sent if not t.is_space]
    return tokens if tokens and tokens[-1].text == "?" else []


@gated(lambda language: QUESTION)
def hindsight_question(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    tokens = _question(sent)
    if not tokens:
        return
    qw, hw = question_words(language), hindsight_words(language)
    checks = hw.verification | hw.discovery | hw.perception | qw.stop_verbs
    found = _unchecked(tokens, qw, checks, language, names) or _missing_check(tokens, qw)
    if found is not None:
        first, last = found
        doc = sent.doc
        start, end = first.idx, last.idx + len(last.text)
        yield Found("hindsight", start, end, {"subject": doc.text[start:end], "verb": last.text})


def _unchecked(
    tokens: list[Any], qw: QuestionWords, checks: frozenset[str], language: str, names
) -> tuple[Any, Any] | None:
    """ "How was this not spotted?": (the question word, the check) or None."""
    words = [t for t in tokens if t.is_alpha]
    if not words or norm(words[0].text) not in qw.question_words:
        return None
    first = words[0]
    verb = next((t for t in tokens if t.i > first.i and norm(t.text) in checks), None)
    if verb is None:
        return None
    between = [t for t in tokens if first.i < t.i < verb.i]
    lows = [norm(t.text) for t in between]
    g = grammar()
    if not any(w in g.negations or w in g.negation_particles for w in lows):
        return None
    if any(w.strip("-") in qw.first_person for w in lows):
        return None
    if any(w.strip("-") in qw.addressees for w in lows):
        return first, verb  # "Pourquoi tu n'as rien vérifié ?"
    passive = any(w in _PASSIVE_AUX for w in lows)
    if norm(first.text) not in qw.rhetorical_words:
        return None  # "Why was the merge not caught?": a five-whys inquiry
    if not passive or _by_a_thing(verb, tokens, language, names):
        return None
    p = people(language)
    # The thing nobody checked: any word that is not the auxiliary or the negation (the
    # parser often mis-tags the noun of an interrogative passive).
    things = [t for t in between if t.is_alpha and norm(t.text) not in _PASSIVE_AUX]
    things = [t for t in things if norm(t.text) not in g.negations | g.negation_particles]
    if any(ag.person_kind(t, p, names) or t.i in names for t in things):
        return None  # "Why was the on-call not told?": about a person (BL406 asks who)
    return (first, verb) if things else None


def _by_a_thing(verb: Any, tokens: list[Any], language: str, names) -> bool:
    """ "How was this not caught by CI?": the passive's agent is not a person."""
    p = people(language)
    after = [t for t in tokens if t.i > verb.i]
    for i, token in enumerate(after[:-1]):
        if norm(token.text) in ("by", "par"):
            target = after[i + 1]
            if norm(target.text) in ("the", "a", "an", "le", "la", "les", "l'", "un", "une"):
                target = after[i + 2] if i + 2 < len(after) else target
            head = target
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            return not (ag.person_kind(head, p, names) or head.i in names)
    return False


def _missing_check(tokens: list[Any], qw: QuestionWords) -> tuple[Any, Any] | None:
    """ "Would decent testing have stopped this?": (the first word, the stop verb) or None."""
    lows = [norm(t.text).strip("-") for t in tokens]
    modal = next((i for i, w in enumerate(lows) if w in qw.question_modals), None)
    if modal is None:
        return None
    stop = next((i for i in range(modal + 1, len(lows)) if lows[i] in qw.stop_verbs), None)
    if stop is None:
        return None
    for i in range(stop):
        if lows[i] in qw.check_nouns and i != modal:
            window = lows[max(0, i - 3) : i]
            if any(w in qw.adequacy for w in window):
                return tokens[0], tokens[stop]
    return None
