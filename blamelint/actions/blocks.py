"""Action items written as data: fenced ```json / ```yaml blocks and sidecar files.

The shape is the team's original format, `{"actions": [{"id": …, "description": …}, …]}` (a
bare list is accepted too). Values keep their position: JSON through a small walker over text
that `json.loads` has already accepted, YAML through the composed node tree (after
`blamelint.yamlio.load_yaml` has refused aliases, so no YAML bomb is ever expanded). Scalars are
kept as written: an unquoted YAML `deadline: 2026-02-30` stays the string the schema judges.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from json.decoder import scanstring
from pathlib import Path
from typing import Any

import yaml

from blamelint.base.phrases import number as group_digits
from blamelint.base.phrases import phrase
from blamelint.base.yamlio import YamlError, load_yaml
from blamelint.document.model import CodeBlock, Document, Sidecar

from .items import ActionError, ActionItem, build_item, canonical_field

# A postmortem's actions fit in a few kilobytes; past these caps the block is reported, not read.
MAX_BLOCK_CHARS = 1_000_000
MAX_ITEMS = 5_000
MAX_DEPTH = 64

Path_ = tuple[Any, ...]
Located = tuple[Any, dict[Path_, tuple[int, int]]]


class BlockError(ValueError):
    def __init__(self, message: str, index: int | None = None):
        super().__init__(message)
        self.message = message
        self.index = index


# ---------------------------------------------------------------- JSON with positions

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


def parse_json(text: str) -> Located:
    """Value and positions (path → (start, end), quotes excluded); BlockError when invalid."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise BlockError(f"invalid JSON: {exc.msg}", exc.pos) from None
    except RecursionError:
        raise BlockError("invalid JSON: nested too deeply") from None
    except ValueError:  # int() refuses integers of more than 4,300 digits
        match = re.search(r"\d{4300,}", text)
        raise BlockError(
            "invalid JSON: an integer of more than 4,300 digits", match.start() if match else None
        ) from None
    positions: dict[Path_, tuple[int, int]] = {}
    value, _ = _walk(text, _WS.match(text, 0).end(), (), positions)
    return value, positions


def _walk(text: str, pos: int, path: Path_, positions) -> tuple[Any, int]:
    # Only ever runs on text json.loads accepted, so it can skip the error handling.
    if len(path) > MAX_DEPTH:
        raise BlockError("invalid JSON: nested too deeply", pos)
    char = text[pos]
    if char == '"':
        value, end = scanstring(text, pos + 1)
        positions[path] = (pos + 1, end - 1)
        return value, end
    if char in "{[":
        closing, result = ("}", {}) if char == "{" else ("]", [])
        cursor = _WS.match(text, pos + 1).end()
        index = 0
        while text[cursor] != closing:
            if char == "{":
                start = cursor
                key, cursor = scanstring(text, cursor + 1)
                if key in result:  # json.loads keeps the last; YAML refuses: so does JSON
                    raise BlockError(f"invalid JSON: duplicate key '{key}'", start)
                cursor = _WS.match(text, cursor).end() + 1  # the colon
                cursor = _WS.match(text, cursor).end()
                result[key], cursor = _walk(text, cursor, (*path, key), positions)
            else:
                item, cursor = _walk(text, cursor, (*path, index), positions)
                result.append(item)
                index += 1
            cursor = _WS.match(text, cursor).end()
            if text[cursor] == ",":
                cursor = _WS.match(text, cursor + 1).end()
        positions[path] = (pos, cursor + 1)
        return result, cursor + 1
    match = _NUMBER.match(text, pos)
    if match:
        number = match.group()
        value = float(number) if any(c in number for c in ".eE") else int(number)
        positions[path] = match.span()
        return value, match.end()
    for literal, value in _LITERALS.items():
        if text.startswith(literal, pos):
            positions[path] = (pos, pos + len(literal))
            return value, pos + len(literal)
    raise BlockError("invalid JSON", pos)  # unreachable after json.loads


# ---------------------------------------------------------------- YAML with positions

