"""From paths on the command line to findings: discovery, configs, reading, linting.

Input problems (a missing file, invalid UTF-8, broken front matter, a broken config) become
one-line errors naming the file and line; the other files are still linted.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blamelint.base.bounded import ReadRefused, read_file, read_stream
from blamelint.base.errors import BlamelintError, InputError
from blamelint.base.finding import Finding
from blamelint.document.parse import decode

from .config import (
    Config,
    default_config,
    discover,
    load_config,
    path_matches,
    relative_to_config,
)
from .lint import sort_findings
from .parallel import Outcome, Source, lint_sources, worker_count
from .sidecars import read_sidecars, sidecar_paths

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".blamelint_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)
STDIN = "-"


@dataclass
class Target:
    display: str
    path: Path | None  # None for stdin
    explicit: bool


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[BlamelintError] = field(default_factory=list)
    # Not errors: a named folder with no Markdown in it (exit 0, as Ruff does).
    warnings: list[InputError] = field(default_factory=list)
    configs: dict[str, Config] = field(default_factory=dict)
    # The fail level each linted file's own config sets (None: the default), by display path.
    fail_levels: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunOptions:
    config_path: Path | None = None
    isolated: bool = False
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    language: str | None = None
    force_exclude: bool = False
    stdin_filename: str | None = None
    today: Any = None
    changed_since: str | None = None  # a git ref: lint only files changed since it
    jobs: int | str | None = 1  # worker processes, or "auto"
    cache: bool = False  # the CLI turns it on; --no-cache turns it off
    cache_dir: Path | None = None
    # Told (done, total) as documents that were not in the cache get linted.
    progress: Callable[[int, int], None] | None = None


class _ConfigCache:
    def __init__(self, options: RunOptions):
        self.options = options
        self._by_file: dict[Path | None, Config] = {}
        self._explicit: Config | None = None
        # Config file by the folder discovery started from: each discovery stats three names
        # in every folder up to the root (~0.2 ms), and a run asks three times per document.
        self._found: dict[Path, Path | None] = {}

    def _overrides(self) -> dict[str, Any]:
        return {"select": self.options.select, "ignore": self.options.ignore}

    def for_path(self, path: Path | None) -> Config:
        if self.options.config_path is not None:
            if self._explicit is None:
                self._explicit = load_config(self.options.config_path, **self._overrides())
            return self._explicit
        if self.options.isolated:
            return self._cached(None)
        if path is None and self.options.stdin_filename:
            path = Path(self.options.stdin_filename)  # stdin is linted as if it were this file
        start = path.parent if path is not None else Path.cwd()
        if start not in self._found:
            self._found[start] = discover(start)  # (an error is not kept: raised again)
        return self._cached(self._found[start])

    def loaded(self) -> dict[str, Config]:
        found = {str(k): v for k, v in self._by_file.items()}
        if self._explicit is not None:
            found[str(self.options.config_path)] = self._explicit
        return found

    def _cached(self, config_file: Path | None) -> Config:
        if config_file not in self._by_file:
            if config_file is None:
                self._by_file[None] = default_config(**self._overrides())
            else:
                self._by_file[config_file] = load_config(config_file, **self._overrides())
        return self._by_file[config_file]


def expand(
    paths: Sequence[str],
    configs: _ConfigCache,
    options: RunOptions,
    errors: list[BlamelintError],
    warnings: list[InputError] | None = None,
) -> list[Target]:
    targets: list[Target] = []
    for raw in paths:
        if raw == STDIN:
            if options.force_exclude and options.stdin_filename:
                config = configs.for_path(None)
                named = Path(options.stdin_filename)
                if path_matches(relative_to_config(named, config), config.exclude):
                    continue
            targets.append(Target(options.stdin_filename or STDIN, None, True))
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            errors.append(InputError(_stat_reason(exc), raw))
            continue
        if stat.S_ISDIR(mode):
            walk_errors: list[BlamelintError] = []
            found = list(_walk(path, configs, walk_errors))
            errors.extend(walk_errors)
            if not found and not walk_errors:
                empty = InputError("no Markdown files found here", raw)
                (warnings if warnings is not None else errors).append(empty)
            targets.extend(found)
        else:
            config = configs.for_path(path)
            if options.force_exclude and path_matches(
                relative_to_config(path, config), config.exclude
            ):
                continue
            targets.append(Target(raw, path, True))  # not a regular file: refused on reading
    seen: set[str] = set()
    unique = []
    for target in targets:
        key = os.path.realpath(target.path) if target.path else target.display
        if key not in seen:
            seen.add(key)
            unique.append(target)
    return unique


def _walk(root: Path, configs: _ConfigCache, errors: list[BlamelintError]) -> Iterable[Target]:
    def unreadable(exc: OSError) -> None:
        errors.append(InputError(exc.strerror or "cannot read folder", exc.filename or str(root)))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in ALWAYS_SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            config = configs.for_path(path)
            relative = relative_to_config(path, config)
            if not path_matches(relative, config.include) or path_matches(relative, config.exclude):
                continue
            if not _walkable(path, errors):
                continue
            yield Target(path.as_posix(), path, False)
        # Prune excluded folders early so large archives stay cheap to walk.
        kept = []
        for name in dirs:
            sub = Path(folder) / name
            config = configs.for_path(sub / "x.md")
            if not path_matches(relative_to_config(sub, config), config.exclude):
                kept.append(name)
        dirs[:] = kept


def _walkable(path: Path, errors: list[BlamelintError]) -> bool:
    """A walked name is read only if it is a regular file (or a link to one): FIFOs, devices
    and sockets met in a folder are skipped, as folders are; a broken or looping link is an
    error line."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError as exc:
        errors.append(InputError(_stat_reason(exc), path.as_posix()))
        return False


