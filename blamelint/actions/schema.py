"""Validate action items against `schemas/action-item.schema.json`, in words a person reads.

The shipped schema is adjusted by team config: `id_pattern` replaces the id pattern, and a
`schema_extension` (any JSON Schema fragment, e.g. `{"required": ["ticket"]}`) is combined
with it through `allOf`. Each jsonschema error becomes one `Problem` naming the item and the
field ("ACT-003 has no owner"), never the raw validator output.

An extension must be self-contained: `extension_problem` refuses `$ref`s outside it, `$id` and
`$schema`, and patterns that backtrack exponentially (the config loader calls it, so the
error names the file and line), and the validator's registry refuses to retrieve anything,
so no schema ever makes blamelint fetch a URL or read a file.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
import urllib.parse
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from blamelint.base.errors import ConfigError
from blamelint.base.phrases import phrase, phrase_keys
from blamelint.base.resources import schemas_dir
from blamelint.base.safe_regex import check_pattern, compile_pattern

from .items import ActionItem

if TYPE_CHECKING:
    import jsonschema
    import referencing

# jsonschema and referencing (~0.2 s to import) are imported where an item or a schema is
# checked, so that a run whose documents hold no action item never pays for them.

DEFAULT_ID_PATTERN = r"^[A-Z][A-Z0-9]*-\d+$"
_ISO_SHAPE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Problem:
    field: str | None  # None: the item as a whole
    message: str
    missing: bool = False
    piece: str = ""  # the message without the item's label
    has: bool = False  # `{label} has {piece}`: pieces of several problems are listed together


class FormatProblem(ValueError):
    """Why a value fails a named format, and where inside the value (a key path)."""

    def __init__(self, message: str, inside: Sequence[Any] = ()):
        super().__init__(message)
        self.message = message
        self.inside = tuple(inside)


def _refuse_retrieval(uri: str) -> referencing.Resource:
    import referencing.exceptions

    raise referencing.exceptions.NoSuchResource(ref=uri)


@cache
def no_retrieval() -> referencing.Registry:
    """A registry that never fetches or reads anything: a `$ref` outside the schema is
    unresolvable."""
    import referencing

    return referencing.Registry(retrieve=_refuse_retrieval)


def __getattr__(name: str) -> Any:
    if name == "NO_RETRIEVAL":  # the registry under its former constant's name
        return no_retrieval()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def regex_problem(value: object) -> bool:
    if isinstance(value, str):
        reason = check_pattern(value)
        if reason is not None:
            if reason.startswith("not a valid regular expression"):
                raise FormatProblem("invalid regular expression" + reason[30:])
            raise FormatProblem(
                f"pattern '{value}' is refused: {reason} can make matching take forever; "
                "rewrite it (a character class instead of alternatives, one repeat level)"
            )
    return True


EXTENSION_ID = "urn:blamelint:actions-schema-extension"


def _pointer_target(schema: Any, reference: str) -> bool:
    """Whether a local reference ('#', '#/a/b', '#name') names something in the extension."""
    fragment = urllib.parse.unquote(reference[1:])
    if not fragment.startswith("/"):
        return fragment == "" or _has_anchor(schema, fragment)
    node = schema
    for part in fragment[1:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _has_anchor(schema: Any, name: str) -> bool:
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            if node.get("$anchor") == name or node.get("$dynamicAnchor") == name:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def extension_problem(schema: Any) -> FormatProblem | None:
    """The first thing in a schema extension that could fetch, read a file, hang, or point
    at nothing."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), schema)]
    while stack:
        where, node = stack.pop()
        items = node.items() if isinstance(node, Mapping) else enumerate(node)
        for key, value in sorted(items, key=lambda kv: str(kv[0]), reverse=True):
            inside = (*where, key)
            if isinstance(node, Mapping) and isinstance(value, str):
                if key in ("$ref", "$dynamicRef") and not value.startswith("#"):
                    return FormatProblem(
                        f"{key} {value!r} points outside the extension; blamelint fetches and "
                        "reads nothing the config does not contain (inline the schema, or use "
                        "a '#/...' reference)",
                        inside,
                    )
                if key in ("$ref", "$dynamicRef") and not _pointer_target(schema, value):
                    return FormatProblem(
                        f"{key} {value!r} points at nothing in the extension", inside
                    )
                if key in ("$id", "$schema"):
                    return FormatProblem(
                        f"{key} is not allowed in a schema extension (it is part of the "
                        "action-item schema, 2020-12)",
                        inside,
                    )
                if key == "pattern":
                    try:
                        regex_problem(value)
                    except FormatProblem as exc:
                        return FormatProblem(exc.message, inside)
            if (
                isinstance(node, Mapping)
                and key == "patternProperties"
                and isinstance(value, Mapping)
            ):
                for name in value:
                    try:
                        regex_problem(str(name))
                    except FormatProblem as exc:
                        return FormatProblem(exc.message, (*inside, name))
            if isinstance(value, Mapping | list):
                stack.append((inside, value))
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        return FormatProblem(f"not a valid JSON Schema ({exc.message})", tuple(exc.path))
    return None


