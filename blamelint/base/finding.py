"""The values every part of blamelint passes around: severities, locations, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= fail_level` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected info, warning or error)"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, inclusive-start, exclusive-end range in the original file.

    `end_column` points one past the last character, so a one-character span on
    column 5 is (line, 5, line, 6), as in LSP and SARIF.
    """

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    path: str
    span: Span
    rule: str
    name: str
    tags: tuple[str, ...]
    severity: Severity
    message: str
    suggestion: str = ""
    fix: str | None = field(default=None, compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple:
        # No message: findings of one rule at one place keep the order the rule gave them
        # (missing sections in template order); sorting is stable, so output stays deterministic.
        return (self.path, self.span.line, self.span.column, self.rule)
