"""`check --show-files` and `check --show-settings`: what a run would read, and why.

--show-files lists the files `check` would lint with the same arguments (discovery, include,
exclude, --force-exclude, --changed-since), one per line, and lints nothing.
--show-settings prints, for each file named, the effective configuration: the config files in
precedence order (the file, the presets and files it `extends`), every key they set with the
file and line that set it last, and every rule's state (on/off, severity) with what decided
it: the shipped default, a config file, --select/--ignore, or `per_file_ignores`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from blamelint.base.errors import BlamelintError, InputError
from blamelint.base.resources import rules_dir
from blamelint.run.config import Config, discover, relative_to_config, resolve
from blamelint.run.config_checks import key_line
from blamelint.run.config_files import load_chain, merge
from blamelint.run.runner import RunOptions, _ConfigCache, expand


def show_files(paths: Sequence[str], options: RunOptions) -> tuple[list[str], list]:
    """The display paths `check` would lint, and the errors discovery met."""
    errors: list[BlamelintError] = []
    configs = _ConfigCache(options)
    targets = expand(paths, configs, options, errors)
    if options.changed_since is not None:
        from blamelint.base.gitutil import select_changed

        kept = set(select_changed([t.path for t in targets if t.path], options.changed_since))
        targets = [t for t in targets if t.path in kept]
    return [t.display for t in targets], errors


def _label(path: Path) -> str:
    presets = rules_dir() / "presets"
    if path.parent.resolve() == presets.resolve():
        return f"preset '{path.stem}'"
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def _leaves(data: Mapping[str, Any], prefix: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    for key, value in data.items():
        if not prefix and key == "extends":
            continue
        here = (*prefix, key)
        if isinstance(value, Mapping) and value:
            yield from _leaves(value, here)
        else:
            yield here, value


def _chain(target: Path, options: RunOptions) -> list[tuple[Path, dict]]:
    if options.config_path is not None:
        return load_chain(options.config_path.resolve())
    if options.isolated:
        return []
    found = discover(target if target.is_dir() else target.parent)
    return load_chain(found.resolve()) if found else []


def _state(config: Config) -> dict[str, tuple[bool, str]]:
    return {r.code: (r.enabled, r.severity.label) for r in config.rules}


def settings_text(target: Path, options: RunOptions) -> str:
    """The effective settings for one file, with the source of each value."""
    chain = _chain(target, options)
    out = [f"Settings for {target.as_posix()}"]
    if chain:
        names = ", ".join(_label(p) for p, _ in chain)
        out.append(f"Config files, lowest precedence first: {names}")
    else:
        out.append("Config files: none (the shipped defaults)")
    # Keys: the last file that sets each one wins (what `extends` merging does).
    origin: dict[tuple, tuple[Any, str]] = {}
    for path, data in chain:
        for key_path, value in _leaves(data):
            line = key_line(path, data, list(key_path))
            where = _label(path) + (f":{line}" if line else "")
            origin[key_path] = (value, where)
    out += ["", "Settings (keys not listed keep their defaults):"]
    if not origin:
        out.append("  (none)")
    width = max((len(".".join(map(str, k))) for k in origin), default=0)
    for key_path in sorted(origin, key=lambda k: [str(p) for p in k]):
        value, where = origin[key_path]
        name = ".".join(map(str, key_path))
        out.append(f"  {name:<{width}}  {_show(value):<24}  {where}")
    # Rules: resolve after each layer and keep the last layer that changed each rule.
    stages: list[tuple[str, Config]] = [("default", resolve({}, None))]
    merged: dict[str, Any] = {}
    for path, data in chain:
        merged = merge(merged, data, path)
        stages.append((_label(path), resolve(merged, path)))
    final_path = chain[-1][0] if chain else None
    if options.select or options.ignore:
        config = resolve(merged, final_path, select=options.select, ignore=options.ignore)
        stages.append(("--select/--ignore", config))
    config = stages[-1][1]
    per_file = config.for_file(relative_to_config(target, config))
    if per_file is not config:
        stages.append(("per_file_ignores", per_file))
    final = stages[-1][1]
    decided: dict[str, str] = {}
    previous: dict[str, tuple[bool, str]] = {}
    for label, stage in stages:
        state = _state(stage)
        for code, value in state.items():
            if previous.get(code) != value:
                decided[code] = label
        previous = state
    out += ["", f"Language: {final.language}", f"Fail level: {_fail_level(final)}"]
    out += ["", "Rules:"]
    name_width = max(len(r.name) for r in final.rules)
    for rule in final.rules:
        on = "on" if rule.enabled else "off"
        label = decided.get(rule.code, "default")
        name = f"{rule.name:<{name_width}}"
        out.append(f"  {rule.code:<6} {name}  {on:<3}  {rule.severity.label:<7}  {label}")
    return "\n".join(out) + "\n"


def _fail_level(config: Config) -> str:
    return config.fail_level.label if config.fail_level else "warning (default)"


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def settings_for(paths: Sequence[str], options: RunOptions) -> str:
    texts = []
    for raw in paths:
        target = Path(raw)
        if not target.exists():
            raise InputError("no such file or directory", raw)
        texts.append(settings_text(target, options))
    return "\n".join(texts)
