"""Config files: discovery, reading, schema validation, the `extends` chain and the merge.

A config is `.blamelint.yaml` / `.blamelint.yml` or `[tool.blamelint]` in `pyproject.toml`,
found by walking up from each linted file (`discover`), or named with --config. Each file is
read with the bounded reader and checked against schemas/config.schema.json as it is read;
`load_chain` follows `extends` (presets from `rules/presets/` or paths) and `merge` folds the
chain into one mapping that remembers which file set each key. What the merged data means,
the effective Config, is `run.config.resolve`.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blamelint.actions.schema import no_retrieval
from blamelint.base.bounded import DEFAULT_MAX_FILE_SIZE, ReadRefused, read_text
from blamelint.base.errors import ConfigError
from blamelint.base.languages import codes
from blamelint.base.resources import rules_dir, schemas_dir
from blamelint.base.yamlio import LineDict, YamlError, load_yaml

from .config_checks import first_error, format_checker, schema_error
from .config_checks import key_line as _key_line

if TYPE_CHECKING:  # imported where a file is validated
    import jsonschema

CONFIG_NAMES = (".blamelint.yaml", ".blamelint.yml")


def real_path(path: Path) -> Path:
    """`path.resolve()` that never raises (Python 3.11 raises RuntimeError on a link loop)."""
    return Path(os.path.realpath(path))


def _is_file(path: Path) -> bool:
    # Path.is_file lets PermissionError through (an unreadable folder on the way up).
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = read_text(path, DEFAULT_MAX_FILE_SIZE)  # before any max_file_size is known
    except ReadRefused as exc:
        raise ConfigError(f"cannot read config: {exc.reason}", str(path)) from None
    except UnicodeDecodeError as exc:
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


@cache
def _schema() -> dict:
    schema = json.loads((schemas_dir() / "config.schema.json").read_text(encoding="utf-8"))
    # The language registry decides which languages (and model overrides) a config may name;
    # the file lists the shipped ones for editors (a test keeps the two in step).
    schema["properties"]["language"]["enum"] = ["auto", *codes()]
    models = schema["properties"]["nlp"]["properties"]["models"]
    model = next(iter(models["properties"].values()))  # every language's model: the same shape
    models["properties"] = {code: dict(model) for code in codes()}
    schema["$defs"]["customRule"]["properties"]["language"]["enum"] = ["any", *codes()]
    return schema


@cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(
        _schema(), format_checker=format_checker(), registry=no_retrieval()
    )


def validate(data: Mapping[str, Any], path: Path) -> None:
    """One config file against schemas/config.schema.json (and the formats of config_checks)."""
    error = first_error(_validator(), data)
    if error is not None:
        raise schema_error(error, [], path, data)


def _preset_path(name: str, config: Path, data: Any) -> Path:
    preset = rules_dir() / "presets" / f"{name}.yaml"
    if "/" not in name and not name.endswith((".yaml", ".yml", ".toml")) and preset.is_file():
        return preset
    candidate = config.parent / Path(name).expanduser()
    if not candidate.is_file():
        presets = ", ".join(sorted(p.stem for p in (rules_dir() / "presets").glob("*.yaml")))
        raise ConfigError(
            f"extends: no preset or file named '{name}' (presets: {presets})",
            str(config),
            _key_line(config, data, ["extends"]),
        )
    return real_path(candidate)


def _parents(path: Path, data: Mapping[str, Any]) -> list[Path]:
    parents = data.get("extends") or []
    names = [parents] if isinstance(parents, str) else parents
    return [_preset_path(name, path, data) for name in names]


def load_chain(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The config file and everything it extends, lowest precedence first, each file once.

    Depth first without recursion (a chain thousands of files deep is fine); a file reached
    again through another branch is not read again, and a file that extends itself through
    its own chain is a cycle, named file by file.
    """
    loaded: dict[Path, dict[str, Any]] = {}
    chain: list[tuple[Path, dict[str, Any]]] = []
    done: set[Path] = set()
    stack: list[tuple[Path, list[Path]]] = []  # (file, parents still to visit)
    open_files: set[Path] = set()  # the files on the stack

    def enter(file: Path) -> None:
        data = read_config_file(file)
        validate(data, file)
        loaded[file] = data
        stack.append((file, _parents(file, data)[::-1]))
        open_files.add(file)

    enter(path)
    while stack:
        file, todo = stack[-1]
        if not todo:
            stack.pop()
            open_files.discard(file)
            done.add(file)
            chain.append((file, loaded[file]))
            continue
        parent = todo.pop()
        if parent in done:
            continue
        if parent in open_files:
            files = [f for f, _ in stack]
            cycle = [*files[files.index(parent) :], parent]
            raise ConfigError(
                "extends: circular reference: " + " -> ".join(p.name for p in cycle),
                str(file),
                _key_line(file, loaded[file], ["extends"]),
            )
        enter(parent)
    return chain


def merge(
    base: Mapping[str, Any], extra: Mapping[str, Any], source: Path | None = None, depth: int = 0
) -> dict[str, Any]:
    """Deep merge; keeps the line and the file of each key from the file that set it, so a
    message about a key set in an extended file names that file."""
    merged = LineDict(base)
    merged.key_lines = {**getattr(base, "key_lines", {}), **getattr(extra, "key_lines", {})}
    merged.key_sources = {**getattr(base, "key_sources", {})}
    merged.line = getattr(extra, "line", getattr(base, "line", None))
    for key, value in extra.items():
        if key == "extends" and depth == 0:
            continue
        if source is not None:
            merged.key_sources[key] = source
        if isinstance(value, Mapping):  # a copy that knows its keys' file, at every depth
            base_value = merged.get(key)
            merged[key] = merge(
                base_value if isinstance(base_value, Mapping) else {}, value, source
            )
        else:
            merged[key] = value
    return merged


def discover(start: Path) -> Path | None:
    """The closest config file at or above `start` (a file's folder)."""
    folder = start if _is_dir(start) else start.parent
    for candidate in (real_path(folder), *real_path(folder).parents):
        for name in CONFIG_NAMES:
            if _is_file(candidate / name):
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if _is_file(pyproject):
            try:
                text = read_text(pyproject, DEFAULT_MAX_FILE_SIZE)
                tool = tomllib.loads(text).get("tool", {})
            except ReadRefused as exc:
                # It may hold [tool.blamelint]: linting with other settings would be silent.
                raise ConfigError(
                    f"cannot read pyproject.toml ({exc.reason}); it may hold [tool.blamelint] "
                    "(use --config or --isolated to choose)",
                    str(pyproject),
                ) from None
            except UnicodeDecodeError:
                if b"blamelint" in pyproject.read_bytes():
                    raise ConfigError("invalid UTF-8 in a config", str(pyproject)) from None
                continue
            except tomllib.TOMLDecodeError as exc:
                if "blamelint" in text:
                    raise ConfigError(f"invalid TOML: {exc}", str(pyproject)) from None
                continue
            if "blamelint" in tool:
                return pyproject
    return None
