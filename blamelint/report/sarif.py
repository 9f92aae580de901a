"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) ingest.

What code scanning needs and this writes: `tool.driver.rules` with an id, a name, short
and full descriptions, help and a default level for each rule; every result with `ruleId`
and `ruleIndex`, a `level`, a message and a physical location whose URI is relative to the
repository root (forward slashes) with `uriBaseId: %SRCROOT%`, and whose region has start and
end line and column; each rule links its documentation (`helpUri`). `%SRCROOT%` is left for
the consumer to resolve (GitHub resolves it to the checkout), since writing the absolute
checkout path would make the file differ from machine to machine.
Columns count Unicode code points (`columnKind`), as blamelint's do. The output is
deterministic (sorted rules and results, no timestamps, no absolute paths) so that two runs
on the same tree give byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from blamelint import __version__
from blamelint.base.finding import Finding, Severity
from blamelint.base.text import first_sentence

from . import Report, RuleDescriptor, repository_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/blamelint"
SOURCE_ROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LEVEL_NAMES = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str, base: str = "") -> str:
    """A relative URI reference with forward slashes, percent-encoded where a URI must be.

    Paths under `base` (the repository root; "" for the current folder) become relative to
    it; a path outside it keeps its absolute form as a `file://` URI rather than a
    misleading `../` chain.
    """
    relative = repository_path(path, base)
    if relative is None:
        return Path(path).resolve().as_uri()
    posix = PurePosixPath(relative).as_posix()
    return quote(posix, safe="/-._~")


def _artifact(path: str, base: str) -> dict:
    uri = artifact_uri(path, base)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": SOURCE_ROOT}


def _descriptor_for(finding: Finding) -> RuleDescriptor:
    # A finding whose rule the report does not describe (a custom rule file, say) still gets
    # an entry, so that every result has a valid ruleIndex.
    return RuleDescriptor(
        code=finding.rule,
        name=finding.name,
        description=finding.message,
        message=finding.message,
        suggestion="",
        severity=finding.severity.label,
        tags=tuple(finding.tags),
    )


def _rule_entry(rule: RuleDescriptor) -> dict:
    short = first_sentence(rule.description) or rule.name
    full = rule.description.strip() or short
    help_text = full if not rule.suggestion else f"{full}\n\nHow to fix: {rule.suggestion}"
    help_markdown = f"**{rule.code} {rule.name}**\n\n{full}"
    if rule.suggestion:
        help_markdown += f"\n\n*How to fix:* {rule.suggestion}"
    entry = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL_NAMES.get(rule.severity, "warning")},
        "properties": {"tags": sorted(set(rule.tags))},
    }
    if rule.help_uri:
        entry["helpUri"] = rule.help_uri
    return entry


def _result(finding: Finding, index: int, show_suggestion: bool, base: str) -> dict:
    span = finding.span
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": max(span.end_line, span.line),
        "endColumn": span.end_column,
    }
    if region["endLine"] == span.line and region["endColumn"] < span.column:
        region["endColumn"] = span.column
    text = finding.message
    if show_suggestion and finding.suggestion:
        text = f"{text}\n{finding.suggestion}"
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": _LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.path, base),
                    "region": region,
                }
            }
        ],
    }
    if finding.suggestion:
        result["properties"] = {"suggestion": finding.suggestion}
    return result


def build_log(report: Report) -> dict:
    """The SARIF log as plain data (what `render` serialises); handy for tests."""
    descriptors = {rule.code: rule for rule in report.rules}
    for finding in report.findings:
        descriptors.setdefault(finding.rule, _descriptor_for(finding))
    codes = sorted(descriptors)
    index = {code: position for position, code in enumerate(codes)}
    findings = sorted(
        report.findings, key=lambda f: (artifact_uri(f.path, report.base), *f.sort_key()[1:])
    )
    driver = {
        "name": "blamelint",
        "informationUri": INFORMATION_URI,
        "rules": [_rule_entry(descriptors[code]) for code in codes],
    }
    driver["version"] = report.version or __version__
    run: dict = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(finding, index[finding.rule], report.show_suggestions, report.base)
            for finding in findings
        ],
    }
    # Files that could not be linted are tool notifications, and the run did not succeed.
    run["invocations"] = [
        {
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": str(error)}} for error in report.errors
            ],
        }
    ]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(build_log(report), indent=2, ensure_ascii=False) + "\n"
