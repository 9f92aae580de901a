"""Metadata of a postmortem: YAML front matter keys, bold `**Key** : value` lines, plain
`Key: value` lines and key/value tables before the first section, and the date in the file
name (`2026-03-01-db-outage.md`) when no field gives the incident date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .catalog import Catalog
from .model import Document, MetadataField
from .tables import is_table_delimiter
from .timeparse import read_day

# `**Date** : 2026-03-01`, `**Date**: …`, `**Date:** …`, `- **Date**: …`, `__Date__: …`
_BOLD_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<mark>\*\*|__)(?P<key>[^*_\n]{1,60}?)[ \t]*(?P<inner>:?)[ \t]*"
    r"(?P=mark)[ \t]*(?P<outer>:?)[ \t]*(?P<value>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any, strict: bool = False) -> dt.date | None:
    """A real calendar date from an ISO 8601 `YYYY-MM-DD` string or a YAML date.

    Not strict, text may follow the date (`2026-03-01 14:30 UTC`); strict, it may not.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not _ISO_DATE.match(text[:10]) or (strict and len(text) != 10):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _typed(value: Any, kind: str | None) -> Any:
    if kind == "date":
        parsed = parse_date(value)
        if parsed is None and isinstance(value, str):
            # `February 9, 2017`, `9 février 2017`: a written date with its year.
            day = read_day(value)
            if day is not None and day.has_year and day.date is not None:
                rest = value[day.end :].strip()
                if not rest or rest[0] in "(,;-–—" or re.match(r"\d{1,2}[:h]\d{2}", rest):
                    parsed = day.date
        return parsed if parsed is not None else value
    return value


def front_matter_metadata(doc: Document, fields: Catalog) -> dict[str, MetadataField]:
    found: dict[str, MetadataField] = {}
    data = doc.front_matter
    if not data:
        return found
    key_lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        canonical = fields.match(str(key))
        if canonical is None or canonical in found:
            continue
        line = key_lines.get(key, 2)
        line_text = doc.line_text(line)
        colon = line_text.find(":")
        value_start = doc.line_offset(line) + (colon + 1 if colon >= 0 else 0)
        raw = line_text[colon + 1 :] if colon >= 0 else ""
        stripped = raw.lstrip()
        value_start += len(raw) - len(stripped)
        raw = stripped.rstrip()
        entry = fields.entries[canonical]
        found[canonical] = MetadataField(
            key=str(key),
            canonical=canonical,
            value=_typed(value, entry.extra.get("type")),
            raw=raw if value is not None else "",
            line=line,
            value_offset=value_start,
            value_end=value_start + len(raw),
            source="front_matter",
        )
    return found


def _metadata_region_end(doc: Document) -> int:
    """Bold metadata lines count only before the first section heading."""
    headings = list(doc.headings)
    if headings and headings[0].level == 1:
        headings = headings[1:]  # the title comes before the metadata lines
    return headings[0].offset if headings else len(doc.text)


def bold_metadata(doc: Document, fields: Catalog) -> dict[str, MetadataField]:
    found: dict[str, MetadataField] = {}
    limit = _metadata_region_end(doc)
    for match in _BOLD_LINE.finditer(doc.text, 0, limit):
        if not (match.group("inner") or match.group("outer")):
            continue
        if doc.in_code(match.start()):
            continue
        canonical = fields.match(match.group("key"))
        if canonical is None or canonical in found:
            continue
        raw = match.group("value")
        entry = fields.entries[canonical]
        found[canonical] = MetadataField(
            key=match.group("key").strip(),
            canonical=canonical,
            value=_typed(raw, entry.extra.get("type")),
            raw=raw,
            line=doc.position(match.start())[0],
            value_offset=match.start("value"),
            value_end=match.end("value"),
            source="bold",
        )
    return found


