"""Action-item kinds (BL501–BL507): schema, duplicates, deadlines, vague and unmeasurable
actions, an actions section with no items, unreadable action blocks.

Items come from `blamelint.actions.extract.extract_actions`, computed once per Document. A field
whose value is template text (`{OWNER}`, `YYYY-MM-DD`, `Action 1`) belongs to the placeholder rule
(BL103) alone, so these kinds skip it: one defect, one finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from blamelint.actions.extract import extract_actions
from blamelint.actions.items import ActionItem, ActionSet
from blamelint.actions.schema import check_item
from blamelint.base.phrases import join_clauses, join_list, phrase
from blamelint.base.resources import load_data
from blamelint.document.metadata import parse_date
from blamelint.document.model import Document
from blamelint.document.placeholders import is_placeholder
from blamelint.document.sectionlines import body_without_comments
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind


def actions_of(doc: Document, ctx: RunContext) -> ActionSet:
    """extract_actions(doc), once per document and run (seven rules read the same items)."""
    return ctx.artefacts.get("actions", (doc,), lambda: extract_actions(doc))


def settings(rule: Rule, ctx: RunContext) -> dict[str, Any]:
    """The rule's options, overridden by the team's `actions:` config."""
    merged = dict(rule.options)
    merged.update(ctx.settings.actions)
    return merged


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and is_placeholder(value)


def _template_line(item: ActionItem) -> bool:
    """An unfilled template action (`Action 1`): BL103 reports it, field by field."""
    return _is_placeholder(item.description) or _is_placeholder(item.id)


def _anchor(doc: Document, actions: ActionSet) -> tuple[int, int]:
    """Where a finding about a sidecar goes: the actions heading, else the first line."""
    line = actions.section.line if actions.section else 1
    return doc.line_offset(line), doc.line_offset(line) + len(doc.line_text(line))


def _about(item: ActionItem, piece: str, language: str) -> str:
    """`ACT-3: <piece>` in `language`."""
    return phrase("action.about", language, label=item.label_in(language), piece=piece)


def _hit(
    doc: Document,
    actions: ActionSet,
    item: ActionItem,
    field: str | None,
    message: str,
    **values: Any,
) -> Hit:
    span = item.span(field) if item.source != "sidecar" else None
    if span is None:
        span = _anchor(doc, actions)
        message = f"{item.file}:{item.line_of(field)}: {message}"
    return Hit(
        span[0],
        span[1],
        {"id": item.label_in(doc.language), "detail": message, **values},
        message=message,
    )


@document_kind("action-item-invalid")
def action_item_invalid(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    """One finding per item, naming everything it lacks and every value in error."""
    actions = actions_of(doc, ctx)
    options = settings(rule, ctx)
    require_id = bool(options.get("require_id", True))
    for item in actions.items:
        if _template_line(item):
            continue
        problems = [
            problem
            for problem in check_item(item, options, doc.language)
            if not (
                problem.field
                and _is_placeholder(
                    getattr(item, problem.field, None) or item.extra.get(problem.field)
                )
            )
            # An item written without an id has a stable one (section and place): the
            # tracker follows it by that, unless the team asks for written ids.
            and not (problem.field == "id" and problem.missing and not require_id)
        ]
        if not problems:
            continue
        if len(problems) == 1:
            field = None if problems[0].missing else problems[0].field
            yield _hit(doc, actions, item, field, problems[0].message)
            continue
        # Several problems: the finding stands on the first value in error, else on the item.
        field = next((p.field for p in problems if not p.missing and p.field), None)
        yield _hit(doc, actions, item, field, _together(item, problems, doc.language))


def _together(item: ActionItem, problems: list, language: str) -> str:
    """`item 3 (“…”) has no owner, no deadline and no validation criterion; …`"""
    has = [problem.piece for problem in problems if problem.has]
    others = join_clauses([problem.piece for problem in problems if not problem.has], language)
    label = item.label_in(language)
    text = ""
    if has:
        text = phrase("action.has", language, label=label, pieces=join_list(has, language))
    if others and text:
        text = join_clauses([text, others], language)
    elif others:
        text = phrase("action.about", language, label=label, piece=others)
    return text


@document_kind("duplicate-action-id")
def duplicate_action_id(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    actions = actions_of(doc, ctx)
    first: dict[str, ActionItem] = {}
    for item in actions.items:
        if not isinstance(item.id, str) or not item.id.strip() or _is_placeholder(item.id):
            continue
        key = item.id.strip().upper()
        if key not in first:
            first[key] = item
            continue
        where = (
            first[key].line
            if first[key].file == item.file
            else f"{first[key].file}:{first[key].line}"
        )
        message = phrase("action.duplicate", doc.language, id=item.id.strip(), where=where)
        yield _hit(doc, actions, item, "id", message)


def _as_date(value: Any) -> dt.date | None:
    return parse_date(value, strict=True)


@document_kind("action-deadline")
def action_deadline(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    field = doc.metadata.get("date")
    incident = _as_date(field.value) if field is not None else None
    if incident is None:
        return
    actions = actions_of(doc, ctx)
    horizon = int(settings(rule, ctx).get("horizon_days", 90))
    for item in actions.items:
        due = _as_date(item.deadline)
        if due is None or _template_line(item):
            continue
        if due < incident:
            piece = phrase("action.before_incident", doc.language, due=due, incident=incident)
        elif horizon > 0 and (due - incident).days > horizon:
            days = (due - incident).days
            piece = phrase(
                "action.beyond_horizon", doc.language, due=due, days=days, horizon=horizon
            )
        else:
            continue
        message = _about(item, piece, doc.language)
        yield _hit(
            doc,
            actions,
            item,
            "deadline",
            message,
            deadline=str(due),
            incident=str(incident),
            horizon=horizon,
        )


@cache
def _vague_patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    data = load_data("wordlists/vague-actions.yaml")
    return tuple(
        (language, re.compile(entry["pattern"], re.IGNORECASE), entry.get("suggestion", ""))
        for language, entries in data.items()
        for entry in entries
    )


@cache
def _concrete() -> re.Pattern[str]:
    """A threshold, a quantity with a unit or inline code: even "Improve monitoring: …" is
    concrete with one. The symbols and units are data (rules/wordlists/concrete-actions.yaml)."""
    data = load_data("wordlists/concrete-actions.yaml")
    symbols = "".join(re.escape(str(symbol)) for symbol in data["symbols"])
    units = {str(unit) for language in data["units"].values() for unit in language}
    # Longest first, so that "minutes" is tried before "min".
    alternatives = "|".join(
        re.escape(unit) for unit in sorted(units, key=lambda unit: (-len(unit), unit))
    )
    return re.compile(rf"[{symbols}]|\d+(?:[.,]\d+)?\s*(?:{alternatives})\b")


_LEADING_MARKUP = re.compile(r"^[\s*_`\"'«“]+")


def vague_match(
    description: str, extra: Sequence[tuple[re.Pattern[str], str]] = ()
) -> tuple[str, str] | None:
    """(matched phrase, suggestion) when the description names no concrete change; `extra`
    is the team's additions (`wordlists.vague_actions` in the config)."""
    text = _LEADING_MARKUP.sub("", description)
    shipped = [(pattern, suggestion) for _language, pattern, suggestion in _vague_patterns()]
    for pattern, suggestion in [*shipped, *extra]:
        match = pattern.match(text)
        if match and not _concrete().search(text):
            return match.group(0), suggestion
    return None


