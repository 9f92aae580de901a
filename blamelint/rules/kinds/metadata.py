"""Metadata kinds: required fields present, and values that read as what they claim to be."""

from __future__ import annotations

import re
from collections.abc import Iterator

from blamelint.base.languages import codes, supported
from blamelint.base.phrases import phrase
from blamelint.document.catalog import metadata_catalog
from blamelint.document.metadata import parse_date
from blamelint.document.model import Document
from blamelint.document.placeholders import has_placeholder, is_placeholder
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

_DURATION = re.compile(r"\d")


def _catalog(ctx: RunContext):
    return ctx.settings.metadata_catalog or metadata_catalog()


def _required(ctx: RunContext, rule: Rule, catalog) -> list[str]:
    # `required_metadata: []` in the team config is a choice (nothing required), not an absence.
    required = ctx.settings.required_metadata
    if required is None:
        required = rule.options.get("required") or catalog.default_required
    return list(required)


@document_kind("missing-metadata")
def missing_metadata(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    catalog = _catalog(ctx)
    anchor = doc.line_offset(doc.metadata_line) if doc.metadata_line else 0
    missing = [
        catalog.name(canonical, doc.language)
        for canonical in catalog.in_order(_required(ctx, rule, catalog))
        if canonical not in doc.metadata
        and not (canonical == "impact" and any(h.canonical == "impact" for h in doc.headings))
    ]
    if not missing:
        return
    end = anchor + len(doc.line_text(doc.position(anchor)[0]))
    quoted = ", ".join(f"'{name}'" for name in missing)
    lines = ", ".join(f"'**{name}**: …'" for name in missing)
    yield Hit(anchor, end, {"field": missing[0], "fields": quoted, "lines": lines})


@document_kind("invalid-metadata")
def invalid_metadata(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    catalog = _catalog(ctx)
    required = set(_required(ctx, rule, catalog))
    for canonical, field in sorted(doc.metadata.items(), key=lambda kv: kv[1].line):
        raw = field.raw.strip()
        if raw and (is_placeholder(raw) or has_placeholder(raw)):
            continue  # the placeholder rule reports it
        kind = catalog.entries[canonical].extra.get("type") if canonical in catalog else None
        name = catalog.name(canonical, doc.language)
        start, end = field.value_offset, max(field.value_end, field.value_offset)
        if not raw and field.value in (None, ""):
            if canonical in required:
                line_start = doc.line_offset(field.line)
                yield Hit(
                    line_start,
                    line_start + len(doc.line_text(field.line)),
                    {"field": name, "problem": phrase("metadata.empty", doc.language), "value": ""},
                )
            continue
        if kind == "date" and parse_date(field.value) is None:
            yield Hit(
                start,
                end,
                {
                    "field": name,
                    "value": raw,
                    "problem": phrase("metadata.bad_date", doc.language),
                },
            )
        elif kind == "duration" and not _DURATION.search(str(field.value)):
            yield Hit(
                start,
                end,
                {
                    "field": name,
                    "value": raw,
                    "problem": phrase("metadata.bad_duration", doc.language),
                },
            )


@document_kind("unsupported-language")
def unsupported_language(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    """A document declared in a language the registry does not list (never read as English)."""
    if supported(doc.language):
        return
    field = doc.metadata.get("language")
    if field is not None:
        start, end = field.value_offset, max(field.value_end, field.value_offset)
    else:
        start, end = 0, 0
    yield Hit(start, end, {"language": doc.language, "supported": ", ".join(codes())})


KINDS = (missing_metadata, invalid_metadata, unsupported_language)
