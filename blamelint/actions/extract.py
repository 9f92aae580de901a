"""`extract_actions(doc)`: every action item of a document, from each form it can take.

The readers (`markdown`, `blocks`) build on the dataclasses of `items`; this module puts them
together, so that `items` imports neither of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from blamelint.document.model import Document, Section

from . import blocks as action_blocks
from . import lists as action_lists
from . import markdown as action_markdown
from .items import ActionError, ActionItem, ActionSet, actions_section, fold


def extract_actions(doc: Document, *, sidecars: bool = True) -> ActionSet:
    """Every action item of `doc`, in document order, then the sidecar's; and read errors.

    Pure: sidecar files are read by the runner into `doc.sidecars` (see `run.sidecars`)."""
    section = actions_section(doc)
    items: list[ActionItem] = []
    errors: list[ActionError] = []
    if section is not None:
        items.extend(action_lists.list_items(doc, section))
        items.extend(action_markdown.table_items(doc, section))
        for block in doc.code_blocks:
            if section.body_start <= block.offset < section.body_end:
                found, problems = action_blocks.read_code_block(doc, block)
                items.extend(found)
                errors.extend(problems)
    else:
        # No actions heading (an unknown title, a snippet): a line with an id and a field group
        # is an action wherever it stands.
        whole = Section("", 0, None, 1, 0, 0, len(doc.text), 0)
        items.extend(
            i
            for i in action_markdown.checklist_items(doc, whole)
            if "id" in i.spans and {"owner", "deadline", "validation"} & i.spans.keys()
        )
    paths: tuple[str, ...] = ()
    if sidecars:
        found, problems, paths = action_blocks.parse_sidecars(doc.sidecars, doc.language)
        items.extend(found)
        errors.extend(problems)
    items.sort(key=lambda i: (i.source == "sidecar", i.start if i.start is not None else 0))
    return ActionSet(_numbered(items, section), tuple(errors), section, paths)


def _numbered(items: list[ActionItem], section: Section | None) -> tuple[ActionItem, ...]:
    """Each item's place in its document (or its sidecar), for ids of items without one."""
    slug = _slug(section.title) if section is not None and section.title else "actions"
    counts: dict[str, int] = {}
    numbered = []
    for item in items:
        counts[item.file] = counts.get(item.file, 0) + 1
        numbered.append(replace(item, ordinal=counts[item.file], section_slug=slug))
    return tuple(numbered)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-") or "actions"
