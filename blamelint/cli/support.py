"""Small helpers the command line needs, kept out of cli.py: the --version text, did-you-mean
suggestions, the repository root that SARIF and GitLab paths are relative to."""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path

from blamelint import __version__


def version_text() -> str:
    """blamelint's version, spaCy's and each language model's, from package metadata only
    (spaCy is not imported: `blamelint --version` stays instant)."""
    from blamelint.base.errors import ModelError
    from blamelint.base.languages import codes
    from blamelint.nlp.engine import model_identity

    try:
        spacy = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        spacy = "not installed"
    lines = [f"blamelint {__version__}", f"spaCy {spacy}"]
    for language in sorted(codes()):
        try:
            identity = model_identity(language)
        except ModelError:
            identity = "none"
        name, _, version = identity.partition("==")
        lines.append(f"model ({language}): {name} {version or '(not installed)'}".rstrip())
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""


def repository_root(start: Path | None = None) -> Path:
    """The closest folder at or above `start` holding `.git` (a folder, or a worktree's file);
    the current folder when there is none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


class Progress:
    """A one-line progress bar on a terminal's stderr, for long runs only.

    Nothing is drawn until `delay` seconds have passed (a run of a few files never shows it),
    nor ever when the stream is not a terminal (CI logs and pipes stay clean). `close()`
    erases the line, so the report that follows starts on a clean line.
    """

    WIDTH = 30

    def __init__(self, stream, delay: float = 2.0, clock=None) -> None:
        import time

        self.stream = stream
        self.delay = delay
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or self.clock() - self.start < self.delay or total <= 0:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\rlinting [{bar}] {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False
