"""Work judged in hindsight, read on the surface (BL403): "the steps of the plan that could
have been run better", "the cutover should have been handled better", "it could have been
communicated sooner". A modal perfect passive of a verb of work, with a comparison right
after it. The parse is not needed, so a relative clause or an inserted phrase ("steps that,
the audit says, could have been run better") does not hide it. Questions and review prompts
("What could have been done differently?", a "Things that could have been handled better"
heading) stay quiet, as do things that are nobody's work ("the disk could have been
faster": "faster" follows no verb of work) and a means that would have allowed it ("could
have been done sooner with a warm standby": the system's). Words: rules/wordlists/blame-acts.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist


@dataclass(frozen=True)
class RedoWords:
    redo_modals: frozenset[str]
    redo_perfect: frozenset[str]
    redo_passive: frozenset[str]
    redo_verbs: frozenset[str]
    redo_comparisons: tuple[tuple[str, ...], ...]
    redo_wh: frozenset[str]
    redo_prompts: frozenset[str]
    redo_means: frozenset[str]
    redo_prompt_determiners: frozenset[str] = frozenset()


@cache
def redo_words(language: str) -> RedoWords:
    return from_wordlist(RedoWords, "blame-acts.yaml", language)


@gated(lambda language: redo_words(language).redo_modals)
def redo(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    rw = redo_words(language)
    if sentence_words(sent).isdisjoint(rw.redo_modals):
        return
    doc = sent.doc
    words = ag.lowered(doc)
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text == "?":
        return
    for i in range(sent.start, sent.end - 3):
        if words[i] not in rw.redo_modals:
            continue
        if words[i + 1] not in rw.redo_perfect or words[i + 2] not in rw.redo_passive:
            continue
        verb = i + 3
        if words[verb] not in rw.redo_verbs or _prompt(words, sent.start, i, rw):
            continue
        for _start, end in ag.phrase_positions(doc, rw.redo_comparisons, verb + 1, verb + 2):
            if end < sent.end and words[end] in rw.redo_means:
                return  # "could have been done sooner with a warm standby": the system's
            first, last = doc[i], doc[end - 1]
            text = doc.text[first.idx : last.idx + len(last.text)]
            yield Found("hindsight", first.idx, last.idx + len(last.text), {"subject": text})
            return


def _prompt(words: list[str], start: int, modal: int, rw: RedoWords) -> bool:
    """ "What could have been done better", "Things that could have been handled better": a
    review prompt or a template heading, not a judgement."""
    if any(words[j] in rw.redo_wh for j in range(start, modal)):
        return True
    opening = [
        w for w in words[start : min(modal, start + 3)] if w not in rw.redo_prompt_determiners
    ]
    return bool(opening) and opening[0] in rw.redo_prompts
