"""Where the shipped rule data and schemas live, in a wheel and in a source checkout.

A wheel carries them as `blamelint/_data/{rules,schemas}` (see pyproject's force-include);
an editable install or a plain checkout reads the repository's root-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .yamlio import YamlError, load_yaml

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder holding the shipped `rules` or `schemas`."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"blamelint is installed without its {name}/ folder")


def rules_dir() -> Path:
    return data_dir("rules")


def schemas_dir() -> Path:
    return data_dir("schemas")


@cache
def load_data(name: str) -> Any:
    """Load a data file from `rules/data/` or `rules/wordlists/` (e.g. "data/sections.yaml")."""
    path = rules_dir() / name
    try:
        return load_yaml(path.read_text(encoding="utf-8"), trusted=True)
    except YamlError as exc:
        raise ConfigError(exc.message, str(path), exc.line) from None
