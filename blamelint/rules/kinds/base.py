"""Rule kinds: the few checks written in Python. Rules (YAML data) name a kind.

Two shapes:
- a *document kind* is `check(doc, rule, ctx) -> Iterable[Hit]` and reads the Document only;
- an *NLP kind* (`NlpKind`) also reads spaCy Docs of the document's prose segments, which the
  engine computes once per run for all documents (one `nlp.pipe` per language).

Hits carry document offsets (or segment-relative ones when `segment` is set); the engine turns
them into Findings with exact spans, severities and messages. Kinds never import spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

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


T = TypeVar("T")


class Artefacts:
    """Values derived from one document, computed once by whichever kind asks first.

    The lint engine gives each document of a run its own (in its RunContext) and drops it with
    the run: the action items seven rules read, the names and blame candidates of each prose
    segment. No module-level cache, no `id()` keys, no eviction. A value is kept with the
    objects it was computed from and recomputed if asked about others (a context reused
    across documents, as tests do).
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[tuple[object, ...], Any]] = {}

    def get(self, key: Hashable, sources: tuple[object, ...], compute: Callable[[], T]) -> T:
        found = self._values.get(key)
        same = found is not None and len(found[0]) == len(sources)
        if same and all(a is b for a, b in zip(found[0], sources, strict=True)):
            return found[1]
        value = compute()
        self._values[key] = (sources, value)
        return value


@dataclass(frozen=True)
class RunContext:
    """What a kind may know besides the document: policy from the effective config, and the
    document's artefacts for this run."""

    settings: Mapping[str, Any] = field(default_factory=dict)
    vocabulary: Vocabulary = Vocabulary()
    today: Any = None
    artefacts: Artefacts = field(default_factory=Artefacts, compare=False, repr=False)


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


DOCUMENT_KINDS: dict[str, DocumentCheck] = {}
NLP_KINDS: dict[str, NlpKind] = {}


def document_kind(name: str) -> Callable[[DocumentCheck], DocumentCheck]:
    def register(function: DocumentCheck) -> DocumentCheck:
        DOCUMENT_KINDS[name] = function
        return function

    return register


def nlp_kind(name: str, components: Iterable[str], wants=None):
    def register(function):
        NLP_KINDS[name] = NlpKind(frozenset(components), function, wants)
        return function

    return register
