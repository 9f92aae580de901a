"""The writer's own omission told as the cause of the failure (BL401): "I didn't update the
config, so the job failed", "we did not rotate the key, which caused the outage", "je n'ai pas
mis à jour la configuration, donc la tâche a échoué".

A first-person "did not" narrates ordinary work ("I didn't update the docs yet", "we did not
restart the pods so that the heap dumps would be kept"): `not_an_event` keeps it quiet. It is
self-blame once the same sentence makes the omission lead to a failure: after the verb, a
consequence mark (blame-recall.yaml `consequence_marks`) then, within a few words, a failure
outcome (`failure_outcomes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .docview import sentence_bounds
from .lexicon import ORDERED, from_wordlist


@dataclass(frozen=True)
class SelfCauseWords:
    consequence_marks: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    failure_outcomes: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)


@cache
def self_cause_words(language: str) -> SelfCauseWords:
    return from_wordlist(SelfCauseWords, "blame-recall.yaml", language)


# How far after the consequence mark the outcome may come ("so the nightly job failed").
_REACH = 6


def led_to_failure(verb: Any) -> bool:
    sw = self_cause_words("fr" if verb.lang_ == "fr" else "en")
    if not sw.consequence_marks:
        return False
    doc = verb.doc
    _, end = sentence_bounds(verb)
    for _, after in ag.phrase_positions(doc, sw.consequence_marks, verb.i + 1, end):
        hi = min(end, after + _REACH)
        if any(ag.phrase_positions(doc, sw.failure_outcomes, after, hi)):
            return True
    return False
