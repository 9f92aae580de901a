"""Metadata of a postmortem: YAML front matter keys and bold `**Key** : value` lines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .catalog import Catalog
from .model import Document, MetadataField

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
