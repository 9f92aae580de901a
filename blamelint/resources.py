"""Where the shipped rule data and schemas live, in a wheel and in a source checkout.

A wheel carries them as `blamelint/_data/{rules,schemas}` (see pyproject's force-include);
an editable install or a plain checkout reads the repository's root-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


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
