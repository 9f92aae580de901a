"""Timeline kinds: entries that carry no readable time, and entries out of order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from blamelint.document.model import Document, Section
from blamelint.document.placeholders import find_placeholders
from blamelint.document.sectionlines import section_lines, top_level_items
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

_ROW = re.compile(r"^\s*\|(?P<cell>[^|\n]*)\|")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_TIME = re.compile(
    r"^[*_\s`]*(?:(?P<date>\d{4}-\d{2}-\d{2})(?:[ T]+|,\s*))?"
    r"(?:(?P<day>[JD])\s*\+\s*(?P<plus>\d+)\s+)?"
    r"(?P<hour>[01]?\d|2[0-3])\s*[:hH]\s*(?P<minute>[0-5]\d)(?::[0-5]\d)?(?!\d)"
    r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?"
)


@dataclass(frozen=True)
class Entry:
    line: int
    start: int
    end: int
    text: str
    moment: dt.datetime | None


def timeline_entries(doc: Document) -> list[Entry]:
    """Top-level list items and table body rows of the timeline section, with their times."""
    entries: list[Entry] = []
    for section in doc.sections:
        if section.canonical != "chronologie":
            continue
        found = [
            (item.line, item.start, item.end, item.content)
            for item in top_level_items(doc, section)
        ]
        found.extend(_table_rows(doc, section))
        base = dt.date(2000, 1, 1)
        for line, start, end, content in sorted(found):
            moment = _moment(content, base)
            if moment is not None:
                base = moment.date()  # undated entries belong to the last date given
            entries.append(Entry(line, start, end, content, moment))
    return entries


def _table_rows(doc: Document, section: Section) -> Iterator[tuple[int, int, int, str]]:
    header_seen = False
    for line in section_lines(doc, section):
        row = _ROW.match(line.text)
        if not row:
            header_seen = False
            continue
        if _SEPARATOR.match(line.text):
            continue
        if not header_seen:
            header_seen = True  # the header row names the columns
            continue
        cell = row.group("cell")
        lead = len(cell) - len(cell.lstrip())
        yield (
            line.number,
            line.offset + row.start("cell") + lead,
            line.offset + len(line.text.rstrip()),
            cell,
        )


def _moment(text: str, base: dt.date) -> dt.datetime | None:
    match = _TIME.match(text)
    if not match:
        return None
    day = base
    if match.group("date"):
        try:
            day = dt.date.fromisoformat(match.group("date"))
        except ValueError:
            return None
    if match.group("plus"):
        if len(match.group("plus")) > 6:
            return None  # "D+<5,000 digits>": no day to place, and int() would refuse it
        try:
            day += dt.timedelta(days=int(match.group("plus")))
        except OverflowError:
            return None
    hour = int(match.group("hour"))
    meridiem = (match.group("ampm") or "").lower()
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour != 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    return dt.datetime.combine(day, dt.time(hour, int(match.group("minute"))))


def _has_date(text: str) -> bool:
    match = _TIME.match(text)
    return bool(match and (match.group("date") or match.group("plus")))


@document_kind("timeline-format")
def timeline_format(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    entries = timeline_entries(doc)
    timed = sum(1 for e in entries if e.moment is not None)
    # Only a timeline that is mostly timed entries is held to it; free prose is left alone.
    if timed < max(2, len(entries) // 2):
        return
    for entry in entries:
        if entry.moment is None and not any(find_placeholders(entry.text[:40])):
            snippet = entry.text.strip()[:40]
            yield Hit(entry.start, entry.end, {"text": snippet})


@document_kind("timeline-order")
def timeline_order(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    rollover = dt.timedelta(hours=float(rule.options.get("rollover_hours", 12)))
    previous: dt.datetime | None = None
    for entry in timeline_entries(doc):
        moment = entry.moment
        if moment is None:
            continue
        if previous is not None and moment < previous:
            if previous - moment >= rollover and not _has_date(entry.text):
                # 23:50 then 00:10: the timeline went past midnight.
                moment += dt.timedelta(days=(previous - moment).days + 1)
            else:
                yield Hit(
                    entry.start,
                    entry.end,
                    {
                        "time": entry.moment.strftime("%H:%M"),
                        "previous": previous.strftime("%H:%M"),
                    },
                )
                continue
        previous = moment


KINDS = (timeline_format, timeline_order)
