"""The weekly action review: every action item across a postmortem archive.

`collect` reads the documents (and their sidecars) exactly as the linter finds and reads them:
the same folder walk (include/exclude, skipped folders), the same config per file (section
aliases, `max_file_size`, `--config`/`--isolated`), the same parsing. `select` filters by status
and owner as of a given day, `render` formats a list (table, json, csv, markdown, jira-csv).
`blamelint actions` in `cli_workflow.py` only wires options to these.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from blamelint.actions.extract import extract_actions
from blamelint.actions.items import ActionItem
from blamelint.actions.schema import DEFAULT_ID_PATTERN
from blamelint.base.errors import BlamelintError
from blamelint.base.printable import printable
from blamelint.document.metadata import parse_date
from blamelint.document.model import Document
from blamelint.run.config import Config
from blamelint.run.lint import document_for
from blamelint.run.runner import RunOptions, _ConfigCache, expand, read_target

FORMATS = ("table", "json", "csv", "markdown", "jira-csv")
STATUSES = ("open", "done", "overdue")


@dataclass(frozen=True)
class TrackedAction:
    """An action item and where it was found: its postmortem and incident."""

    item: ActionItem
    document: str
    incident: str
    project: str = ""  # postmortem.integrations.jira_project of the document's config

    @property
    def due(self) -> dt.date | None:
        return parse_date(self.item.deadline, strict=True)

    def status(self, today: dt.date) -> str:
        """done, overdue (open and past its deadline) or open."""
        if self.item.status == "done":
            return "done"
        due = self.due
        return "overdue" if due is not None and due < today else "open"


@dataclass
class Collection:
    actions: list[TrackedAction] = field(default_factory=list)
    # Files that could not be read (errors) and action blocks that did not parse (warnings):
    # the review must know that some actions are missing from the list.
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The parsed documents, in the order read (the HTML report reads their metadata).
    documents: list[Document] = field(default_factory=list)


def incident_id(doc) -> str:
    """The metadata `Incident` value, else the file name without its extension."""
    field_ = doc.metadata.get("incident")
    value = str(field_.value).strip() if field_ is not None and field_.value else ""
    return value or Path(doc.path).stem


def collect(
    paths: Iterable[str | Path], options: RunOptions | None = None, *, language: str = "auto"
) -> Collection:
    """Every action item under `paths`; unreadable inputs become `errors`, not exceptions."""
    options = options or RunOptions()
    if language not in ("", "auto"):
        options = replace(options, language=language)
    configs = _ConfigCache(options)
    found: list[BlamelintError] = []
    empty: list[BlamelintError] = []  # a folder without Markdown: a warning, as for check
    targets = expand([str(path) for path in paths], configs, options, found, empty)
    result = Collection(
        errors=[str(error) for error in found], warnings=[f"warning: {e}" for e in empty]
    )
    for target in targets:
        try:
            config = configs.for_path(target.path).for_language(options.language)
            doc = document_for(target.display, read_target(target, config), config)
        except BlamelintError as exc:
            result.errors.append(str(exc))
            continue
        result.documents.append(doc)
        actions = extract_actions(doc)
        incident = incident_id(doc)
        project = str(config.settings["integrations"].get("jira_project") or "")
        for item in actions.items:
            result.actions.append(TrackedAction(item, target.display, incident, project))
            problem = _id_problem(item, config)
            if problem:
                result.warnings.append(problem)
        for error in actions.errors:
            result.warnings.append(f"{error.file}:{error.line}: {error.message} (actions skipped)")
    return result


def _id_problem(item: ActionItem, config: Config) -> str | None:
    """The weekly review follows actions by id: say when an id breaks the team's pattern
    (`actions.id_pattern`), which the linter reports as BL501 too."""
    pattern = (config.settings.get("actions") or {}).get("id_pattern") or DEFAULT_ID_PATTERN
    if not isinstance(item.id, str) or not item.id.strip() or re.search(pattern, item.id):
        return None
    return f"{item.file}:{item.line}: id {item.id!r} does not follow actions.id_pattern {pattern}"


def _owner_key(owner: object) -> str:
    return str(owner or "").strip().lstrip("@").casefold()


def select(
    actions: Iterable[TrackedAction],
    *,
    today: dt.date,
    status: str | None = None,
    owner: str | None = None,
) -> list[TrackedAction]:
    """Filter by status ("open" includes overdue items) and by owner (case-insensitive)."""
    chosen = []
    for action in actions:
        state = action.status(today)
        if status == "open" and state == "done":
            continue
        if status in ("done", "overdue") and state != status:
            continue
        if owner and _owner_key(action.item.owner) != _owner_key(owner):
            continue
        chosen.append(action)
    return chosen


# ---------------------------------------------------------------- formats

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


def row(action: TrackedAction, today: dt.date) -> dict[str, object]:
    """One action as every format sees it (the JSON object of `actions --format json`)."""
    item = action.item
    return {
        "id": _text(item.id),
        "status": action.status(today),
        "deadline": _text(item.deadline),
        "owner": _text(item.owner),
        "description": _text(item.description),
        "validation": _text(item.validation),
        "incident": action.incident,
        "document": action.document,
        "file": item.file,  # the sidecar for sidecar items: `line` counts its lines
        "line": item.line,
        "source": item.source,
        "project": action.project,
    }


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def render(actions: Sequence[TrackedAction], output_format: str, today: dt.date) -> str:
    rows = [row(a, today) for a in actions]
    if output_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if output_format == "csv":
        return _csv([_COLUMNS, *([r[c] for c in _COLUMNS] for r in rows)])
    if output_format == "jira-csv":
        return _jira_csv(rows)
    if output_format == "markdown":
        return _markdown(rows)
    if output_format == "table":
        return _table(rows)
    raise ValueError(f"unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")


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


def summary(actions: Sequence[TrackedAction], today: dt.date) -> str:
    counts = {state: 0 for state in STATUSES}
    for action in actions:
        counts[action.status(today)] += 1
    return (
        f"{len(actions)} action(s): {counts['open']} open, {counts['overdue']} overdue, "
        f"{counts['done']} done (as of {today.isoformat()})"
    )
