"""A destructive action on live data by a person, with no failure word (BL401): "an engineer
deleted the production bucket", "un ingénieur a supprimé la base de production". The object
must carry a live-data word (production, live, customer, primary); a cleanup of anything else
("the on-call deleted the stale replicas"), the writer's own narration ("we dropped the
production index to rebuild it"), a purpose or a plan ("as planned", "to rebuild it") stay
quiet, as for BL401's other reasons. Words: blame-frames.yaml `destructive_verbs`,
`live_markers`, `data_nouns`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.blame_context import deliberate, phrase_text
from blamelint.nlp.blame_detect import not_an_event, subject_span, who_acts
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist, norm, people


@dataclass(frozen=True)
class DestructiveWords:
    destructive_verbs: frozenset[str]
    live_markers: frozenset[str]
    data_nouns: frozenset[str]
    purpose_words: frozenset[str] = frozenset()
    infinitive_marks: frozenset[str] = frozenset()


@cache
def destructive_words(language: str) -> DestructiveWords:
    return from_wordlist(DestructiveWords, "blame-frames.yaml", language)


@gated(lambda language: destructive_words(language).destructive_verbs)
def destroyed_live_data(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    dw, p = destructive_words(language), people(language)
    if sentence_words(sent).isdisjoint(dw.destructive_verbs):
        return
    for verb in sent:
        if norm(verb.text) not in dw.destructive_verbs or ag.is_passive(verb):
            continue
        objects = ag.children(verb, ag.OBJECT_DEPS)
        if not objects or not any(_live(o, dw) for o in objects):
            continue
        subject, kind = who_acts(verb, p, names)
        if not kind or not_an_event(verb, subject, "destructive"):
            continue
        if deliberate(verb, language) or ag.negated(verb) or _purpose(verb, dw):
            continue
        yield Found(
            "person",
            *subject_span(subject, verb),
            {"subject": phrase_text(subject), "verb": verb.text, "reason": "destructive"},
        )
        return


def _live(noun: Any, dw: DestructiveWords) -> bool:
    """The object is live data: a data noun with a live-data word in its phrase."""
    if norm(noun.text) not in dw.data_nouns:
        return False
    return any(norm(t.text) in dw.live_markers for t in noun.subtree if t.i != noun.i)


def _purpose(verb: Any, dw: DestructiveWords) -> bool:
    """ "dropped the production index to rebuild it", "pour le reconstruire": a purpose after
    the action, read on the surface (blame-frames.yaml `purpose_words`, `infinitive_marks`;
    the fixed phrases such as "so that" are `deliberate`'s)."""
    after = [t for t in verb.sent if t.i > verb.i]
    for k, token in enumerate(after):
        low = norm(token.text)
        if low in dw.purpose_words:
            return True
        following = after[k + 1] if k + 1 < len(after) else None
        if low in dw.infinitive_marks and following is not None and following.tag_ == "VB":
            return True
    return False