def _stat_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    if isinstance(exc, FileNotFoundError) or not exc.strerror:
        return "no such file or directory"
    return exc.strerror.lower()


def read_target(target: Target, config: Config) -> str:
    """The target's text, read without blocking and never past `max_file_size` bytes."""
    try:
        if target.path is None:
            data = read_stream(getattr(sys.stdin, "buffer", None), config.max_file_size)
        else:
            data = read_file(target.path, config.max_file_size)
    except ReadRefused as exc:
        reason = exc.reason
        if "-byte limit" in reason:
            reason += " (max_file_size in the config)"
        raise InputError(reason, target.display) from None
    return decode(target.display, data)


def files_read(result: RunResult, paths: Sequence[str]) -> list[str]:
    """Every file the run read: the documents, their sidecars, the config files, and the
    files named on the command line (a report must never be written over one of them)."""
    read = [*result.files, *(p for p in paths if p != STDIN)]
    read += [str(p) for display in result.files for p in sidecar_paths(display)]
    read += [c.path for c in result.configs.values() if c.path]
    return read


def run(paths: Sequence[str], options: RunOptions) -> RunResult:
    result = RunResult()
    configs = _ConfigCache(options)
    try:
        targets = expand(paths, configs, options, result.errors, result.warnings)
        if options.changed_since is not None:
            from blamelint.base.gitutil import select_changed

            # Each file's own repository decides, not the current directory's.
            named = [t.path for t in targets if t.path is not None]
            kept = set(select_changed(named, options.changed_since))
            targets = [t for t in targets if t.path in kept]
    except BlamelintError as exc:
        result.errors.append(exc)
        return result
    done, late_error = _lint_targets(targets, configs, options)
    for index in sorted(done):
        outcome = done[index]
        if outcome.error is not None:
            result.errors.append(outcome.error)
        else:
            result.files.append(targets[index].display)
            result.findings.extend(outcome.findings or ())
            result.fail_levels[targets[index].display] = configs.for_path(
                targets[index].path
            ).fail_level
    result.findings = sort_findings(result.findings)
    if late_error is not None:
        result.errors.append(late_error)
    result.configs = configs.loaded()
    return result


def _lint_targets(
    targets: Sequence[Target], configs: _ConfigCache, options: RunOptions
) -> tuple[dict[int, Outcome], BlamelintError | None]:
    """Outcomes by target index: from the cache where it holds them, else linted (in workers
    when --jobs asks for them); then the run-wide error (a missing model), if any."""
    from .cache import Caches

    caches = Caches(options.cache_dir, options.today) if options.cache else None
    done: dict[int, Outcome] = {}
    pending: list[tuple[int, Source, Any, str]] = []
    for index, target in enumerate(targets):
        try:
            config = configs.for_path(target.path)
            if target.path is not None or options.stdin_filename:
                named = target.path or Path(options.stdin_filename)
                config = config.for_file(relative_to_config(named, config))
            config = config.for_language(options.language)
            text = read_target(target, config)
        except BlamelintError as exc:
            done[index] = Outcome(error=exc)
            continue
        try:
            cache = caches.for_config(config) if caches else None
        except BlamelintError as exc:  # a cache folder that is not blamelint's: refuse the run
            return done, exc
        sidecars = read_sidecars(target.display)  # read once: for the key and the kinds
        key = cache.key(text, target.display, config, sidecars) if cache else ""
        cached = cache.get(key, target.display) if cache else None
        if cached is not None:
            done[index] = Outcome(findings=cached)  # never parsed: no Markdown, no spaCy
        else:
            pending.append(
                (index, Source(target.display, text, config, options.today, sidecars), cache, key)
            )
    sources = [source for _, source, _, _ in pending]
    tick = None
    if options.progress is not None and sources:
        report, done_count = options.progress, [0]

        def tick(count: int) -> None:
            done_count[0] += count
            report(done_count[0], len(sources))

    try:
        outcomes = lint_sources(sources, worker_count(options.jobs, sources), tick)
    except BlamelintError as exc:
        return done, exc
    for (index, _, cache, key), outcome in zip(pending, outcomes, strict=True):
        done[index] = outcome
        if cache is not None and outcome.findings is not None:
            cache.put(key, outcome.findings)
    return done, None
