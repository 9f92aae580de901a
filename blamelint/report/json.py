"""JSON output, a versioned contract (see README, "JSON output").

{"version": 1,
 "findings": [{"path", "line", "column", "end_line", "end_column", "rule", "name",
               "tags", "severity", "message", "suggestion"}],
 "summary": {"files", "findings", "by_severity", "by_rule"}}
"""

from __future__ import annotations

import json
from collections import Counter

from . import Report

SCHEMA_VERSION = 1


def render(report: Report) -> str:
    findings = [
        {
            "path": f.path,
            "line": f.span.line,
            "column": f.span.column,
            "end_line": f.span.end_line,
            "end_column": f.span.end_column,
            "rule": f.rule,
            "name": f.name,
            "tags": list(f.tags),
            "severity": f.severity.label,
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for f in report.findings
    ]
    by_severity = Counter(f.severity.label for f in report.findings)
    by_rule = Counter(f"{f.rule} {f.name}" for f in report.findings)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "blamelint", "version": report.version},
        "findings": findings,
        "errors": [
            {
                "path": getattr(error, "path", None),
                "line": getattr(error, "line", None),
                "message": getattr(error, "message", str(error)),
            }
            for error in report.errors
        ],
        "summary": {
            "files": len(report.files),
            "findings": len(findings),
            "by_severity": {k: by_severity[k] for k in ("error", "warning", "info")},
            "by_rule": dict(sorted(by_rule.items())),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