@document_kind("vague-action")
def vague_action(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    actions = actions_of(doc, ctx)
    for item in actions.items:
        if not isinstance(item.description, str) or _template_line(item):
            continue
        found = vague_match(item.description, ctx.settings.vague_actions)
        if found is None:
            continue
        found_phrase, suggestion = found
        hit = _hit(
            doc,
            actions,
            item,
            "description",
            _about(item, phrase("action.vague", doc.language, phrase=found_phrase), doc.language),
            phrase=found_phrase,
            description=item.description,
        )
        yield Hit(
            hit.start, hit.end, hit.values, message=hit.message, suggestion=suggestion or None
        )


@cache
def _observable() -> re.Pattern[str]:
    data = load_data("wordlists/observable.yaml")
    words = [str(w) for language in data.values() for w in language]
    alternatives = sorted(
        (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)).replace(r"\ ", r"\s+")
        for w in words
    )
    # A digit (count, threshold, duration) or inline code is always enough.
    return re.compile(r"\d|`|(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@cache
def _not_criteria() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a pointer elsewhere, a bare comparative) at the start of a criterion."""
    data = load_data("wordlists/unmeasurable.yaml")

    def alternation(words) -> re.Pattern[str]:
        parts = sorted(
            (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)).replace(r"\ ", r"\s+")
            for w in (str(w) for w in words)
        )
        return re.compile(r"^[\s*_\"'«“]*(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    return alternation(data["references"]), alternation(data["comparatives"])


def is_measurable(validation: str) -> bool:
    reference, comparative = _not_criteria()
    if reference.search(validation):
        return False  # "see ticket OPS-12": where the criterion is, not what it is
    if comparative.search(validation) and not re.search(r"\d|`", validation):
        return False  # "better alerts": how much better?
    return _observable().search(validation) is not None


@document_kind("unmeasurable-validation")
def unmeasurable_validation(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    actions = actions_of(doc, ctx)
    for item in actions.items:
        value = item.validation
        if not isinstance(value, str) or not value.strip() or _template_line(item):
            continue
        if _is_placeholder(value) or is_measurable(value):
            continue
        yield _hit(
            doc,
            actions,
            item,
            "validation",
            _about(
                item, phrase("action.unmeasurable", doc.language, value=value.strip()), doc.language
            ),
            validation=value.strip(),
        )


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\])?\s*", re.MULTILINE)


@document_kind("no-action-items")
def no_action_items(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    actions = actions_of(doc, ctx)
    section = actions.section
    if section is None or actions.items or actions.errors:
        return
    body = body_without_comments(doc, section).strip()
    # An empty section is BL102's, a placeholder-only one BL103's.
    if not body or _is_placeholder(_BULLET.sub("", body)):
        return
    start = section.title_offset
    yield Hit(
        start,
        doc.line_offset(section.line) + len(doc.line_text(section.line)),
        {"section": section.title},
    )


@document_kind("malformed-action-block")
def malformed_action_block(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    actions = actions_of(doc, ctx)
    for error in actions.errors:
        message = error.message
        if error.start is None:
            start, end = _anchor(doc, actions)
            if error.file != doc.path:
                message = f"{error.file}:{error.line}: {message}"
        else:
            start, end = error.start, error.end if error.end is not None else error.start
        yield Hit(start, end, {"detail": message, "source": error.source}, message=message)


KINDS = (
    action_item_invalid,
    duplicate_action_id,
    action_deadline,
    vague_action,
    unmeasurable_validation,
    no_action_items,
    malformed_action_block,
)
