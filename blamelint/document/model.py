"""blamelint's own view of a postmortem: what rules read. Built by `blamelint.document.parse`.

Offsets are indexes into `Document.text` (the file decoded, CRLF/CR normalised to LF, a
leading BOM dropped); `Document.position(offset)` turns one into a 1-based (line, column)
in the original file, where a column counts Unicode code points, as Ruff does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from blamelint.base.finding import Span


@dataclass(frozen=True)
class Segment:
    """One piece of prose (a paragraph, heading, list item paragraph, table cell, ...).

    `text` is what NLP rules read: Markdown syntax removed, link targets dropped, inline code
    and URLs replaced by a neutral placeholder whose range is listed in `masks` (rules never
    report inside a mask). `offsets[i]` is the document offset of `text[i]`;
    `offsets[len(text)]` is the offset just past the last character.
    """

    text: str
    offsets: tuple[int, ...]
    kind: str
    section: str | None
    masks: tuple[tuple[int, int], ...] = ()
    quoted: bool = False
    # A table cell's row after it: the text of the cells that follow, in order ("" elsewhere).
    # What a cell says may be answered by the next one ("Not checked" | "We agreed to delete
    # them"): the NLP rules see it through `nlp.docview.following`.
    row_after: str = ""

    def masked(self, start: int, end: int) -> bool:
        return any(start < m_end and m_start < end for m_start, m_end in self.masks)

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of text[start:end] (end exclusive)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Section:
    """A heading and the lines under it up to the next heading of the same or a higher level."""

    title: str
    level: int
    canonical: str | None
    line: int
    offset: int
    body_start: int
    body_end: int
    title_offset: int
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class MetadataField:
    key: str
    canonical: str | None
    value: Any
    raw: str
    line: int
    value_offset: int
    value_end: int
    source: str


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block: never prose, but action blocks are parsed."""

    info: str
    content: str
    offset: int
    content_offset: int
    end: int
    line: int
    content_line: int


@dataclass(frozen=True)
class Comment:
    """An HTML comment outside code: the home of inline suppression directives."""

    text: str
    offset: int
    end: int
    line: int


@dataclass(frozen=True)
class Sidecar:
    """A sidecar action file beside the document (`<name>.actions.json|yaml|yml`), as the
    runner read it: its text, or why it could not be read."""

    path: str
    text: str | None = None
    problem: str | None = None  # the whole message, e.g. "cannot read sidecar x: ..."


@dataclass
class Document:
    path: str
    text: str
    language: str
    line_starts: list[int]
    front_matter: dict[str, Any] | None = None
    front_matter_lines: tuple[int, int] | None = None
    metadata: dict[str, MetadataField] = field(default_factory=dict)
    metadata_line: int | None = None
    title: Section | None = None
    sections: list[Section] = field(default_factory=list)
    headings: list[Section] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    sidecars: tuple[Sidecar, ...] = ()  # read by the runner: kinds do no file I/O
    _code_ranges: tuple[int, tuple[tuple[int, int], ...]] = field(
        default=(-1, ()), repr=False, compare=False
    )

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int | None = None) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(start if end is None else max(end, start))
        return Span(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def line_offset(self, line: int) -> int:
        return self.line_starts[min(max(line, 1), len(self.line_starts)) - 1]

    def section(self, canonical: str) -> Section | None:
        return next((s for s in self.sections if s.canonical == canonical), None)

    def in_code(self, offset: int) -> bool:
        # Rules ask once per line: a bisection keeps 100,000-line files linear, not quadratic.
        if self._code_ranges[0] != len(self.code_blocks):
            ranges = tuple(sorted((b.offset, b.end) for b in self.code_blocks))
            self._code_ranges = (len(self.code_blocks), ranges)
        ranges = self._code_ranges[1]
        index = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
        return index >= 0 and offset < ranges[index][1]
