"""The archive report's data: overview, weekly action review, timeliness and trends, drill-down.

Pure: `build_report` turns postmortem facts (metadata read from parsed documents), findings
(as `check` reports them) and tracked actions (as `actions` lists them) into one JSON-ready
dict, the versioned contract of `blamelint report --format json` (schemas/report.schema.json).
The HTML page (`archive_html`) renders that same dict. `gather` wires the runner and the
tracker: files are found, configured, read, linted and cached exactly as by `check` and
`actions`; nothing here parses Markdown or runs a rule.

No text of a postmortem is copied beyond its metadata values (title, incident, date,
duration, impact, severity) and what findings and action items already carry.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from blamelint.base.finding import Finding, Severity
from blamelint.document.model import Document
from blamelint.document.timeparse import Moment
from blamelint.rules.kinds.timeliness import metadata_moment

from .tracker import TrackedAction, incident_id, row, summary

SCHEMA_VERSION = 1
FAMILIES = ("structure", "metadata", "names", "blame", "actions", "timeliness")
LATE_REVIEW, LATE_PUBLICATION = "BL601", "BL602"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class PostmortemFacts:
    """What the report shows of one postmortem: its metadata, never its prose."""

    path: str
    incident: str
    title: str
    language: str
    date: dt.date | None = None
    duration: str = ""
    impact: str = ""
    severity: str = ""
    resolved: Moment | None = None
    review: Moment | None = None
    published: Moment | None = None

    @classmethod
    def from_document(cls, doc: Document) -> PostmortemFacts:
        date = metadata_moment(doc, "date")  # as BL602 reads it
        return cls(
            path=doc.path,
            incident=incident_id(doc),
            title=_title(doc),
            language=doc.language,
            date=date.date if date is not None else None,
            duration=_meta(doc, "duration"),
            impact=_meta(doc, "impact"),
            severity=_meta(doc, "severity"),
            resolved=metadata_moment(doc, "resolved"),
            review=metadata_moment(doc, "review_date"),
            published=metadata_moment(doc, "published"),
        )


def _meta(doc: Document, canonical: str) -> str:
    found = doc.metadata.get(canonical)
    if found is None or found.value is None:
        return ""
    value = found.value.isoformat() if isinstance(found.value, dt.date) else found.value
    return " ".join(str(value).split())


def _title(doc: Document) -> str:
    if doc.title is not None and doc.title.title.strip():
        return " ".join(doc.title.title.split())
    return _meta(doc, "title") or Path(doc.path).stem


def family(finding: Finding) -> str:
    """The rule family a finding belongs to, from its tags (reporters never see rules)."""
    return next((tag for tag in finding.tags if tag in FAMILIES), "other")


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as `check --format json` writes it."""
    return {
        "path": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "rule": finding.rule,
        "name": finding.name,
        "tags": list(finding.tags),
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
    }


@dataclass(frozen=True)
class ReportInput:
    """Everything `build_report` reads; `gather` fills it from the runner and the tracker."""

    facts: Sequence[PostmortemFacts]
    findings: Sequence[Finding]
    actions: Sequence[TrackedAction]
    today: dt.date
    since: dt.date | None = None
    title: str = "Postmortem archive"
    version: str = ""
    fail_levels: Mapping[str, Severity] = field(default_factory=dict)
    errors: Sequence[str] = ()
    warnings: Sequence[str] = ()


