"""Acts told as the agent of a slip (BL402): human error with no agent named.

- A person's act as the subject, with a wrong object or a slip adverb: "a routine takedown hit
  the wrong router", "a manual edit mistakenly removed the default route", "action was
  taken that inadvertently disabled the whole gateway" (the slip in a relative clause of the
  act's own clause), "une manipulation a effacé le mauvais volume". Act nouns are the
  person's by meaning (takedown, keystroke, intervention) or by a modifier ("a manual
  change"); "action" named by a product ("a GitHub Action", "the deploy action") is software.
- An operator's gerund after a cause, with no subject of its own and a wrong object:
  "the outage resulted from applying an incorrect process", "was caused by running the
  cleanup against the wrong cluster".
Things and changes as subjects stay technical ("the cron job mistakenly purged the cache", "a
config change inadvertently disabled the cache": the side effect of an intended change), as
do gerunds with their own subject ("resulted from the scheduler applying the wrong weight")
and code's verbs ("caused by reading the wrong offset").
- Something sent where it was not meant to go (BL401, `misdirected`): "the engineer sent a
  message meant for the test list to every customer".
The sentence is skipped unless it
holds an act noun or an act gerund (a set lookup per token). Words:
rules/wordlists/blame-acts.yaml, blame-verbs.yaml (`wrong_objects`, `manner`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found, span_of
from blamelint.nlp.blame_context import phrase_text
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import blame_words, from_wordlist, grammar, people

_MODIFIER_DEPS = ("amod", "compound", "nmod")
_RELATIVES = ("relcl", "acl:relcl")
_OWN_SUBJECT = (*sorted(ag.SUBJECT_DEPS), "poss")  # "the scheduler applying", "its running"


@dataclass(frozen=True)
class ActWords:
    act_nouns: frozenset[str]
    act_modifiers: frozenset[str]
    named_acts: frozenset[str]
    slowness: frozenset[str]
    act_gerunds: frozenset[str]
    cause_heads: frozenset[str]
    misdirect_words: frozenset[str]
    misdirect_for: frozenset[str]
    misdirect_to: frozenset[str]


@cache
def act_words(language: str) -> ActWords:
    return from_wordlist(ActWords, "blame-acts.yaml", language)


@cache
def _slip_adverbs(language: str) -> frozenset[str]:
    """The one-word slip adverbs of blame-verbs.yaml `manner` (accidentally, mistakenly)."""
    slow = act_words(language).slowness
    return frozenset(m[0] for m in blame_words(language).manner if len(m) == 1 and m[0] not in slow)


@cache
def _slip_phrases(manner: tuple, slowness: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(m for m in manner if len(m) > 1 and m[0] not in slowness)


def _act_gate(language: str) -> frozenset[str]:
    """`act_slip`'s words: an act noun, an act modifier or an act gerund."""
    aw = act_words(language)
    return aw.act_nouns | aw.act_modifiers | aw.act_gerunds


