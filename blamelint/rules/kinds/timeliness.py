"""Timeliness kinds: is the review meeting soon enough and short enough, the write-up prompt?

Everything is read from metadata lines (`**Resolved**: 2026-03-01 14:30 UTC`, ...), never
inferred from the timeline or from git history: where a field is missing or unreadable the
`timeliness.fields` rule says which one to add, and the other rules stay silent rather than
guess. A value that is still a template placeholder (`YYYY-MM-DD`) is left to the
placeholder rule, so one defect gives one finding.

Settings (the effective config's typed `ctx.settings`), each falling back to the rule's options:
- `max_duration` (int, minutes): longest review meeting (the team format's own key);
- `timeliness.review_within_hours` (int), `timeliness.publish_within_days` (int),
  `timeliness.business_days` (bool: Saturdays and Sundays do not count),
  `timeliness.required_fields` (list of field ids the metadata rule asks for).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from blamelint.base.languages import or_default
from blamelint.base.phrases import counted, phrase
from blamelint.document.catalog import metadata_catalog
from blamelint.document.model import Document, MetadataField
from blamelint.document.placeholders import has_placeholder
from blamelint.document.timeparse import Moment, business_seconds, parse_duration, parse_moment
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

FIELDS = ("resolved", "review_date", "published", "review_duration")
_DEFAULTS: Mapping[str, Any] = {
    "review_within_hours": 48,
    "publish_within_days": 5,
    "business_days": False,
    "max_duration": 90,
    "required_fields": list(FIELDS),
}


def setting(rule: Rule, ctx: RunContext, key: str) -> Any:
    """A timeliness setting: the config's value, else the rule's option, else the default.

    Values are typed and checked when the config is loaded (config schema, `option_schemas`),
    so a kind never raises a config error while linting."""
    # None where the team's file says nothing.
    settings = ctx.settings
    value = settings.max_duration if key == "max_duration" else settings.timeliness.get(key)
    if value is None:
        value = rule.options.get(key)
    if value is None:
        value = _DEFAULTS[key]
    return value


def _field(doc: Document, canonical: str) -> MetadataField | None:
    found = doc.metadata.get(canonical)
    if found is None or not _text(found).strip() or has_placeholder(_text(found)):
        return None
    return found


def _text(field: MetadataField) -> str:
    """The value as written (front matter values may be YAML-typed, so use their str)."""
    if field.source == "front_matter" and field.value is not None:
        return (
            field.value.isoformat(" ") if isinstance(field.value, dt.datetime) else str(field.value)
        )
    return str(field.raw)


def _moment(field: MetadataField | None) -> Moment | None:
    if field is None:
        return None
    if field.source == "front_matter":
        # YAML has already typed the value: a date, a datetime (with seconds) or a string.
        if isinstance(field.value, dt.date):
            return Moment.from_value(field.value)
        return parse_moment(str(field.value))
    return parse_moment(field.raw)


def metadata_moment(doc: Document, canonical: str) -> Moment | None:
    """The moment a metadata line states, read as these rules read it: None when the line is
    missing, still a placeholder or unreadable."""
    return _moment(_field(doc, canonical))


def _hit(field: MetadataField, **values: Any) -> Hit:
    return Hit(field.value_offset, max(field.value_end, field.value_offset), values=values)


def _hours(seconds: float) -> str:
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"


def _days(count: int, business: bool, language: str) -> str:
    return counted("duration.business_day" if business else "duration.day", count, language)


def _day_gap(start: dt.date, end: dt.date, business: bool) -> int:
    """Days from `start` to `end`; with `business`, the weekdays in (start, end]."""
    if not business:
        return (end - start).days
    one = dt.timedelta(days=1)
    after_end = dt.datetime.combine(end + one, dt.time())
    after_start = dt.datetime.combine(start + one, dt.time())
    return round((business_seconds(after_end) - business_seconds(after_start)) / 86400)


@document_kind("review-late")
def review_late(doc: Document, rule: Rule, ctx: RunContext) -> Iterable[Hit]:
    """BL601: the review meeting is held within N hours of resolution."""
    resolved_field, review_field = _field(doc, "resolved"), _field(doc, "review_date")
    resolved, review = _moment(resolved_field), _moment(review_field)
    if review_field is None or resolved is None or review is None:
        return
    limit = setting(rule, ctx, "review_within_hours")
    business = setting(rule, ctx, "business_days")
    unit = "duration.business_hours_limit" if business else "duration.hours_limit"
    limit_text = phrase(unit, doc.language, count=limit)
    if resolved.has_time and review.has_time:
        start, end = resolved.utc(), review.utc()
        gap = (
            (business_seconds(end) - business_seconds(start))
            if business
            else ((end - start).total_seconds())
        )
        if gap > limit * 3600:
            yield _hit(review_field, elapsed=_hours(gap), limit=limit_text)
        return
    # Day precision only: report only when the meeting is late whatever the hours were,
    # i.e. even if resolution was at 23:59 and the meeting at 00:00.
    days = _day_gap(resolved.date, review.date, business)
    if days >= 1 and (days - 1) * 24 >= limit:
        yield _hit(review_field, elapsed=_days(days, business, doc.language), limit=limit_text)


@document_kind("publication-late")
def publication_late(doc: Document, rule: Rule, ctx: RunContext) -> Iterable[Hit]:
    """BL602: the postmortem is published within N days of the incident date."""
    published_field = _field(doc, "published")
    incident, published = _moment(_field(doc, "date")), _moment(published_field)
    if published_field is None or incident is None or published is None:
        return
    limit = setting(rule, ctx, "publish_within_days")
    business = setting(rule, ctx, "business_days")
    if incident.has_time and published.has_time and not business:
        gap = (published.utc() - incident.utc()).total_seconds()
        if gap > limit * 86400:
            yield _hit(
                published_field,
                elapsed=_days(int(gap // 86400), False, doc.language)
                + (f" {_hours(gap % 86400)}" if gap % 86400 else ""),
                limit=_days(limit, False, doc.language),
            )
        return
    days = _day_gap(incident.date, published.date, business)
    if days > limit:
        yield _hit(
            published_field,
            elapsed=_days(days, business, doc.language),
            limit=_days(limit, business, doc.language),
        )


@document_kind("meeting-too-long")
def meeting_too_long(doc: Document, rule: Rule, ctx: RunContext) -> Iterable[Hit]:
    """BL603: the review meeting lasts at most `max_duration` minutes."""
    limit = setting(rule, ctx, "max_duration")
    duration_field = _field(doc, "review_duration")
    if duration_field is not None:
        minutes = parse_duration(_text(duration_field))
        if minutes is not None and minutes > limit:
            yield _hit(duration_field, minutes=_minutes(minutes), limit=limit)
        return
    # `**Review meeting**: 2026-03-03 10:00–11:30 UTC` states the length too.
    review_field = _field(doc, "review_date")
    review = _moment(review_field)
    if review_field is not None and review is not None and (review.minutes or 0) > limit:
        yield _hit(review_field, minutes=_minutes(review.minutes or 0), limit=limit)


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@document_kind("timeliness-metadata-missing")
def timeliness_metadata_missing(doc: Document, rule: Rule, ctx: RunContext) -> Iterable[Hit]:
    """BL604: say which metadata lines to add (or fix) so that BL601-BL603 can run."""
    wanted = setting(rule, ctx, "required_fields")
    catalog = ctx.settings.metadata_catalog or metadata_catalog()
    language = or_default(doc.language)  # the language of the field names in the message
    missing: list[str] = []
    for canonical in wanted:
        if canonical not in catalog:
            continue  # the config schema allows only the catalog's dated fields
        if canonical == "review_duration" and _review_range(doc):
            continue
        field = doc.metadata.get(canonical)
        if field is None or not _text(field).strip():
            missing.append(catalog.name(canonical, language))
            continue
        if has_placeholder(_text(field)):
            continue
        readable = (
            parse_duration(_text(field)) is not None
            if canonical == "review_duration"
            else _moment(field) is not None
        )
        if not readable:
            expected = phrase(
                "timeliness.expected_duration"
                if canonical == "review_duration"
                else "timeliness.expected_moment",
                doc.language,
            )
            problem = phrase(
                "timeliness.unreadable",
                doc.language,
                name=field.key,
                value=repr(_text(field).strip()),
                expected=expected,
            )
            yield _hit(field, problem=problem)
    if missing:
        line = doc.metadata_line or (doc.title.line if doc.title else 1)
        start = doc.line_offset(line)
        end = start + len(doc.line_text(line))
        problem = phrase("timeliness.missing", doc.language, fields=", ".join(missing))
        yield Hit(start, end, values={"problem": problem})
    yield from _order_problems(doc)


def _review_range(doc: Document) -> bool:
    review = _moment(_field(doc, "review_date"))
    return review is not None and review.minutes is not None


def _order_problems(doc: Document) -> Iterable[Hit]:
    # A meeting before the resolution, or a publication before the incident, is a typo in
    # one of the two dates; the lateness rules cannot judge it, so say so here.
    pairs = (("resolved", "review_date"), ("date", "published"))
    for first_id, second_id in pairs:
        first_field, second_field = _field(doc, first_id), _field(doc, second_id)
        first, second = _moment(first_field), _moment(second_field)
        if first is None or second is None or second_field is None or first_field is None:
            continue
        both_timed = first.has_time and second.has_time
        earlier = second.utc() < first.utc() if both_timed else second.date < first.date
        if earlier:
            yield _hit(
                second_field,
                problem=phrase(
                    "timeliness.order",
                    doc.language,
                    second=second_field.key,
                    second_value=_text(second_field).strip(),
                    first=first_field.key,
                    first_value=_text(first_field).strip(),
                ),
            )


KINDS = (review_late, publication_late, meeting_too_long, timeliness_metadata_missing)