def build_report(data: ReportInput) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the module docstring and the schema)."""
    in_period = [f for f in data.facts if _in_period(f.date, data.since)]
    by_path: dict[str, list[Finding]] = {}
    for finding in data.findings:
        by_path.setdefault(finding.path, []).append(finding)
    dates = {f.path: f.date for f in data.facts}
    postmortems = [
        _postmortem(
            facts,
            by_path.get(facts.path, []),
            data.fail_levels.get(facts.path) or Severity.WARNING,
            [a for a in data.actions if a.document == facts.path],
            data.today,
        )
        for facts in sorted(in_period, key=_newest_first)
    ]
    actions = [_action(a, data.today, dates.get(a.document), data.since) for a in data.actions]
    counts = Counter(a["status"] for a in actions)
    severities = Counter(f["severity"] for p in postmortems for f in p["findings"])
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "blamelint", "version": data.version},
        "title": data.title,
        "today": data.today.isoformat(),
        "since": data.since.isoformat() if data.since else None,
        "summary": {
            "postmortems": len(postmortems),
            "compliant": sum(p["compliant"] for p in postmortems),
            "undated": sum(p["date"] is None for p in postmortems),
            "findings": {s: severities[s] for s in SEVERITIES},
            "actions": {s: counts[s] for s in ("open", "overdue", "done")},
        },
        "postmortems": postmortems,
        "actions": {"summary": summary(data.actions, data.today), "items": actions},
        "timeliness": _timeliness(postmortems),
        "trends": _trends(postmortems),
        "errors": list(data.errors),
        "warnings": list(data.warnings),
    }


def _in_period(date: dt.date | None, since: dt.date | None) -> bool:
    # An undated postmortem is kept (and counted as undated): dropping it would hide it.
    return since is None or date is None or date >= since


def _newest_first(facts: PostmortemFacts) -> tuple:
    return (facts.date is None, -(facts.date.toordinal() if facts.date else 0), facts.path)


def _postmortem(
    facts: PostmortemFacts,
    findings: list[Finding],
    fail_level: Severity,
    actions: list[TrackedAction],
    today: dt.date,
) -> dict[str, Any]:
    families = Counter(family(f) for f in findings)
    severities = Counter(f.severity.label for f in findings)
    status = "errors" if severities["error"] else "warnings" if severities["warning"] else "clean"
    rules = {f.rule for f in findings}
    states = Counter(a.status(today) for a in actions)
    return {
        "path": facts.path,
        "incident": facts.incident,
        "title": facts.title,
        "date": facts.date.isoformat() if facts.date else None,
        "duration": facts.duration,
        "impact": facts.impact,
        "severity": facts.severity,
        "language": facts.language,
        "status": status,
        # As `check` decides its exit code: nothing at or above the file's fail level.
        "compliant": not any(f.severity >= fail_level for f in findings),
        "findings_by_family": {name: families[name] for name in (*FAMILIES, "other")},
        "findings_by_severity": {s: severities[s] for s in SEVERITIES},
        "timeliness": {
            "resolved": _moment_text(facts.resolved),
            "review": _moment_text(facts.review),
            "published": _moment_text(facts.published),
            "review_hours": _review_hours(facts),
            "review_late": LATE_REVIEW in rules,
            "publication_days": _publication_days(facts),
            "publication_late": LATE_PUBLICATION in rules,
        },
        "actions": {s: states[s] for s in ("open", "overdue", "done")},
        "findings": [finding_record(f) for f in findings],
    }


def _moment_text(moment: Moment | None) -> str | None:
    if moment is None:
        return None
    if not moment.has_time:
        return moment.date.isoformat()
    return moment.utc().strftime("%Y-%m-%d %H:%M UTC")


def _review_hours(facts: PostmortemFacts) -> float | None:
    """Resolution to review meeting (BL601's measure), in calendar hours; a date without a
    time counts from midnight UTC."""
    if facts.resolved is None or facts.review is None:
        return None
    return round((facts.review.utc() - facts.resolved.utc()).total_seconds() / 3600, 1)


def _publication_days(facts: PostmortemFacts) -> int | None:
    """Incident date to publication (BL602's measure), in calendar days."""
    if facts.published is None or facts.date is None:
        return None
    return (facts.published.date - facts.date).days


def _action(
    action: TrackedAction, today: dt.date, opened: dt.date | None, since: dt.date | None
) -> dict[str, Any]:
    record = row(action, today)
    due = action.due
    ticket = action.item.extra.get("ticket")
    record.update(
        {
            # Days since the incident the action came from (the tracker has no creation date).
            "age_days": (today - opened).days if opened else None,
            "days_overdue": (today - due).days if record["status"] == "overdue" and due else None,
            "ticket": " ".join(str(ticket).split()) if ticket is not None else "",
            "in_period": since is None or (opened is not None and opened >= since),
        }
    )
    return record


def _timeliness(postmortems: list[dict[str, Any]]) -> dict[str, Any]:
    def measure(key: str, late_key: str) -> dict[str, Any]:
        values = [p["timeliness"][key] for p in postmortems if p["timeliness"][key] is not None]
        late = [p["incident"] for p in postmortems if p["timeliness"][late_key]]
        return {
            "measured": len(values),
            "missing": len(postmortems) - len(values),
            "median": statistics.median(values) if values else None,
            "late": len(late),
            "late_incidents": sorted(late),
        }

    return {
        "review": measure("review_hours", "review_late"),
        "publication": measure("publication_days", "publication_late"),
    }


def _trends(postmortems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per calendar month of the incident date, every month between the first and the last."""
    months: dict[str, dict[str, int]] = {}
    for p in postmortems:
        if p["date"] is None:
            continue
        entry = months.setdefault(p["date"][:7], {"postmortems": 0, "findings": 0, "compliant": 0})
        entry["postmortems"] += 1
        entry["findings"] += len(p["findings"])
        entry["compliant"] += p["compliant"]
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:])
    result = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        result.append({"month": key, **months.get(key, dict.fromkeys(months[first], 0))})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def gather(
    paths: Iterable[str],
    options: Any,
    *,
    today: dt.date,
    since: dt.date | None = None,
    title: str = "Postmortem archive",
) -> tuple[dict[str, Any], list[str]]:
    """Lint (with the cache, as `check`) and collect actions (as `actions`), then build.

    `options` is a `runner.RunOptions`; input problems end up in the report's `errors`.
    Returns the report and every file read (documents, sidecars, configs, the paths named),
    which the report must never be written over.
    """
    from blamelint import __version__
    from blamelint.run.runner import files_read, run

    from .tracker import collect

    paths = list(paths)
    result = run(paths, options)
    collection = collect(paths, replace(options, cache=False))
    errors = list(dict.fromkeys([*(str(e) for e in result.errors), *collection.errors]))
    report = build_report(
        ReportInput(
            facts=[PostmortemFacts.from_document(doc) for doc in collection.documents],
            findings=result.findings,
            actions=collection.actions,
            today=today,
            since=since,
            title=title,
            version=__version__,
            fail_levels=result.fail_levels,
            errors=errors,
            warnings=collection.warnings,
        )
    )
    return report, files_read(result, paths)
