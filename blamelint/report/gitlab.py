"""GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON array of issues.

Each issue has what GitLab's documented format requires: `description`, `check_name`, a
`fingerprint` unique to the issue, a `severity` among info, minor, major, critical and blocker,
and `location.path` (relative to the repository root) with `location.lines.begin`; blamelint
also gives `location.positions` (begin and end line and column). The fingerprint hashes the
rule, the path, the message and the occurrence number, not the line, so an issue keeps its
identity when lines above it move (what GitLab compares between a branch and its target).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from blamelint.base.finding import Severity

from . import Report, repository_path

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    issues = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for finding in report.findings:
        path = repository_path(finding.path, report.base) or finding.path
        key = (finding.rule, path, finding.message)
        seen[key] += 1
        digest = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8"))
        span = finding.span
        description = f"{finding.rule} [{finding.name}] {finding.message}"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": finding.rule,
                "fingerprint": digest.hexdigest()[:32],
                "severity": _SEVERITY[finding.severity],
                "categories": ["Style"],
                "content": {"body": finding.suggestion} if finding.suggestion else None,
                "location": {
                    "path": path,
                    "lines": {"begin": span.line, "end": max(span.end_line, span.line)},
                    "positions": {
                        "begin": {"line": span.line, "column": span.column},
                        "end": {"line": max(span.end_line, span.line), "column": span.end_column},
                    },
                },
            }
        )
    for issue in issues:
        if issue["content"] is None:
            del issue["content"]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
