"""Lint many documents: in this process, or split over worker processes (`--jobs N`).

Each worker parses its share of the documents and lints them in one `lint_jobs` call, so it
loads each spaCy model at most once and keeps the engine's one batched NLP pass. Shares are
balanced by text size, since NLP time follows the number of words, and grouped by language
so that few workers load the slow French model. A split made in advance cannot be even (CPU
per character varies by document), so part of the text whose model every worker inherits is
kept back from the shares and handed out in small units to whichever worker is free first.
While the parent loads the models its workers will share, a preparer process parses the
documents and runs the document rules on an idle core (run/prepare); the workers start from
what it finished and parse the rest themselves. The parent merges the per-document results
in input order and sorts them as `lint_jobs` does, so the output is byte-identical to
`--jobs 1`.

Workers are forked: the documents and configurations (which do not pickle) are inherited, and
only indexes go out and findings come back. Where fork is unavailable the run stays serial.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from blamelint.base.errors import BlamelintError
from blamelint.base.finding import Finding
from blamelint.base.languages import languages as registry
from blamelint.document.model import Sidecar

from .config import Config
from .lint import Job, document_for, lint_jobs
from .prepare import Preparer, flat_error, rebuild_error, unpack

# Below this much text a second process costs more than it saves: a worker pays the spaCy
# import and model load again (~1 s in English), about the time NLP takes for 2,500 words
# (~15,000 characters). Measured on 61 real postmortems (394,000 characters): two workers
# 1.81x faster than one (bench/real_bench.py); 60,000 keeps a margin of four times the load.
AUTO_MIN_CHARS_PER_WORKER = 60_000
# A model is loaded before forking only for shares holding this much text in its language
# (about 3,000 words: prose to analyse is then all but certain, and the load is paid anyway).
PRELOAD_MIN_CHARS = 20_000
# Of each share, up to this fraction of its text (in languages whose model every worker
# inherits, smallest documents first) is kept back and handed out in units to whichever worker
# is free first. Per-document CPU per character varies 37-66 us (q10-q90, real postmortems),
# and on a shared machine so does each worker's speed: the two workers of a split made in
# advance ended 0.3-4.6 s apart (median 0.95, 61 real postmortems, load 5-8), 0.05-0.4 s so.
TAIL_FRACTION = 0.3
# The units shrink as the tail is handed out (a quarter of what is left per worker) down to
# this much text (one to three documents): lint_jobs calls of one document each cost ~13%
# more CPU than one call for all, calls of three or more nothing measurable.
MIN_UNIT_CHARS = 8_000
# Text per lint_jobs call: big enough for efficient nlp.pipe batches, small enough that the
# parsed documents and spaCy Docs of a whole archive are never all in memory at once.
BATCH_CHARS = 2_000_000
# The smallest batch when a progress bar is shown: still ~15,000 words per nlp.pipe pass.
PROGRESS_BATCH_CHARS = 100_000


@dataclass(frozen=True)
class Source:
    """A document read from disk, not parsed yet."""

    display: str
    text: str
    config: Config
    today: Any = None
    # The sidecar action files as the runner read them; None: read them when linting.
    sidecars: tuple[Sidecar, ...] | None = None


@dataclass
class Outcome:
    """What became of one source: its findings, or the input error that stopped it."""

    findings: list[Finding] | None = None
    error: BlamelintError | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(jobs: int | str | None, sources: Sequence[Source]) -> int:
    """Resolve `--jobs N|auto` for this run; 1 means no worker processes."""
    if "fork" not in multiprocessing.get_all_start_methods() or len(sources) < 2:
        return 1
    if jobs in (None, "auto"):
        size = sum(len(s.text) for s in sources)
        wanted = min(available_cpus(), size // AUTO_MIN_CHARS_PER_WORKER)
    else:
        wanted = int(jobs)
    return max(1, min(wanted, len(sources)))


def lint_sources(
    sources: Sequence[Source], workers: int = 1, progress: Callable[[int], None] | None = None
) -> list[Outcome]:
    """One Outcome per source, in order. A model error (not per file) is raised.

    `progress(n)` is told each time n more documents are done (after each batch in this
    process, each share or unit in workers); with it, batches are smaller (about 1/40 of the text,
    at least PROGRESS_BATCH_CHARS) so that a progress bar moves. Findings do not change.
    """
    if workers <= 1:
        if progress is None:
            return _lint_share(sources)
        total = sum(len(s.text) for s in sources)
        size = min(BATCH_CHARS, max(PROGRESS_BATCH_CHARS, total // 40))
        return _lint_share(sources, size, progress)
    global _SHARED, _PREPARED
    _SHARED = sources
    try:
        return _lint_in_workers(sources, workers, progress)
    finally:
        _SHARED, _PREPARED = (), {}


def _lint_in_workers(
    sources: Sequence[Source], workers: int, progress: Callable[[int], None] | None
) -> list[Outcome]:
    global _PREPARED
    languages = [_guess_language(s) for s in sources]
    shares = _shares(sources, workers, languages)
    to_load = _preloads(sources, shares, languages)
    # The model loads leave the other cores idle: a preparer parses documents meanwhile.
    slow = to_load and not _loaded_already(to_load)
    preparer = Preparer.start(sources, _interleaved(shares)) if slow else None
    try:
        loaded = _load(to_load)
    finally:
        _PREPARED = preparer.results() if preparer is not None else {}
    ready = [_ready(s, lang, loaded) for s, lang in zip(sources, languages, strict=True)]
    units = _units(sources, shares, ready)
    outcomes: list[Outcome] = [Outcome() for _ in sources]
    # What the workers inherit (the loaded models: ~97,000 objects) is never garbage, so the
    # collector leaves it alone: their collections cost 0.17 s instead of 0.28-0.31 s each
    # (real postmortems, --jobs 2), and it writes into none of the shared pages.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(shares), mp_context=context) as pool:
            # Submitted in order: each worker takes a share first, then the units as it frees.
            pending = {pool.submit(_run_share, unit): unit for unit in units}
            for future in as_completed(pending):
                unit = pending[future]
                for index, (findings, error) in zip(unit, future.result(), strict=True):
                    outcomes[index] = Outcome(findings, _rebuild(error))
                if progress is not None:
                    progress(len(unit))
    except BrokenProcessPool:
        raise BlamelintError(
            "a worker process died (out of memory?); retry with --jobs 1"
        ) from None
    finally:
        gc.unfreeze()  # (the models the engine froze at load too: walked again, never freed)
    return outcomes


def _lint_share(
    sources: Sequence[Source],
    batch_chars: int = BATCH_CHARS,
    progress: Callable[[int], None] | None = None,
    prepared: Sequence[bytes | None] = (),
) -> list[Outcome]:
    """Lint in batches of about `batch_chars`: one NLP pass each (models stay loaded), so
    memory stays bounded on whole archives; findings do not depend on the batching.
    `prepared[i]`, where given, is what the preparer made of `sources[i]` (run/prepare)."""
    outcomes: list[Outcome] = []
    batch: list[tuple[Source, bytes | None]] = []
    size = 0
    for i, source in enumerate(sources):
        batch.append((source, prepared[i] if i < len(prepared) else None))
        size += len(source.text)
        if size >= batch_chars:
            outcomes.extend(_lint_batch(batch))
            if progress is not None:
                progress(len(batch))
            batch, size = [], 0
    outcomes += _lint_batch(batch)
    if progress is not None and batch:
        progress(len(batch))
    return outcomes


def _lint_batch(batch: Sequence[tuple[Source, bytes | None]]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    by_path: dict[str, Outcome] = {}
    jobs: list[Job] = []
    for source, prepared in batch:
        outcome = Outcome()
        job, outcome.error = _job(source, prepared)
        if job is not None:
            outcome.findings = []
            by_path[source.display] = outcome
            jobs.append(job)
        outcomes.append(outcome)
    for finding in lint_jobs(jobs):
        # lint_jobs labels findings with the document's display path, unique within a run.
        by_path[finding.path].findings.append(finding)  # type: ignore[union-attr]
    return outcomes


def _job(source: Source, prepared: bytes | None) -> tuple[Job | None, BlamelintError | None]:
    """The source as a Job to lint, or the input error that stops it."""
    if prepared is not None:
        return unpack(prepared, source)
    try:
        document = document_for(
            source.display, source.text, source.config, sidecars=source.sidecars
        )
    except BlamelintError as exc:
        return None, exc
    return Job(document, source.config, source.today), None


# ----- worker side ------------------------------------------------------------------------------

_SHARED: Sequence[Source] = ()
# What the preparer made of the sources it reached, by index (run/prepare).
_PREPARED: dict[int, bytes] = {}


def _run_share(indexes: list[int]) -> list[tuple[list[Finding] | None, tuple | None]]:
    results = []
    sources = [_SHARED[i] for i in indexes]
    prepared = [_PREPARED.get(i) for i in indexes]
    for outcome in _lint_share(sources, prepared=prepared):
        error = outcome.error
        results.append((outcome.findings, flat_error(error) if error else None))
    return results


def _rebuild(flat: tuple | None) -> BlamelintError | None:
    return None if flat is None else rebuild_error(flat)


def _interleaved(shares: Sequence[Sequence[int]]) -> list[int]:
    """The shares' documents taken in turn, so that what the preparer reaches is spread over
    every worker."""
    order: list[int] = []
    for position in range(max(map(len, shares), default=0)):
        order.extend(share[position] for share in shares if position < len(share))
    return order


def _guess_language(source: Source) -> str:
    from blamelint.document.language import detect, normalize_language

    return normalize_language(source.config.language) or detect(source.text[:20000])


def _preload(
    sources: Sequence[Source], shares: list[list[int]], languages: list[str]
) -> set[tuple[tuple, frozenset[str]]]:
    """Load what `_preloads` lists; returns it."""
    return _load(_preloads(sources, shares, languages))


def _load(preloads: Sequence[tuple[tuple, frozenset[str]]]) -> set[tuple[tuple, frozenset[str]]]:
    for (language, models), needs in preloads:
        from blamelint.nlp.engine import NlpEngine, preload

        preload(NlpEngine(dict(models)), language, needs)
    return set(preloads)


def _loaded_already(preloads: Sequence[tuple[tuple, frozenset[str]]]) -> bool:
    """Whether this process holds every model of `preloads` already (nothing to wait for)."""
    from blamelint.nlp.engine import NlpEngine

    return all(NlpEngine(dict(models)).loaded(lang, needs) for (lang, models), needs in preloads)


def _preloads(
    sources: Sequence[Source], shares: list[list[int]], languages: list[str]
) -> list[tuple[tuple, frozenset[str]]]:
    """What to load before forking: each model that two or more workers would load, so that
    the workers inherit it (copy-on-write) instead of each paying the spaCy import and the
    load. Only for a language and models whose configuration enables an NLP rule; the
    language guess only decides what is loaded early, never a finding. As (key, the
    components), key as `_key` gives it."""
    from collections import Counter

    from blamelint.base.languages import supported

    holders: Counter = Counter()
    configs: dict[tuple, Config] = {}
    for share in shares:
        sizes: Counter = Counter()
        for i in share:
            sizes[_key(sources[i], languages[i])] += len(sources[i].text)
        # A share with little text may hold no prose at all, and then never loads a model.
        holders.update(key for key, size in sizes.items() if size >= PRELOAD_MIN_CHARS)
        for i in share:
            configs.setdefault(_key(sources[i], languages[i]), sources[i].config)
    preloads: list[tuple[tuple, frozenset[str]]] = []
    for key, count in sorted(holders.items()):
        language, _ = key
        if count < 2 or not supported(language):
            continue
        needs = _needs(configs[key])
        if needs:
            preloads.append((key, needs))
    return preloads


def _key(source: Source, language: str) -> tuple:
    """What decides which model a document is analysed with: its language and the models."""
    return (language, tuple(sorted(source.config.models.items())))


def _needs(config: Config) -> frozenset[str]:
    """The NLP components the configuration's enabled rules ask for (none: no model)."""
    from blamelint.rules import kinds

    return frozenset(need for rule in config.enabled_rules for need in kinds.kind_of(rule).needs)


