"""Checks a config gets when it loads, so nothing in it fails (or hangs) at lint time.

Schemas say what a value must be; a few values need more than a type, and get a named
`format` that this module checks:
- `regex`: a user regular expression (`actions.id_pattern`, `rules.BL501.id_pattern`) must
  compile and have no shape that backtracks exponentially (`safe_regex.check_pattern`);
- `action-schema-extension`: a JSON Schema fragment that reads nothing outside itself (no
  remote or file `$ref`, no `$id`/`$schema`), whose `pattern`s are safe regexes;
- `section-id`, `metadata-id`: an id the config's section or metadata catalog knows;
- `spacy-model`: a model given as a path must be a model folder (a package name is looked
  up only when a rule needs the model, so structure-only runs never need spaCy).
A failed check is a ConfigError naming the file, the line and the full key.

Rule options are typed by the `option_schemas` of their rule in `rules/*.yaml` (one JSON Schema
fragment per option), checked here against the merged config. Messages name the file that set
the key (an extended file, through the `key_sources` that config_files.merge keeps) and its line.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blamelint.actions.schema import FormatProblem, extension_problem, no_retrieval, regex_problem
from blamelint.base.errors import ConfigError
from blamelint.base.yamlio import line_of
from blamelint.document.catalog import Catalog

if TYPE_CHECKING:  # imported where a config is validated: a run without one never pays for it
    import jsonschema

__all__ = [
    "check_rule_options",
    "first_error",
    "format_checker",
    "key_line",
    "located",
    "schema_error",
    "source_of",
]


def _extension(value: object) -> bool:
    if isinstance(value, Mapping):
        problem = extension_problem(value)
        if problem is not None:
            raise problem
    return True


def looks_like_path(name: str) -> bool:
    """A model named by a path (a folder), not by an installed package name."""
    return "/" in name or os.sep in name or name.startswith((".", "~"))


def _spacy_model(value: object) -> bool:
    if isinstance(value, str) and looks_like_path(value):
        folder = Path(value).expanduser()
        if not folder.is_dir():
            raise FormatProblem(f"model folder '{value}' does not exist")
        if not (folder / "meta.json").is_file():
            raise FormatProblem(f"'{value}' is not a spaCy model folder (it has no meta.json)")
    return True


def _ids(kind: str, catalog: Catalog | None) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if catalog is not None and isinstance(value, str) and value not in catalog:
            known = ", ".join(sorted(catalog.entries))
            raise FormatProblem(f"unknown {kind} id '{value}' (known: {known})")
        return True

    return check


def format_checker(
    sections: Catalog | None = None, fields: Catalog | None = None
) -> jsonschema.FormatChecker:
    """The formats above; ids are checked only when the catalogs are given (merged config)."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("regex", raises=FormatProblem)(regex_problem)
    checker.checks("action-schema-extension", raises=FormatProblem)(_extension)
    checker.checks("spacy-model", raises=FormatProblem)(_spacy_model)
    checker.checks("section-id", raises=FormatProblem)(_ids("section", sections))
    checker.checks("metadata-id", raises=FormatProblem)(_ids("metadata", fields))
    return checker


def _shown(parts: Sequence[Any]) -> str:
    return ".".join(str(p) for p in parts)


def schema_error(
    error: jsonschema.ValidationError, prefix: Sequence[Any], path: Path | None, data: Any
) -> ConfigError:
    """One ConfigError for a jsonschema error at `prefix` + its path in `data`."""
    where = [*prefix, *error.absolute_path]
    if isinstance(error.cause, FormatProblem):
        where = [*where, *error.cause.inside]
        message = error.cause.message
    elif error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        hint = did_you_mean(str(extra[0]), error.schema.get("properties", {}))
        label = rule_label(data, where)
        where = [*where, extra[0]]
        if label:  # inside a team-defined rule: name the rule
            return _located(f"{label}: unknown key '{extra[0]}'{hint}", path, data, where)
        return _located(f"unknown key '{_shown(where)}'{hint}", path, data, where)
    else:
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
    label = rule_label(data, where)
    if label:
        return _located(f"{label}: {message}", path, data, where)
    shown = _shown(where) or "(top level)"
    return _located(f"key '{shown}': {message}", path, data, where)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def rule_label(data: Any, key_path: Sequence[Any]) -> str:
    """'rule TEAM001' for a key path inside a team-defined rule (a config's `custom_rules`
    entry, or a rule file's `rules` entry), else ''."""
    if len(key_path) < 2 or key_path[0] not in ("custom_rules", "rules"):
        return ""
    if not isinstance(key_path[1], int):  # a config's `rules:` is a mapping of settings
        return ""
    try:
        code = data[key_path[0]][key_path[1]].get("code")
    except (AttributeError, IndexError, KeyError, TypeError):
        code = None
    return f"rule {code}" if code else f"{key_path[0]}[{key_path[1]}]"


def _located(message: str, path: Path | None, data: Any, where: Sequence[Any]) -> ConfigError:
    if path is None:
        return ConfigError(message, None, line_of(data, where))
    return located(message, path, data, where)


def first_error(
    validator: jsonschema.protocols.Validator, instance: Any
) -> jsonschema.ValidationError | None:
    """The shallowest error (the key a person wrote wrong), format problems first."""
    errors = list(validator.iter_errors(instance))
    if not errors:
        return None
    return min(
        errors,
        key=lambda e: (len(list(e.absolute_path)), not isinstance(e.cause, FormatProblem)),
    )


def check_rule_options(
    code: str,
    key: str,
    options: Mapping[str, Any],
    schemas: Mapping[str, Any],
    path: Path | None,
    data: Any,
    sections: Catalog,
    fields: Catalog,
) -> None:
    """Each option against its rule's schema fragment (`option_schemas` in rules/*.yaml)."""
    import jsonschema

    schema = {"type": "object", "properties": dict(schemas)}
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=format_checker(sections, fields), registry=no_retrieval()
    )
    error = first_error(validator, dict(options))
    if error is not None:
        raise schema_error(error, ["rules", key], path, data)


# ----- where a key was written ---------------------------------------------------------------


def key_line(path: Path, data: Any, key_path: Sequence[Any]) -> int | None:
    line = line_of(data, key_path)
    # TOML gives no positions: find the key's line inside the [tool.blamelint...] tables.
    if line is None and path.name == "pyproject.toml" and key_path:
        needle = str(key_path[-1])
        inside = False
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = text.strip()
            if stripped.startswith("["):
                inside = stripped.startswith("[tool.blamelint")
            elif inside and re.match(rf"[\"']?{re.escape(needle)}[\"']?\s*=", stripped):
                return number
    return line


def source_of(data: Any, key_path: Sequence[Any], default: Path | None) -> Path | None:
    """The config file that set the deepest key on `key_path` (see config_files.merge)."""
    node, found = data, default
    for part in key_path:
        sources = getattr(node, "key_sources", None)
        if sources and part in sources:
            found = sources[part]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return found


def located(message: str, path: Path | None, data: Any, key_path: Sequence[Any]) -> ConfigError:
    """A ConfigError naming the file that set the key and the key's line in it."""
    source = source_of(data, key_path, path)
    if source is None:
        return ConfigError(message)
    return ConfigError(message, str(source), key_line(source, data, list(key_path)))
