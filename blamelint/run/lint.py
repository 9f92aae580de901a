"""Run enabled rules on Documents: document kinds, then one batched NLP pass, suppressions.

Data flows one way: Document → (NLP analyses, only when an enabled rule needs them) → hits →
Findings with exact spans, severities and messages → inline suppressions → sorted findings.
"""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from blamelint.base.finding import Finding, Span
from blamelint.base.languages import supported
from blamelint.base.phrases import phrase
from blamelint.document.model import Document, Sidecar
from blamelint.document.parse import parse_document
from blamelint.rules import kinds
from blamelint.rules.kinds import Hit, NlpContext, RunContext
from blamelint.rules.model import Rule

from .config import Config, default_config
from .sidecars import read_sidecars
from .suppression import parse_suppressions

UNUSED_SUPPRESSION = "BL001"


class _Values(dict):
    """format_map values that leave unknown placeholders as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, values: Mapping[str, Any]) -> str:
    try:
        return string.Formatter().vformat(template, (), _Values(values))
    except (ValueError, IndexError, KeyError):
        return template


@dataclass
class Job:
    """One document to lint with its effective configuration."""

    document: Document
    config: Config
    today: Any = None
    # The document rules' findings, when a preparer process found them already (run/prepare).
    found: tuple[Finding, ...] | None = None
    # Its prose plan (`prose_plan`), when a preparer process made it already.
    plan: tuple[tuple[str, ...], tuple[int, ...]] | None = None
    _context: RunContext | None = field(default=None, init=False, repr=False, compare=False)

    def run_context(self) -> RunContext:
        """One context per job: document and NLP kinds share the document's artefacts."""
        if self._context is None:
            self._context = RunContext(
                settings=self.config.settings, vocabulary=self.config.vocabulary, today=self.today
            )
        return self._context


def _finding(job: Job, rule: Rule, hit: Hit) -> Finding:
    doc = job.document
    if hit.segment is not None:
        start, end = doc.segments[hit.segment].source_range(hit.start, hit.end)
    else:
        start, end = hit.start, hit.end
    span = doc.span(start, end) if end > start or start else Span(1, 1, 1, 1)
    values = dict(hit.values)
    message = hit.message or _format(rule.message_for(doc.language), values)
    suggestion = hit.suggestion or _format(rule.suggestion_for(doc.language), values)
    return Finding(
        path=doc.path,
        span=span,
        rule=rule.code,
        name=rule.name,
        tags=rule.tags,
        severity=rule.severity,
        message=message,
        suggestion=suggestion,
    )


def document_findings(job: Job) -> list[Finding]:
    """What the enabled document rules (no NLP) find in the job's document."""
    if job.found is not None:
        return list(job.found)
    findings = []
    context = job.run_context()
    for rule in job.config.enabled_rules:
        kind = kinds.kind_of(rule)
        if kind.nlp:
            continue
        findings.extend(_finding(job, rule, hit) for hit in kind.check(job.document, rule, context))
    return findings


def _nlp_rules(job: Job) -> list[tuple[Rule, kinds.Kind]]:
    """The enabled rules whose kind needs NLP artefacts, with their kinds."""
    pairs = [(rule, kinds.kind_of(rule)) for rule in job.config.enabled_rules]
    if not supported(job.document.language):
        return []  # no model or word list for it: reported by BL203, never read as English
    return [(rule, kind) for rule, kind in pairs if kind.nlp]


def _segment_languages(job: Job) -> list[str]:
    """Each segment's language: the document's unless the segment clearly is in another one."""
    from blamelint.document.language import segment_language

    language = job.document.language
    return [segment_language(s.text, language) for s in job.document.segments]


