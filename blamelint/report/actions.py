"""The action tracker's formats (`blamelint actions --format`): rows of plain values -> text.

A row is one action as `workflow.tracker.row` builds it (the JSON object of `--format json`);
the formats know rows, never documents or rules. `ACTION_FORMATS` is the one list: the CLI's
--format choices and the tracker's `render` read it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence

from blamelint.base.printable import printable

Row = dict[str, object]

_COLUMNS = (
    "id",
    "status",
    "deadline",
    "owner",
    "description",
    "validation",
    "incident",
    "document",
    "file",
    "line",
    "source",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _safe(value: object) -> object:
    """Spreadsheets run text cells that start with = + - @ (after spaces, or in their
    full-width forms) as formulas: such a cell is quoted with a leading apostrophe."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_START:
        return "'" + value
    return value


def _csv(rows: Iterable[Sequence[object]]) -> str:
    """Every CSV format goes through here, so no cell of any of them reaches a spreadsheet
    as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _jira_csv(rows: list[dict[str, object]]) -> str:
    """Columns the Jira CSV importer maps directly; two Labels columns give two labels.

    Due dates are ISO (set the importer's date format to yyyy-MM-dd); labels cannot hold
    spaces in Jira, so the incident id is slugged. A `Project` column (the key from
    `postmortem.integrations.jira_project`) comes first when any document's config names one,
    so one import can file each action in its team's project.
    """
    with_project = any(row["project"] for row in rows)
    header = ("Summary", "Assignee", "Due date", "Description", "Labels", "Labels")
    lines: list[Sequence[object]] = [("Project", *header) if with_project else header]
    for row in rows:
        summary = f"{row['id']} {row['description']}".strip()
        description = "\n".join(
            part
            for part in (
                str(row["description"]),
                f"Validation: {row['validation']}" if row["validation"] else "",
                f"Source: {row['file']}:{row['line']} (incident {row['incident']})",
            )
            if part
        )
        label = re.sub(r"[^\w.-]+", "-", str(row["incident"])).strip("-") or "incident"
        cells = (
            summary[:255],
            str(row["owner"]).lstrip("@"),
            row["deadline"],
            description,
            label,
            "postmortem-action",
        )
        lines.append((row["project"], *cells) if with_project else cells)
    return _csv(lines)


def _markdown(rows: list[dict[str, object]]) -> str:
    header = ("ID", "Status", "Deadline", "Owner", "Description", "Incident", "Document")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = (
            row["id"],
            row["status"],
            row["deadline"],
            row["owner"],
            row["description"],
            row["incident"],
            f"{row['file']}:{row['line']}",
        )
        lines.append("| " + " | ".join(printable(str(c)).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "no action items\n"
    header = ("ID", "STATUS", "DEADLINE", "OWNER", "WHERE", "DESCRIPTION")
    body = [
        tuple(
            printable(cell)  # document text shown on a terminal: control characters escaped
            for cell in (
                str(r["id"]) or "-",
                str(r["status"]),
                str(r["deadline"]) or "-",
                str(r["owner"]) or "-",
                f"{r['file']}:{r['line']}",
                _clip(str(r["description"]), 60),
            )
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header) - 1)]
    out = []
    for line in (header, *body):
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.append("  ".join([*cells, line[-1]]).rstrip())
    return "\n".join(out) + "\n"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json(rows: list[Row]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _plain_csv(rows: list[Row]) -> str:
    return _csv([_COLUMNS, *([r[c] for c in _COLUMNS] for r in rows)])


# The one list of the tracker's formats, in the order --help shows them.
ACTION_FORMATS: dict[str, Callable[[list[Row]], str]] = {
    "table": _table,
    "json": _json,
    "csv": _plain_csv,
    "markdown": _markdown,
    "jira-csv": _jira_csv,
}
