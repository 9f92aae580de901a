"""Team-defined rules from the config: `custom_rules:` (inline) and `rule_files:` (YAML files).

Each entry becomes a Rule of kind `custom.existence` or `custom.substitution` (see
`blamelint.rules.kinds.custom`). The entries are validated by the `customRule` definition of
schemas/config.schema.json; beyond the schema, a code must not use blamelint's `BL` prefix
and must not repeat another rule's code or name, an existence rule needs `tokens` or
`patterns`, a substitution rule needs `swap`, and every pattern must pass
`safe_regex.check_pattern`. Each failure is a ConfigError naming the file, the line and the
rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from blamelint.base.bounded import DEFAULT_MAX_FILE_SIZE, ReadRefused, read_text
from blamelint.base.errors import ConfigError
from blamelint.base.finding import Severity
from blamelint.base.resources import schemas_dir
from blamelint.base.safe_regex import check_pattern
from blamelint.base.yamlio import YamlError, line_of, load_yaml
from blamelint.rules.kinds.custom import literal_pattern
from blamelint.rules.model import Rule

from .config_checks import rule_label, source_of

_OPTIONS = ("tokens", "patterns", "swap", "regex", "scope", "language", "ignorecase", "link")


@cache
def _file_schema() -> dict:
    config = json.loads((schemas_dir() / "config.schema.json").read_text(encoding="utf-8"))
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["rules"],
        "properties": {"rules": {"type": "array", "items": {"$ref": "#/$defs/customRule"}}},
        "$defs": config["$defs"],
    }


def _read_rule_file(path: Path) -> Any:
    try:
        document = load_yaml(read_text(path, DEFAULT_MAX_FILE_SIZE))
    except ReadRefused as exc:  # a FIFO or a device is refused, never read without end
        raise ConfigError(f"cannot read rule file: {exc.reason}", str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("rule file is not valid UTF-8", str(path)) from None
    except YamlError as exc:
        raise ConfigError(exc.message, str(path), exc.line) from None
    import jsonschema

    validator = jsonschema.Draft202012Validator(_file_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        error = min(errors, key=lambda e: len(list(e.absolute_path)))
        where = list(error.absolute_path)
        label = rule_label(document, where) or "rule file"
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        raise ConfigError(f"{label}: {message}", str(path), line_of(document, where))
    return document


def load_custom_rules(
    data: Mapping[str, Any], path: Path | None, known: Sequence[Rule]
) -> list[Rule]:
    """The team-defined rules of merged config `data` (whose file is `path`)."""
    sources: list[tuple[Path | None, Any, str]] = []
    # Each key is read from the file that set it (an extended file, maybe), and rule_files
    # paths are relative to that file.
    inline = source_of(data, ["custom_rules"], path)
    for entry_index in range(len(data.get("custom_rules") or ())):
        sources.append((inline, data, f"custom_rules.{entry_index}"))
    listing = source_of(data, ["rule_files"], path)
    base = listing.parent if listing is not None else Path.cwd()
    for index, name in enumerate(data.get("rule_files") or ()):
        rule_file = (base / str(name)).expanduser()
        if not rule_file.is_file():
            line = line_of(data, ["rule_files", index])
            raise ConfigError(f"rule_files: no such file '{name}'", _shown(listing), line)
        document = _read_rule_file(rule_file)
        for entry_index in range(len(document["rules"])):
            sources.append((rule_file, document, f"rules.{entry_index}"))
    taken = {key: rule.source or "blamelint" for rule in known for key in (rule.code, rule.name)}
    rules = []
    for where_file, document, dotted in sources:
        key, index = dotted.split(".")
        entry = document[key][int(index)]
        rule = _rule(entry, where_file, document, [key, int(index)], taken)
        taken[rule.code] = taken[rule.name] = rule.source
        rules.append(rule)
    return rules


def _shown(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def _rule(
    entry: Mapping[str, Any],
    path: Path | None,
    document: Any,
    key_path: list[Any],
    taken: Mapping[str, str],
) -> Rule:
    code, name, kind = str(entry["code"]), str(entry["name"]), str(entry["kind"])

    def error(message: str, *keys: Any) -> ConfigError:
        line = line_of(document, [*key_path, *keys]) or getattr(entry, "line", None)
        return ConfigError(f"rule {code}: {message}", _shown(path), line)

    if code.startswith("BL"):
        raise error("the BL prefix is blamelint's own; use your team's (e.g. TEAM001)", "code")
    for value, field in ((code, "code"), (name, "name")):
        if value in taken:
            raise error(f"{field} '{value}' is already used ({taken[value]})", field)
    if kind == "existence" and not (entry.get("tokens") or entry.get("patterns")):
        raise error("an existence rule needs tokens or patterns", "kind")
    if kind == "substitution" and not entry.get("swap"):
        raise error("a substitution rule needs swap (written term: preferred term)", "kind")
    flags = 0 if entry.get("ignorecase") is False else re.IGNORECASE
    patterns = list(entry.get("patterns") or ())
    if kind == "substitution" and entry.get("regex"):
        patterns += list(entry["swap"])
    for pattern in patterns:
        reason = check_pattern(pattern, flags)
        if reason is not None:
            raise error(
                f"pattern {pattern!r} is refused: {reason} can make matching take forever "
                "(a character class instead of alternatives, one repeat level)",
                "patterns" if pattern in (entry.get("patterns") or ()) else "swap",
            )
    for literal in entry.get("tokens") or ():
        if check_pattern(literal_pattern([literal]), flags) is not None:  # pragma: no cover
            raise error(f"token {literal!r} cannot be matched", "tokens")
    options = {key: entry[key] for key in _OPTIONS if key in entry}
    options.setdefault("scope", ["prose"])
    options.setdefault("language", "any")
    suggestion = entry.get("suggestion", "")
    return Rule(
        code=code,
        name=name,
        kind=f"custom.{kind}",
        tags=tuple(entry.get("tags") or ("custom",)),
        severity=Severity.parse(entry.get("severity", "warning")),
        message=str(entry["message"]),
        suggestion=MappingProxyType(dict(suggestion))
        if isinstance(suggestion, Mapping)
        else str(suggestion),
        description=str(entry.get("description") or entry["message"]).strip(),
        options=MappingProxyType(_frozen(options)),
        source=path.name if path is not None else "config",
    )


def _frozen(options: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: dict(value) if isinstance(value, Mapping) else value for key, value in options.items()
    }


def vague_action_patterns(
    data: Mapping[str, Any], path: Path | None
) -> tuple[tuple[re.Pattern[str], str], ...]:
    """`wordlists.vague_actions`: (pattern, suggestion) pairs added to the shipped list, each
    compiled through safe_regex (a refused one is a ConfigError naming file and line)."""
    from blamelint.base.safe_regex import compile_pattern

    entries = (data.get("wordlists") or {}).get("vague_actions") or ()
    compiled = []
    for index, entry in enumerate(entries):
        pattern = entry if isinstance(entry, str) else entry["pattern"]
        suggestion = "" if isinstance(entry, str) else str(entry.get("suggestion") or "")
        try:
            regex = compile_pattern(str(pattern), f"wordlists.vague_actions[{index}]", re.I)
        except ConfigError as exc:
            line = line_of(data, ["wordlists", "vague_actions", index])
            raise ConfigError(exc.message, _shown(path), line) from None
        compiled.append((regex, suggestion))
    return tuple(compiled)


# The shipped blame word lists a team may extend (`wordlists.<key>`, by detector name).
TEAM_WORDLISTS = ("judgmental", "human_error")


def team_words(data: Mapping[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    """`wordlists.judgmental` and `wordlists.human_error`: the team's words by language, each
    a plain list (every language) or lists by language code (the schema checked the shape).
    Only non-empty additions appear, so a config without them leaves the detectors as shipped."""
    from blamelint.base.languages import codes
    from blamelint.nlp.lexicon import norm

    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for key in TEAM_WORDLISTS:
        value = (data.get("wordlists") or {}).get(key) or ()
        by_language = value if isinstance(value, Mapping) else dict.fromkeys(codes(), value)
        for language, words in by_language.items():
            cleaned = tuple(sorted({" ".join(norm(str(w)).split()) for w in words or ()} - {""}))
            if cleaned:
                found.setdefault(key, {})[language] = cleaned
    return found