def _prefilters(
    nlp_rules: Sequence[tuple[Rule, kinds.Kind]], settings: kinds.Settings
) -> list[kinds.Prefilter | None]:
    """One text test per NLP kind, built from that kind's enabled rules and the run's settings
    (a team's word lists extend the blame trigger); None: every text."""
    by_kind: dict[str, tuple[kinds.Kind, list[Rule]]] = {}
    for rule, kind in nlp_rules:
        by_kind.setdefault(kind.name, (kind, []))[1].append(rule)
    return [k.prefilter(rules, settings) if k.prefilter else None for k, rules in by_kind.values()]


def _wanted_segments(
    job: Job, nlp_rules: Sequence[tuple[Rule, kinds.Kind]], languages: Sequence[str]
) -> list[int]:
    doc = job.document
    include_quotes = job.config.settings.blockquotes
    tests = _prefilters(nlp_rules, job.config.settings)
    wanted = []
    for index, segment in enumerate(doc.segments):
        if segment.quoted and not include_quotes:
            continue
        if not segment.text.strip():
            continue
        language = languages[index]
        if all(test is not None and not test(segment.text, language) for test in tests):
            continue
        wanted.append(index)
    return wanted


# Prose is analysed and checked window by window: a spaCy Doc lives only until the rules have
# read it (a Doc costs kilobytes per token), so memory is bounded by the window, not the file.
# A window holds whole segments of one or more documents: about this many characters, and
# at most this many segments (a Doc has a fixed cost too: 200,000 headings are 200,000 Docs).
WINDOW_CHARS = 200_000
WINDOW_TEXTS = 1_000


@dataclass
class _Chunk:
    """Consecutive segments [first, last) of one job and the ones among them NLP reads."""

    job: Job
    rules: list[tuple[Rule, kinds.Kind]]
    first: int
    last: int
    wanted: list[int]
    languages: Sequence[str]  # every segment's language, for the whole document


def prose_plan(job: Job) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """What the NLP pass must know of a document before any model: each segment's language,
    and the segments the enabled NLP rules read (both empty when none is enabled)."""
    if job.plan is not None:
        return job.plan
    rules = _nlp_rules(job)
    if not rules:
        return (), ()
    languages = tuple(_segment_languages(job))
    return languages, tuple(_wanted_segments(job, rules, languages))


def _chunks(job: Job, rules: list[tuple[Rule, kinds.Kind]]) -> Iterator[_Chunk]:
    segments = job.document.segments
    languages, wanted = prose_plan(job)
    if not wanted:
        return
    first, chars, taken = 0, 0, []
    for index in wanted:
        full = chars + len(segments[index].text) > WINDOW_CHARS or len(taken) >= WINDOW_TEXTS
        if taken and full:
            yield _Chunk(job, rules, first, index, taken, languages)
            first, chars, taken = index, 0, []
        taken.append(index)
        chars += len(segments[index].text)
    yield _Chunk(job, rules, first, len(segments), taken, languages)


def _model_key(job: Job, language: str) -> tuple[str, str | None]:
    return (language, job.config.models.get(language))


def _nlp_findings(jobs: Sequence[Job]) -> dict[int, list[Finding]]:
    """Every NLP rule's findings; one `nlp.pipe` per (language, model) and window of prose.

    Windows gather the chunks of documents of one language and model; inside a window each
    segment goes to the model of its own language (an English paragraph in a French document).
    """
    pending: dict[tuple[str, str | None], list[_Chunk]] = defaultdict(list)
    components: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    # Per batch: component -> the kinds' tests, or None once a kind reads it ungated.
    gates: dict[tuple[str, str | None], dict[str, list | None]] = defaultdict(dict)
    for job in jobs:
        nlp_rules = _nlp_rules(job)
        if not nlp_rules:
            continue
        needs = {need for _, kind in nlp_rules for need in kind.needs}
        for chunk in _chunks(job, nlp_rules):
            pending[_model_key(job, job.document.language)].append(chunk)
            for key in {_model_key(job, chunk.languages[index]) for index in chunk.wanted}:
                components[key].update(needs)
                for _, kind in nlp_rules:
                    _add_gates(gates[key], kind)
    findings: dict[int, list[Finding]] = defaultdict(list)
    if not pending:
        return findings
    from blamelint.nlp.engine import (
        analyze,  # imported here: spaCy loads only when an NLP rule has prose
    )

    for chunks in pending.values():
        window: list[_Chunk] = []
        chars = count = 0
        for position, chunk in enumerate(chunks):
            window.append(chunk)
            chars += sum(len(chunk.job.document.segments[i].text) for i in chunk.wanted)
            count += len(chunk.wanted)
            if chars < WINDOW_CHARS and count < WINDOW_TEXTS and position + 1 < len(chunks):
                continue
            for done, analysed in zip(
                window, _analyse_window(window, components, gates, analyze), strict=True
            ):
                _check_chunk(done, analysed, findings)
            window, chars, count = [], 0, 0
    return findings


