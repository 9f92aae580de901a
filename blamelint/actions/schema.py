"""Validate action items against `schemas/action-item.schema.json`, in words a person reads.

The shipped schema is adjusted by team config: `id_pattern` replaces the id pattern, and a
`schema_extension` (any JSON Schema fragment, e.g. `{"required": ["ticket"]}`) is combined
with it through `allOf`. Each jsonschema error becomes one `Problem` naming the item and the
field ("ACT-003 has no owner"), never the raw validator output.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema

from blamelint.base.errors import ConfigError
from blamelint.base.resources import schemas_dir

from .items import ActionItem

DEFAULT_ID_PATTERN = r"^[A-Z][A-Z0-9]*-\d+$"
_ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOUNS = {"validation": "validation criterion", "id": "id"}


@dataclass(frozen=True)
class Problem:
    field: str | None  # None: the item as a whole
    message: str
    missing: bool = False


@cache
def _base_schema() -> dict[str, Any]:
    return json.loads((schemas_dir() / "action-item.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(id_pattern: str, extension: str) -> jsonschema.protocols.Validator:
    schema = copy.deepcopy(_base_schema())
    try:
        re.compile(id_pattern)
    except re.error as exc:
        raise ConfigError(f"actions.id_pattern is not a valid regular expression: {exc}") from None
    schema["properties"]["id"]["pattern"] = id_pattern
    extra = json.loads(extension)
    if extra:
        try:
            jsonschema.Draft202012Validator.check_schema(extra)
        except jsonschema.SchemaError as exc:
            raise ConfigError(
                f"actions.schema_extension is not a valid JSON Schema: {exc.message}"
            ) from None
        schema = {"$schema": schema["$schema"], "allOf": [schema, extra]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def validator_for(settings: Mapping[str, Any]) -> jsonschema.protocols.Validator:
    """The schema validator for a team's `actions` settings (cached per distinct settings)."""
    pattern = settings.get("id_pattern") or DEFAULT_ID_PATTERN
    extension = json.dumps(settings.get("schema_extension") or {}, sort_keys=True, default=str)
    return _validator(pattern, extension)


def check_item(item: ActionItem, settings: Mapping[str, Any]) -> list[Problem]:
    """One Problem per field in error (a field with two schema errors is reported once)."""
    record = item.record()
    problems: dict[str | None, Problem] = {}
    errors = validator_for(settings).iter_errors(record)
    for error in sorted(errors, key=lambda e: (list(e.absolute_path), e.validator != "format")):
        for problem in _explain(item, record, error):
            problems.setdefault(problem.field, problem)
    order = {name: i for i, name in enumerate(("id", "description", "owner", "deadline"))}
    return sorted(problems.values(), key=lambda p: order.get(p.field or "", 9))


def _explain(item: ActionItem, record: dict, error: jsonschema.ValidationError) -> list[Problem]:
    label = item.label
    if error.validator == "required" and not error.absolute_path:
        return [
            Problem(name, f"{label} has no {_NOUNS.get(name, name)}", missing=True)
            for name in error.validator_value
            if name not in record
        ]
    if not error.absolute_path:
        return [Problem(None, f"{label}: {_short(error.message)}")]
    name = str(error.absolute_path[0])
    value = record.get(name)
    shown = f"“{_short(str(value), 60)}”"
    noun = _NOUNS.get(name, name)
    if error.validator == "type":
        kind = type(value).__name__.replace("str", "text").replace("dict", "an object")
        message = f"{label}: {noun} should be text, not {kind}"
    elif name == "deadline":
        if isinstance(value, str) and _ISO_SHAPE.match(value.strip()):
            message = f"{label}: deadline {value.strip()} is not a real calendar date"
        else:
            message = f"{label}: deadline {shown} is not an ISO 8601 date (YYYY-MM-DD)"
    elif error.validator == "pattern" and error.validator_value == r"\S":
        message = f"{label} has an empty {noun}"
    elif name == "id" and error.validator == "pattern":
        message = f"id {shown} does not follow the pattern {error.validator_value}"
    elif error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        message = f"{label}: {noun} {shown} is not one of {allowed}"
    elif name == "ticket":
        message = f"{label}: ticket {shown} is neither a URL nor a tracker key such as OPS-123"
    elif name == "priority":
        message = f"{label}: priority {shown} should be a word (P1, high) or a number from 0"
    else:
        message = f"{label}: {noun} {shown} {_reason(error)}"
    return [Problem(name, message)]


def _reason(error: jsonschema.ValidationError) -> str:
    """A team extension's constraint, said plainly where the keyword is a common one."""
    value = error.validator_value
    phrases = {
        "minLength": f"is shorter than {value} characters",
        "maxLength": f"is longer than {value} characters",
        "pattern": f"does not match {value}",
        "const": f"should be {value!r}",
        "format": f"is not a valid {value}",
        "minimum": f"is below {value}",
        "maximum": f"is above {value}",
    }
    return phrases.get(
        str(error.validator), f"does not satisfy the team's rule ({error.validator})"
    )


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
