"""Structure kinds: required sections, empty sections, placeholders, 5 Whys depth, timeline."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from blamelint.actions.items import canonical_field, normalise_status
from blamelint.document.catalog import section_catalog
from blamelint.document.model import Document, Segment
from blamelint.document.placeholders import find_placeholders, is_bare_question, is_sample_text
from blamelint.document.sectionlines import body_without_comments, section_lines, top_level_items
from blamelint.document.tables import is_table_delimiter
from blamelint.rules.model import Rule

from .actions import actions_of
from .base import Hit, RunContext, document_kind

_ACTION_ID = re.compile(r"^\s*(?:\[[ xX]\]\s*)?[A-Z][A-Z0-9]*-\d+\s*[:\-–]?\s*")
_FIELD_GROUP = re.compile(r"\s*\([^()]*\)\s*$")


def _catalog(ctx: RunContext):
    return ctx.settings.section_catalog or section_catalog()


@document_kind("missing-section")
def missing_section(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    catalog = _catalog(ctx)
    # `required_sections: []` in the team config is a choice (nothing required), not an absence.
    required = ctx.settings.required_sections
    if required is None:
        required = rule.options.get("required") or catalog.default_required
    present = {s.canonical for s in doc.headings if s.canonical}
    for canonical in catalog.in_order(required):
        if canonical in present:
            continue
        if canonical == "impact" and "impact" in doc.metadata:
            continue
        yield Hit(0, 0, {"section": catalog.name(canonical, doc.language), "id": canonical})


@document_kind("empty-section")
def empty_section(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    for section in doc.sections:
        if body_without_comments(doc, section).strip():
            continue
        end = doc.line_offset(section.line) + len(doc.line_text(section.line))
        yield Hit(section.title_offset, end, {"section": section.title})


def _prose_segments(doc: Document, ctx: RunContext) -> Iterable[tuple[int, Segment]]:
    include_quotes = ctx.settings.blockquotes
    for index, segment in enumerate(doc.segments):
        if segment.quoted and not include_quotes:
            continue
        yield index, segment


@document_kind("placeholder")
def placeholder(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    # Built on the first token that reads as a status: most documents have none (a full
    # pass over the lines, tables and action items saved).
    statuses: list[tuple[int, int]] | None = None
    for index, segment in _prose_segments(doc, ctx):
        for start, end in find_placeholders(segment.text):
            if normalise_status(segment.text[start:end]) in ("open", "done"):
                if statuses is None:
                    statuses = _status_values(doc, ctx)
                if _is_status(segment.source_range(start, end), statuses):
                    continue  # `TODO` / `À faire` in a status column or field is a status
            if not segment.masked(start, end):
                seen.add(segment.source_range(start, end))
                yield Hit(start, end, {"text": segment.text[start:end]}, segment=index)
        if segment.kind == "list_item":
            yield from _sample_text(index, segment, seen)
    # Front matter values are not prose segments but can still hold template tokens.
    if doc.front_matter_lines:
        first, last = doc.front_matter_lines
        start, end = doc.line_offset(first + 1), doc.line_offset(last)
        block = doc.text[start:end]
        for p_start, p_end in find_placeholders(block):
            if (start + p_start, start + p_end) not in seen:
                yield Hit(start + p_start, start + p_end, {"text": block[p_start:p_end]})


def _sample_text(index: int, segment: Segment, seen: set) -> Iterator[Hit]:
    """`Action 1` as a whole description, or a `Why?` with no answer after it."""
    text = segment.text
    if is_bare_question(text):
        stripped = text.strip()
        start = text.index(stripped)
        yield Hit(start, start + len(stripped), {"text": stripped}, segment=index)
        return
    head = _ACTION_ID.match(text)
    begin = head.end() if head else 0
    body = text[begin:]
    group = _FIELD_GROUP.search(body)
    description = body[: group.start()] if group else body
    stripped = description.strip()
    if stripped and is_sample_text(stripped):
        start = begin + description.index(stripped)
        span = segment.source_range(start, start + len(stripped))
        if span not in seen:
            yield Hit(start, start + len(stripped), {"text": stripped}, segment=index)


@document_kind("five-whys-depth")
def five_whys_depth(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    minimum = int(ctx.settings.min_whys or rule.options.get("min_depth", 5))
    for section in doc.sections:
        if section.canonical != "5whys":
            continue
        if not body_without_comments(doc, section).strip():
            continue  # an empty section is the empty-section rule's finding
        sub_headings = sum(
            1
            for h in doc.headings
            if h.level > section.level and section.body_start <= h.offset < section.body_end
        )
        words = _catalog(ctx).entries["5whys"].extra.get("why_words", ("why",))
        depth = max(
            len(top_level_items(doc, section)) + sub_headings, _why_depth(doc, section, words)
        )
        if depth < minimum:
            end = doc.line_offset(section.line) + len(doc.line_text(section.line))
            yield Hit(section.title_offset, end, {"depth": depth, "minimum": minimum})


_LIST_ITEM = re.compile(r"^(?P<indent>[ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+")
_NUMBERED = re.compile(r"^[ \t]*(?:\*\*|__)?(?:\d{1,2}|[ivx]{1,4})[.):](?:\*\*|__)?[ \t]+\S", re.I)


def _why_depth(doc: Document, section, words) -> int:
    """How deep the whys go when written other than as one list: numbered paragraphs
    (`**1.** …`), `Why?` questions inside paragraphs, the body rows of a table of whys,
    or a nested list (each level one why)."""
    question = re.compile(
        r"(?i)(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)[^?\n]{0,200}\?"
    )
    numbered = questions = rows = 0
    levels: set[int] = set()
    header = False
    for line in section_lines(doc, section):
        text = line.text
        if _ROW.match(text):
            if is_table_delimiter(text):
                continue
            rows += 1 if header else 0
            header = True
            continue
        header = False
        item = _LIST_ITEM.match(text)
        if item:
            levels.add(len(item.group("indent").replace(">", "").expandtabs(4)))
        elif _NUMBERED.match(text):
            numbered += 1
        questions += len(question.findall(text))
    return max(numbered, questions, rows, len(levels))


_ROW = re.compile(r"^[ \t]*\|")


def _status_values(doc: Document, ctx: RunContext) -> list[tuple[int, int]]:
    """Document ranges holding a status value: a Status metadata field, the status of an
    action item, a cell of a table column headed Status / Statut / État."""
    ranges: list[tuple[int, int]] = []
    field = doc.metadata.get("status")
    if field is not None and field.value_end > field.value_offset:
        ranges.append((field.value_offset, field.value_end))
    for item in actions_of(doc, ctx).items:
        if "status" in item.spans:
            ranges.append(item.spans["status"])
    column: int | None = None
    previous_row = False
    for number in range(1, len(doc.line_starts) + 1):
        text, offset = doc.line_text(number), doc.line_offset(number)
        if not _ROW.match(text) or doc.in_code(offset):
            column, previous_row = None, False
            continue
        if is_table_delimiter(text):
            continue
        cells = _row_cells(text)
        if not previous_row:  # a header row
            column = next(
                (i for i, (s, e) in enumerate(cells) if canonical_field(text[s:e]) == "status"),
                None,
            )
        elif column is not None and column < len(cells):
            start, end = cells[column]
            ranges.append((offset + start, offset + end))
        previous_row = True
    return ranges


def _row_cells(text: str) -> list[tuple[int, int]]:
    bounds = [i for i, c in enumerate(text) if c == "|" and (i == 0 or text[i - 1] != "\\")]
    cells = []
    for left, right in itertools.pairwise(bounds):
        piece = text[left + 1 : right]
        lead = len(piece) - len(piece.lstrip())
        cells.append((left + 1 + lead, left + 1 + len(piece.rstrip())))
    return cells


def _is_status(span: tuple[int, int], statuses: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in statuses)


KINDS = (missing_section, empty_section, placeholder, five_whys_depth)
