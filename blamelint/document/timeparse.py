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
import unicodedata
from dataclasses import dataclass
from functools import cache

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


# ---------------------------------------------------------------- timeline text
# How timeline entries and day lines begin: a date (ISO, `2026/03/02`, `March 2, 2026`,
# `2 mars 2026`, `Tue Mar 3`), a relative day (`Day 2`, `J+1`, `D+1`), a clock time
# (`14:05`, `14h05`, `2:05 PM`, `3pm`, `14:05:33Z`, `14:05 UTC`, `14:05 +02:00`), or a time
# relative to the start (`T+5m`, `T+1h30m`, `T-10m`). Names are data (rules/data/dates.yaml,
# rules/data/timezones.yaml).


@dataclass(frozen=True)
class Clock:
    """A clock time read at the start of a timeline entry."""

    hour: int
    minute: int
    meridiem: str  # "a", "p" or "" (a 24-hour or unmarked time)
    zone_minutes: int | None  # offset from UTC when the entry names a zone
    end: int  # index just past the time (and its zone) in the text


@dataclass(frozen=True)
class Day:
    """A date, or a relative day number (`Day 2` = 1 day after day 1), at the start of text."""

    date: dt.date | None
    plus_days: int | None
    has_year: bool
    end: int


@cache
def _names() -> tuple[dict[str, int], frozenset[str], frozenset[str], dict[str, int]]:
    from blamelint.base.resources import load_data

    dates = load_data("data/dates.yaml")
    months = {
        _fold(name): int(number) for number, names in dates["months"].items() for name in names
    }
    zones = {
        str(zone).upper(): int(minutes)
        for zone, minutes in load_data("data/timezones.yaml")["zones"].items()
    }
    return (
        months,
        frozenset(_fold(w) for w in dates["weekdays"]),
        frozenset(_fold(w) for w in dates["relative_days"]),
        zones,
    )


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def calendar_word(word: str) -> bool:
    """A month or weekday name or abbreviation ("Jun", "Sept.", "mardi"), by dates.yaml."""
    folded = _fold(word).rstrip(".")
    months, weekdays, _, _ = _names()
    return folded in months or folded in weekdays


_LEAD = re.compile(
    r"[\s*_`~\[(>|]*(?:(?:approx\.?|approximately|around|about|circa|ca\.|between|from|since|vers|env\.?|entre|du|depuis)\s+)?",
    re.I,
)
_WORD = re.compile(r"([^\W\d_]+)\.?", re.UNICODE)
_ISO_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er|\.)?(?!\d)")
_YEAR = re.compile(r",?\s*(\d{4})(?!\d)")
_RELATIVE = re.compile(r"([JD])\s*\+\s*(\d{1,3})(?!\d)|([^\W\d_]+)\s+(\d{1,3})(?![\d:h])", re.I)
_CLOCK = re.compile(
    r"(?P<hour>[01]?\d|2[0-3])\s*[:hH]\s*(?P<minute>[0-5]\d)(?::[0-5]\d(?:[.,]\d+)?)?(?![\d])"
    r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?"
    r"|(?P<bare>1[0-2]|0?[1-9])\s*(?P<bare_ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z])"
)
_ZONE = re.compile(
    r"\s*(?:(?P<z>Z)(?![A-Za-z])|\(?(?P<name>[A-Za-z]{1,5})\)?(?![A-Za-z])|(?P<offset>[+-]\d{1,2}(?::?\d{2})?)(?![\d]))"
)
_ELAPSED = re.compile(
    r"T\s*(?P<sign>[+-])\s*(?:(?P<h>\d{1,3})\s*h(?:ours?|rs?)?\s*)?(?:(?P<m>\d{1,4})\s*m(?:in(?:utes?)?)?)?"
    r"(?:\s*(?P<s>\d{1,5})\s*s(?:ec(?:onds?)?)?)?(?![\w])"
)