_SCALAR_TYPES: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:int": lambda v: (
        int(v.replace("_", ""), 0) if v[:2] in ("0x", "0o") else int(v.replace("_", ""))
    ),
    "tag:yaml.org,2002:bool": lambda v: v.lower() in ("yes", "true", "on", "y"),
    "tag:yaml.org,2002:null": lambda v: None,
}


def parse_yaml(text: str) -> Located:
    try:
        load_yaml(text)  # refuses aliases and reports syntax errors with their line
    except YamlError as exc:
        raise BlockError(exc.message, _line_index(text, exc.line)) from None
    except ValueError:
        pass  # an impossible unquoted date: kept as a string below, the schema reports it
    positions: dict[Path_, tuple[int, int]] = {}
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return _node_value(node, (), positions), positions


def _line_index(text: str, line: int | None) -> int | None:
    if not line:
        return None
    index = 0
    for _ in range(line - 1):
        index = text.find("\n", index) + 1
        if index == 0:
            return None
    return index


def _node_value(node: yaml.Node | None, path: Path_, positions) -> Any:
    if node is None:
        return None
    if len(path) > MAX_DEPTH:
        raise BlockError("invalid YAML: nested too deeply", node.start_mark.index)
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("'", '"'):
            start, end = start + 1, end - 1
        positions[path] = (start, end)
        convert = _SCALAR_TYPES.get(node.tag)
        try:
            return convert(node.value) if convert else node.value
        except ValueError:
            return node.value
    positions[path] = (start, end)
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(child, (*path, i), positions) for i, child in enumerate(node.value)]
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        result[key] = _node_value(value_node, (*path, key), positions)
    return result


# ---------------------------------------------------------------- from data to items


def items_from_data(
    value: Any,
    positions,
    *,
    to_offset: Callable[[int], int | None],
    to_line: Callable[[int | None], int],
    source: str,
    file: str,
    language: str = "en",
) -> tuple[list[ActionItem], list[ActionError]]:
    """Items from a parsed `{"actions": [...]}`; shape problems become errors, worded in
    `language` (rules/data/phrases.yaml: block.*)."""

    def error(message: str, index: int | None) -> ActionError:
        return ActionError(
            message,
            to_line(index),
            to_offset(index) if index is not None else None,
            None,
            file,
            source,
        )

    top = positions.get((), (0, 0))[0]
    root: Path_ = ()
    if isinstance(value, dict):
        key = next(
            (k for k in value if isinstance(k, str) and k.strip().lower() == "actions"), None
        )
        if key is None:
            return [], [error(phrase("block.no_actions", language), top)]
        value, root = value[key], (key,)
    if not isinstance(value, list):
        return [], [error(phrase("block.not_list", language), top)]
    items: list[ActionItem] = []
    errors: list[ActionError] = []
    if len(value) > MAX_ITEMS:
        errors.append(
            error(phrase("block.too_many", language, count=len(value), limit=MAX_ITEMS), top)
        )
    for index, entry in enumerate(value[:MAX_ITEMS]):
        path = (*root, index)
        start, end = positions.get(path, (top, top))
        if not isinstance(entry, dict):
            errors.append(error(phrase("block.not_object", language, number=index + 1), start))
            continue
        values, spans, lines = {}, {}, {}
        for key, field_value in entry.items():
            name = canonical_field(str(key)) or str(key)
            if name in values:
                continue
            values[name] = field_value
            span = positions.get((*path, key))
            if span is not None:
                spans[name] = (to_offset(span[0]), to_offset(span[1]))
                lines[name] = to_line(span[0])
        if any(s is None for pair in spans.values() for s in pair):
            spans = {}
        # The id line names the item; without an id, the object's first line does.
        anchor = positions.get((*path, _key_for(entry, "id")), (start, end))[0]
        items.append(
            build_item(
                values,
                line=to_line(anchor),
                start=to_offset(start),
                end=to_offset(end),
                source=source,
                file=file,
                spans=spans,
                lines=lines,
            )
        )
    return items, errors