def _analyse_window(
    window: list[_Chunk],
    components: Mapping[tuple[str, str | None], set[str]],
    gates: Mapping[tuple[str, str | None], dict[str, list | None]],
    analyze: Any,
) -> list[list[Any]]:
    """The spaCy Docs of each chunk's wanted segments, one `analyze` per model in the window."""
    batches: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    places: list[list[tuple[tuple[str, str | None], int]]] = []
    for chunk in window:
        chunk_places = []
        for index in chunk.wanted:
            key = _model_key(chunk.job, chunk.languages[index])
            chunk_places.append((key, len(batches[key])))
            batches[key].append(chunk.job.document.segments[index].text)
        places.append(chunk_places)
    analyses = {
        key: analyze(
            texts,
            language=key[0],
            model=key[1],
            components=frozenset(components[key]),
            gates=_gate_tests(gates[key], key[0]),
        )
        for key, texts in batches.items()
    }
    return [[analyses[key][at] for key, at in chunk_places] for chunk_places in places]


def _check_chunk(chunk: _Chunk, analysed: list[Any], findings: dict[int, list[Finding]]) -> None:
    """Run the chunk's NLP rules on its segments; hits come back with document-wide indexes."""
    job, document = chunk.job, chunk.job.document
    segments = document.segments[chunk.first : chunk.last]
    docs: list[Any] = [None] * len(segments)
    from blamelint.nlp.docview import release, set_following  # spaCy is loaded by now

    for index, doc in zip(chunk.wanted, analysed, strict=True):
        docs[index - chunk.first] = doc
        set_following(doc, document.segments[index].row_after)  # a table row's next cells
    languages = tuple(chunk.languages[chunk.first : chunk.last])
    mixed = any(language != document.language for language in languages)
    context = NlpContext(
        document,
        segments,
        docs,
        document.language,
        job.run_context(),
        job.config.rules,
        languages if mixed else (),
    )
    try:
        for rule, kind in chunk.rules:
            for hit in kind.check(context, rule):
                if hit.segment is not None:
                    hit = replace(hit, segment=hit.segment + chunk.first)
                    if document.segments[hit.segment].masked(hit.start, hit.end):
                        continue
                findings[id(job)].append(_finding(job, rule, hit))
    finally:
        release(docs)  # the shared Token lists refer back to their Docs


def _add_gates(gates: dict[str, list | None], kind: kinds.Kind) -> None:
    declared = dict(kind.gates)
    for component in kind.needs:
        test = declared.get(component)
        if test is None:
            gates[component] = None
        elif gates.get(component, []) is not None:
            gates.setdefault(component, []).append(test)


def _gate_tests(gates: Mapping[str, list | None], language: str) -> dict[str, Any]:
    """component -> one test on a Doc: does any kind reading that component need it here?"""

    def either(tests: list) -> Any:
        unique = list(dict.fromkeys(tests))
        return lambda doc: any(test(doc, language) for test in unique)

    return {component: either(tests) for component, tests in gates.items() if tests}


