"""Compiler-style text: `path:line:col: BL123 [name] message`, the suggestion under it."""

from __future__ import annotations

from collections import Counter

from blamelint.base.finding import Severity
from blamelint.base.printable import printable

from . import Report

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def summary_line(report: Report) -> str:
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    stopped = ""
    if report.errors:
        count = len(report.errors)
        stopped = f" {count} input error{'s' if count != 1 else ''} (on stderr)."
    if not report.findings:
        if report.errors:
            return f"No findings in {files} {noun};{stopped}"
        return f"All checks passed ({files} {noun})."
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True)]
    total = len(report.findings)
    plural = "s" if total != 1 else ""
    return f"Found {total} finding{plural} ({', '.join(parts)}) in {files} {noun}.{stopped}"


def render(report: Report) -> str:
    color = report.color
    lines = []
    for f in report.findings:
        # Paths and messages carry document text: its control characters are shown escaped.
        where = _paint(f"{printable(f.path)}:{f.line}:{f.column}:", "1", color)
        code = _paint(f.rule, _COLORS[f.severity], color)
        lines.append(f"{where} {code} [{f.name}] {printable(f.message)}")
        if report.show_suggestions and f.suggestion:
            lines.append(f"  {_paint('suggestion:', '2', color)} {printable(f.suggestion)}")
    if report.show_suggestions:
        lines.append(summary_line(report))
    return "\n".join(lines) + ("\n" if lines else "")
