"""Dates, times and durations as postmortem authors write them in metadata lines.

Accepted moments: `2026-03-01`, `2026-03-01 14:30`, `2026-03-01T14:30:05Z`,
`2026-03-01 14h30 UTC`, `2026-03-01 14:30 +02:00`, `2026-03-01 14:30 CET`, and a meeting
slot `2026-03-03 10:00–11:30 UTC` (which also gives the meeting's length). A trailing
parenthetical or a remark after `,`, `;` or a dash is ignored. Anything else is unreadable
(None): the rules then ask the author to fix it instead of guessing.

Durations: `90 min`, `1 h 30`, `1h30`, `1 h 30 min`, `2 heures`, `1.5 h`, `1:30`. A bare
number is unreadable: `90` could be minutes or hours.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Only zones whose offset is unambiguous; "IST" or "CST" mean different places.
_ZONES = {"Z": 0, "UTC": 0, "GMT": 0, "CET": 60, "CEST": 120, "WET": 0, "WEST": 60}
_TIME = r"\d{1,2}(?::|h)\d{2}(?::\d{2})?"
_MOMENT = re.compile(
    rf"""^\s*(?P<date>\d{{4}}-\d{{2}}-\d{{2}})
    (?:(?:T|\s+(?:at\s+|à\s+)?)(?P<time>{_TIME})
       (?:\s*(?:-|–|—|→|to|à)\s*(?P<end>{_TIME}))?)?
    (?:\s*(?P<zone>Z|UTC|GMT|CEST|CET|WEST|WET)?\s*(?P<offset>[+-]\d{{1,2}}(?::?\d{{2}})?)?)?
    (?P<rest>.*)$""",
    re.VERBOSE,
)
_REST_OK = re.compile(r"^\s*(?:$|[(,;]|[-–—]\s)")
_DURATION = re.compile(
    r"""^\s*(?:
        (?P<clock_h>\d{1,2}):(?P<clock_m>\d{2})
      | (?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:hours?|heures?|hrs|hr|h)\.?)?
        \s*(?:(?P<m>\d+)\s*(?P<unit>minutes?|mins|min|mn|m)?\.?)?
    )\s*(?P<rest>.*)$""",
    re.VERBOSE | re.IGNORECASE,
)
_EPOCH = dt.date(1, 1, 1)  # a Monday


@dataclass(frozen=True)
class Moment:
    date: dt.date
    time: dt.time | None = None
    offset_minutes: int | None = None
    minutes: float | None = None  # length of a `10:00–11:30` slot

    @property
    def has_time(self) -> bool:
        return self.time is not None

    def utc(self) -> dt.datetime:
        """The moment in UTC, without tzinfo. A time with no zone is taken as UTC, the
        convention of incident timelines (and of blamelint's templates)."""
        moment = dt.datetime.combine(self.date, self.time or dt.time())
        return moment - dt.timedelta(minutes=self.offset_minutes or 0)

    @classmethod
    def from_value(cls, value: dt.date) -> Moment:
        if isinstance(value, dt.datetime):
            offset = value.utcoffset()
            minutes = int(offset.total_seconds() // 60) if offset is not None else None
            return cls(value.date(), value.time().replace(tzinfo=None), minutes)
        return cls(value)


def _clock(text: str) -> dt.time | None:
    parts = re.split(r"[:h]", text)
    try:
        return dt.time(*(int(p) for p in parts))
    except ValueError:
        return None


def _offset(zone: str | None, offset: str | None) -> int | None:
    if zone is None and offset is None:
        return None
    minutes = _ZONES[zone] if zone else 0
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, mins = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        if int(hours) > 14 or int(mins) >= 60:
            return None
        minutes += sign * (int(hours) * 60 + int(mins))
    return minutes


def parse_moment(text: str) -> Moment | None:
    match = _MOMENT.match(str(text).strip().strip("'\""))
    if not match or not _REST_OK.match(match.group("rest")):
        return None
    try:
        day = dt.date.fromisoformat(match.group("date"))
    except ValueError:
        return None
    if match.group("time") is None:
        if match.group("zone") or match.group("offset"):
            return None
        return Moment(day)
    start = _clock(match.group("time"))
    end = _clock(match.group("end")) if match.group("end") else None
    if start is None or (match.group("end") and end is None):
        return None
    offset = _offset(match.group("zone"), match.group("offset"))
    if offset is None and (match.group("zone") or match.group("offset")):
        return None
    minutes = None
    if end is not None:
        length = dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
        if length < dt.timedelta(0):
            # 23:30–00:45: the meeting ran past midnight.
            length += dt.timedelta(days=1)
        minutes = length.total_seconds() / 60
    return Moment(day, start, offset, minutes)


def parse_duration(text: str) -> float | None:
    """Minutes in a written duration, or None when it cannot be read without guessing."""
    match = _DURATION.match(str(text))
    if not match or not _REST_OK.match(match.group("rest")):
        return None
    if match.group("clock_h") is not None:
        if int(match.group("clock_m")) >= 60:
            return None
        return int(match.group("clock_h")) * 60 + int(match.group("clock_m"))
    hours, minutes, unit = match.group("h"), match.group("m"), match.group("unit")
    if hours is None and (minutes is None or unit is None):
        return None
    total = float(hours.replace(",", ".")) * 60 if hours else 0.0
    if minutes is not None:
        total += int(minutes)
    return total


def business_seconds(moment: dt.datetime) -> float:
    """Seconds from a fixed Monday to `moment`, not counting Saturdays and Sundays.

    The difference of two values is the business time between two moments, in O(1): no
    loop over days, so absurd dates (year 9999) cost nothing.
    """
    days = (moment.date() - _EPOCH).days
    weeks, weekday = divmod(days, 7)
    elapsed = weeks * 5 * 86400 + min(weekday, 5) * 86400
    if weekday < 5:
        elapsed += moment.hour * 3600 + moment.minute * 60 + moment.second
    return float(elapsed)
