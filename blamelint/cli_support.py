"""Small helpers the command line needs, kept out of cli.py: the --version text, did-you-mean
suggestions, the repository root that SARIF and GitLab paths are relative to."""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path

from . import __version__


def version_text() -> str:
    """blamelint's version, spaCy's and each language model's, from package metadata only
    (spaCy is not imported: `blamelint --version` stays instant)."""
    from .errors import ModelError
    from .nlp import DEFAULT_MODELS, model_identity

    try:
        spacy = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        spacy = "not installed"
    lines = [f"blamelint {__version__}", f"spaCy {spacy}"]
    for language in sorted(DEFAULT_MODELS):
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
