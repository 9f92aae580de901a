"""Rule data: YAML entries in `rules/*.yaml`, validated by `schemas/rules.schema.json`.

A rule is data (code, name, tags, severity, message, suggestion, options, examples) with two
names, its code and its name. Its `kind` is the Python check that runs it (see
`blamelint.rules.kinds`): a kind shared by several rules (`blame`) is named in the entry, with
the parameters it reads (`params`: a blame rule's detector and trigger); a rule
without `kind:` is run by the one-rule kind registered under the rule's own name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from blamelint.base.errors import ConfigError
from blamelint.base.finding import Severity
from blamelint.base.languages import codes
from blamelint.base.resources import rules_dir, schemas_dir
from blamelint.base.yamlio import YamlError, line_of, load_yaml


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    tags: tuple[str, ...]
    severity: Severity
    message: str
    suggestion: str | Mapping[str, str]
    description: str
    family: str | None = None
    enabled: bool = True
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # A JSON Schema fragment per option (`option_schemas` in the rule file), checked at load.
    option_schemas: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    source: str = ""
    # What the rule's kind reads from the entry (not user options): see PARAM_KEYS.
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # The message in other languages than English ({"fr": ...}); the document's language picks.
    messages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Rules of one overlap group report one finding where their spans overlap: the lowest
    # rank wins, decided after rule selection and suppression (so --select still reports).
    overlap: tuple[str, int] | None = None

    def message_for(self, language: str) -> str:
        return self.messages.get(language) or self.message

    def suggestion_for(self, language: str) -> str:
        if isinstance(self.suggestion, Mapping):
            return self.suggestion.get(language) or self.suggestion.get("en") or ""
        return self.suggestion

    def with_settings(
        self, *, severity: Severity | None = None, enabled: bool | None = None, options=None
    ) -> Rule:
        merged = dict(self.options)
        if options:
            merged.update(options)
        return Rule(
            code=self.code,
            name=self.name,
            kind=self.kind,
            tags=self.tags,
            severity=severity if severity is not None else self.severity,
            message=self.message,
            suggestion=self.suggestion,
            description=self.description,
            family=self.family,
            enabled=self.enabled if enabled is None else enabled,
            options=MappingProxyType(merged),
            option_schemas=self.option_schemas,
            examples=self.examples,
            source=self.source,
            params=self.params,
            messages=self.messages,
            overlap=self.overlap,
        )


# Entry keys that parameterise a shared kind (schemas/rules.schema.json says which kind needs them).
PARAM_KEYS = ("detector", "trigger", "words", "exceptions")


@cache
def _rules_schema() -> dict:
    schema = json.loads((schemas_dir() / "rules.schema.json").read_text(encoding="utf-8"))
    # Suggestions and phrases may be given in every registered language (rules/data/languages.yaml).
    suggestion = schema["$defs"]["rule"]["properties"]["suggestion"]["oneOf"][1]
    suggestion["propertyNames"] = {"enum": list(codes())}
    schema["$defs"]["phrases"]["oneOf"][1]["propertyNames"] = {"enum": list(codes())}
    return schema


def parse_rule_file(path: Path, text: str | None = None, *, trusted: bool = False) -> list[Rule]:
    """Read and validate one rule file; raise ConfigError naming the file, line and key.

    `trusted`: a file shipped with blamelint (see yamlio.load_yaml), read without the schema
    check: tests/test_kinds.py checks every shipped file against the schema, and a run
    saves importing jsonschema (~0.2 s) when nothing else needs it.
    """
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
        document = load_yaml(text, trusted=trusted)
    except YamlError as exc:
        raise ConfigError(exc.message, str(path), exc.line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read rule file: {exc.strerror}", str(path)) from None
    if trusted:
        return [_rule_from_entry(entry, path) for entry in document["rules"]]
    import jsonschema

    validator = jsonschema.Draft202012Validator(_rules_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise ConfigError(
            f"invalid rule file at {where}: {error.message}",
            str(path),
            line_of(document, error.absolute_path),
        )
    return [_rule_from_entry(entry, path) for entry in document["rules"]]


def _rule_from_entry(entry: Mapping[str, Any], path: Path) -> Rule:
    examples = entry.get("examples") or {}
    suggestion = entry.get("suggestion", "")
    return Rule(
        code=entry["code"],
        name=entry["name"],
        kind=entry.get("kind", entry["name"]),
        tags=tuple(entry["tags"]),
        severity=Severity.parse(entry["severity"]),
        message=entry["message"],
        suggestion=MappingProxyType(dict(suggestion))
        if isinstance(suggestion, Mapping)
        else suggestion,
        description=entry.get("description", "").strip(),
        family=entry.get("family"),
        enabled=entry.get("enabled", True),
        options=MappingProxyType(dict(entry.get("options") or {})),
        option_schemas=MappingProxyType(dict(entry.get("option_schemas") or {})),
        examples=MappingProxyType({k: tuple(v) for k, v in examples.items()}),
        source=path.name,
        params=MappingProxyType({k: entry[k] for k in PARAM_KEYS if k in entry}),
        messages=MappingProxyType(dict(entry.get("messages") or {})),
        overlap=(entry["overlap"]["group"], entry["overlap"]["rank"])
        if "overlap" in entry
        else None,
    )


def check_unique(rules: Iterable[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise ConfigError(f"rule {key} is defined twice ({seen[key]} and {rule.source})")
            seen[key] = rule.source


@cache
def shipped_rules() -> tuple[Rule, ...]:
    """Every rule in `rules/*.yaml`, sorted by code."""
    rules: list[Rule] = []
    for path in sorted(rules_dir().glob("*.yaml")):
        rules.extend(parse_rule_file(path, trusted=True))
    check_unique(rules)
    return tuple(sorted(rules, key=lambda r: r.code))


def find_rule(key: str, rules: Iterable[Rule] | None = None) -> Rule | None:
    """Look a rule up by code (BL101) or name (missing-section), case-insensitively."""
    key = key.strip()
    for rule in rules if rules is not None else shipped_rules():
        if key.upper() == rule.code or key.lower() == rule.name:
            return rule
    return None
