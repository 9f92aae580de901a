"""Configuration: discovery, `extends`, validation, and the effective settings for a file.

Sources, lowest precedence first: the shipped rule defaults, each `extends` (a preset from
`rules/presets/` or a path), the config file itself, then command-line --select/--ignore.
A config is `.blamelint.yaml` / `.blamelint.yml` or `[tool.blamelint]` in `pyproject.toml`,
found by walking up from each linted file, or named with --config.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from blamelint.base.errors import ConfigError
from blamelint.base.finding import Severity
from blamelint.base.resources import rules_dir, schemas_dir
from blamelint.base.yamlio import LineDict, YamlError, line_of, load_yaml
from blamelint.document.catalog import Catalog, metadata_catalog, section_catalog
from blamelint.rules.kinds import Vocabulary
from blamelint.rules.model import Rule, find_rule, shipped_rules

CONFIG_NAMES = (".blamelint.yaml", ".blamelint.yml")
DEFAULT_INCLUDE = ("*.md", "*.markdown")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """The effective configuration for the files under one config file."""

    path: str | None
    root: Path
    rules: tuple[Rule, ...]
    settings: Mapping[str, Any]
    vocabulary: Vocabulary
    language: str = "auto"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_level: Severity | None = None
    models: Mapping[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    raw: Mapping[str, Any] = field(default_factory=dict)
    # (glob, selectors) pairs from `per_file_ignores`, as Ruff's per-file-ignores.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def for_file(self, relative: str) -> Config:
        """This config with the rules `per_file_ignores` turns off for this file."""
        off = [
            sel
            for glob, sels in self.per_file_ignores
            if path_matches(relative, [glob])
            for sel in sels
        ]
        if not off:
            return self
        rules = tuple(
            r.with_settings(enabled=False) if any(_selector_matches(s, r) for s in off) else r
            for r in self.rules
        )
        return replace(self, rules=rules)

    def for_language(self, language: str | None) -> Config:
        """This config with the document language forced (--language), or itself."""
        if not language or language == self.language:
            return self
        return replace(self, language=language)

    def fingerprint(self) -> str:
        """A stable hash of everything that changes findings (for the cache key)."""
        data = json.dumps(self.raw, sort_keys=True, default=str)
        rules = [(r.code, r.enabled, r.severity.label, dict(r.options)) for r in self.rules]
        payload = json.dumps([data, rules, sorted(self.vocabulary.people)], default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def path_matches(relative: str, patterns: Iterable[str]) -> bool:
    """gitignore-like enough: a pattern without a slash matches any path component."""
    relative = relative.replace(os.sep, "/")
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern.lstrip("/"):
            anchored = pattern.lstrip("/")
            if fnmatch.fnmatch(relative, anchored) or fnmatch.fnmatch(relative, anchored + "/*"):
                return True
        elif any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def relative_to_config(path: Path, config: Config) -> str:
    """A path as the config's globs see it: relative to the config file's folder."""
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ----- reading files --------------------------------------------------------------------------


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", str(path)) from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text).get("tool", {}).get("blamelint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
        return data
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise ConfigError(exc.message, str(path), exc.line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("a config file must be a mapping of keys to values", str(path), 1)
    return data


def _key_line(path: Path, data: Any, key_path: Sequence[Any]) -> int | None:
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


@cache
def _schema() -> dict:
    return json.loads((schemas_dir() / "config.schema.json").read_text(encoding="utf-8"))


def validate(data: Mapping[str, Any], path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = min(errors, key=lambda e: len(list(e.absolute_path)))
    where = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        key = f"{where}.{extra[0]}" if where else extra[0]
        line = _key_line(path, data, [*error.absolute_path, extra[0]])
        raise ConfigError(f"unknown key '{key}'", str(path), line)
    line = _key_line(path, data, list(error.absolute_path))
    message = error.message if len(error.message) < 160 else error.message[:157] + "..."
    raise ConfigError(f"key '{where or '(top level)'}': {message}", str(path), line)


def _preset_path(name: str, config: Path, data: Any) -> Path:
    preset = rules_dir() / "presets" / f"{name}.yaml"
    if "/" not in name and not name.endswith((".yaml", ".yml", ".toml")) and preset.is_file():
        return preset
    candidate = (config.parent / name).expanduser()
    if not candidate.is_file():
        presets = ", ".join(sorted(p.stem for p in (rules_dir() / "presets").glob("*.yaml")))
        raise ConfigError(
            f"extends: no preset or file named '{name}' (presets: {presets})",
            str(config),
            _key_line(config, data, ["extends"]),
        )
    return candidate.resolve()


def _load_chain(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """The config file and everything it extends, lowest precedence first."""
    if path in seen:
        raise ConfigError("extends: circular reference", str(path))
    data = _read_config_file(path)
    validate(data, path)
    chain: list[tuple[Path, dict[str, Any]]] = []
    parents = data.get("extends") or []
    for parent in [parents] if isinstance(parents, str) else parents:
        chain.extend(_load_chain(_preset_path(parent, path, data), (*seen, path)))
    chain.append((path, data))
    return chain


# ----- resolving --------------------------------------------------------------------------------


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge; keeps the YAML line of each key from the file that set it, for messages."""
    merged = LineDict(base)
    merged.key_lines = {**getattr(base, "key_lines", {}), **getattr(extra, "key_lines", {})}
    merged.line = getattr(extra, "line", getattr(base, "line", None))
    for key, value in extra.items():
        if key == "extends":
            continue
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


