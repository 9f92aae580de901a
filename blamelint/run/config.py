"""Configuration: the effective settings for a file, from merged config data.

Sources, lowest precedence first: the shipped rule defaults, each `extends` (a preset from
`rules/presets/` or a path), the config file itself, then command-line --select/--ignore.
Finding, reading, validating and merging the files is `run.config_files`; this module turns
the merged data into a Config (`resolve`): rule selection and severities, rule options,
catalogs, people, and the typed settings the kinds read.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from blamelint.base.bounded import DEFAULT_MAX_FILE_SIZE, ReadRefused, read_text
from blamelint.base.errors import ConfigError
from blamelint.base.finding import Severity
from blamelint.document.catalog import Catalog, metadata_catalog, section_catalog
from blamelint.rules.kinds import Settings, Vocabulary
from blamelint.rules.model import Rule, find_rule, shipped_rules

from .config_checks import (
    check_rule_options,
    did_you_mean,
    located,
    source_of,
)
from .config_files import discover as discover  # re-exported: part of this module's API
from .config_files import load_chain, merge, real_path

DEFAULT_INCLUDE = ("*.md", "*.markdown")


@dataclass(frozen=True)
class Config:
    """The effective configuration for the files under one config file."""

    path: str | None
    root: Path
    rules: tuple[Rule, ...]
    settings: Settings
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
        rules = [
            (r.code, r.enabled, r.severity.label, dict(r.options), r.message, str(r.suggestion))
            for r in self.rules
        ]
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
        return real_path(path).relative_to(real_path(config.root)).as_posix()
    except ValueError:
        return path.as_posix()


# ----- resolving --------------------------------------------------------------------------------


_CODE_PREFIX = re.compile(r"^BL\d{0,3}$", re.IGNORECASE)
_TEAM_PREFIX = re.compile(r"^[A-Z][A-Z0-9]*$")  # upper case: never a name or a tag


def _selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is a code or code prefix (BL1, BL103), a name, a tag, or ALL."""
    text = selector.strip()
    if text.upper() == "ALL":
        return True
    if _CODE_PREFIX.match(text):
        return rule.code.startswith(text.upper())
    if text.upper() == rule.code or (_TEAM_PREFIX.match(text) and rule.code.startswith(text)):
        return True  # a team-defined rule's code (TEAM001) or prefix (TEAM, TEAM0)
    return text.lower() in (rule.name, *rule.tags)


def _names_exactly(selector: str, rule: Rule) -> bool:
    text = selector.strip()
    return text.upper() == rule.code or text.lower() == rule.name


def _check_selectors(
    selectors: Iterable[str], rules: Sequence[Rule], where: str, path: Path | None, data: Any
) -> None:
    for selector in selectors:
        if not any(_selector_matches(selector, rule) for rule in rules):
            names = {n for r in rules for n in (r.code, r.name, *r.tags)}
            hint = did_you_mean(selector.strip(), sorted(names))
            message = f"{where}: '{selector}' matches no rule, tag or code prefix{hint}"
            if where.startswith("--") or path is None:
                raise ConfigError(message)
            raise located(message, path, data, [where])


def _apply_rule_settings(
    rules: list[Rule], data: Mapping[str, Any], path: Path | None, catalogs: tuple[Catalog, ...]
) -> list[Rule]:
    settings = data.get("rules") or {}
    by_code = {r.code: i for i, r in enumerate(rules)}
    for key, value in settings.items():
        rule = find_rule(str(key), rules)
        if rule is None:
            names = [name for r in rules for name in (r.code, r.name)]
            hint = did_you_mean(str(key), names)
            raise located(f"rules: unknown rule '{key}'{hint}", path, data, ["rules", key])
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
            known = ", ".join(sorted(rule.options)) or "none"
            raise located(
                f"rules.{key}: unknown option '{unknown[0]}' (options: {known})",
                path,
                data,
                ["rules", key, unknown[0]],
            )
        check_rule_options(rule.code, key, options, rule.option_schemas, path, data, *catalogs)
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
        source = source_of(data, ["people_file"], path)  # relative to the file that names it
        base = source.parent if source else Path.cwd()
        roster = base / Path(people_file).expanduser()
        try:
            limit = int(data.get("max_file_size") or DEFAULT_MAX_FILE_SIZE)
            lines = read_text(roster, limit).splitlines()
        except (ReadRefused, UnicodeDecodeError) as exc:
            reason = exc.reason if isinstance(exc, ReadRefused) else str(exc)
            raise located(
                f"people_file: cannot read {roster}: {reason}", path, data, ["people_file"]
            ) from None
        people.extend(x.strip() for x in lines if x.strip() and not x.strip().startswith("#"))
    return tuple(dict.fromkeys(people))


def resolve(
    data: Mapping[str, Any],
    path: Path | None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Config:
    """Turn merged config data into the effective Config."""
    rules = list(shipped_rules())
    if data.get("custom_rules") or data.get("rule_files"):
        from .custom_rules import load_custom_rules

        rules += load_custom_rules(data, path, rules)
    postmortem = data.get("postmortem") or {}
    families = postmortem.get("blameless_rules")
    if families is not None:
        rules = [
            r.with_settings(enabled=False) if r.family and r.family not in families else r
            for r in rules
        ]
    sections: Catalog = section_catalog(data.get("sections"))
    fields: Catalog = metadata_catalog(data.get("metadata_fields"))
    rules = _apply_rule_settings(rules, data, path, (sections, fields))
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

    for where, ids, catalog in (
        ("required_sections", postmortem.get("required_sections"), sections),
        ("required_metadata", postmortem.get("required_metadata"), fields),
    ):
        for ident in ids or ():
            if ident not in catalog:
                known = ", ".join(sorted(catalog.entries))
                raise located(
                    f"postmortem.{where}: unknown id '{ident}' (known: {known})",
                    path,
                    data,
                    ["postmortem", where],
                )
    from .custom_rules import team_words, vague_action_patterns

    settings = Settings(
        section_catalog=sections,
        metadata_catalog=fields,
        required_sections=_canonical_ids(postmortem.get("required_sections"), sections),
        required_metadata=_canonical_ids(postmortem.get("required_metadata"), fields),
        min_whys=postmortem.get("min_whys"),
        max_duration=postmortem.get("max_duration"),
        integrations=dict(postmortem.get("integrations") or {}),
        blockquotes=(data.get("prose") or {}).get("blockquotes", True),
        flag_owners=bool(data.get("flag_owners", False)),
        actions=dict(data.get("actions") or {}),
        vague_actions=vague_action_patterns(data, path),
        team_words=team_words(data),
        timeliness=dict(data.get("timeliness") or {}),
    )
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
    for source, data in load_chain(real_path(path)):
        merged = merge(merged, data, source)
    return resolve(merged, real_path(path), **overrides)


def default_config(**overrides: Any) -> Config:
    return resolve({}, None, **overrides)


def _canonical_ids(ids: list[str] | None, catalog: Catalog) -> tuple[str, ...] | None:
    """Config ids as canonical ids (`timeline` -> `chronologie`); None stays None."""
    return None if ids is None else tuple(catalog.resolve(i) or i for i in ids)
