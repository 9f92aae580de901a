"""The weekly action review: every action item across a postmortem archive.

`collect` reads the documents (and their sidecars) exactly as the linter finds and reads them:
the same folder walk (include/exclude, skipped folders), the same config per file (section
aliases, `max_file_size`, `--config`/`--isolated`), the same parsing. `select` filters by status
and owner as of a given day, `render` formats a list with one of `report.actions.ACTION_FORMATS`
(table, json, csv, markdown, jira-csv). `blamelint actions` in `cli/workflow.py` only wires
options to these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from blamelint.actions.extract import extract_actions
from blamelint.actions.items import ActionItem
from blamelint.actions.schema import DEFAULT_ID_PATTERN
from blamelint.base.errors import BlamelintError
from blamelint.document.metadata import parse_date
from blamelint.document.model import Document
from blamelint.document.placeholders import is_placeholder
from blamelint.report.actions import ACTION_FORMATS
from blamelint.run.config import Config
from blamelint.run.lint import document_for
from blamelint.run.runner import RunOptions, _ConfigCache, expand, read_target

FORMATS = tuple(ACTION_FORMATS)  # read from the one registry (report.actions)
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


_TITLE_ID = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[A-Z0-9]*\d[A-Z0-9]*(?![\w-])")


def incident_id(doc) -> str:
    """The metadata `Incident` value, else an id in the title (`# Post-mortem INC-2026-014 :
    …`, the French template's form), else the file name without its extension."""
    field_ = doc.metadata.get("incident")
    value = str(field_.value).strip() if field_ is not None and field_.value else ""
    if not value and doc.title is not None:
        found = _TITLE_ID.search(doc.title.title)
        value = found.group(0) if found else ""
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
        project = str(config.settings.integrations.get("jira_project") or "")
        for item in actions.items:
            if _template_sample(item):
                # `- [ ] Action 1 (owner: {OWNER}, deadline: YYYY-MM-DD)`: the template, not
                # an action anyone owes; neither listed nor exported.
                result.warnings.append(
                    f"{item.file}:{item.line}: template sample item {item.label} not listed"
                )
                continue
            result.actions.append(TrackedAction(item, target.display, incident, project))
            problem = _id_problem(item, config) or _deadline_problem(item)
            if problem:
                result.warnings.append(problem)
        for error in actions.errors:
            result.warnings.append(f"{error.file}:{error.line}: {error.message} (actions skipped)")
    return result


def _id_problem(item: ActionItem, config: Config) -> str | None:
    """The weekly review follows actions by id: say when an id breaks the team's pattern
    (`actions.id_pattern`), which the linter reports as BL501 too."""
    pattern = config.settings.actions.get("id_pattern") or DEFAULT_ID_PATTERN
    if not isinstance(item.id, str) or not item.id.strip() or re.search(pattern, item.id):
        return None
    return f"{item.file}:{item.line}: id {item.id!r} does not follow actions.id_pattern {pattern}"


def _template_sample(item: ActionItem) -> bool:
    def placeholder(value: object) -> bool:
        return isinstance(value, str) and is_placeholder(value)

    if placeholder(item.description) or placeholder(item.id):
        return True
    return placeholder(item.owner) and placeholder(item.deadline)


def _deadline_problem(item: ActionItem) -> str | None:
    """A deadline the review cannot read: the action would stay "open" forever."""
    value = item.deadline
    if not isinstance(value, str) or not value.strip() or is_placeholder(value):
        return None
    if parse_date(value, strict=True) is not None:
        return None
    return (
        f"{item.file}:{item.line}: cannot read the deadline {value.strip()!r} of {item.label} "
        "(write YYYY-MM-DD); it is listed as open, never overdue"
    )


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


def row(action: TrackedAction, today: dt.date) -> dict[str, object]:
    """One action as every format sees it (the JSON object of `actions --format json`)."""
    item = action.item
    return {
        "id": _text(item.id) or item.stable_id,  # id-less items: section and place
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
    format_rows = ACTION_FORMATS.get(output_format)
    if format_rows is None:
        expected = ", ".join(FORMATS)
        raise ValueError(f"unknown format {output_format!r} (expected one of {expected})")
    return format_rows([row(a, today) for a in actions])


def summary(actions: Sequence[TrackedAction], today: dt.date) -> str:
    counts = {state: 0 for state in STATUSES}
    for action in actions:
        counts[action.status(today)] += 1
    return (
        f"{len(actions)} action(s): {counts['open']} open, {counts['overdue']} overdue, "
        f"{counts['done']} done (as of {today.isoformat()})"
    )
