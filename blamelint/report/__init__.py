"""Output formats. A reporter turns a Report into text; it knows findings, never rules."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from blamelint.base.finding import Finding


@dataclass(frozen=True)
class RuleDescriptor:
    """What a format such as SARIF says about a rule: plain data, no behaviour."""

    code: str
    name: str
    description: str
    message: str
    suggestion: str
    severity: str
    tags: tuple[str, ...]
    help_uri: str = ""  # the rule's documentation (SARIF helpUri)


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    files: Sequence[str]
    rules: Sequence[RuleDescriptor] = ()
    version: str = ""
    color: bool = False
    show_suggestions: bool = True
    # Input errors (exceptions with `path`, `line`, `message`; str() is the one-line form).
    errors: Sequence[object] = field(default_factory=tuple)
    # The folder that report paths are relative to in formats read against a repository
    # (SARIF, GitLab): the repository root; "" means the current folder.
    base: str = ""


Renderer = Callable[[Report], str]

# The one list of output formats: `renderer` and the CLI's --format choices read it. A format
# is a module `blamelint.report.<name>` with `render(report) -> str`.
FORMATS = ("text", "concise", "json", "github", "sarif", "gitlab", "junit")


def repository_path(path: str, base: str = "") -> str | None:
    """`path` (as reported, relative to the current folder) relative to `base`, with forward
    slashes; None when it lies outside `base`."""
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(base or "."))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return None
    return PurePosixPath(*relative.parts).as_posix() if relative.parts else "."


def renderer(name: str) -> Renderer:
    """Import only the chosen format's module."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = __import__(f"{__name__}.{name}", fromlist=["render"])
    return module.render
