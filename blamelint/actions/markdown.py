"""Action items written as Markdown: checklist lines and tables in the actions section.

Checklist: `- [ ] ACT-101 Description (owner: team, deadline: 2026-01-30, validation: …)`, with
the field group found as the parenthesised group that starts with a known key (the description
may hold parentheses of its own, the validation commas and inline code); `[x]` means done. The
template's short form `- [ ] Action 1 (owner, deadline)` is read positionally. Tables count when
their header names at least two of the core fields (English or French).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from blamelint.document.model import Document, Section
from blamelint.document.sectionlines import ITEM, section_lines
from blamelint.document.tables import is_table_delimiter

from .items import (
    CORE_FIELDS,
    ActionItem,
    build_item,
    canonical_field,
    field_aliases,
    normalise_status,
)


@cache
def _key_regex() -> re.Pattern[str]:
    """`key :` for every alias, accents optional (teams type `echeance`), longest first."""
    keys = sorted({a for a in field_aliases() if a not in ("#", "x")}, key=len, reverse=True)
    # A deadline may also be written without a colon: `due 2026-03-15`, `by 2026-03-15`.
    return re.compile(
        r"(?<![\w-])(?:(" + "|".join(_accent_insensitive(k) for k in keys) + r")\s*:"
        r"|(due(?:\s+(?:on|by))?|by|before|avant\s+le|d'ici\s+le)\s+(?=\d{4}-\d{2}-\d{2}\b))",
        re.IGNORECASE,
    )


def _accent_insensitive(folded: str) -> str:
    classes = {
        "e": "[eéèêë]",
        "a": "[aàâä]",
        "i": "[iîï]",
        "o": "[oôö]",
        "u": "[uùûü]",
        "c": "[cç]",
    }
    return "".join(classes.get(c, re.escape(c)) for c in folded).replace(r"\ ", r"\s+")


# ---------------------------------------------------------------- checklist lines

# The id opens the item: ACT-001, **ACT-001**, `ACT-001`, [ACT-001], then a space or a colon.
_ID = re.compile(
    r"(?P<open>\*\*|__|`|\[)?(?P<id>[A-Z][A-Z0-9_]*-\d+)(?:\*\*|__|`|\])?"
    r"(?=[\s:]|$)[:\s]*(?:[-–—][ \t]+)?"
)
_SHORT_DEADLINE = re.compile(
    r"^(?:\d{4}-\d{1,2}-\d{1,2}|yyyy-mm-dd|aaaa-mm-jj|deadline|due|"
    r"[ée]ch[ée]ance|date)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s*")
# An action fits on a line of a few hundred characters; far longer lines are not parsed.
MAX_LINE = 20_000
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _code_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CODE_SPAN.finditer(text)]


def _inside(ranges: list[tuple[int, int]], index: int) -> bool:
    return any(start <= index < end for start, end in ranges)


def _strip_range(text: str, start: int, end: int, chars: str = " \t,;") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def checklist_items(doc: Document, section: Section) -> Iterator[ActionItem]:
    for line in section_lines(doc, section):
        number, offset, text = line.number, line.offset, line.text
        match = ITEM.match(text) if len(text) <= MAX_LINE else None
        if match is None or not match.group("rest").strip():
            continue
        rest_end = match.start("rest") + len(match.group("rest").rstrip(" \t"))
        values, structured = _parse_item_text(text, match.start("rest"), rest_end)
        lead = match.group("lead")
        nested = len(lead[: len(lead) - len(lead.lstrip())].expandtabs(4)) >= 2
        if not structured and (match.group("box") is None or nested):
            # A plain bullet is an action only when it carries an id or a field group, and an
            # indented checkbox without them is a sub-task of the action above.
            continue
        box = match.group("box")
        if box is not None and "status" not in values:
            values["status"] = ("done" if box in "xX" else "open", match.span("box"))
        yield _make_item(
            doc,
            values,
            number,
            offset,
            offset + match.start(),
            offset + len(text),
            "checklist",
            doc.path,
        )


def _parse_item_text(
    text: str, start: int, end: int
) -> tuple[dict[str, tuple[Any, tuple[int, int]]], bool]:
    """Field → (value, (start, end) in `text`) and whether the item had an id or field group."""
    values: dict[str, tuple[Any, tuple[int, int]]] = {}
    position = start
    id_match = _ID.match(text, start, end)
    if id_match:
        values["id"] = (id_match.group("id"), id_match.span("id"))
        position = id_match.end()
    codes = _code_ranges(text)
    group = _field_group(text, position, end, codes)
    structured = bool(id_match) or group is not None
    if group is not None:
        open_paren, close_paren = group
        values.update(_group_fields(text, open_paren + 1, close_paren, codes))
        description_end = open_paren
    else:
        description_end = end
        short = _short_form(text, position, end)
        if short is not None:
            description_end, fields = short
            values.update(fields)
            structured = True
    d_start, d_end = _strip_range(text, position, description_end, " \t-–—:")
    if d_end > d_start:
        values["description"] = (text[d_start:d_end], (d_start, d_end))
    return values, structured


def _field_group(text: str, start: int, end: int, codes) -> tuple[int, int] | None:
    """The parenthesised group that starts with a field key, and its closing parenthesis."""
    keys = _key_regex()
    for index in range(start, end):
        if text[index] != "(" or _inside(codes, index):
            continue
        if keys.match(text, _SPACES.match(text, index + 1).end()) is None:
            continue
        depth = 0
        for close in range(index, end):
            if _inside(codes, close):
                continue
            depth += {"(": 1, ")": -1}.get(text[close], 0)
            if depth == 0:
                return index, close
        return index, end  # unclosed: the group runs to the end of the line
    return None


def _group_fields(text: str, start: int, end: int, codes) -> dict[str, tuple[Any, tuple[int, int]]]:
    keys = [m for m in _key_regex().finditer(text, start, end) if not _inside(codes, m.start())]
    # A key starts the group or follows a separator; the validation text is last and may hold
    # commas or words like "type:" (a returned value), so nothing after it is split off.
    keys = [
        m
        for m in keys
        if not text[start : m.start()].strip() or text[: m.start()].rstrip()[-1:] in ",;"
    ]
    fields: dict[str, tuple[Any, tuple[int, int]]] = {}
    for index, key in enumerate(keys):
        name = (canonical_field(key.group(1)) or key.group(1)) if key.group(1) else "deadline"
        value_end = keys[index + 1].start() if index + 1 < len(keys) else end
        if name == "validation":
            value_end = end
        v_start, v_end = _strip_range(text, key.end(), value_end)
        fields.setdefault(name, (text[v_start:v_end], (v_start, v_end)))
        if name == "validation":
            break
    return fields


def _short_form(text: str, start: int, end: int):
    """`Action 1 (owner, deadline[, validation])`: a trailing group of positional fields."""
    match = re.search(r"\(([^()]*)\)$", text[start:end])
    if match is None:
        return None
    inner_start = start + match.start(1)
    parts, cursor = [], inner_start
    for piece in match.group(1).split(","):
        parts.append(_strip_range(text, cursor, cursor + len(piece)))
        cursor += len(piece) + 1
    if not 2 <= len(parts) <= 3 or not _SHORT_DEADLINE.match(text[slice(*parts[1])]):
        return None
    names = ("owner", "deadline", "validation")
    fields = {n: (text[s:e], (s, e)) for n, (s, e) in zip(names, parts, strict=False) if e > s}
    return start + match.start(), fields


# ---------------------------------------------------------------- tables


def _cells(text: str) -> list[tuple[int, int]]:
    """Cell ranges of a table row, honouring `\\|` and pipes inside code spans."""
    codes = _code_ranges(text)
    bounds = [
        i
        for i, c in enumerate(text)
        if c == "|" and (i == 0 or text[i - 1] != "\\") and not _inside(codes, i)
    ]
    first, last = 0, len(text)
    if text.strip().startswith("|"):
        first = bounds.pop(0) + 1 if bounds else 0
    if text.rstrip().endswith("|") and bounds:
        last = bounds.pop()
    cells, cursor = [], first
    for bound in [*bounds, last]:
        cells.append(_strip_range(text, cursor, bound, " \t"))
        cursor = bound + 1
    return cells


def table_items(doc: Document, section: Section) -> Iterator[ActionItem]:
    lines = [(line.number, line.offset, line.text) for line in section_lines(doc, section)]
    index = 0
    while index + 1 < len(lines):
        number, _, header = lines[index]
        delimiter = lines[index + 1]
        if "|" not in header or delimiter[0] != number + 1 or not is_table_delimiter(delimiter[2]):
            index += 1
            continue
        columns = [canonical_field(header[s:e]) for s, e in _cells(header)]
        core = {c for c in columns if c in CORE_FIELDS}
        # Two action columns, or a column of actions (`| Action | Ticket |`, `| Action |`).
        if len(core) < 2 and "description" not in core:
            index += 2
            continue
        index += 2
        while (
            index < len(lines)
            and lines[index][0] == lines[index - 1][0] + 1
            and "|" in lines[index][2]
            and lines[index][2].strip()
        ):
            yield _table_row(doc, columns, *lines[index])
            index += 1


def _table_row(
    doc: Document, columns: list[str | None], number: int, offset: int, text: str
) -> ActionItem:
    values: dict[str, tuple[Any, tuple[int, int]]] = {}
    for name, (start, end) in zip(columns, _cells(text), strict=False):
        if name is None or end <= start or name in values:
            continue
        value = text[start:end].replace("\\|", "|")
        if name == "status":
            value = normalise_status(value)
        values[name] = (value, (start, end))
    return _make_item(doc, values, number, offset, offset, offset + len(text), "table", doc.path)


def _make_item(
    doc: Document,
    values: dict[str, tuple[Any, tuple[int, int]]],
    line: int,
    base: int,
    start: int,
    end: int,
    source: str,
    path: str,
) -> ActionItem:
    spans = {name: (base + s, base + e) for name, (_, (s, e)) in values.items()}
    return build_item(
        {n: v for n, (v, _) in values.items()},
        line=line,
        start=start,
        end=end,
        source=source,
        file=path,
        spans=spans,
        lines={n: line for n in values},
    )
