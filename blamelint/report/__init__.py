"""Output formats. A reporter turns a Report into text; it knows findings, never rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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


Renderer = Callable[[Report], str]

FORMATS = ("text", "json", "github", "sarif")


def renderer(name: str) -> Renderer:
    """Import only the chosen format's module."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = __import__(f"{__name__}.{name}", fromlist=["render"])
    return module.render