def _ready(source: Source, language: str, loaded: set[tuple[tuple, frozenset[str]]]) -> bool:
    """Whether a worker can lint the document without loading a model of its own: no NLP rule
    is enabled for it, or its model was loaded before forking with every component it needs."""
    needs = _needs(source.config)
    key = _key(source, language)
    return not needs or any(k == key and needs <= got for k, got in loaded)


def _units(
    sources: Sequence[Source], shares: list[list[int]], ready: Sequence[bool]
) -> list[list[int]]:
    """The shares, less their tail, then the tail cut into units, largest first.

    Each share gives up its smallest documents that any worker can lint without loading a
    model (`ready`), up to TAIL_FRACTION of its text; the tail is cut into units of a quarter
    of what is left of it per worker, never below MIN_UNIT_CHARS, so that the last units,
    taken by whichever worker is free, are small. Every index is in exactly one list.
    """
    heads: list[list[int]] = []
    tail: list[int] = []
    for share in shares:
        size = sum(len(sources[i].text) for i in share)
        kept, given = set(share), 0
        for i in sorted((i for i in share if ready[i]), key=lambda i: (len(sources[i].text), i)):
            if given + len(sources[i].text) > TAIL_FRACTION * size:
                break
            given += len(sources[i].text)
            kept.discard(i)
            tail.append(i)
        heads.append(sorted(kept))
    tail.sort(key=lambda i: (-len(sources[i].text), i))
    units: list[list[int]] = []
    left = sum(len(sources[i].text) for i in tail)
    unit: list[int] = []
    size = 0
    workers = max(1, len(shares))
    for i in tail:
        unit.append(i)
        size += len(sources[i].text)
        if size >= max(MIN_UNIT_CHARS, left / (4 * workers)):
            units.append(sorted(unit))
            left -= size
            unit, size = [], 0
    if unit:
        units.append(sorted(unit))
    return [head for head in heads if head] + units


