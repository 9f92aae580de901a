"""A slip adverb on what a defect or a tool did (BL402 stays quiet): "the certificates were
erroneously revoked by the renewal job", "files were mistakenly marked as deleted because of a
bug in the sync client", "a race condition meant that rows were mistakenly dropped".

`agentless_slip` (blame_lexical) frames "was mistakenly detached" as a human slip because no
one is named: a person is implied. That reading fails where the sentence names what did it
instead, so this module says when it does:

- a tool as the agent, read on the surface as well as on the parse: "by"/"par" after the verb,
  then a thing (not a person, not "by hand", "by default": human-error.yaml `not_agents`);
- a defect (`defects`: bug, regression, race condition, bogue ...) given as the cause: after a
  cause preposition ("because of", "due to", "en raison d'": `defect_preps`), as the subject
  of a clause that governs the slip ("a race condition meant that ..."), or in a clause of
  cause beside it ("because the client had a bug", "the client had a bug, so ...": a defect as
  subject, or held by a thing, `defect_holders`);
- a defect given as the cause earlier in the paragraph, the slip told as its consequence
  ("A bug corrupted the index. Files were then erroneously marked as deleted":
  `consequences`);
- a defect said anywhere in the document to act on the very thing the slip happened to ("a
  bug in the export resulted in the dump including some records" ... "records erroneously
  included in the dump", "the bug caused the job to be dropped" ... "the job was mistakenly
  marked as done"): the slip restates the defect's effect (`defect_effects`, read on the
  surface of every segment by `document_effects`, since a paragraph without a slip word may
  not be parsed).

A defect that is only handled ("the bug was mistakenly deployed", "the fix for the race
condition was accidentally reverted") or only present ("while we investigated the bug") is no
cause: the slip stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .lexicon import ORDERED, from_wordlist, norm, people


@dataclass(frozen=True)
class DefectWords:
    defects: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    defect_preps: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    consequences: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    defect_holders: frozenset[str] = frozenset()
    causal_marks: frozenset[str] = frozenset()
    agent_preps: frozenset[str] = frozenset()
    not_agents: frozenset[str] = frozenset()
    defect_effects: frozenset[str] = frozenset()
    effect_stem_endings: frozenset[str] = frozenset()


@cache
def defect_words(language: str) -> DefectWords:
    return from_wordlist(DefectWords, "human-error.yaml", language)


_STOPS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"})


def done_by_a_thing(
    sent: Any,
    verb: Any,
    start: int,
    end: int,
    language: str,
    names: frozenset[int],
    effects: Callable[[], frozenset[str]] | None = None,
) -> bool:
    """The slip `doc[start:end]` on `verb` is told of a tool or a defect, not of a person.
    `effects`: the stems of what the document says a defect acted on (`document_effects`)."""
    dw = defect_words(language)
    if not dw.defects and not dw.agent_preps:
        return False
    return (
        _tool_agent(sent, verb, start, end, dw, language, names)
        or _defect_cause(sent, verb, dw)
        or _earlier_defect(sent, dw)
        or (effects is not None and _restates_effect(verb, effects, language, names))
    )


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _stem(word: str, endings: tuple[str, ...]) -> str:
    """A crude stem, the same on both sides: "events"/"event", "included"/"including"
    (`effect_stem_endings`, longest first)."""
    word = word.lower()
    for suffix in endings:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@cache
def _stem_endings(language: str) -> tuple[str, ...]:
    return tuple(sorted(defect_words(language).effect_stem_endings, key=lambda e: (-len(e), e)))


def document_effects(texts: Iterable[str], language: str) -> frozenset[str]:
    """The stems of the words of every sentence that gives a defect with a verb of effect
    ("a bug in the tool that resulted in the dump including some records"), read on the
    surface."""
    dw = defect_words(language)
    if not dw.defects or not dw.defect_effects:
        return frozenset()
    found: set[str] = set()
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            words = [norm(w) for w in _WORD.findall(sentence)]
            if dw.defect_effects.isdisjoint(words):
                continue
            if not any(
                tuple(words[i : i + len(d)]) == d for d in dw.defects for i in range(len(words))
            ):
                continue
            endings = _stem_endings(language)
            found.update(_stem(w, endings) for w in words)
    return frozenset(found)


def _restates_effect(
    verb: Any, effects: Callable[[], frozenset[str]], language: str, names: frozenset[int]
) -> bool:
    """What the slip happened to (the passive subject, the noun a participle qualifies: "the
    job was mistakenly marked", "records erroneously included") is a thing the document says
    a defect acted on."""
    # A bare participle with a subject ("that any records erroneously included in the dump
    # were ..."): the small parser's misreading of a reduced relative; the subject is the patient.
    bare = verb.tag_ == "VBN" and not ag.children(verb, ("aux", "auxpass", "aux:pass"))
    patient = ag.subject_of(verb) if ag.is_passive(verb) or bare else None
    if patient is None and verb.dep_ in ("acl", "relcl") and verb.head.i < verb.i:
        patient = verb.head
    if patient is None or patient.pos_ != "NOUN":
        return False
    p = people(language)
    if ag.person_kind(patient, p, names) or norm(patient.text) in p.victims:
        return False
    return _stem(patient.text, _stem_endings(language)) in effects()


def not_an_agent(token: Any, language: str) -> bool:
    """ "by hand", "by default", "par exemple": a manner after "by", no one who acted."""
    return norm(token.text) in defect_words(language).not_agents


def _tool_agent(
    sent: Any, verb: Any, start: int, end: int, dw: DefectWords, language: str, names
) -> bool:
    """ "sent by mistake to the wrong channel by the notifier": the parse may hang the second
    "by" on a noun; any "by" in the verb's subtree, outside the slip phrase, will do."""
    doc, p = sent.doc, people(language)
    words = ag.lowered(doc)
    for i in range(verb.i + 1, sent.end - 1):
        if start <= i < end or words[i] not in dw.agent_preps:
            continue
        if not _under(doc[i], verb):
            continue
        head = ag.np_head_after(doc, i + 1)
        if head is None or head.i >= sent.end or words[head.i] in dw.not_agents:
            continue
        if head.ent_type_ in ("DATE", "TIME", "PERSON", "PER"):
            continue
        thing = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and words[head.i] in p.tech)
        if thing and not ag.person_kind(head, p, names) and not ag.possessor_kind(head, p, names):
            return True
    return False


