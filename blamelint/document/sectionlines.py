"""The lines of a section, the one way every rule and the action extractor read them.

Comments are not content: a line in a code block is skipped, text inside an HTML comment is
blanked (same length, so offsets and columns stay exact), and a line that held only comment
text is skipped. Empty-section, the action extractor, the tracker and the structure rules
therefore agree on what a section holds.

List items: `ITEM` is the one list-item pattern (bullet or ordered marker, optional
checkbox). `top_level_items` reads items at the outer level: a nested item (`  - details`)
belongs to the item above it, it is not a timeline entry nor another "why".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Document, Section

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ITEM = re.compile(
    r"^(?P<lead>(?P<indent>[ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+)"
    r"(?:\[(?P<box>[ xX])\][ \t]+)?(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Line:
    number: int
    offset: int
    text: str  # the line without its newline, HTML comment text blanked


@dataclass(frozen=True)
class Item:
    line: int
    start: int  # document offset of the item's content, after its marker
    end: int
    content: str


def body_without_comments(doc: Document, section: Section) -> str:
    return COMMENT.sub("", doc.text[section.body_start : section.body_end])


def section_lines(doc: Document, section: Section) -> Iterator[Line]:
    """The section's body lines outside code blocks, HTML comment text blanked."""
    comments = [
        (m.start(), m.end())
        for m in COMMENT.finditer(doc.text, section.body_start, section.body_end)
    ]
    pending = 0  # comments before it end before the current line (lines only move forward)
    first = doc.position(section.body_start)[0]
    for number in range(first, len(doc.line_starts) + 1):
        offset = doc.line_offset(number)
        if offset >= section.body_end:
            break
        if doc.in_code(offset):
            continue
        text = doc.line_text(number)
        end = offset + len(text)
        while pending < len(comments) and comments[pending][1] <= offset:
            pending += 1
        blanked = False
        for a, b in comments[pending:]:
            if a >= end:
                break
            a, b = max(a, offset) - offset, min(b, end) - offset
            text = text[:a] + " " * (b - a) + text[b:]
            blanked = True
        if blanked and not text.strip():
            continue  # the line held only comment text
        yield Line(number, offset, text)


def top_level_items(doc: Document, section: Section) -> list[Item]:
    """List items at the outermost indentation the section's lists use."""
    items: list[Item] = []
    outer: int | None = None
    for line in section_lines(doc, section):
        match = ITEM.match(line.text)
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