def _shares(
    sources: Sequence[Source], workers: int, languages: Sequence[str] | None = None
) -> list[list[int]]:
    """Indexes split into at most `workers` shares of similar cost, grouped by language.

    A worker pays for each model it loads (French: ~0.85 s, as much as 25,000 characters of
    NLP), so documents are ordered by language and cut into contiguous runs: at most one
    worker loads two models. The guess only shapes the shares, never the findings.
    """
    if languages is None:
        languages = [_guess_language(s) for s in sources]
    order = sorted(range(len(sources)), key=lambda i: (languages[i], i))
    costs, previous = [], None
    for i in order:
        load = _model_load_chars(languages[i]) if languages[i] != previous else 0
        costs.append(len(sources[i].text) + load)
        previous = languages[i]
    return _cut(order, costs, workers)


def _model_load_chars(language: str) -> int:
    """What loading the language's model costs a worker, in characters of NLP work."""
    registered = registry().get(language)
    return registered.model_load_chars if registered else 0


def _cut(order: Sequence[int], costs: Sequence[int], workers: int) -> list[list[int]]:
    """Contiguous runs of `order` whose summed costs are as even as a cut allows."""
    total = sum(costs) or 1
    shares: list[list[int]] = [[] for _ in range(workers)]
    done = 0
    for index, cost in zip(order, costs, strict=True):
        # A document goes to the share its middle falls in.
        share = min(int((done + cost / 2) * workers / total), workers - 1)
        shares[share].append(index)
        done += cost
    return [sorted(share) for share in shares if share]
