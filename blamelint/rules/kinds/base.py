"""Rule kinds: the few checks written in Python. Rules (YAML data) name a kind.

Two shapes:
- a *document kind* is `check(doc, rule, ctx) -> Iterable[Hit]` and reads the Document only;
- an *NLP kind* (`NlpKind`) also reads spaCy Docs of the document's prose segments, which the
  engine computes once per run for all documents (one `nlp.pipe` per language).

Hits carry document offsets (or segment-relative ones when `segment` is set); the engine turns
them into Findings with exact spans, severities and messages. Kinds never import spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from blamelint.document.model import Document, Segment
from blamelint.rules.model import Rule


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    values: Mapping[str, Any] = field(default_factory=dict)
    segment: int | None = None
    message: str | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Config-level vocabulary (Vale's Vocab idea) and the team roster."""

    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunContext:
    """What a kind may know besides the document: policy from the effective config."""

    settings: Mapping[str, Any] = field(default_factory=dict)
    vocabulary: Vocabulary = Vocabulary()
    today: Any = None


@dataclass(frozen=True)
class NlpContext:
    """A document's prose and its spaCy analyses; `docs[i]` is None when segment i was skipped."""

    document: Document
    segments: Sequence[Segment]
    docs: Sequence[Any]
    language: str
    run: RunContext


DocumentCheck = Callable[[Document, Rule, RunContext], Iterable[Hit]]


@dataclass(frozen=True)
class NlpKind:
    """An NLP-backed check and the pipeline components it needs ("ner", "parser", ...)."""

    components: frozenset[str]
    check: Callable[[NlpContext, Rule], Iterable[Hit]]
    # Optional cheap test on a segment's text: False means no spaCy analysis is needed for it.
    wants: Callable[[str, str], bool] | None = None
    # Components the check reads only where a test on the segment's Doc (analysed by every
    # other component) passes: (component, test(doc, language)). The engine runs them last.
    gates: tuple[tuple[str, Callable[[Any, str], bool]], ...] = ()


DOCUMENT_KINDS: dict[str, DocumentCheck] = {}
NLP_KINDS: dict[str, NlpKind] = {}


def document_kind(name: str) -> Callable[[DocumentCheck], DocumentCheck]:
    def register(function: DocumentCheck) -> DocumentCheck:
        DOCUMENT_KINDS[name] = function
        return function

    return register


def nlp_kind(name: str, components: Iterable[str], wants=None, gates=()):
    def register(function):
        NLP_KINDS[name] = NlpKind(frozenset(components), function, wants, tuple(gates))
        return function

    return register
