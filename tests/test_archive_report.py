"""The archive report's data model: built from facts, findings and actions, no file read."""

from __future__ import annotations

import datetime as dt
import json
from types import MappingProxyType

import jsonschema
import pytest

from blamelint.actions.items import ActionItem
from blamelint.base.finding import Finding, Severity, Span
from blamelint.document.timeparse import parse_moment
from blamelint.workflow.archive_report import (
    PostmortemFacts,
    ReportInput,
    build_report,
    family,
)
from blamelint.workflow.tracker import TrackedAction, render

from .conftest import ROOT

TODAY = dt.date(2026, 3, 20)


def finding(path: str, rule: str, tags: tuple[str, ...], severity=Severity.WARNING, line=3):
    return Finding(
        path, Span(line, 1, line, 5), rule, "name", tags, severity, f"{rule} says so", "fix it"
    )


def action(document: str, id_: str, deadline: str, status=None, ticket=None, owner="sre"):
    extra = MappingProxyType({"ticket": ticket} if ticket else {})
    item = ActionItem(
        id_,
        f"do {id_}",
        owner,
        deadline,
        "measured",
        status,
        extra,
        10,
        0,
        1,
        "checklist",
        document,
    )
    return TrackedAction(item, document, document.removesuffix(".md"))


def facts(path: str, date: str | None, **moments: str) -> PostmortemFacts:
    return PostmortemFacts(
        path=path,
        incident=path.removesuffix(".md"),
        title=f"Postmortem {path}",
        language="en",
        date=dt.date.fromisoformat(date) if date else None,
        **{key: parse_moment(value) for key, value in moments.items()},
    )


def default_actions():
    return [
        action("a.md", "ACT-1", "2026-02-01", status="done", ticket="https://t.example/1"),
        action("a.md", "ACT-2", "2026-03-01"),
        action("b.md", "ACT-3", "2026-04-01", owner="@Web"),
    ]


def build(**overrides):
    values = {
        "facts": [
            facts(
                "a.md",
                "2026-01-10",
                resolved="2026-01-10 10:00",
                review="2026-01-11 12:00",
                published="2026-01-13",
            ),
            facts(
                "b.md",
                "2026-03-02",
                resolved="2026-03-02 10:00",
                review="2026-03-06 10:00",
                published="2026-03-10",
            ),
            facts("c.md", None),
        ],
        "findings": [
            finding("b.md", "BL601", ("timeliness",)),
            finding("b.md", "BL402", ("blame",)),
            finding("b.md", "BL301", ("names",), Severity.INFO),
            finding("c.md", "BL101", ("structure",), Severity.ERROR),
            finding("c.md", "BL001", ("meta",)),
        ],
        "actions": default_actions(),
        "today": TODAY,
    }
    values.update(overrides)
    return build_report(ReportInput(**values))


def by_path(report):
    return {p["path"]: p for p in report["postmortems"]}


def test_family_comes_from_the_finding_tags():
    assert family(finding("x", "BL401", ("blame", "nlp"))) == "blame"
    assert family(finding("x", "BL001", ("meta",))) == "other"


def test_postmortems_newest_first_with_undated_last():
    assert [p["path"] for p in build()["postmortems"]] == ["b.md", "a.md", "c.md"]


def test_counts_status_and_compliance_per_postmortem():
    rows = by_path(build())
    assert rows["a.md"]["status"] == "clean" and rows["a.md"]["compliant"]
    assert rows["b.md"]["findings_by_family"] == {
        "structure": 0,
        "metadata": 0,
        "names": 1,
        "blame": 1,
        "actions": 0,
        "timeliness": 1,
        "other": 0,
    }
    assert rows["b.md"]["findings_by_severity"] == {"error": 0, "warning": 2, "info": 1}
    assert rows["b.md"]["status"] == "warnings" and not rows["b.md"]["compliant"]
    assert rows["c.md"]["status"] == "errors"
    assert [f["rule"] for f in rows["b.md"]["findings"]] == ["BL601", "BL402", "BL301"]


def test_compliance_follows_each_files_fail_level():
    rows = by_path(build(fail_levels={"b.md": Severity.ERROR}))
    assert rows["b.md"]["status"] == "warnings" and rows["b.md"]["compliant"]
    info_only = by_path(build(findings=[finding("a.md", "BL301", ("names",), Severity.INFO)]))
    assert info_only["a.md"]["status"] == "clean" and info_only["a.md"]["compliant"]


