"""SARIF output: valid against the official 2.1.0 schema, and what GitHub code scanning reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from blamelint.base.finding import Finding, Severity, Span
from blamelint.report import Report, RuleDescriptor, renderer
from blamelint.report.sarif import artifact_uri, build_log

# The schema is test data from the shared folder beside the repository, never shipped.
SCHEMA_PATH = Path(__file__).resolve().parents[1].parent / "shared/schemas/sarif-schema-2.1.0.json"

RULES = (
    RuleDescriptor(
        code="BL301",
        name="personal-name",
        description="A person's name in prose.\n\nPostmortems name teams and roles.",
        message="personal name '{name}' in prose",
        suggestion="Name the role or the team instead.",
        severity="error",
        tags=("names",),
    ),
    RuleDescriptor(
        code="BL603",
        name="meeting-too-long",
        description="The review meeting lasts at most max_duration minutes.",
        message="review meeting lasted {minutes} min",
        suggestion="",
        severity="warning",
        tags=("timeliness",),
    ),
    RuleDescriptor(
        code="BL604",
        name="timeliness-metadata-missing",
        description="Say which metadata line to add.",
        message="timeliness cannot be checked: {problem}",
        suggestion="Add the lines.",
        severity="info",
        tags=("timeliness",),
    ),
)


def finding(path: str, line: int, rule: str, severity: Severity, **extra) -> Finding:
    names = {"BL301": "personal-name", "BL603": "meeting-too-long", "BL604": "x", "BL999": "custom"}
    return Finding(
        path=path,
        span=extra.pop("span", Span(line, 3, line, 15)),
        rule=rule,
        name=names[rule],
        tags=("names",),
        severity=severity,
        message=extra.pop("message", f"message for {rule}"),
        suggestion=extra.pop("suggestion", ""),
    )


FINDINGS = (
    finding("docs/pm/b.md", 9, "BL603", Severity.WARNING),
    finding("docs/pm/a.md", 12, "BL301", Severity.ERROR, suggestion="Name the role."),
    finding("docs/pm/a.md", 1, "BL604", Severity.INFO, span=Span(1, 1, 1, 21)),
    finding("docs/pm/café 1.md", 2, "BL999", Severity.WARNING, message='quote " and\nnewline'),
)


@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"official SARIF schema not found at {SCHEMA_PATH}")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def render(findings=FINDINGS, **kwargs) -> dict:
    report = Report(
        findings=findings, files=["docs/pm/a.md"], rules=RULES, version="0.1.0", **kwargs
    )
    text = renderer("sarif")(report)
    assert text.endswith("\n")
    return json.loads(text)


def test_valid_against_official_schema(schema: dict) -> None:
    for log in (render(), render(findings=()), render(errors=("docs/x.md: not valid UTF-8",))):
        jsonschema.Draft4Validator(schema).validate(log)


def test_rule_metadata_for_code_scanning() -> None:
    driver = render()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "blamelint" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    # Described rules and any rule only seen in a finding, sorted by code.
    assert ids == ["BL301", "BL603", "BL604", "BL999"]
    name_rule = driver["rules"][0]
    assert name_rule["name"] == "personal-name"
    assert name_rule["shortDescription"]["text"] == "A person's name in prose."
    assert "Postmortems name teams" in name_rule["fullDescription"]["text"]
    assert "Name the role or the team instead." in name_rule["help"]["text"]
    assert name_rule["help"]["markdown"].startswith("**BL301 personal-name**")
    assert name_rule["properties"]["tags"] == ["names"]
    levels = [rule["defaultConfiguration"]["level"] for rule in driver["rules"]]
    assert levels == ["error", "warning", "note", "warning"]


def test_results_locations_and_levels() -> None:
    run = render()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    # Sorted by path, line, column: deterministic whatever order the engine produced.
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ] == [("BL604", 1), ("BL301", 12), ("BL603", 9), ("BL999", 2)]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"BL604": "note", "BL301": "error", "BL603": "warning", "BL999": "warning"}
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/pm/a.md"
    assert location["region"] == {"startLine": 12, "startColumn": 3, "endLine": 12, "endColumn": 15}
    assert results[1]["message"]["text"] == "message for BL301\nName the role."
    assert results[1]["properties"]["suggestion"] == "Name the role."
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/pm/caf%C3%A9%201.md"
    )
    assert results[3]["message"]["text"] == 'quote " and\nnewline'
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_suggestions_can_be_left_out_of_messages() -> None:
    results = render(show_suggestions=False)["runs"][0]["results"]
    assert results[1]["message"]["text"] == "message for BL301"


def test_errors_are_notifications() -> None:
    run = render(errors=("docs/x.md: not valid UTF-8 (byte 0xff)",))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("docs/x.md")


def test_deterministic() -> None:
    report = Report(findings=FINDINGS, files=[], rules=RULES, version="0.1.0")
    shuffled = Report(findings=FINDINGS[::-1], files=[], rules=RULES[::-1], version="0.1.0")
    render_sarif = renderer("sarif")
    assert render_sarif(report) == render_sarif(shuffled)


def test_uris_are_relative_with_forward_slashes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "docs" / "pm.md")) == "docs/pm.md"
    assert artifact_uri("./docs/pm.md") == "docs/pm.md"
    outside = artifact_uri("/elsewhere/pm.md")
    assert outside.startswith("file:///") and outside.endswith("/elsewhere/pm.md")


def test_empty_span_is_still_a_valid_region(schema: dict) -> None:
    empty = finding("a.md", 1, "BL604", Severity.INFO, span=Span(1, 1, 1, 1))
    log = build_log(Report(findings=[empty], files=["a.md"], rules=RULES))
    jsonschema.Draft4Validator(schema).validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["endColumn"] >= region["startColumn"] >= 1