# `Date: 2026-03-01`, `- Severity: SEV-2`: a plain key line (the key in the catalog).
_PLAIN_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<key>[^\W\d_][^:|\n*_`]{0,40}?)[ \t]*:[ \t]+"
    r"(?P<value>\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_TABLE_LINE = re.compile(r"^[ \t]*\|(?P<cells>.*)\|?[ \t]*$")
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")


def plain_metadata(doc: Document, fields: Catalog) -> dict[str, MetadataField]:
    """`Key: value` lines and key/value tables before the first section."""
    found: dict[str, MetadataField] = {}
    limit = _metadata_region_end(doc)
    for match in _PLAIN_LINE.finditer(doc.text, 0, limit):
        if doc.in_code(match.start()) or _inside_front_matter(doc, match.start()):
            continue
        canonical = fields.match(match.group("key"))
        if canonical is None or canonical in found:
            continue
        found[canonical] = _field(doc, fields, canonical, match.group("key"), match, "plain")
    for canonical, field_ in _table_metadata(doc, fields, limit).items():
        found.setdefault(canonical, field_)
    return found


def _inside_front_matter(doc: Document, offset: int) -> bool:
    if not doc.front_matter_lines:
        return False
    return offset < doc.line_offset(doc.front_matter_lines[1] + 1)


def _field(doc, fields, canonical, key, match, source) -> MetadataField:
    raw = match.group("value")
    return MetadataField(
        key=key.strip(),
        canonical=canonical,
        value=_typed(raw, fields.entries[canonical].extra.get("type")),
        raw=raw,
        line=doc.position(match.start("value"))[0],
        value_offset=match.start("value"),
        value_end=match.end("value"),
        source=source,
    )


def _cells(line: str, base: int) -> list[tuple[str, int, int]]:
    body = line.strip()
    start = base + line.index(body) + (1 if body.startswith("|") else 0)
    text = body[1:] if body.startswith("|") else body
    text = text[:-1] if text.endswith("|") else text
    cells, cursor = [], start
    for piece in text.split("|"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        cells.append((stripped.strip("*_ "), cursor + lead, cursor + lead + len(stripped)))
        cursor += len(piece) + 1
    return cells


def _table_metadata(doc: Document, fields: Catalog, limit: int) -> dict[str, MetadataField]:
    """`| Date | 2026-03-01 |` rows (key, value), or a header of keys over one row of values."""
    found: dict[str, MetadataField] = {}
    rows: list[list[tuple[str, int, int]]] = []
    number = 1
    while number <= len(doc.line_starts) and doc.line_offset(number) < limit:
        offset = doc.line_offset(number)
        text = doc.line_text(number)
        number += 1
        if doc.in_code(offset) or _inside_front_matter(doc, offset):
            continue
        if _TABLE_LINE.match(text) and not is_table_delimiter(text):
            rows.append(_cells(text, offset))
            continue
        if is_table_delimiter(text) and rows:
            continue
        found.update({k: v for k, v in _read_table(doc, fields, rows).items() if k not in found})
        rows = []
    found.update({k: v for k, v in _read_table(doc, fields, rows).items() if k not in found})
    return found


def _read_table(doc, fields, rows) -> dict[str, MetadataField]:
    found: dict[str, MetadataField] = {}
    if not rows:
        return found
    header = [fields.match(cell[0]) if cell[0] else None for cell in rows[0]]
    if len(rows) == 2 and sum(1 for c in header if c) >= 2:  # keys over values
        pairs = [
            (rows[0][i][0], c, rows[1][i]) for i, c in enumerate(header) if c and i < len(rows[1])
        ]
    else:  # one key and its value per row
        pairs = [
            (row[0][0], fields.match(row[0][0]), row[1])
            for row in rows
            if len(row) >= 2 and row[0][0]
        ]
    for key, canonical, (value, start, end) in pairs:
        if canonical is None or canonical in found or not value:
            continue
        found[canonical] = MetadataField(
            key=key,
            canonical=canonical,
            value=_typed(value, fields.entries[canonical].extra.get("type")),
            raw=doc.text[start:end],
            line=doc.position(start)[0],
            value_offset=start,
            value_end=end,
            source="table",
        )
    return found


def file_name_date(doc: Document) -> MetadataField | None:
    """The incident date from a file named `2026-03-01-db-outage.md`, as a last resort."""
    name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    match = _FILE_DATE.match(name)
    date = parse_date(match.group(1)) if match else None
    if date is None:
        return None
    return MetadataField("file name", "date", date, match.group(1), 1, 0, 0, "file_name")
