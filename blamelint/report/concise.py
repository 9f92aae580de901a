"""One line per finding (`path:line:col: CODE [name] message`), then the summary line.

The text format without the suggestion lines, as Ruff's `concise`; `-q` drops the summary.
"""

from __future__ import annotations

from dataclasses import replace

from . import Report
from .text import render as render_text
from .text import summary_line


def render(report: Report) -> str:
    lines = render_text(replace(report, show_suggestions=False))
    if not report.show_suggestions:  # --quiet: findings only
        return lines
    return lines + summary_line(report) + "\n"
