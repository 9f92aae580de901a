"""Rhetorical questions that judge a decision (BL403), in both languages.

- "Why" and a bare verb of change asked about a risky circumstance: "So why ship the schema
  change on a Friday?", "Why would anyone deploy without a canary?", "Pourquoi déployer la
  passerelle un samedi ?". The infinitive has no subject: nobody is asked what happened,
  the decision is judged. "Why use a queue here?" (no change verb), "Why not add a canary?"
  (a proposal), "Why deploy the fix in two steps?" (no risk named) stay quiet.
- A negated action asked about with the writer's puzzlement, or asked directly about a
  company: "Curious why Acme never tested the firmware", "I wonder why the vendor never warned
  anyone", "Why didn't the vendor notify its customers?". The agent is a person, a role or an
  organisation (a bare capitalised name only with a careful practice: stage, test, warn ...);
  the writer's own ("I wonder why we didn't roll back sooner"), a system ("Why didn't the
  autoscaler add nodes?") and the five-whys passive ("Why was the merge not caught?") stay
  quiet. Direct questions about a person are BL406's.
The sentence is skipped unless it holds a "why" word (one set lookup per token), so the
detector costs nothing elsewhere. Words: rules/wordlists/blame-acts.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.blame_context import phrase_text
from blamelint.nlp.blame_org import organisation
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import blame_words, from_wordlist, grammar, people

# How far the pieces of a question may stand from each other, in tokens.
_OPENING = 3  # "why" among the first words
_SUBJECT_SPAN = 8  # the negation, after "why" (French inversion: "n'a-t-il pas")
_WONDER_SPAN = 4  # "curious why", "I wonder why"


@dataclass(frozen=True)
class DecisionWords:
    decision_why: frozenset[str]
    openers: frozenset[str]
    decision_modals: frozenset[str]
    decision_askees: frozenset[str]
    decision_verbs: frozenset[str]
    risky_words: frozenset[str]
    risky_phrases: tuple[tuple[str, ...], ...]
    without: frozenset[str]
    wonder_words: frozenset[str]
    wonder_phrases: tuple[tuple[str, ...], ...]
    careful_verbs: frozenset[str]
    they: frozenset[str]


@cache
def decision_words(language: str) -> DecisionWords:
    return from_wordlist(DecisionWords, "blame-acts.yaml", language)


@gated(lambda language: decision_words(language).decision_why)
def decision_question(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    dw = decision_words(language)
    if sentence_words(sent).isdisjoint(dw.decision_why):
        return
    doc = sent.doc
    words = ag.lowered(doc)
    whys = [i for i in range(sent.start, sent.end) if words[i] in dw.decision_why]
    if not whys:
        return
    found = _risky_decision(sent, whys[0], words, dw, language) or _not_done(
        sent, whys, words, dw, names
    )
    if found is not None:
        first, last, subject = found
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        yield Found("hindsight", start, end, {"subject": subject, "verb": doc[last].text})


def _question(sent: Any) -> bool:
    tokens = [t for t in sent if not t.is_space]
    return bool(tokens) and tokens[-1].text == "?"


def _risky_decision(sent: Any, why: int, words: list[str], dw: DecisionWords, language: str):
    """ "why ship it on a Friday?": (why, the risky word's last token, the question's text)."""
    if not _question(sent):
        return None
    before = [i for i in range(sent.start, why) if sent.doc[i].is_alpha]
    if len(before) > _OPENING or any(words[i] not in dw.openers for i in before):
        return None
    i = why + 1
    if i < sent.end and words[i] in dw.decision_modals:
        i += 1
        if i < sent.end and words[i] in dw.decision_askees:
            i += 1
    if i >= sent.end or words[i] not in dw.decision_verbs:
        return None
    # No part-of-speech test: the small taggers call "ship" after "why" a noun, and after
    # "why" nothing but a bare verb can stand first.
    risk = _risk(sent, i + 1, words, dw, language)
    if risk is None:
        return None
    return why, risk, sent.doc[why : risk + 1].text


def language_of(token: Any) -> str:
    return "fr" if token.lang_ == "fr" else "en"


def _risk(sent: Any, lo: int, words: list[str], dw: DecisionWords, language: str) -> int | None:
    """The last token of the first risky circumstance in doc[lo:sent.end], or None."""
    safeguards = blame_words(language).without_safeguards | dw.careful_verbs
    for i in range(lo, sent.end):
        if words[i] in dw.risky_words:
            return i
        if words[i] in dw.without and i + 1 < sent.end:
            nxt = [j for j in range(i + 1, min(sent.end, i + 4)) if words[j] in safeguards]
            if nxt:
                return nxt[0]
    for _start, end in ag.phrase_positions(sent.doc, dw.risky_phrases, lo, sent.end):
        return end - 1
    return None


def _not_done(sent: Any, whys: list[int], words: list[str], dw: DecisionWords, names):
    """ "Curious why Acme never tested the firmware": (the frame or why, the verb, the agent)."""
    g = grammar()
    question = _question(sent)
    for why in whys:
        opener = _wonder(sent, why, words, dw)
        direct = question and all(not sent.doc[j].is_alpha for j in range(sent.start, why))
        if opener is None and not direct:
            continue
        window = range(why + 1, min(sent.end, why + 1 + _SUBJECT_SPAN))
        negation = next((j for j in window if words[j] in g.negations), None)
        if negation is None:
            continue
        verb = _negated_verb(sent.doc, negation)
        if verb is None:
            continue
        subject = _subject(verb)
        if subject is None or not why < subject.i < verb.i:
            continue
        if not _agent(subject, verb, words, dw, names, wondered=opener is not None):
            continue
        return (opener if opener is not None else why), verb.i, phrase_text(subject)
    return None


def _subject(verb: Any) -> Any | None:
    """The verb's subject; of French inversion ("le fournisseur n'a-t-il pas"), the noun."""
    nouns = [c for c in verb.children if c.dep_ in ag.SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN")]
    return nouns[0] if nouns else ag.subject_of(verb)


def _wonder(sent: Any, why: int, words: list[str], dw: DecisionWords) -> int | None:
    """The first token of the puzzlement that frames the why-clause, or None."""
    lo = max(sent.start, why - _WONDER_SPAN)
    for i in range(lo, why):
        if words[i] in dw.wonder_words:
            return i
    for start, _end in ag.phrase_positions(sent.doc, dw.wonder_phrases, lo, why):
        return start
    return None


def _negated_verb(doc: Any, negation: int) -> Any | None:
    token = doc[negation]
    verb = token.head
    if verb.i == token.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.pos_ == "AUX":  # French "n'a-t-il pas testé": the participle after the negation
        nxt = next((t for t in doc[negation + 1 : negation + 3] if t.pos_ == "VERB"), None)
        return nxt
    return verb


def _agent(subject: Any, verb: Any, words, dw: DecisionWords, names, wondered: bool) -> bool:
    """A person or an organisation that did not do its part; not the writer, not a system."""
    language = language_of(verb)
    low = words[subject.i]
    if low in grammar().first_person or low in blame_words(language).not_agentive:
        return False
    if words[verb.i] in blame_words(language).not_agentive:
        return False  # "why the vendor didn't see it": what happened to them
    if low in dw.they:
        return wondered and words[verb.i] in dw.careful_verbs
    if ag.person_kind(subject, people(language), names):
        return wondered  # a direct question about a person is BL406's
    kind = organisation(subject, language, names)
    if kind is None:
        return False
    return kind != "name" or words[verb.i] in dw.careful_verbs