def test_timeliness_measures_from_metadata_and_lateness_from_the_rules():
    report = build()
    rows = by_path(report)
    assert rows["a.md"]["timeliness"]["review_hours"] == 26.0
    assert rows["a.md"]["timeliness"]["publication_days"] == 3
    assert rows["b.md"]["timeliness"]["review_hours"] == 96.0
    # Late only where the file's own check run says so (BL601), not by a fixed 48 h.
    assert rows["b.md"]["timeliness"]["review_late"]
    assert not rows["b.md"]["timeliness"]["publication_late"]
    review = report["timeliness"]["review"]
    assert review == {
        "measured": 2,
        "missing": 1,
        "median": 61.0,
        "late": 1,
        "late_incidents": ["b"],
    }
    assert report["timeliness"]["publication"]["median"] == 5.5


def test_trends_fill_every_month_between_the_first_and_the_last():
    trends = build()["trends"]
    assert [t["month"] for t in trends] == ["2026-01", "2026-02", "2026-03"]
    assert trends[1] == {"month": "2026-02", "postmortems": 0, "findings": 0, "compliant": 0}
    assert trends[2] == {"month": "2026-03", "postmortems": 1, "findings": 3, "compliant": 0}


def test_actions_are_the_tracker_rows_plus_age_and_ticket():
    report = build()
    tracker_rows = json.loads(render(default_actions(), "json", TODAY))
    extra = ("age_days", "days_overdue", "ticket", "in_period")
    items = report["actions"]["items"]
    assert [{k: v for k, v in a.items() if k not in extra} for a in items] == tracker_rows
    first, second, third = items
    assert (first["status"], first["ticket"], first["days_overdue"]) == (
        "done",
        "https://t.example/1",
        None,
    )
    assert (second["status"], second["age_days"], second["days_overdue"]) == ("overdue", 69, 19)
    assert third["age_days"] == 18
    assert (
        report["actions"]["summary"] == "3 action(s): 1 open, 1 overdue, 1 done (as of 2026-03-20)"
    )
    assert report["summary"]["actions"] == {"open": 1, "overdue": 1, "done": 1}


def test_since_keeps_undated_postmortems_and_every_action():
    report = build(since=dt.date(2026, 2, 1))
    assert [p["path"] for p in report["postmortems"]] == ["b.md", "c.md"]
    assert report["summary"]["undated"] == 1
    items = report["actions"]["items"]
    assert len(items) == 3  # open actions of older incidents still need the review
    assert [a["in_period"] for a in items] == [False, False, True]
    assert [t["month"] for t in report["trends"]] == ["2026-03"]


def test_findings_of_unknown_files_do_not_invent_postmortems():
    report = build(findings=[finding("elsewhere.md", "BL101", ("structure",))])
    assert "elsewhere.md" not in by_path(report)


def test_report_is_json_and_follows_its_schema():
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    report = build(errors=["x.md: invalid UTF-8"], warnings=["y.md:3: broken block"])
    text = json.dumps(report, sort_keys=False)
    assert json.loads(text) == report
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema)
    assert build() == build()


@pytest.mark.parametrize("broken", [{"version": 2}, {"postmortems": [{"path": "a.md"}]}])
def test_the_schema_rejects_what_the_contract_does_not_allow(broken):
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**build(), **broken}, schema)


def test_facts_come_from_the_metadata_as_the_timeliness_rules_read_it():
    from blamelint.run.config import default_config
    from blamelint.run.lint import document_for

    text = (
        "**Incident**: INC-7\n**Date**: 2026-03-01\n**Duration**: 47 min\n"
        "**Impact**: 3% of uploads   failed\n**Resolved**: 2026-03-01 14:30 CET\n"
        "**Review meeting**: YYYY-MM-DD\n**Published**: 2026-03-04\n\n"
        "# Postmortem INC-7: slow uploads\n\n## Summary\n\nUploads were slow.\n"
    )
    found = PostmortemFacts.from_document(document_for("pm/inc-7.md", text, default_config()))
    assert (found.incident, found.title, found.date) == (
        "INC-7",
        "Postmortem INC-7: slow uploads",
        dt.date(2026, 3, 1),
    )
    assert (found.duration, found.impact, found.language) == (
        "47 min",
        "3% of uploads failed",
        "en",
    )
    assert found.resolved is not None and found.resolved.utc() == dt.datetime(2026, 3, 1, 13, 30)
    assert found.review is None  # a placeholder is not a date
    assert found.published is not None and found.published.date == dt.date(2026, 3, 4)
    bare = PostmortemFacts.from_document(document_for("pm/x.md", "Some notes.\n", default_config()))
    assert (bare.incident, bare.title, bare.date, bare.impact) == ("x", "x", None, "")
