"""Timeline kinds: entries that carry no readable time, and entries out of order.

Entries are read as teams write them: top-level list items, table rows (a time column, and a
date column when there is one), numbered or timed sub-headings (`### 21:10 proxy restarts`),
and paragraph lines that start with a time. A day changes with a day line or sub-heading
(`September 18, 2018:`, `### 2026-03-02`, `19. April`, `**Day 2**`), a date column, or a date
before the time of an entry (`2026-03-02 09:00`, `Mar 23 09:08`, `J+1 09:00`). Times may carry a
zone (`14:05 UTC`, `10:00 PST`, `+02:00`; an entry without one keeps the last zone given) and be
ISO date-times or `T+5m` times relative to the start (compared among themselves).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from blamelint.document.model import Document
from blamelint.document.placeholders import find_placeholders
from blamelint.document.sectionlines import section_lines
from blamelint.document.tables import is_table_delimiter
from blamelint.document.timeparse import Clock, read_clock, read_day, read_elapsed
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>.*?)[ \t#]*$")
_ITEM = re.compile(
    r"^(?P<indent>[ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?P<rest>.*)$"
)
_ROW = re.compile(r"^\s*\|")
# What may follow a date on a day line: punctuation, a zone, a weekday in parentheses.
_DAY_REST = re.compile(r"^[\s*_`:,.)\-–—]*(?:\(?[A-Za-z]{1,5}\)?)?[\s*_`:,.)\-–—]*$")
_TIME_COLUMNS = re.compile(
    r"(?i)^(?:time|times|heure|heures|timestamp|horodatage|when|quand|utc|at)\b"
)
_DATE_COLUMNS = re.compile(r"(?i)^(?:date|day|jour)\b")
_ELISION = re.compile(r"^[\s.…*_\[\]()-]*$")
_BASE = dt.date(2000, 1, 1)
_ELAPSED_BASE = dt.datetime(1900, 1, 1)


@dataclass(frozen=True)
class Entry:
    line: int
    start: int
    end: int
    text: str
    moment: dt.datetime | None  # UTC when the timeline names its zone
    dated: bool = False  # the day is known (a date or a day line), not guessed
    meridiem: str = ""
    elapsed: bool = False  # a `T+5m` time, comparable only with its kind
    own_date: bool = False  # the entry writes its date (`2026-03-02 09:00`)
    written: str = ""  # the time as written, for messages
    day: dt.date | None = None  # the day as written (a day line, a date), before any zone
    day_only: bool = False  # `**2026-05-11** — …`: a date and no time, ordered by day


def timeline_entries(doc: Document) -> list[Entry]:
    entries: list[Entry] = []
    for section in doc.sections:
        if section.canonical == "chronologie":
            entries.extend(_Reader(doc).read(section))
    return entries


def _entries_of(doc: Document, ctx: RunContext) -> tuple[Entry, ...]:
    """timeline_entries(doc), once per document and run (two rules read the same entries)."""
    return ctx.artefacts.get("timeline", (doc,), lambda: tuple(timeline_entries(doc)))


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.day: dt.date = _BASE
        self.dated = False
        self.plus = 0
        self.zone: int | None = None
        self.year = _BASE.year

    def read(self, section) -> list[Entry]:
        incident = self.doc.metadata.get("date")
        value = getattr(incident, "value", None)
        if isinstance(value, dt.date):
            self.year = value.year
        found: list[Entry] = []
        outer: int | None = None
        day_item_indent: int | None = None
        columns: tuple[int, int | None, bool] | None = None
        # Under a heading that is an entry (`### 17:14`, `### 2026-03-02 failover`) list items
        # without a time of their own are its details (observations, links), not entries
        # missing one. A heading naming only a day (`### 2026-03-02`) is no entry.
        under_entry_heading = False
        for line in section_lines(self.doc, section):
            text = line.text
            heading = _HEADING.match(text)
            if heading:
                outer, day_item_indent, columns = None, None, None
                under_entry_heading = False
                title_at = heading.start("title")
                if not self._day_line(text, title_at):
                    entry = self._entry(line, title_at, len(text.rstrip()), require_time=True)
                    if entry:
                        found.append(entry)
                        under_entry_heading = True
                continue
            if _ROW.match(text):
                outer = None
                entry, columns = self._row(line, columns)
                if entry:
                    found.append(entry)
                continue
            columns = None
            item = _ITEM.match(text)
            if item:
                indent = len(item.group("indent").replace(">", "").expandtabs(4))
                if outer is None or indent < outer:
                    outer = indent
                if indent > outer and not (
                    day_item_indent is not None and indent > day_item_indent
                ):
                    continue  # a detail of the entry above
                if indent == outer:
                    day_item_indent = None
                    if self._day_line(text, item.start("rest")):
                        day_item_indent = indent  # `- March 2` over the day's entries
                        continue
                entry = self._entry(
                    line, item.start("rest"), len(text.rstrip()), require_time=under_entry_heading
                )
                if entry:
                    found.append(entry)
                continue
            if not text.strip():
                continue
            outer = None
            if self._day_line(text, 0):
                continue
            entry = self._entry(line, 0, len(text.rstrip()), require_time=True)
            if entry:
                found.append(entry)
        return found

    def _day_line(self, text: str, at: int) -> bool:
        """A line that only names a day: it sets the day of the entries after it."""
        day = read_day(text, at, self.year)
        if day is None or not _DAY_REST.match(text[day.end :]):
            return False
        self._set_day(day)
        return True

    def _set_day(self, day) -> None:
        if day.date is not None:
            self.day, self.dated, self.plus = day.date, True, 0
            if day.has_year:
                self.year = day.date.year
        else:
            self.plus, self.dated = day.plus_days, True

    def _entry(self, line, at: int, end: int, require_time: bool = False):
        text = line.text
        saved = (self.day, self.dated, self.plus, self.year)
        day = read_day(text, at, self.year)
        pos = at
        if day is not None:
            self._set_day(day)
            pos = re.compile(r"[\s,T]*").match(text, day.end).end()
        content = text[at:end]
        start, stop = line.offset + at, line.offset + end
        elapsed = read_elapsed(text, pos)
        if elapsed is not None:
            moment = _ELAPSED_BASE + dt.timedelta(minutes=elapsed)
            written = text[pos : pos + 12].split()[0] if text[pos:].split() else ""
            return Entry(line.number, start, stop, content, moment, True, "", True, True, written)
        clock = read_clock(text, pos)
        if clock is None and day is not None and day.date is not None:
            moment = dt.datetime.combine(day.date, dt.time())
            written = text[_lead_end(text, at) : day.end].strip(" *_`")
            return Entry(
                line.number,
                start,
                stop,
                content,
                moment,
                True,
                "",
                False,
                True,
                written,
                day.date,
                True,
            )
        if clock is None:
            (self.day, self.dated, self.plus, self.year) = saved
            return None if require_time else Entry(line.number, start, stop, content, None)
        written = text[_lead_end(text, pos) : clock.end].strip()
        return Entry(
            line.number,
            start,
            stop,
            content,
            self._moment(clock),
            self.dated,
            clock.meridiem,
            False,
            day is not None,
            written,
            self.day + dt.timedelta(days=self.plus),
        )

    def _moment(self, clock: Clock) -> dt.datetime:
        if clock.zone_minutes is not None:
            self.zone = clock.zone_minutes
        hour = clock.hour
        if clock.meridiem == "p" and hour != 12:
            hour += 12
        elif clock.meridiem == "a" and hour == 12:
            hour = 0
        day = self.day + dt.timedelta(days=self.plus)
        moment = dt.datetime.combine(day, dt.time(hour, clock.minute))
        return moment - dt.timedelta(minutes=self.zone or 0)

    def _row(self, line, columns):
        """A table row: the header names the time and date columns; body rows are entries."""
        cells = _cells(line.text)
        if is_table_delimiter(line.text):
            return None, columns
        if columns is None:
            names = [line.text[s:e].strip("*_ ") for s, e in cells]
            time_col = next((i for i, n in enumerate(names) if _TIME_COLUMNS.match(n)), None)
            date_col = next((i for i, n in enumerate(names) if _DATE_COLUMNS.match(n)), None)
            if time_col is None and date_col is not None:
                time_col = date_col  # `| Date | Event |` holding date-times
            timed = time_col is not None or date_col is not None
            return None, (time_col if time_col is not None else 0, date_col, timed)
        time_col, date_col, timed = columns
        if date_col is not None and date_col != time_col and date_col < len(cells):
            s = cells[date_col][0]
            day = read_day(line.text, s, self.year)
            if day is not None:
                self._set_day(day)
        if time_col >= len(cells):
            return None, columns
        # A table whose header names no time or date column holds times only where it says.
        return self._entry(
            line, cells[time_col][0], len(line.text.rstrip()), require_time=not timed
        ), columns


def _cells(text: str) -> list[tuple[int, int]]:
    bounds = [i for i, c in enumerate(text) if c == "|" and (i == 0 or text[i - 1] != "\\")]
    cells = []
    for left, right in itertools.pairwise(bounds):
        start, end = left + 1, right
        while start < end and text[start] == " ":
            start += 1
        cells.append((start, end))
    return cells


@document_kind("timeline-format")
def timeline_format(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    entries = _entries_of(doc, ctx)
    timed = sum(1 for e in entries if e.moment is not None)
    # Only a timeline that is mostly timed entries is held to it; free prose is left alone.
    if timed < max(2, len(entries) // 2):
        return
    for entry in entries:
        if entry.moment is None and _ELISION.match(entry.text):
            continue  # `- ...`: entries left out on purpose
        if entry.moment is None and not any(find_placeholders(entry.text[:40])):
            snippet = entry.text.strip()[:40]
            yield Hit(entry.start, entry.end, {"text": snippet})


@document_kind("timeline-order")
def timeline_order(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    """Only real inversions: a timeline past midnight, a 12-hour clock written without AM/PM
    and a new day (a day line, a date) are not."""
    rollover = dt.timedelta(hours=float(rule.options.get("rollover_hours", 12)))
    entries = [e for e in _entries_of(doc, ctx) if e.moment is not None]
    # A timeline that writes 13:00-23:59 uses a 24-hour clock; else 1:05 after 12:50 is PM.
    twelve_hour = not any(e.moment.hour >= 13 or e.meridiem for e in entries if not e.elapsed)
    previous: dict[bool, tuple[Entry, dt.datetime]] = {}
    shift: dict[bool, dt.timedelta] = {False: dt.timedelta(0), True: dt.timedelta(0)}
    for entry in entries:
        kind = entry.elapsed
        last = previous.get(kind)
        new_day = last is not None and last[0].day != entry.day
        if entry.own_date or new_day:
            shift[kind] = dt.timedelta(0)  # a new day: what was carried past midnight ends
        moment = entry.moment + shift[kind]
        if last is not None and (entry.day_only or last[0].day_only):
            if entry.day < last[0].day:  # a timeline by days: compared by day
                yield Hit(
                    entry.start, entry.end, {"time": entry.written, "previous": last[0].written}
                )
            previous[kind] = (entry, moment)
            continue
        if last is not None:
            before = last[1]
            if moment < before and not (entry.own_date or new_day or kind):
                gap = before - moment
                extra = dt.timedelta(0)
                if gap >= rollover:
                    extra = dt.timedelta(days=gap.days + 1)  # 23:50 then 00:10: past midnight
                elif (
                    twelve_hour
                    and not entry.meridiem
                    and before.hour in (11, 12)
                    and gap <= dt.timedelta(hours=12)
                ):
                    extra = dt.timedelta(hours=12)  # 12:50 then 1:05: the afternoon
                shift[kind] += extra
                moment += extra
            if moment < before:
                yield Hit(
                    entry.start, entry.end, {"time": entry.written, "previous": last[0].written}
                )
                # One defect, one finding: the entries after it are compared with it.
        previous[kind] = (entry, moment)


_LEAD = re.compile(r"[\s*_`~\[(>|]*")


def _lead_end(text: str, pos: int) -> int:
    return _LEAD.match(text, pos).end()


KINDS = (timeline_format, timeline_order)
