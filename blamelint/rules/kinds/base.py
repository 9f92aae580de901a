"""Rule kinds: the few checks written in Python. Rules (YAML data) name a kind.

A `Kind` declares what it needs, so the engine computes NLP artefacts only for enabled rules
that need them:
- a *document kind* (`needs` empty) is `check(doc, rule, ctx) -> Iterable[Hit]` and reads the
  Document only;
- an *NLP kind* (`needs` = NLP components) also reads spaCy Docs of the document's prose
  segments, which the engine computes once per run for all documents (one `nlp.pipe` per
  language), only for the segments its prefilter lets through.

The registry is explicit: `blamelint.rules.kinds.REGISTRY` lists every kind module's `KINDS`.

Hits carry document offsets (or segment-relative ones when `segment` is set); the engine turns
them into Findings with exact spans, severities and messages. Kinds never import spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from blamelint.document.model import Document, Segment
from blamelint.rules.model import Rule

from .settings import Settings


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
    the run: the action items seven rules read (names and blame candidates live on the
    NlpContext's memo instead: they die with their window of prose). No module-level cache,
    no `id()` keys, no eviction. A value is kept with the objects it was computed from and
    recomputed if asked about others (a context reused across documents, as tests do).
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

    settings: Settings = field(default_factory=Settings)
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
    # Every rule of the run's config, enabled or not (kinds shared by rules read their peers).
    rules: Sequence[Rule] = ()
    # Per segment, the language it was analysed in when it differs from the document's
    # (an English paragraph in a French postmortem); empty when every segment is `language`.
    segment_languages: Sequence[str] = ()
    # What kinds compute once per segment and share (names for the blame kinds): it lives
    # and dies with the context, so no Doc outlives the window of prose it belongs to.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def language_at(self, index: int | None) -> str:
        """The language segment `index` is written in (the document's when not told)."""
        if index is not None and index < len(self.segment_languages):
            return self.segment_languages[index]
        return self.language


DocumentCheck = Callable[[Document, Rule, RunContext], Iterable[Hit]]
NlpCheck = Callable[[NlpContext, Rule], Iterable[Hit]]
# A cheap test on a segment's text and language: False means no spaCy analysis is needed for it.
Prefilter = Callable[[str, str], bool]

DOCUMENT = frozenset[str]()


@dataclass(frozen=True)
class Kind:
    """A check in Python that rules (YAML entries) name with `kind:`.

    `needs` says what the check reads besides the Document: the NLP components ("ner",
    "tagger", "parser") the engine must compute for it; empty (`DOCUMENT`) for a kind that reads
    the Document only, whose `check` is `(doc, rule, ctx)`. An NLP kind's `check` is
    `(nlp_ctx, rule)`; its optional `prefilter(enabled rules of the kind, run settings)`
    returns the cheap text test that decides which segments need an analysis at all. `gates`
    names the components the check reads only where a test on the segment's Doc (analysed by
    every other component) passes, as `(component, test(doc, language))`: the engine runs
    those last, only there.
    """

    name: str
    check: Callable[..., Iterable[Hit]]
    needs: frozenset[str] = DOCUMENT
    prefilter: Callable[..., Prefilter | None] | None = None
    gates: tuple[tuple[str, Callable[[Any, str], bool]], ...] = ()

    @property
    def nlp(self) -> bool:
        return bool(self.needs)

    def __call__(self, *args: Any) -> Iterable[Hit]:
        return self.check(*args)


def document_kind(name: str) -> Callable[[DocumentCheck], Kind]:
    """`@document_kind("missing-section")`: the function becomes a Kind reading the Document."""

    def make(function: DocumentCheck) -> Kind:
        return Kind(name, function)

    return make


def nlp_kind(
    name: str,
    needs: Iterable[str],
    prefilter: Callable[..., Prefilter | None],
    gates: Iterable[tuple[str, Callable[[Any, str], bool]]] = (),
) -> Callable[[NlpCheck], Kind]:
    """`@nlp_kind("personal-name", needs=("ner",), prefilter=...)`: an NLP-backed Kind."""

    def make(function: NlpCheck) -> Kind:
        return Kind(name, function, frozenset(needs), prefilter, tuple(gates))

    return make