def _key_for(entry: dict, name: str) -> Any:
    return next((k for k in entry if canonical_field(str(k)) == name), None)


def _parse(text: str, kind: str, language: str = "en") -> Located:
    if len(text) > MAX_BLOCK_CHARS:
        size, limit = group_digits(len(text), language), group_digits(MAX_BLOCK_CHARS, language)
        raise BlockError(
            phrase("block.too_large", language, kind=kind.upper(), size=size, limit=limit), 0
        )
    return parse_json(text) if kind == "json" else parse_yaml(text)


# ---------------------------------------------------------------- fenced blocks

_KINDS = {"json": "json", "jsonc": "json", "yaml": "yaml", "yml": "yaml"}


def read_code_block(doc: Document, block: CodeBlock) -> tuple[list[ActionItem], list[ActionError]]:
    kind = _KINDS.get((block.info.split() or [""])[0].lower())
    if kind is None:
        return [], []
    to_offset = _content_map(doc, block)

    def to_line(index: int | None) -> int:
        return doc.position(to_offset(index or 0))[0]

    try:
        value, positions = _parse(block.content, kind, doc.language)
    except BlockError as exc:
        offset = to_offset(exc.index) if exc.index is not None else block.offset
        end = (
            doc.line_starts[doc.position(offset)[0]] - 1
            if doc.position(offset)[0] < len(doc.line_starts)
            else len(doc.text)
        )
        return [], [
            ActionError(
                exc.message, doc.position(offset)[0], offset, max(end, offset), doc.path, kind
            )
        ]
    return items_from_data(
        value,
        positions,
        to_offset=to_offset,
        to_line=to_line,
        source=kind,
        file=doc.path,
        language=doc.language,
    )


def _content_map(doc: Document, block: CodeBlock) -> Callable[[int], int]:
    """Content index → document offset, line by line: a block nested in a list item has its
    indentation removed from `content`, so each content line is found at its line's end."""
    starts: list[int] = []
    bases: list[int] = []
    index = 0
    for number, piece in enumerate(block.content.split("\n")):
        line = block.content_line + number
        starts.append(index)
        if line <= len(doc.line_starts):
            source = doc.line_text(line)
            shift = len(source) - len(piece) if source.endswith(piece) else 0
            bases.append(doc.line_offset(line) + shift)
        else:
            bases.append(len(doc.text))
        index += len(piece) + 1

    def to_offset(content_index: int) -> int:
        row = max(bisect_right(starts, content_index) - 1, 0)
        return min(bases[row] + content_index - starts[row], len(doc.text))

    return to_offset


# ---------------------------------------------------------------- sidecars


def parse_sidecars(
    sidecars: Iterable[Sidecar],
    language: str = "en",
) -> tuple[list[ActionItem], list[ActionError], tuple[str, ...]]:
    """The action items of the sidecar files the runner read (`Document.sidecars`)."""
    items: list[ActionItem] = []
    errors: list[ActionError] = []
    sidecars = tuple(sidecars)
    for sidecar in sidecars:
        name = sidecar.path
        if sidecar.problem is not None or sidecar.text is None:
            message = sidecar.problem or f"cannot read sidecar {Path(name).name}"
            errors.append(ActionError(message, 1, None, None, name, "sidecar"))
            continue
        kind = "json" if name.endswith(".json") else "yaml"
        text = sidecar.text
        try:
            value, positions = _parse(text, kind, language)
        except BlockError as exc:
            line = text.count("\n", 0, exc.index) + 1 if exc.index else 1
            errors.append(
                ActionError(
                    f"sidecar {Path(name).name}: {exc.message}", line, None, None, name, "sidecar"
                )
            )
            continue
        found_items, problems = items_from_data(
            value,
            positions,
            to_offset=lambda _index: None,
            to_line=lambda index, text=text: text.count("\n", 0, index or 0) + 1,
            source="sidecar",
            file=name,
            language=language,
        )
        items.extend(found_items)
        errors.extend(problems)
    return items, errors, tuple(s.path for s in sidecars)