@gated(_act_gate)
def act_slip(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    aw = act_words(language)
    present = sentence_words(sent)
    if all(present.isdisjoint(w) for w in (aw.act_nouns, aw.act_modifiers, aw.act_gerunds)):
        return
    words = ag.lowered(sent.doc)
    tokens = range(sent.start, sent.end)
    acts = [i for i in tokens if words[i] in aw.act_nouns or words[i] in aw.act_modifiers]
    gerunds = [i for i in tokens if words[i] in aw.act_gerunds]
    if not acts and not gerunds:
        return
    found = _act_subject(sent, words, aw, language) if acts else None
    if found is None and gerunds:
        found = _act_gerund(sent, gerunds, words, aw, language)
    if found is not None:
        act, marker = found[0], found[-1]
        found += [m for m in act.children if m.dep_ in _MODIFIER_DEPS and m.i < act.i]
        if marker.dep_ == "amod":
            found.append(marker.head)  # "the wrong router", whole
        start, end = span_of(found)
        yield Found("human_error", start, end, {"phrase": sent.doc.text[start:end]})


def _marker(verb: Any, words: list[str], language: str) -> Any | None:
    """The slip adverb on the verb, or the wrong word on its object (or its object's
    preposition: "ran it against the wrong cluster"), or None."""
    slips, wrong = _slip_adverbs(language), blame_words(language).wrong_objects
    manner = blame_words(language).manner
    for child in verb.children:
        if child.dep_ == "advmod" and words[child.i] in slips:
            return child
    slow = act_words(language).slowness
    phrases = _slip_phrases(manner, slow)  # "by mistake", "par erreur"; not "too late"
    for _start, end in ag.phrase_positions(verb.doc, phrases, verb.i + 1, verb.right_edge.i + 1):
        return verb.doc[end - 1]
    objects = list(ag.children(verb, ag.OBJECT_DEPS))
    for owner in [verb, *objects]:  # "ran the script against the wrong cluster"
        for prep in ag.children(owner, ("prep", "obl")):
            objects.extend(ag.children(prep, ("pobj",)) or [prep])
    for obj in objects:
        for mod in ag.children(obj, ("amod",)):
            if words[mod.i] in wrong:
                return mod
    return None


def _is_act(noun: Any, words: list[str], aw: ActWords) -> bool:
    modifiers = [c for c in noun.children if c.dep_ in _MODIFIER_DEPS]
    if any(words[m.i] in aw.act_modifiers for m in modifiers):
        return True  # "a manual change", "an operator command"
    if words[noun.i] not in aw.act_nouns or noun.pos_ != "NOUN":
        return False
    if any(m.pos_ == "PROPN" for m in modifiers):
        return False  # "a GitHub Action": a product's
    # "the deploy action": named by a noun, an action is a pipeline's step.
    return not (words[noun.i] in aw.named_acts and any(m.dep_ == "compound" for m in modifiers))


def _act_subject(sent: Any, words: list[str], aw: ActWords, language: str) -> list[Any] | None:
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        subject = ag.subject_of(verb)
        if subject is None or subject.dep_ in ("nsubjpass", "nsubj:pass"):
            continue
        act = subject if _is_act(subject, words, aw) else _relative_act(verb, subject, words, aw)
        if act is None:
            continue
        marker = _marker(verb, words, language)
        if marker is not None:
            return [act, verb, marker]
    return None


def _relative_act(verb: Any, subject: Any, words: list[str], aw: ActWords) -> Any | None:
    """ "action was taken on the ticket that accidentally suspended ...": the relative clause
    hangs on a noun of the act's own clause, whose subject is the act."""
    if verb.dep_ not in _RELATIVES:
        return None
    if subject.i != verb.head.i and words[subject.i] not in grammar().relatives:
        return None  # (the parse gives the relative's antecedent as its subject, or "that")
    node = verb.head
    for _ in range(3):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    for child in node.children:
        if child.dep_ in ag.SUBJECT_DEPS and _is_act(child, words, aw):
            return child
    return None


def _act_gerund(sent: Any, gerunds: list[int], words, aw: ActWords, language: str):
    doc = sent.doc
    for i in gerunds:
        gerund = doc[i]
        if gerund.tag_ != "VBG" or ag.children(gerund, _OWN_SUBJECT):
            continue
        first = gerund
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "restarting and reconfiguring the wrong shard"
        if first.dep_ not in ("pcomp", "pobj") or not _after_cause(first, words, aw):
            continue
        marker = _marker(gerund, words, language)
        if marker is not None:
            return [first, gerund, marker]
    return None


def _after_cause(gerund: Any, words: list[str], aw: ActWords) -> bool:
    """The gerund's preposition follows a cause ("resulted from", "caused by", "due to")."""
    prep = gerund.head
    if prep.i == gerund.i or prep.pos_ != "ADP":
        return False
    cause = prep.head
    before = words[prep.i - 1] if prep.i > 0 else ""
    return words[cause.i] in aw.cause_heads or before in aw.cause_heads


@gated(lambda language: act_words(language).misdirect_words)
def misdirected(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "The engineer sent a message meant for the test list to every customer" (`person`): a
    person's act whose object was meant for one target and went to another."""
    aw = act_words(language)
    if sentence_words(sent).isdisjoint(aw.misdirect_words):
        return
    words = ag.lowered(sent.doc)
    marks = [i for i in range(sent.start, sent.end) if words[i] in aw.misdirect_words]
    if not marks:
        return
    doc = sent.doc
    for i in marks:
        mark = doc[i]
        obj = mark.head
        if mark.dep_ not in ("acl", "amod") or obj.dep_ not in ag.OBJECT_DEPS:
            continue
        if not any(words[c.i] in aw.misdirect_for for c in mark.children):
            continue
        tail = [t for t in obj.subtree if t.i > i and words[t.i] in aw.misdirect_to]
        if not tail:
            continue  # "picked up the parcel meant for the neighbour": nowhere else
        verb = obj.head
        subject = ag.subject_of(verb)
        if subject is None or not (
            ag.person_kind(subject, people(language), names) or subject.i in names
        ):
            continue
        start, end = span_of([subject, tail[0]])
        yield Found("person", start, end, {"subject": phrase_text(subject)})
        return
