"""Structure kinds: required sections, empty sections, placeholders, 5 Whys depth, timeline."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from blamelint.document.catalog import section_catalog
from blamelint.document.model import Document, Segment
from blamelint.document.placeholders import find_placeholders, is_bare_question, is_sample_text
from blamelint.document.sectionlines import body_without_comments, top_level_items
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

_ACTION_ID = re.compile(r"^\s*(?:\[[ xX]\]\s*)?[A-Z][A-Z0-9]*-\d+\s*[:\-–]?\s*")
_FIELD_GROUP = re.compile(r"\s*\([^()]*\)\s*$")


def _catalog(ctx: RunContext):
    return ctx.settings.get("section_catalog") or section_catalog()


@document_kind("missing-section")
def missing_section(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    catalog = _catalog(ctx)
    # `required_sections: []` in the team config is a choice (nothing required), not an absence.
    required = ctx.settings.get("required_sections")
    if required is None:
        required = rule.options.get("required") or catalog.default_required
    present = {s.canonical for s in doc.headings if s.canonical}
    for canonical in required:
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
    include_quotes = ctx.settings.get("blockquotes", True)
    for index, segment in enumerate(doc.segments):
        if segment.quoted and not include_quotes:
            continue
        yield index, segment


@document_kind("placeholder")
def placeholder(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    for index, segment in _prose_segments(doc, ctx):
        for start, end in find_placeholders(segment.text):
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
    minimum = int(ctx.settings.get("min_whys") or rule.options.get("min_depth", 5))
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
        depth = len(top_level_items(doc, section)) + sub_headings
        if depth < minimum:
            end = doc.line_offset(section.line) + len(doc.line_text(section.line))
            yield Hit(section.title_offset, end, {"depth": depth, "minimum": minimum})


KINDS = (missing_section, empty_section, placeholder, five_whys_depth)
