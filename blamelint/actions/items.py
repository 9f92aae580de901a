"""Corrective actions of a postmortem, extracted from every form teams write them in.

Pure: `extract_actions(doc)` reads the Document (with the sidecar files the runner read into
`doc.sidecars`: no filesystem access here) and returns items as data; rules in
`blamelint.rules.kinds.actions` judge them. Forms, all inside the actions section except the
sidecar:

- checklist lines `- [ ] ACT-001 Description (owner: team, deadline: 2026-03-15, validation: …)`,
  with English or French keys, and the template's short form `- [ ] Action 1 (owner, deadline)`;
- Markdown tables whose header names the fields;
- fenced ```json / ```yaml blocks holding `{"actions": [...]}` (see `blamelint.actions.blocks`);
- a sidecar `<name>.actions.json|yaml|yml` beside the document (found by `run.sidecars`).

Every field keeps the document offsets of its value, so findings point at the exact text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from blamelint.base.phrases import phrase
from blamelint.base.resources import load_data
from blamelint.base.text import fold as text_fold
from blamelint.document.model import Document, Section

CORE_FIELDS = ("id", "description", "owner", "deadline", "validation")


@dataclass(frozen=True)
class ActionItem:
    """One corrective action. Values are as written (`deadline` stays a raw string).

    `spans[field]` holds the document offsets of a field's value (quotes excluded); it is empty
    for sidecar items, whose `line` counts lines of `file` (the sidecar), not of the document.
    """

    id: Any
    description: Any
    owner: Any
    deadline: Any
    validation: Any
    status: Any
    extra: Mapping[str, Any]
    line: int
    start: int | None
    end: int | None
    source: str
    file: str
    spans: Mapping[str, tuple[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    # Place of an item among the actions section's items (1-based), and that section's slug:
    # together the stable id of an item written without one (`action-items-3`).
    ordinal: int | None = None
    section_slug: str = ""

    def record(self) -> dict[str, Any]:
        """The item as the JSON object the schema validates (absent fields left out)."""
        data = {name: getattr(self, name) for name in (*CORE_FIELDS, "status")}
        data.update(self.extra)
        return {key: value for key, value in data.items() if value is not None}

    def span(self, name: str | None = None) -> tuple[int, int] | None:
        """Offsets of a field's value, else of the id, the description, then the item."""
        for key in (name, "id", "description"):
            if key and key in self.spans:
                return self.spans[key]
        if self.start is None or self.end is None:
            return None
        return self.start, self.end

    def line_of(self, name: str | None) -> int:
        return self.lines.get(name, self.line) if name else self.line

    @property
    def has_id(self) -> bool:
        return isinstance(self.id, str) and bool(self.id.strip())

    @property
    def stable_id(self) -> str:
        """The written id, else one made of the section and the item's place in it."""
        if self.has_id:
            return self.id.strip()
        if self.ordinal is not None:
            return f"{self.section_slug or 'actions'}-{self.ordinal}"
        return f"line-{self.line}"

    @property
    def label(self) -> str:
        """How messages name the item: its id, else its place and the start of its text."""
        return self.label_in("en")

    def label_in(self, language: str) -> str:
        """`label` in `language` (rules/data/phrases.yaml: item.*)."""
        if self.has_id:
            return self.id.strip()
        text = self.description.strip() if isinstance(self.description, str) else ""
        quoted = (f"“{text[:47]}…”" if len(text) > 48 else f"“{text}”") if text else ""
        if self.ordinal is not None:
            if quoted:
                return phrase("item.quoted", language, ordinal=self.ordinal, text=quoted)
            return phrase("item.ordinal", language, ordinal=self.ordinal)
        return quoted or phrase("item.line", language, line=self.line)


@dataclass(frozen=True)
class ActionError:
    """An action block that could not be read (bad JSON/YAML, wrong shape, unreadable sidecar)."""

    message: str
    line: int
    start: int | None
    end: int | None
    file: str
    source: str


@dataclass(frozen=True)
class ActionSet:
    items: tuple[ActionItem, ...]
    errors: tuple[ActionError, ...]
    section: Section | None
    sidecars: tuple[str, ...] = ()


# ---------------------------------------------------------------- field names (data)


def fold(text: str) -> str:
    """Folded (`base.text.fold`), spaces squeezed: how field names and statuses compare."""
    return re.sub(r"\s+", " ", text_fold(text.strip()))


@cache
def _field_data() -> dict[str, Any]:
    return load_data("data/action-fields.yaml")


@cache
def field_aliases() -> dict[str, str]:
    """Folded alias → canonical field name."""
    return {
        fold(alias): name
        for name, aliases in _field_data()["fields"].items()
        for alias in [name, *aliases]
    }


def canonical_field(key: str) -> str | None:
    return field_aliases().get(fold(key.strip().strip("*_`").rstrip(":").strip()))


@cache
def _status_words() -> dict[str, str]:
    return {
        fold(str(w)): status for status, words in _field_data()["status"].items() for w in words
    }


def normalise_status(value: Any) -> Any:
    """open/done for the words teams use ([x], fait, closed…); anything else unchanged."""
    if isinstance(value, bool):
        return "done" if value else "open"
    if isinstance(value, str):
        return _status_words().get(fold(value), value)
    return value


# ---------------------------------------------------------------- the actions section


def actions_section(doc: Document) -> Section | None:
    """The section that holds actions: tagged by the document model, else found by title."""
    for name in ("actions", "corrective-actions", "corrective_actions", "action-items"):
        section = doc.section(name)
        if section is not None:
            return section
    titles = {fold(t) for t in _field_data()["sections"]}
    for section in doc.headings or doc.sections:
        title = re.sub(r"\s*\([^)]*\)\s*$", "", section.title).strip().rstrip(":").strip()
        if fold(title) in titles:
            return section
    return None


# ---------------------------------------------------------------- building items


def build_item(
    values: Mapping[str, Any],
    *,
    line: int,
    start: int | None,
    end: int | None,
    source: str,
    file: str,
    spans: Mapping[str, tuple[int, int]],
    lines: Mapping[str, int],
) -> ActionItem:
    """An ActionItem from canonical field → value (unknown fields go to `extra`)."""
    extra = {k: v for k, v in values.items() if k not in (*CORE_FIELDS, "status")}
    return ActionItem(
        id=values.get("id"),
        description=values.get("description"),
        owner=values.get("owner"),
        deadline=values.get("deadline"),
        validation=values.get("validation"),
        status=normalise_status(values.get("status")) if "status" in values else None,
        extra=MappingProxyType(extra),
        line=line,
        start=start,
        end=end,
        source=source,
        file=file,
        spans=MappingProxyType(dict(spans)),
        lines=MappingProxyType(dict(lines)),
    )
