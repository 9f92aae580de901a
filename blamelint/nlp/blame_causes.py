"""A human slip named as the cause, with no agent (BL402): "En cause, une confusion entre les
deux listes", "la panne est due à un oubli", "le coupable est la précipitation humaine".

A slip noun that only people commit (a confusion, a mix-up, a moment's inattention:
human-error.yaml `cause_slips`) right after a cause frame ("en cause", "due à", "provoquée
par": `cause_frames`), or a culprit noun whose attribute is human ("le coupable est
l'erreur humaine", "le fautif, c'est l'humain": `culprit_nouns`, `human_culprits` beside
`human_adjectives`). Negated ("n'est pas due à une confusion"), asked, or one possibility
among others ("une confusion ou une panne") it stays quiet; a confusion that is not the
cause ("dans la confusion générale") has no frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .docview import ends_with_question_mark, sentence_words
from .gates import first_words, gated
from .lexicon import ORDERED, from_wordlist, grammar


@dataclass(frozen=True)
class CauseWords:
    cause_slips: frozenset[str]
    culprit_nouns: frozenset[str]
    human_culprits: frozenset[str]
    human_adjectives: frozenset[str]
    denials: frozenset[str]
    alternatives: frozenset[str]
    cause_frames: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    culprit_copulas: frozenset[str] = frozenset()
    blamed_nouns: frozenset[str] = frozenset()
    committed: frozenset[str] = frozenset()
    commit_aux: frozenset[str] = frozenset()


@cache
def cause_words(language: str) -> CauseWords:
    return from_wordlist(CauseWords, "human-error.yaml", language)


def _slip_cause_gate(language: str) -> frozenset[str]:
    """`slip_as_cause`'s words: the first word of a cause frame, a culprit noun (none where the
    language lists no slips nor culprits: it returns at once)."""
    cw = cause_words(language)
    if not (cw.cause_slips or cw.culprit_nouns):
        return frozenset()
    return first_words(cw.cause_frames) | cw.culprit_nouns


@gated(_slip_cause_gate)
def slip_as_cause(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    cw = cause_words(language)
    if not (cw.cause_slips or cw.culprit_nouns):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    found = _framed_slip(doc, words, sent, cw) or _human_culprit(doc, words, sent, cw)
    if found is not None:
        first, last = found
        yield Found(
            "human_error",
            doc[first].idx,
            doc[last].idx + len(doc[last].text),
            {"phrase": doc[first : last + 1].text},
        )


def _committed_gate(language: str) -> frozenset[str]:
    """`committed_by_someone`'s words (none where the language lists no commit auxiliary)."""
    cw = cause_words(language)
    return cw.committed if cw.commit_aux else frozenset()


@gated(_committed_gate)
def committed_by_someone(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "350 filières avaient commis des erreurs de saisie", "nous avons commis une faute":
    errors committed, in the active past, whoever the subject (only agents commit errors; a
    program "produces" them). Not negated ("n'a commis aucune erreur"), not generic or
    supposed ("si l'on commet une erreur", "tout le monde commet des erreurs"), not asked."""
    cw = cause_words(language)
    if not cw.commit_aux or sentence_words(sent).isdisjoint(cw.committed):
        return
    doc = sent.doc
    if ends_with_question_mark(sent):
        return
    words = ag.lowered(doc)
    g = grammar()
    for i in range(sent.start + 1, sent.end):
        if words[i] not in cw.committed or words[i - 1] not in cw.commit_aux | g.negations:
            continue
        noun = next(
            (j for j in range(i + 1, min(i + 6, sent.end)) if words[j] in cw.blamed_nouns),
            None,
        )
        if noun is None or not all(_modifier(doc[j]) for j in range(i + 1, noun)):
            continue  # "a commis, selon lui, ...": only determiners and adjectives between
        lead = words[max(sent.start, i - 5) : i]
        if any(w in g.negations or w in g.negation_particles or w in cw.denials for w in lead):
            continue
        if any(w in cw.denials for w in words[i + 1 : noun]):
            continue  # "n'a commis aucune erreur"
        if any(w in g.generic_marks or w in g.generic_people for w in words[sent.start : i]):
            continue  # "si l'on a commis une erreur, ..."
        yield Found(
            "human_error",
            doc[i].idx,
            doc[noun].idx + len(doc[noun].text),
            {"phrase": doc[i : noun + 1].text},
        )
        return


def _modifier(token: Any) -> bool:
    return not token.is_alpha or token.pos_ in ("DET", "ADJ", "NUM") or token.dep_ == "det"


def _negated(words: list[str], lo: int, hi: int, cw: CauseWords) -> bool:
    g = grammar()
    return any(
        w in g.negations or w in g.negation_particles or w in cw.denials for w in words[lo:hi]
    )


def _framed_slip(doc: Any, words: list[str], sent: Any, cw: CauseWords) -> tuple[int, int] | None:
    for start, end in ag.phrase_positions(doc, cw.cause_frames, sent.start, sent.end):
        window = range(end, min(end + 4, sent.end))
        slip = next((i for i in window if words[i] in cw.cause_slips), None)
        if slip is None:
            continue
        if _negated(words, max(sent.start, start - 4), start, cw):
            continue  # "la panne n'est pas due à une confusion"
        tail = words[slip + 1 : min(slip + 8, sent.end)]
        if any(w in cw.alternatives for w in tail) or any(
            w in cw.alternatives for w in words[end:slip]
        ):
            continue  # "due à une confusion ou à une panne": one possibility among others
        return start, slip
    return None


def _human_culprit(doc: Any, words: list[str], sent: Any, cw: CauseWords) -> tuple[int, int] | None:
    for i in range(sent.start, sent.end):
        if words[i] not in cw.culprit_nouns:
            continue
        copula = next(
            (j for j in range(i + 1, min(i + 4, sent.end)) if words[j] in cw.culprit_copulas),
            None,
        )
        if copula is None or _negated(words, i, copula + 2, cw):
            continue
        for j in range(copula + 1, min(copula + 7, sent.end)):
            if words[j] in cw.human_adjectives or words[j] in cw.human_culprits:
                return i, j
    return None