def read_day(text: str, start: int = 0, default_year: int = 2000) -> Day | None:
    """The date or relative day that `text` begins with (after markup), or None."""
    months, weekdays, relative, _ = _names()
    pos = _LEAD.match(text, start).end()
    word = _WORD.match(text, pos)
    if word and _fold(word.group(1)) in weekdays:  # `Tue Mar 3`, `mardi 3 mars`
        pos = re.compile(r"[\s,]*").match(text, word.end()).end()
    iso = _ISO_DAY.match(text, pos)
    if iso:
        try:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return Day(day, None, True, iso.end())
    relative_match = _RELATIVE.match(text, pos)
    if relative_match:
        if relative_match.group(1):
            return Day(None, int(relative_match.group(2)), False, relative_match.end())
        if _fold(relative_match.group(3)) in relative:
            return Day(None, int(relative_match.group(4)) - 1, False, relative_match.end())
    # `March 2, 2026` / `Mar 2` or `2 mars 2026` / `2nd March`
    word = _WORD.match(text, pos)
    month = day_number = None
    end = pos
    if word and _fold(word.group(1)) in months:
        number = _DAY_NUMBER.match(text, re.compile(r"\s*").match(text, word.end()).end())
        if number and not re.match(r"\s*[:h]\d", text[number.end() :]):  # not `Mar 12:30`
            month, day_number, end = (
                months[_fold(word.group(1))],
                int(number.group(1)),
                number.end(),
            )
    else:
        number = _DAY_NUMBER.match(text, pos)
        if number:
            after = _WORD.match(text, re.compile(r"\s*").match(text, number.end()).end())
            if after and _fold(after.group(1)) in months:
                month, day_number, end = (
                    months[_fold(after.group(1))],
                    int(number.group(1)),
                    after.end(),
                )
    if month is None:
        return None
    year = _YEAR.match(text, end)
    has_year = bool(year) and not re.match(r"\s*[:h]\d", text[year.end() :]) if year else False
    if has_year:
        end = year.end()
    try:
        day = dt.date(int(year.group(1)) if has_year else default_year, month, day_number)
    except ValueError:
        return None
    return Day(day, None, has_year, end)


def read_clock(text: str, start: int = 0) -> Clock | None:
    """The clock time `text` has at `start` (after markup), with its zone, or None."""
    pos = _LEAD.match(text, start).end()
    match = _CLOCK.match(text, pos)
    if not match:
        return None
    if match.group("bare"):
        hour, minute, meridiem = int(match.group("bare")), 0, match.group("bare_ampm").lower()
    else:
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        meridiem = (match.group("ampm") or "").lower()
    if meridiem and not 1 <= hour <= 12:
        return None
    end = match.end()
    zone_minutes = None
    zone = _ZONE.match(text, end)
    if zone:
        zones = _names()[3]
        if zone.group("z"):
            zone_minutes, end = 0, zone.end()
        elif (
            zone.group("name")
            and zone.group("name").upper() in zones
            and zone.group("name").isupper()
        ):
            zone_minutes, end = zones[zone.group("name").upper()], zone.end()
        elif zone.group("offset"):
            zone_minutes = _offset(None, zone.group("offset"))
            end = zone.end() if zone_minutes is not None else end
    return Clock(hour, minute, meridiem, zone_minutes, end)


def read_elapsed(text: str, start: int = 0) -> float | None:
    """Minutes of a `T+5m` / `T+1h30m` / `T-10m` time at the start of `text`, or None."""
    pos = _LEAD.match(text, start).end()
    if re.match(r"T\s*[+-]?\s*0(?![\d:hms])", text[pos:]):
        return 0.0  # `T+0`, `T0`: the start
    match = _ELAPSED.match(text, pos)
    if not match or not any(match.group(k) for k in ("h", "m", "s")):
        return None
    minutes = int(match.group("h") or 0) * 60 + int(match.group("m") or 0)
    minutes += int(match.group("s") or 0) / 60
    return minutes if match.group("sign") == "+" else -minutes
