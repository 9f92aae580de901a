"""Lint many documents: in this process, or split over worker processes (`--jobs N`).

Each worker parses its share of the documents and lints them in one `lint_jobs` call, so it
loads each spaCy model at most once and keeps the engine's one batched NLP pass. Shares are
balanced by text size, since NLP time follows the number of words. The parent merges the
per-document results in input order and sorts them as `lint_jobs` does, so the output is
byte-identical to `--jobs 1`.

Workers are forked: the documents and configurations (which do not pickle) are inherited, and
only indexes go out and findings come back. Where fork is unavailable the run stays serial.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from .config import Config
from .engine import Job, document_for, lint_jobs
from .errors import BlamelintError
from .finding import Finding

# Below this much text a second process costs more than it saves: a worker pays the spaCy
# import and model load again (~1 s in English), about the time NLP takes for 5,000 words.
AUTO_MIN_CHARS_PER_WORKER = 200_000


@dataclass(frozen=True)
class Source:
    """A document read from disk, not parsed yet."""

    display: str
    text: str
    config: Config
    today: Any = None


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


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Exactly `lint_jobs`'s final step: duplicates dropped, stable sort by `sort_key`."""
    unique = {(f.path, f.span, f.rule, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)


def lint_sources(sources: Sequence[Source], workers: int = 1) -> list[Outcome]:
    """One Outcome per source, in order. A model error (not per file) is raised."""
    if workers <= 1:
        return _lint_share(sources)
    global _SHARED
    _SHARED = sources
    shares = _balance([len(s.text) for s in sources], workers)
    outcomes: list[Outcome] = [Outcome() for _ in sources]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(shares), mp_context=context) as pool:
            for share, results in zip(shares, pool.map(_run_share, shares), strict=True):
                for index, (findings, error) in zip(share, results, strict=True):
                    outcomes[index] = Outcome(findings, _rebuild(error))
    except BrokenProcessPool:
        raise BlamelintError(
            "a worker process died (out of memory?); retry with --jobs 1"
        ) from None
    finally:
        _SHARED = ()
    return outcomes


def _lint_share(sources: Sequence[Source]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    by_path: dict[str, Outcome] = {}
    jobs: list[Job] = []
    for source in sources:
        outcome = Outcome()
        try:
            document = document_for(source.display, source.text, source.config)
        except BlamelintError as exc:
            outcome.error = exc
        else:
            outcome.findings = []
            by_path[source.display] = outcome
            jobs.append(Job(document, source.config, source.today))
        outcomes.append(outcome)
    for finding in lint_jobs(jobs):
        # lint_jobs labels findings with the document's display path, unique within a run.
        by_path[finding.path].findings.append(finding)  # type: ignore[union-attr]
    return outcomes


# ----- worker side ------------------------------------------------------------------------------

_SHARED: Sequence[Source] = ()


def _run_share(indexes: list[int]) -> list[tuple[list[Finding] | None, tuple | None]]:
    results = []
    for outcome in _lint_share([_SHARED[i] for i in indexes]):
        error = outcome.error
        # Exceptions with extra fields lose them when pickled: send the fields instead.
        flat = (type(error).__name__, error.message, error.path, error.line) if error else None
        results.append((outcome.findings, flat))
    return results


def _rebuild(flat: tuple | None) -> BlamelintError | None:
    if flat is None:
        return None
    from . import errors

    name, message, path, line = flat
    cls = getattr(errors, name, BlamelintError)
    return cls(message, path, line)


def _balance(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Indexes split into `workers` shares of similar total size (largest first, greedy)."""
    shares: list[list[int]] = [[] for _ in range(workers)]
    totals = [0] * workers
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        lightest = totals.index(min(totals))
        shares[lightest].append(index)
        totals[lightest] += sizes[index] + 1
    return [sorted(share) for share in shares if share]
