"""The lines of a section as structure rules read them: list items at the outer level.

A nested item (`  - details`) belongs to the item above it: it is not a timeline entry nor
another "why". Lines in code blocks and HTML comments are not items at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Document, Section

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ITEM = re.compile(
    r"^(?P<indent>[ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Line:
    number: int
    offset: int
    text: str


@dataclass(frozen=True)
class Item:
    line: int
    start: int  # document offset of the item's content, after its marker
    end: int
    content: str


def body_without_comments(doc: Document, section: Section) -> str:
    return COMMENT.sub("", doc.text[section.body_start : section.body_end])


def section_lines(doc: Document, section: Section) -> Iterator[Line]:
    """The section's body lines that are neither code nor inside an HTML comment."""
    hidden = [
        (m.start(), m.end())
        for m in COMMENT.finditer(doc.text, section.body_start, section.body_end)
    ]
    first = doc.position(section.body_start)[0]
    for number in range(first, len(doc.line_starts) + 1):
        offset = doc.line_offset(number)
        if offset >= section.body_end:
            break
        if doc.in_code(offset) or any(a <= offset < b for a, b in hidden):
            continue
        yield Line(number, offset, doc.line_text(number))


def top_level_items(doc: Document, section: Section) -> list[Item]:
    """List items at the outermost indentation the section's lists use."""
    items: list[Item] = []
    outer: int | None = None
    for line in section_lines(doc, section):
        match = _ITEM.match(line.text)
        if not match:
            continue
        indent = len(match.group("indent").replace(">", "").expandtabs(4))
        if outer is None or indent < outer:
            outer = indent
        if indent > outer:
            continue
        start = line.offset + match.start("rest")
        items.append(
            Item(line.number, start, line.offset + len(line.text.rstrip()), match.group("rest"))
        )
    return items