_CODE_PREFIX = re.compile(r"^BL\d{0,3}$", re.IGNORECASE)


def _selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is a code or code prefix (BL1, BL103), a name, a tag, or ALL."""
    text = selector.strip()
    if text.upper() == "ALL":
        return True
    if _CODE_PREFIX.match(text):
        return rule.code.startswith(text.upper())
    return text.lower() in (rule.name, *rule.tags)


def _names_exactly(selector: str, rule: Rule) -> bool:
    text = selector.strip()
    return text.upper() == rule.code or text.lower() == rule.name


def _check_selectors(
    selectors: Iterable[str], rules: Sequence[Rule], where: str, path: Path | None, data: Any
) -> None:
    for selector in selectors:
        if not any(_selector_matches(selector, rule) for rule in rules):
            message = f"{where}: '{selector}' matches no rule, tag or code prefix"
            if where.startswith("--") or path is None:
                raise ConfigError(message)
            raise ConfigError(message, str(path), _key_line(path, data, [where]))


def _apply_rule_settings(rules: list[Rule], data: Mapping[str, Any], path: Path) -> list[Rule]:
    settings = data.get("rules") or {}
    by_code = {r.code: i for i, r in enumerate(rules)}
    for key, value in settings.items():
        rule = find_rule(str(key), rules)
        if rule is None:
            line = _key_line(path, data, ["rules", key])
            raise ConfigError(f"rules: unknown rule '{key}'", str(path), line)
        index = by_code[rule.code]
        if isinstance(value, bool) or value in ("on", "off"):
            rules[index] = rule.with_settings(enabled=value in (True, "on"))
            continue
        if isinstance(value, str):
            rules[index] = rule.with_settings(severity=Severity.parse(value), enabled=True)
            continue
        options = {k: v for k, v in value.items() if k not in ("severity", "enabled")}
        unknown = sorted(set(options) - set(rule.options))
        if unknown:
            line = _key_line(path, data, ["rules", key, unknown[0]])
            known = ", ".join(sorted(rule.options)) or "none"
            raise ConfigError(
                f"rules.{key}: unknown option '{unknown[0]}' (options: {known})", str(path), line
            )
        severity = value.get("severity")
        enabled = value.get("enabled")
        if severity == "off":
            enabled, severity = False, None
        rules[index] = rule.with_settings(
            severity=Severity.parse(severity) if severity else None,
            enabled=enabled if enabled is not None else (True if severity else None),
            options=options,
        )
    return rules


def _people(data: Mapping[str, Any], path: Path | None) -> tuple[str, ...]:
    people = list(data.get("people") or [])
    people_file = data.get("people_file")
    if people_file:
        base = path.parent if path else Path.cwd()
        roster = (base / people_file).expanduser()
        try:
            lines = roster.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"people_file: cannot read {roster}: {exc}", str(path)) from None
        people.extend(x.strip() for x in lines if x.strip() and not x.strip().startswith("#"))
    return tuple(dict.fromkeys(people))


def _check_action_settings(actions: Mapping[str, Any], path: Path | None, data: Any) -> None:
    """A bad id pattern or schema extension is a config error at load, not at lint time."""
    where = str(path) if path else None
    pattern = actions.get("id_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            line = _key_line(path or Path("."), data, ["actions", "id_pattern"])
            raise ConfigError(
                f"actions.id_pattern: invalid regular expression ({exc})", where, line
            ) from None
    extension = actions.get("schema_extension")
    if extension is not None:
        try:
            jsonschema.Draft202012Validator.check_schema(extension)
        except jsonschema.SchemaError as exc:
            line = _key_line(path or Path("."), data, ["actions", "schema_extension"])
            raise ConfigError(
                f"actions.schema_extension: not a valid JSON Schema ({exc.message})", where, line
            ) from None


def resolve(
    data: Mapping[str, Any],
    path: Path | None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Config:
    """Turn merged config data into the effective Config."""
    rules = list(shipped_rules())
    postmortem = data.get("postmortem") or {}
    families = postmortem.get("blameless_rules")
    if families is not None:
        rules = [
            r.with_settings(enabled=False) if r.family and r.family not in families else r
            for r in rules
        ]
    rules = _apply_rule_settings(rules, data, path or Path("<config>"))
    per_file = data.get("per_file_ignores") or {}
    for selectors in per_file.values():
        _check_selectors(selectors, rules, "per_file_ignores", path, data)
    for where, selectors in (
        ("select", data.get("select") or ()),
        ("ignore", data.get("ignore") or ()),
        ("--select", select),
        ("--ignore", ignore),
    ):
        _check_selectors(selectors, rules, where, path, data)
    chosen = list(data.get("select") or ()) + list(select)
    if chosen:
        # A rule named exactly (BL404, system-hindsight) is turned on even if it is off by
        # default; a prefix, tag or ALL narrows to the rules that are otherwise on.
        rules = [
            r.with_settings(
                enabled=any(_names_exactly(s, r) for s in chosen)
                or (r.enabled and any(_selector_matches(s, r) for s in chosen))
            )
            for r in rules
        ]
    for selector in list(data.get("ignore") or ()) + list(ignore):
        rules = [
            r.with_settings(enabled=False) if _selector_matches(selector, r) else r for r in rules
        ]

    sections: Catalog = section_catalog(data.get("sections"))
    fields: Catalog = metadata_catalog(data.get("metadata_fields"))
    for where, ids, catalog in (
        ("required_sections", postmortem.get("required_sections"), sections),
        ("required_metadata", postmortem.get("required_metadata"), fields),
    ):
        for ident in ids or ():
            if ident not in catalog:
                known = ", ".join(sorted(catalog.entries))
                line = _key_line(path or Path("."), data, ["postmortem", where])
                raise ConfigError(
                    f"postmortem.{where}: unknown id '{ident}' (known: {known})",
                    str(path) if path else None,
                    line,
                )
    _check_action_settings(data.get("actions") or {}, path, data)
    settings: dict[str, Any] = {
        "section_catalog": sections,
        "metadata_catalog": fields,
        "required_sections": _canonical_ids(postmortem.get("required_sections"), sections),
        "required_metadata": _canonical_ids(postmortem.get("required_metadata"), fields),
        "min_whys": postmortem.get("min_whys"),
        "max_duration": postmortem.get("max_duration"),
        "integrations": dict(postmortem.get("integrations") or {}),
        "blockquotes": (data.get("prose") or {}).get("blockquotes", True),
        "flag_owners": bool(data.get("flag_owners", False)),
        "actions": dict(data.get("actions") or {}),
        "timeliness": dict(data.get("timeliness") or {}),
        "nlp": dict(data.get("nlp") or {}),
    }
    vocabulary = data.get("vocabulary") or {}
    return Config(
        path=str(path) if path else None,
        root=path.parent if path else Path.cwd(),
        rules=tuple(rules),
        settings=settings,
        vocabulary=Vocabulary(
            accept=frozenset(vocabulary.get("accept") or ()),
            reject=frozenset(vocabulary.get("reject") or ()),
            people=_people(data, path),
        ),
        language=data.get("language", "auto"),
        include=tuple(data.get("include") or DEFAULT_INCLUDE),
        exclude=tuple(data.get("exclude") or ()),
        fail_level=Severity.parse(data["fail_level"]) if data.get("fail_level") else None,
        models=dict((data.get("nlp") or {}).get("models") or {}),
        max_file_size=int(data.get("max_file_size") or DEFAULT_MAX_FILE_SIZE),
        raw={k: v for k, v in data.items()},
        per_file_ignores=tuple((str(g), tuple(s)) for g, s in per_file.items()),
    )


def load_config(path: Path, **overrides: Any) -> Config:
    merged: dict[str, Any] = {}
    for _source, data in _load_chain(path.resolve()):
        merged = _merge(merged, data)
    return resolve(merged, path.resolve(), **overrides)


def default_config(**overrides: Any) -> Config:
    return resolve({}, None, **overrides)


def discover(start: Path) -> Path | None:
    """The closest config file at or above `start` (a file's folder)."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
                tool = tomllib.loads(text).get("tool", {})
            except (OSError, UnicodeDecodeError):
                continue
            except tomllib.TOMLDecodeError as exc:
                if "blamelint" in text:
                    raise ConfigError(f"invalid TOML: {exc}", str(pyproject)) from None
                continue
            if "blamelint" in tool:
                return pyproject
    return None


def _canonical_ids(ids: list[str] | None, catalog: Catalog) -> list[str] | None:
    """Config ids as canonical ids (`timeline` -> `chronologie`); None stays None."""
    return None if ids is None else [catalog.resolve(i) or i for i in ids]