def _under(token: Any, verb: Any) -> bool:
    """The token hangs on the verb, directly or through the words of its clause."""
    hops = 0
    while token.i != verb.i and token.head.i != token.i and hops < 8:
        token, hops = token.head, hops + 1
    return token.i == verb.i


def _defect_tokens(sent: Any, dw: DefectWords, lo: int, hi: int) -> list[tuple[int, int]]:
    return list(ag.phrase_positions(sent.doc, dw.defects, lo, hi))


def _defect_cause(sent: Any, verb: Any, dw: DefectWords) -> bool:
    found = _defect_tokens(sent, dw, sent.start, sent.end)
    if not found:
        return False
    doc = sent.doc
    if _after_cause_prep(doc, found, dw, sent.start):
        return True
    # The clauses that govern the slip ("a race condition meant that ..."), and clauses of
    # cause beside it, read on the surface: a causal word between the defect and the slip
    # ("because the indexer had a bug", "the indexer had a bug, so ...").
    governing, token = set(), verb
    while token.head.i != token.i and len(governing) < 6:
        token = token.head
        governing.add(token.i)
    words = ag.lowered(doc)
    for first, last in found:
        for i in range(first, last):
            role = _role(doc[i], dw)
            if role is None:
                continue
            if role in governing:
                return True
            lo, hi = (last, verb.i) if i < verb.i else (verb.i + 1, first)
            if any(words[j] in dw.causal_marks for j in range(lo, hi)):
                return True
    return False


def _role(token: Any, dw: DefectWords) -> int | None:
    """The clause whose cause the defect is: the verb it is the subject of ("a bug corrupted
    the index"), or the verb of a thing holding it ("the client had a bug")."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ in ag.SUBJECT_DEPS:
        return head.i
    if token.dep_ in ag.OBJECT_DEPS and norm(head.text) in dw.defect_holders:
        return head.i
    return None


def _after_cause_prep(doc: Any, found: list[tuple[int, int]], dw: DefectWords, lo: int) -> bool:
    """A defect within the noun phrase right after a cause preposition ("due to a subtle bug
    in the parser", "en raison d'un bogue")."""
    starts = {s for s, _ in found}
    hi = max(e for _, e in found)
    for _, end in ag.phrase_positions(doc, dw.defect_preps, lo, hi):
        for i in range(end, min(end + 5, hi)):
            if i in starts:
                return True
            if doc[i].pos_ in _STOPS or (doc[i].pos_ == "ADP" and i > end):
                break
    return False


def _earlier_defect(sent: Any, dw: DefectWords) -> bool:
    """The paragraph gave a defect as the cause before, and this sentence tells a consequence
    ("Files were then erroneously marked ...", "As a result, ...")."""
    doc = sent.doc
    if sent.start == 0 or not any(ag.phrase_positions(doc, dw.consequences, sent.start, sent.end)):
        return False
    found = _defect_tokens(sent, dw, 0, sent.start)
    if not found:
        return False
    if _after_cause_prep(doc, found, dw, 0):
        return True
    return any(_role(doc[i], dw) is not None for start, end in found for i in range(start, end))
