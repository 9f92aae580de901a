"""Code actions as plain edits (0-based line, code-point column): no LSP types here.

Two actions, offered only where the edit cannot change what the document says:
- silence one rule on one line: a `blamelint-disable-next-line CODE` comment on its own line
  above a line that starts a block (never inside front matter, code, or a table), or a
  `blamelint-disable-line CODE` comment at the end of a paragraph's continuation line, where
  a comment line would split the paragraph in two;
- add a missing required section: its heading and guidance comment from the team template
  (`postmortem-template.md` beside the config) or the shipped one, in the document's
  language, placed where the template puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from blamelint.base.bounded import ReadRefused, read_text
from blamelint.base.finding import Finding
from blamelint.base.languages import or_default
from blamelint.document.catalog import Catalog, section_catalog
from blamelint.document.model import Document
from blamelint.run.config import Config
from blamelint.run.lint import document_for

MISSING_SECTION = "BL101"
_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|>|<!--)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Edit:
    """Insert `text` at (line, column), both 0-based; column counts code points."""

    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    edit: Edit


def suppress_action(doc: Document, finding: Finding) -> Action | None:
    """The comment that silences `finding`'s rule on its line, or None where none is safe."""
    line = finding.line
    if line < 1 or line > len(doc.line_starts) or finding.rule == MISSING_SECTION:
        return None
    if doc.front_matter_lines and doc.front_matter_lines[0] <= line <= doc.front_matter_lines[1]:
        return None
    text = doc.line_text(line)
    if doc.in_code(doc.line_offset(line)) or text.lstrip().startswith("|"):
        return None
    title = f"Disable {finding.rule} ({finding.name}) for this line"
    previous = doc.line_text(line - 1) if line > 1 else ""
    continuation = previous.strip() and not _BLOCK_START.match(text) and not _is_heading(previous)
    if continuation:
        comment = f" <!-- blamelint-disable-line {finding.rule} -->"
        return Action(title, Edit(line - 1, len(text.rstrip("\r")), comment))
    indent = text[: len(text) - len(text.lstrip())]
    comment = f"{indent}<!-- blamelint-disable-next-line {finding.rule} -->\n"
    return Action(title, Edit(line - 1, 0, comment))


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def section_actions(
    doc: Document, findings: list[Finding], config: Config
) -> dict[Finding, Action]:
    """For each missing-section finding, the edit that inserts that section."""
    catalog: Catalog = config.settings.section_catalog or section_catalog()
    present = {s.canonical for s in doc.headings if s.canonical}
    template = _template_sections(_template(config, doc.language), catalog)
    order = [canonical for canonical, _ in template]
    blocks = dict(template)
    actions = {}
    for finding in findings:
        if finding.rule != MISSING_SECTION:
            continue
        canonical = _named(finding, catalog, doc.language, present)
        if canonical is None:
            continue
        block = blocks.get(canonical) or f"## {catalog.name(canonical, doc.language)}\n"
        title = f"Add the '{catalog.name(canonical, doc.language)}' section"
        actions[finding] = Action(title, _insertion(doc, canonical, order, block))
    return actions


def _named(finding: Finding, catalog: Catalog, language: str, present: set[str]) -> str | None:
    """The missing section a finding names (its message quotes the name in `language`)."""
    candidates = [
        canonical
        for canonical in catalog.entries
        if canonical not in present and f"'{catalog.name(canonical, language)}'" in finding.message
    ]
    return max(candidates, key=lambda c: len(catalog.name(c, language)), default=None)


def _insertion(doc: Document, canonical: str, order: list[str], block: str) -> Edit:
    """Before the first present section the template puts after this one, else at the end."""
    later = order[order.index(canonical) + 1 :] if canonical in order else []
    for section in doc.sections:
        if section.canonical in later:
            return Edit(section.line - 1, 0, block + "\n")
    last = len(doc.line_starts)
    tail = doc.line_text(last)
    if tail.strip():  # the file does not end with a newline
        return Edit(last - 1, len(tail), "\n\n" + block)
    prefix = "" if last > 1 and not doc.line_text(last - 1).strip() else "\n"
    return Edit(last - 1, 0, prefix + block)


def _template(config: Config, language: str) -> str:
    from blamelint.workflow.scaffold import TEMPLATE_NAME, shipped_template

    folder = Path(config.path).parent if config.path else Path.cwd()
    local = folder / TEMPLATE_NAME
    try:
        text = read_text(local, config.max_file_size)  # never blocks on a FIFO
    except (ReadRefused, UnicodeDecodeError):
        text = None
    if text is not None and _template_language(text) == language:
        return text
    return shipped_template(or_default(language))


def _template_language(text: str) -> str:
    return "fr" if "{DUREE}" in text or "{IMPACT_UTILISATEURS}" in text else "en"


def _template_sections(template: str, catalog: Catalog) -> list[tuple[str, str]]:
    """(canonical, block) for each `##` section of the template, in order: the heading and
    its guidance comments, without the placeholder text the author replaces."""
    sections: list[tuple[str, list[str]]] = []
    for line in template.splitlines():
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            canonical = catalog.match(heading.group(2))
            sections.append((canonical or "", [line]))
        elif heading:
            sections.append(("", []))
        elif sections:
            sections[-1][1].append(line)
    result = []
    for canonical, lines in sections:
        if not canonical:
            continue
        result.append((canonical, _guidance(lines)))
    return result


def _guidance(lines: list[str]) -> str:
    heading, body = lines[0], "\n".join(lines[1:])
    comments = re.findall(r"<!--.*?-->", body, re.DOTALL)
    return heading + "\n" + "".join(f"\n{c}\n" for c in comments)


def parse(config: Config, display: str, text: str) -> Document:
    return document_for(display, text, config)
