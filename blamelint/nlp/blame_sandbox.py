"""A writer's deliberate act on their own machine or a test system (BL401 stays quiet): "to
reproduce the bug, I deliberately corrupted the database on my laptop", "I intentionally
misconfigured my test instance to see the error", "j'ai volontairement corrompu la base sur mon
poste pour reproduire la panne".

Breaking something on purpose where nothing real depends on it is how an investigation
reproduces a failure, not a fault. Both must hold: the act is said to be deliberate (an intent
mark of context.yaml, or a purpose of reproduction: blame-frames.yaml `sandbox_purposes`), and
its clause places it on a sandbox (`sandbox_marks`: local, test, staging, dev; or the writer's
own machine, `own_marks` right before one of `own_machines`). "I accidentally broke my local
copy" (no intent), "I deliberately corrupted the production database" (no sandbox) and
omissions ("we deliberately ignored the alert on staging": `sandbox_omissions`) stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .blame_context import context_words
from .lexicon import ORDERED, from_wordlist, norm


@dataclass(frozen=True)
class SandboxWords:
    sandbox_marks: frozenset[str] = frozenset()
    sandbox_owners: frozenset[str] = frozenset()
    own_machines: frozenset[str] = frozenset()
    sandbox_purposes: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    sandbox_omissions: frozenset[str] = frozenset()


@cache
def sandbox_words(language: str) -> SandboxWords:
    return from_wordlist(SandboxWords, "blame-frames.yaml", language)


def on_purpose_in_a_sandbox(verb: Any, language: str) -> bool:
    sw = sandbox_words(language)
    if not sw.sandbox_marks or norm(verb.text) in sw.sandbox_omissions:
        return False
    doc = verb.doc
    sent = verb.sent
    words = ag.lowered(doc)
    clause = [verb.i, *(t.i for t in ag.clause_tokens(verb))]
    sandbox = any(words[i] in sw.sandbox_marks for i in clause) or any(
        words[i] in sw.sandbox_owners
        and any(words[j] in sw.own_machines for j in range(i + 1, min(i + 3, sent.end)))
        for i in clause
    )
    if not sandbox:
        return False
    marks = context_words(language).intent_marks
    lo, hi = sent.start, sent.end
    return any(ag.phrase_positions(doc, marks, lo, hi)) or any(
        ag.phrase_positions(doc, sw.sandbox_purposes, lo, hi)
    )
