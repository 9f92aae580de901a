"""Judgements denied (BL405): "this was not sloppy work", "the rollout wasn't careless",
"nobody dropped the ball", "there was no negligence", "ce n'était pas bâclé", "personne n'a
été négligent". The judgement is named to say it does not apply, so it judges no one.

The clause of the judgement is found by climbing from the word through the noun it modifies (or
from a prepositional phrase that is the copula's predicate: "we were never in a rush",
"n'étions jamais dans la précipitation") to the verb or copula (at most three steps); it is
denied when that clause is negated, when its subject is a negative pronoun (nobody, personne),
or when the judged noun has a negative determiner (no, aucun). Still judgements: an
intensifying negation ("not just careless, reckless"), an exhortation with no subject ("Don't
be careless with prod"), a negation in a clause above ("I can't believe how sloppy this was")
and words whose judgement is the negation ("n'a pas daigné répondre"). Words:
rules/wordlists/blame-acts.yaml. The same negative pronouns deny a failure told with an agent
(`nobody`, read by BL401).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.lexicon import from_wordlist, grammar

_CLIMB = ("amod", "acomp", "attr", "dobj", "obj", "advmod", "conj", "appos", "xcomp")
_VERBS = ("VERB", "AUX")
_CLAUSE_BREAKS = frozenset([",", ";", ":", "—", "–"])
# A prepositional phrase on its verb: "were never in a rush", "n'étions pas dans la
# précipitation" (French: the noun, its preposition a `case` child).
_PREDICATE_PHRASES = ("prep", "obl", "obl:arg", "obl:mod")


@dataclass(frozen=True)
class DenialWords:
    denial_pronouns: frozenset[str]
    denial_phrases: tuple[tuple[str, ...], ...]
    denial_determiners: frozenset[str]
    denial_exceptions: frozenset[str]
    intensifiers: frozenset[str]
    negative_polarity: frozenset[str]
    copulas: frozenset[str] = frozenset()


@cache
def denial_words(language: str) -> DenialWords:
    return from_wordlist(DenialWords, "blame-acts.yaml", language)


def denied_judgement(sent: Any, start: int, end: int, language: str) -> bool:
    """Is the judgement at characters [start, end) of the sentence denied by its clause?"""
    doc = sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    dw, words = denial_words(language), ag.lowered(doc)
    if any(words[t.i] in dw.negative_polarity for t in span):
        return False  # "n'a pas daigné répondre": the judgement is the negation
    if _nobody_opens(sent, words, dw) and not any(
        t.text in _CLAUSE_BREAKS for t in doc[sent.start : span.start]
    ):
        return True  # "Personne n'a été négligent." (parsed apart from its predicate)
    token = span.root
    for _ in range(4):
        if any(words[d.i] in dw.denial_determiners for d in ag.children(token, ("det",))):
            return True  # "there was no negligence"
        if token.pos_ in _VERBS or ag.children(token, ("cop",)):
            return _denied_clause(token, words, dw)  # French: the predicate heads its copula
        if token.head.i == token.i:
            return False
        if token.dep_ in _PREDICATE_PHRASES and words[token.head.i] in dw.copulas:
            # "we were never in a rush": a judgement told as the predicate's phrase; not "we
            # didn't test it, in a rush to ship" (the phrase hangs on another verb).
            token = token.head
            continue
        if token.dep_ not in _CLIMB:
            return False
        token = token.head
    return False


def _nobody_opens(sent: Any, words: list[str], dw: DenialWords) -> bool:
    """ "Personne n'a ...", "Nobody was ...": a negative pronoun opens the sentence, with a
    negation particle or a verb right after it."""
    first = sent.start
    if first + 1 >= sent.end or words[first] not in dw.denial_pronouns:
        return False
    nxt = sent.doc[first + 1]
    return words[first + 1] in grammar().negation_particles or nxt.pos_ in _VERBS


def _denied_clause(verb: Any, words: list[str], dw: DenialWords) -> bool:
    subjects = [c for c in verb.children if c.dep_ in ag.SUBJECT_DEPS or c.dep_ == "expl"]
    if any(_nobody(s, words, dw) for s in subjects):
        return True  # "nobody dropped the ball", "no engineer was careless"
    negations = [c for c in verb.children if c.dep_ in ("neg", "advmod")]
    negations = [c for c in negations if words[c.i] in grammar().negations]
    if not negations or not subjects:
        return False  # no negation, or "Don't be careless": an exhortation
    after = negations[-1].i + 1
    return not (after < len(words) and words[after] in dw.intensifiers)


def _nobody(subject: Any, words: list[str], dw: DenialWords) -> bool:
    """ "nobody", "no one", "no engineer"; not "nobody below the director level" (restricted)."""
    after = subject.i + 1
    if after < len(words) and words[after] in dw.denial_exceptions:
        return False
    if any(words[c.i] in dw.denial_exceptions for c in subject.children):
        return False
    if words[subject.i] in dw.denial_pronouns:
        return True
    for phrase in dw.denial_phrases:
        lo = subject.i - len(phrase) + 1
        if lo >= 0 and tuple(words[lo : subject.i + 1]) == phrase:
            return True
    return any(words[d.i] in dw.denial_determiners for d in ag.children(subject, ("det",)))


def nobody(subject: Any, language: str) -> bool:
    """ "Nobody ignored the alert", "No one forgot to renew it": the agent is a negative
    pronoun, so the failure is denied (BL401); "Nobody checked the backups" is BL403's."""
    return subject is not None and _nobody(subject, ag.lowered(subject.doc), denial_words(language))