@cache
def _base_schema() -> dict[str, Any]:
    return json.loads((schemas_dir() / "action-item.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(id_pattern: str, extension: str) -> jsonschema.protocols.Validator:
    # The config loader has checked both already (config_checks, with file and line); these
    # guards keep a Config built some other way from hanging or fetching.
    schema = copy.deepcopy(_base_schema())
    compile_pattern(id_pattern, "actions.id_pattern")
    schema["properties"]["id"]["pattern"] = id_pattern
    extra = json.loads(extension)
    if extra:
        problem = extension_problem(extra)
        if problem is not None:
            raise ConfigError(f"actions.schema_extension: {problem.message}")
        # Its own resource, so that its "#/..." references mean the extension, not the whole.
        schema = {"$schema": schema["$schema"], "allOf": [schema, {**extra, "$id": EXTENSION_ID}]}
    import jsonschema

    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker(), registry=no_retrieval()
    )


def validator_for(settings: Mapping[str, Any]) -> jsonschema.protocols.Validator:
    """The schema validator for a team's `actions` settings (cached per distinct settings)."""
    pattern = settings.get("id_pattern") or DEFAULT_ID_PATTERN
    extension = json.dumps(settings.get("schema_extension") or {}, sort_keys=True, default=str)
    return _validator(pattern, extension)


def check_item(
    item: ActionItem, settings: Mapping[str, Any], language: str = "en"
) -> list[Problem]:
    """One Problem per field in error (a field with two schema errors is reported once),
    worded in `language` (rules/data/phrases.yaml: action.*)."""
    import referencing.exceptions

    record = item.record()
    problems: dict[str | None, Problem] = {}
    try:
        errors = list(validator_for(settings).iter_errors(record))
    except referencing.exceptions.Unresolvable as exc:  # never a traceback if one slips by
        raise ConfigError(f"actions.schema_extension: $ref cannot be resolved ({exc})") from None
    # (the label is the same in every message: worded once, not once per schema error)
    label = item.label_in(language)
    for error in sorted(errors, key=lambda e: (list(e.absolute_path), e.validator != "format")):
        for problem in _explain(label, record, error, language, problems):
            problems.setdefault(problem.field, problem)
    order = {name: i for i, name in enumerate(("id", "description", "owner", "deadline"))}
    return sorted(problems.values(), key=lambda p: order.get(p.field or "", 9))


def _noun(name: str, language: str) -> str:
    return (
        phrase(f"action.field.{name}", language)
        if f"action.field.{name}" in phrase_keys()
        else name
    )


def _problem(
    label: str, name: str | None, piece: str, language: str, *, has=False, missing=False
) -> Problem:
    """A Problem whose message names the item (`label`): `{label} has {piece}` or
    `{label}: {piece}`."""
    if has:
        message = phrase("action.has", language, label=label, pieces=piece)
    else:
        message = phrase("action.about", language, label=label, piece=piece)
    return Problem(name, message, missing=missing, piece=piece, has=has)


def _explain(
    label: str,
    record: dict,
    error: jsonschema.ValidationError,
    language: str,
    known: Container[str | None],
) -> list[Problem]:
    """The Problems `error` says; a missing field already in `known` is skipped (the first
    Problem of a field is the one kept, and several `required` errors name the same fields)."""
    if error.validator == "required" and not error.absolute_path:
        return [
            _problem(label, name, _missing(name, language), language, has=True, missing=True)
            for name in error.validator_value
            if name not in record and name not in known
        ]
    if not error.absolute_path:
        return [_problem(label, None, _short(error.message), language)]
    name = str(error.absolute_path[0])
    value = record.get(name)
    shown = f"“{_short(str(value), 60)}”"
    noun = _noun(name, language)
    if error.validator == "type":
        kind = type(value).__name__
        kind = (
            phrase(f"action.type.{kind}", language)
            if f"action.type.{kind}" in phrase_keys()
            else kind
        )
        piece = phrase("action.not_text", language, noun=noun, kind=kind)
    elif name == "deadline":
        piece = _deadline_problem(value, shown, language)
    elif error.validator == "pattern" and error.validator_value == r"\S":
        return [
            _problem(label, name, phrase("action.empty", language, noun=noun), language, has=True)
        ]
    elif name == "id" and error.validator == "pattern":
        piece = phrase("action.bad_id", language, value=shown, pattern=error.validator_value)
        return [Problem(name, piece, piece=piece)]  # the id is the label: said once
    elif error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        piece = phrase("action.not_allowed", language, noun=noun, value=shown, allowed=allowed)
    elif name == "ticket":
        piece = phrase("action.bad_ticket", language, value=shown)
    elif name == "priority":
        piece = phrase("action.bad_priority", language, value=shown)
    else:
        piece = phrase(
            "action.constraint", language, noun=noun, value=shown, reason=_reason(error, language)
        )
    return [_problem(label, name, piece, language)]


def _missing(name: str, language: str) -> str:
    if f"action.no.{name}" in phrase_keys():
        return phrase(f"action.no.{name}", language)
    return phrase("action.no.other", language, noun=_noun(name, language))


def _deadline_problem(value: Any, shown: str, language: str) -> str:
    """Say what is wrong with the text: a real date needs ASCII digits and nothing around it."""
    text = value if isinstance(value, str) else ""
    if _ISO_SHAPE.match(text):
        return phrase("action.deadline.not_real", language, value=text)
    if _ISO_SHAPE.match(text.strip()):
        return phrase("action.deadline.spaces", language, value=f"“{text}”", fixed=text.strip())
    folded = unicodedata.normalize("NFKC", text).strip()
    if _ISO_SHAPE.match(folded) or re.fullmatch(r"\d{4}\W\d{2}\W\d{2}", folded):
        return phrase("action.deadline.non_ascii", language, value=shown)
    return phrase("action.deadline.not_iso", language, value=shown)


def _reason(error: jsonschema.ValidationError, language: str) -> str:
    """A team extension's constraint, said plainly where the keyword is a common one."""
    value = error.validator_value
    known = ("minLength", "maxLength", "pattern", "const", "format", "minimum", "maximum")
    if str(error.validator) in known:
        shown = repr(value) if error.validator == "const" else value
        return phrase(f"action.reason.{error.validator}", language, limit=shown)
    return phrase("action.reason.other", language, limit=error.validator)


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
