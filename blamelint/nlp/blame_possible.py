"""What the system allows, not what happened (BL401, BL402, BL403 stay quiet):

- a possibility frame: "it was possible for an operator to delete the database by accident",
  "the console let anyone drop the table by mistake", "il est facile pour un opérateur de
  supprimer la base par erreur", "un opérateur pouvait la supprimer par erreur": the action is
  an infinitive under a word of possibility or permission (blame-frames.yaml
  `possibility_frames`), so nobody is said to have done it;
- a slip imagined after a modal of possibility: "someone could have deleted it by accident",
  "quelqu'un aurait pu le supprimer par erreur" (`possibility_modals`, then a slip adverb or a
  failure verb): a harm the system left open, as "we could have lost the data" is. "could
  have caught it sooner" (no slip) stays hindsight, and so does "should have";
- a lucky early catch told as how much later it could have been: "we could have noticed it
  way later than we did", "on aurait pu le remarquer bien plus tard" (`late_catch_verbs`,
  then `late_words`): a worse outcome imagined, no duty missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from . import agency as ag
from .lexicon import (
    blame_words,
    from_wordlist,
    hindsight_words,
    human_error_words,
    language_of,
    norm,
)


@dataclass(frozen=True)
class PossibleWords:
    possibility_frames: frozenset[str] = frozenset()
    possibility_modals: frozenset[str] = frozenset()
    # Finite modals that are a possibility by themselves ("pouvait", "pourrait").
    possibility_verbs: frozenset[str] = frozenset()
    # A frame word that is a possibility only with one of these auxiliaries ("aurait pu", not
    # "a pu": that one happened).
    conditional_frames: frozenset[str] = frozenset()
    late_catch_verbs: frozenset[str] = frozenset()
    late_words: frozenset[str] = frozenset()


@cache
def possible_words(language: str) -> PossibleWords:
    return from_wordlist(PossibleWords, "blame-frames.yaml", language)


def _infinitive(verb: Any) -> bool:
    return verb.tag_ == "VB" or "Inf" in verb.morph.get("VerbForm")


def possible_only(verb: Any) -> bool:
    """The verb is a finite modal of possibility ("un opérateur pouvait la supprimer par
    erreur", "aurait pu"), or an infinitive under a word of possibility or permission, within
    a few steps up the parse ("possible for an operator to delete", "allowed anyone to drop")."""
    pw = possible_words(language_of(verb))
    if not pw.possibility_frames:
        return False
    if norm(verb.text) in pw.possibility_verbs or _conditional_frame(verb, pw):
        return True
    if not _infinitive(verb):
        return False
    token, hops = verb, 0
    while token.head.i != token.i and hops < 3:
        token, hops = token.head, hops + 1
        # "It was possible for X to ...": the frame may be the copula's complement.
        heads = [token, *ag.children(token, ("acomp", "attr"))]
        if any(norm(t.text) in pw.possibility_frames or _conditional_frame(t, pw) for t in heads):
            return True
        if token.pos_ in ("VERB", "AUX") and not _infinitive(token):
            return False  # a finite verb between: "decided to", "managed to"
    return False


def _conditional_frame(token: Any, pw: PossibleWords) -> bool:
    """ "aurait pu": a possibility only after a conditional auxiliary ("a pu" happened)."""
    if norm(token.text) not in pw.conditional_frames:
        return False
    conditional = hindsight_words(language_of(token)).conditional_aux
    return any(norm(a.text) in conditional for a in ag.children(token, ("aux", "aux:tense")))


def imagined_slip(sent: Any, part: Any, modal: str) -> bool:
    """ "someone could have deleted it by accident": a slip after a modal of possibility."""
    if part is None:
        return False
    language = language_of(part)
    action = _possible_action(part, modal, possible_words(language))
    if action is None:
        return False
    if norm(action.text) in blame_words(language).failure:
        return True  # "could have broken production"
    adverbs = human_error_words(language).slip_adverbs
    lo, hi = action.left_edge.i, action.right_edge.i + 1  # the action's phrase
    return any(ag.phrase_positions(sent.doc, adverbs, max(lo, sent.start), min(hi, sent.end)))


# How many words after the perception verb the word of lateness may come ("noticed the full
# disk way later").
_LATE_WINDOW = 6


def imagined_late_catch(sent: Any, part: Any, modal: str) -> bool:
    """ "we could have noticed it way later than we did": a perception after a modal of
    possibility, then a word of lateness: how much worse it could have gone."""
    if part is None:
        return False
    pw = possible_words(language_of(part))
    action = _possible_action(part, modal, pw)
    if action is None or norm(action.text) not in pw.late_catch_verbs:
        return False
    for token in sent.doc[action.i + 1 : min(action.i + 1 + _LATE_WINDOW, sent.end)]:
        if token.is_punct:
            return False
        if norm(token.text) in pw.late_words:
            return True
    return False


def _possible_action(part: Any, modal: str, pw: PossibleWords) -> Any | None:
    """The act a modal of possibility governs ("could have deleted"; "aurait pu le supprimer":
    the infinitive after "pu"), or None when `modal`/`part` is no possibility."""
    low = norm(part.text)
    if modal not in pw.possibility_modals and low not in pw.possibility_modals:
        return None
    if low not in pw.possibility_modals:
        return part
    return next((c for c in ag.children(part, ("xcomp",)) if _infinitive(c)), None)
    return False
