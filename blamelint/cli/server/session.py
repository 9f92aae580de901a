"""Lint an open document the way `check` lints the file: no LSP types here.

The text comes from the editor, not the disk, but everything else is `check`'s: the config
discovered from the file's folder (re-read on every lint, so edits to `.blamelint.yaml` apply
at once), `per_file_ignores`, the size limit and binary check, inline suppressions, and the
findings cache. spaCy models are loaded once per process by the NLP engine, so the server pays
for them once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from blamelint.base.errors import BlamelintError, InputError
from blamelint.base.finding import Finding
from blamelint.document.parse import decode
from blamelint.run.config import Config, relative_to_config
from blamelint.run.parallel import Source, lint_sources
from blamelint.run.runner import RunOptions, _ConfigCache

UNTITLED = "untitled.md"


@dataclass(frozen=True)
class LintResult:
    """The findings for one document, or the one error that stopped it (as `check` prints)."""

    display: str
    findings: tuple[Finding, ...] = ()
    error: BlamelintError | None = None
    config: Config | None = None


@dataclass
class Session:
    """What the server keeps between requests: the run options (cache on, as in `check`)."""

    cache: bool = True
    cache_dir: Path | None = None
    options: RunOptions = field(init=False)

    def __post_init__(self) -> None:
        self.options = RunOptions(cache=self.cache, cache_dir=self.cache_dir)

    def lint(self, path: Path | None, text: str, root: Path | None = None) -> LintResult:
        """Lint `text` as if it were the file at `path` (None: an unsaved buffer under `root`)."""
        named = path if path is not None else (root or Path.cwd()) / UNTITLED
        shown = display_path(named)
        configs = _ConfigCache(self.options)
        try:
            config = configs.for_path(named)
            config = config.for_file(relative_to_config(named, config)).for_language(None)
            _check_input(shown, text, config)
            cache = self._cache_for(config)  # a cache folder not blamelint's is refused
        except BlamelintError as exc:
            return LintResult(shown, error=exc)
        key = cache.key(text, shown, config) if cache else ""
        findings = cache.get(key, shown) if cache else None
        if findings is None:
            try:
                outcome = lint_sources([Source(shown, text, config)], 1)[0]
            except BlamelintError as exc:  # a missing spaCy model: one error, as check says
                return LintResult(shown, error=exc, config=config)
            if outcome.error is not None:
                return LintResult(shown, error=outcome.error, config=config)
            findings = list(outcome.findings or ())
            if cache is not None:
                cache.put(key, findings)
        return LintResult(shown, tuple(findings), config=config)

    def _cache_for(self, config: Config):
        if not self.cache:
            return None
        from blamelint.run.cache import Caches

        return Caches(self.cache_dir).for_config(config)


def display_path(path: Path) -> str:
    """The path as `check` run from the current folder shows it: relative below it."""
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive on Windows
        return path.as_posix()
    if relative.startswith(".."):
        return Path(os.path.abspath(path)).as_posix()
    return Path(relative).as_posix()


def _check_input(shown: str, text: str, config: Config) -> None:
    """The checks `check` makes on a file's bytes: size limit, NUL bytes, valid UTF-8."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > config.max_file_size:
        raise InputError(
            f"file is {len(data):,} bytes, over the {config.max_file_size:,}-byte limit "
            "(max_file_size in the config)",
            shown,
        )
    decode(shown, data)
