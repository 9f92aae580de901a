"""BL401-BL406: accusatory, person-focused phrasing, found with the dependency parse.

All detectors run once per segment (cached), and each rule's kind yields its own share: at
most one hit per rule per sentence, as a reviewer reads it ("one finding per offending
sentence"). The parser only runs on segments where `lexicon.trigger` finds a candidate word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from blamelint.nlp.agency import FINAL, name_token_set
from blamelint.nlp.blame_context import blame_question
from blamelint.nlp.blame_detect import Found, person_as_cause, wrong_object_surface
from blamelint.nlp.blame_hindsight import hindsight, passive_check
from blamelint.nlp.blame_lexical import agentless_slip, human_error, judgmental
from blamelint.nlp.lexicon import trigger
from blamelint.rules.model import Rule

from .base import Hit, NlpContext, nlp_kind
from .names import GATES, segment_names

DETECTORS = (
    person_as_cause,
    wrong_object_surface,
    hindsight,
    passive_check,
    agentless_slip,
    human_error,
    judgmental,
    blame_question,
)

_COMPONENTS = ("ner", "tagger", "parser")
_CACHE: dict[tuple[int, int], tuple[Any, Any, list[Found]]] = {}


def _wants(text: str, language: str) -> bool:
    return bool(trigger(language if language in ("en", "fr") else "en").search(text))


def _sentences(doc: Any) -> Iterable[Any]:
    """Parser sentences, merged where a split follows no final punctuation."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [doc[:]]
    spans, start = [], 0
    for sent in doc.sents:
        if sent.end == len(doc) or sent[-1].text in FINAL:
            spans.append(doc[start : sent.end])
            start = sent.end
    return spans


def segment_findings(ctx: NlpContext, index: int) -> list[Found]:
    """Every blame candidate in a segment, at most one per (rule, sentence)."""
    doc = ctx.docs[index] if index < len(ctx.docs) else None
    key = (id(ctx), index)
    segment = ctx.segments[index]
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is doc and cached[1] is segment:
        return cached[2]
    found: list[Found] = []
    language = ctx.language if ctx.language in ("en", "fr") else "en"
    if doc is not None and len(doc) and _wants(segment.text, language):
        names = name_token_set(doc, segment_names(ctx, index))
        for sent in _sentences(doc):
            seen: set[str] = set()
            candidates = []
            for detector in DETECTORS:
                for item in detector(sent, language, names):
                    if item.key in seen or segment.masked(item.start, item.end):
                        continue
                    seen.add(item.key)
                    candidates.append(item)
            # Overlaps between rules are resolved after selection and suppression (the rules'
            # `overlap` group in rules/blame.yaml), so every rule keeps its own candidates.
            found.extend(candidates)
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[key] = (doc, segment, found)
    return found


def _hits(ctx: NlpContext, rule: Rule, key: str) -> Iterator[Hit]:
    quotes = ctx.run.settings.get("blockquotes", True)
    for index, segment in enumerate(ctx.segments):
        if segment.quoted and not quotes:
            continue
        for item in segment_findings(ctx, index):
            if item.key == key:
                yield Hit(item.start, item.end, dict(item.values), index)


def _kind(name: str, key: str):
    def check(ctx: NlpContext, rule: Rule) -> Iterable[Hit]:
        return _hits(ctx, rule, key)

    check.__name__ = name.split(".")[-1].replace("-", "_")
    check.__doc__ = f"Blame rule kind {name!r}: yields the {key!r} candidates of each sentence."
    # Blame reads the NER only through its segment's names, so it shares their gate.
    return nlp_kind(name, components=_COMPONENTS, wants=_wants, gates=GATES)(check)


person_as_cause = _kind("blame.person-as-cause", "person")
human_error = _kind("blame.human-error", "human_error")
hindsight = _kind("blame.hindsight", "hindsight")
system_hindsight = _kind("blame.system-hindsight", "system_hindsight")
judgmental_word = _kind("blame.judgmental-word", "judgmental")
blame_question = _kind("blame.blame-question", "question")