def _apply_suppressions(job: Job, findings: list[Finding]) -> list[Finding]:
    suppressions = parse_suppressions(job.document, job.config.rules)
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding.rule, finding.line)]
        for suppression in covering:
            suppression.used.add(finding.rule)
        if not covering:
            kept.append(finding)
    unused_rule = next((r for r in job.config.enabled_rules if r.code == UNUSED_SUPPRESSION), None)
    if unused_rule is None:
        return kept
    enabled = {r.code for r in job.config.enabled_rules}
    for suppression in suppressions:
        if suppression.continuation:
            continue
        language = job.document.language
        if suppression.unknown:
            rules = ", ".join(suppression.unknown)
            detail = phrase("suppression.unknown", language, rules=rules)
        elif suppression.unmatched:
            detail = phrase("suppression.unmatched", language)
        elif not suppression.used and (suppression.rules is None or suppression.rules & enabled):
            detail = phrase("suppression.unused", language)
        else:
            continue
        hit = Hit(suppression.offset, suppression.end, {"detail": detail})
        kept.append(_finding(job, unused_rule, hit))
    return kept


def lint_jobs(jobs: Sequence[Job]) -> list[Finding]:
    """Findings for every job, sorted by path, line, column, rule; duplicates dropped."""
    per_path: dict[int, list[Finding]] = {id(job): document_findings(job) for job in jobs}
    for key, found in _nlp_findings(jobs).items():
        per_path[key].extend(found)
    results: list[Finding] = []
    for job in jobs:
        kept = _apply_suppressions(job, per_path[id(job)])
        results.extend(resolve_overlaps(kept, job.config.enabled_rules))
    return sort_findings(results)


def resolve_overlaps(findings: list[Finding], rules: Iterable[Rule]) -> list[Finding]:
    """Where rules of one overlap group report overlapping spans, keep the best-ranked one.

    Runs on what selection and suppression left, so `--select BL403` or a BL405 suppression
    still reports BL403 where BL405 would have won.
    """
    groups = {r.code: r.overlap for r in rules if r.overlap}
    if not groups:
        return findings
    ranked = sorted(
        (f for f in findings if f.rule in groups), key=lambda f: (groups[f.rule][1], f.sort_key())
    )
    kept: list[Finding] = []
    for finding in ranked:
        group = groups[finding.rule][0]
        if any(
            groups[k.rule][0] == group and k.path == finding.path and _overlap(k.span, finding.span)
            for k in kept
        ):
            continue
        kept.append(finding)
    return [f for f in findings if f.rule not in groups] + kept


def _overlap(a: Span, b: Span) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (
        a.end_line,
        a.end_column,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Duplicates dropped, sorted by path, line, column, rule: the one order of every output."""
    unique = {(f.path, f.span, f.rule, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)


def document_for(
    path: str, text: str, config: Config, sidecars: Sequence[Sidecar] | None = None
) -> Document:
    """The Document the kinds see: `text` parsed, with the sidecar action files beside `path`
    (as the runner read them, else read here): kinds never read files themselves."""
    settings = config.settings
    if sidecars is None:
        sidecars = read_sidecars(path)
    return parse_document(
        path,
        text,
        language=config.language,
        sections=settings.section_catalog,
        fields=settings.metadata_catalog,
        sidecars=sidecars,
    )


def lint_text(
    text: str,
    path: str = "<text>",
    language: str | None = None,
    config: Config | None = None,
    today: Any = None,
) -> list[Finding]:
    """Lint one Markdown text; the entry point for tests, evaluation and embedding."""
    config = (config or default_config()).for_language(language)
    job = Job(document_for(path, text, config), config, today)
    return lint_jobs([job])


def lint_texts(
    items: Iterable[tuple[str, str]], config: Config | None = None, language: str | None = None
) -> list[Finding]:
    """Lint many (path, text) pairs in one run (one batched NLP pass)."""
    config = (config or default_config()).for_language(language)
    jobs = [Job(document_for(path, text, config), config) for path, text in items]
    return lint_jobs(jobs)
