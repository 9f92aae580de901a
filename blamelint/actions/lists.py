"""Action items as teams write them in their actions section: every list item is one.

In the actions section (and only there) each outer bullet or numbered item is an action,
whatever it carries: `- Add an alert on p99 latency (owner: @sre, due 2026-03-15)`,
`1. Store the hub db in a cloud database.`, `- [ ] ACT-001 …`. What stands under an item
belongs to it: continuation lines, and sub-bullets, which give fields when they read
`Owner: @sre` / `**Due**: 2026-03-15` (a nested item with an id of its own is its own action).
A numbered sub-heading (`### 2) Better CPU alerting @dma`) is an item too, with `Key: value`
lines of its body as fields. Without a field, the text still tells: an `@handle` is the owner,
`by 2026-03-15` / `due 2026-03-15` the deadline, an issue link or a tracker key the ticket.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from blamelint.document.model import Document, Section
from blamelint.document.sectionlines import ITEM

from .items import ActionItem, canonical_field
from .markdown import (
    MAX_LINE,
    _group_fields,
    _make_item,
    _parse_item_text,
    section_lines,
)


def _item(text: str) -> re.Match[str] | None:
    """The one list-item pattern, for an item with text after its marker."""
    match = ITEM.match(text)
    return match if match is not None and match.group("rest").strip() else None


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<title>.*?)[ \t#]*$")
_NUMBERED_TITLE = re.compile(r"^(?P<num>\d{1,3})[.)][ \t]+(?P<rest>\S.*)$")
_TABLE = re.compile(r"^\s*\|")
# `Owner: @sre`, `**Due**: 2026-03-15`, `- Validation — alert fires` on a sub-line.
_KEY_LINE = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?"
    r"(?P<mark>\*\*|__)?(?P<key>[^:*_\n]{1,40}?)(?P=mark)?[ \t]*:(?P=mark)?[ \t]*"
    r"(?P<value>\S.*?)[ \t]*$"
)
_HANDLE = re.compile(r"(?<![\w.@/])@(?P<handle>[A-Za-z0-9][\w.-]*[A-Za-z0-9]|[A-Za-z0-9])(?![\w@])")
_LEAD_IN = re.compile(r"[:：]\s*(?:\*\*|__)?\s*$")
_BY_DATE = re.compile(
    r"(?i:\b(?:due(?:\s+(?:on|by))?|by|before|until|deadline|avant\s+le|d'ici\s+le|pour\s+le|"
    r"échéance|echeance)\s*:?\s+)(?P<date>\d{4}-\d{2}-\d{2})\b"
)
_ISSUE_LINK = re.compile(
    r"\[(?P<text>[^\]\n]{1,80})\]\((?P<url>https?://[^)\s]+)\)|(?P<bare>https?://[^\s)>\]]+)"
)
_TRACKER_URL = re.compile(r"/(?:issues|pull|pulls|merge_requests|browse|tickets?)/[\w-]+", re.I)
_TRACKER_KEY = re.compile(r"(?<![\w/-])(?P<key>[A-Z][A-Z0-9_]{1,9}-\d+)(?![\w-])")


@dataclass
class _Draft:
    line: int
    offset: int
    text: str
    indent: int
    heading: bool = False
    lead_in: bool = False
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # lines under the item


def list_items(doc: Document, section: Section) -> Iterator[ActionItem]:
    """The actions of the section's lists and numbered sub-headings, in order."""
    for draft in _drafts(doc, section):
        if not draft.lead_in:
            yield from _items_of(doc, draft)


def _visible_lines(doc: Document, section: Section) -> Iterator[tuple[int, int, str]]:
    # section_lines blanks HTML comments and skips lines that held only one.
    for line in section_lines(doc, section):
        yield line.number, line.offset, line.text


def _width(text: str) -> int:
    lead = text[: len(text) - len(text.lstrip(" \t>"))]
    return len(lead.replace(">", "").expandtabs(4))


def _drafts(doc: Document, section: Section) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    outer: int | None = None
    blank = False
    for number, offset, text in _visible_lines(doc, section):
        heading = _HEADING.match(text)
        if heading:
            current, outer = None, None
            title = heading.group("title")
            numbered = _NUMBERED_TITLE.match(title)
            if numbered:
                start = heading.start("title") + numbered.start("rest")
                # `indent` of a heading draft: where its description starts on the line.
                current = _Draft(number, offset, text, start, heading=True)
                drafts.append(current)
            continue
        if _TABLE.match(text):
            if current is not None and not current.heading:
                current, outer = None, None
            continue
        if not text.strip():
            blank = True
            continue
        if current is not None and current.heading:
            current.lines.append((number, offset, text))  # the body of a numbered sub-heading
            continue
        item = _item(text) if len(text) <= MAX_LINE else None
        indent = _width(text)
        lead_in = current is not None and current.lead_in and indent > current.indent
        if item is not None and (outer is None or indent <= outer + 1 or lead_in):
            if outer is None or indent < outer or lead_in:
                outer = indent
            current = _Draft(number, offset, text, indent)
            # `- Short term:` introduces the items under it; it is not an action itself.
            current.lead_in = bool(_LEAD_IN.search(text)) and "(" not in text
            drafts.append(current)
            blank = False
            continue
        if current is not None and (indent >= 2 or not blank):
            current.lines.append((number, offset, text))  # under the item: continuation
        else:
            current, outer = None, None  # a paragraph after the list ends it
        blank = False
    return drafts


def _items_of(doc: Document, draft: _Draft) -> Iterator[ActionItem]:
    if draft.heading:
        end = len(draft.text.rstrip().rstrip("#").rstrip())
        values, _ = _parse_item_text(draft.text, draft.indent, end)
        source = "heading"
    else:
        match = _item(draft.text)
        values, _ = _parse_item_text(draft.text, match.start("rest"), match.end("rest"))
        box = match.group("box")
        if box is not None and "status" not in values:
            values["status"] = ("done" if box in "xX" else "open", match.span("box"))
        source = "checklist"
    # Fields found below the first line: value, absolute span, line number.
    below: dict[str, tuple[Any, tuple[int, int], int]] = {}
    own: list[tuple[int, int, str]] = []
    for number, offset, text in draft.lines:
        nested = _item(text)
        if nested is not None and not draft.heading:
            fields, structured = _parse_item_text(text, nested.start("rest"), nested.end("rest"))
            if "id" in fields and structured:
                own.append((number, offset, text))  # a sub-action with an id of its own
                continue
        for name, (value, (s, e)) in _key_fields(text).items():
            if name not in values and name not in below:
                below[name] = (value, (offset + s, offset + e), number)
    lines = [(draft.line, draft.offset, draft.text), *draft.lines]
    for name, guessed in _guess(lines, values).items():
        if name not in values and name not in below:
            below[name] = guessed
    item = _make_item(
        doc,
        {**values, **{n: (v, (0, 0)) for n, (v, _, _) in below.items()}},
        draft.line,
        draft.offset,
        draft.offset,
        draft.offset + len(draft.text),
        source,
        doc.path,
    )
    if below:
        item = replace(
            item,
            spans=MappingProxyType({**item.spans, **{n: sp for n, (_, sp, _) in below.items()}}),
            lines=MappingProxyType({**item.lines, **{n: ln for n, (_, _, ln) in below.items()}}),
        )
    yield item
    for number, offset, text in own:
        yield from _items_of(doc, _Draft(number, offset, text, _width(text)))


def _key_fields(text: str) -> dict[str, tuple[Any, tuple[int, int]]]:
    """Fields of a line under an item: `Owner: @sre`, or `owner: a, deadline: b` in a row."""
    match = _KEY_LINE.match(text)
    if match is None or canonical_field(match.group("key")) is None:
        return {}
    start = match.start("key") - (len(match.group("mark") or ""))
    fields = _group_fields(text.replace("**", "  ").replace("__", "  "), start, len(text), [])
    return {name: value for name, value in fields.items() if canonical_field(name) or name}


def _guess(
    lines: list[tuple[int, int, str]], values: dict[str, Any]
) -> dict[str, tuple[Any, tuple[int, int], int]]:
    """Owner, deadline and ticket that the item's text gives without a field name."""
    found: dict[str, tuple[Any, tuple[int, int], int]] = {}
    own_id = values.get("id", (None,))[0]
    for number, offset, text in lines:
        handle = _HANDLE.search(text)
        if handle and "owner" not in found:
            found["owner"] = ("@" + handle.group("handle"), _shift(handle.span(), offset), number)
        due = _BY_DATE.search(text)
        if due and "deadline" not in found:
            found["deadline"] = (due.group("date"), _shift(due.span("date"), offset), number)
        if "ticket" in found:
            continue
        for link in _ISSUE_LINK.finditer(text):
            url = link.group("url") or link.group("bare")
            label = link.group("text") or ""
            if _TRACKER_URL.search(url) or re.search(r"(?i)\b(?:issue|ticket|bug|pr)\b", label):
                span = link.span("url") if link.group("url") else link.span("bare")
                found["ticket"] = (url, _shift(span, offset), number)
                break
        else:
            for key in _TRACKER_KEY.finditer(text):
                if key.group("key") != own_id:
                    found["ticket"] = (key.group("key"), _shift(key.span("key"), offset), number)
                    break
    return found


def _shift(span: tuple[int, int], offset: int) -> tuple[int, int]:
    return span[0] + offset, span[1] + offset
