"""The language registry (rules/data/languages.yaml): which languages blamelint supports.

Every language tuple, CLI choice and guard asks this module, so adding a language is data (an
entry in the registry, its word-list sections and catalog names), a template and a model
dependency. A language that is not registered is never treated as English in its place: the
document parser keeps the declared code and the linter reports it (BL002).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .resources import load_data


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    aliases: tuple[str, ...]
    models: tuple[str, ...]
    packages: Mapping[str, str]
    template: str
    unknown: str
    model_load_chars: int
    wordlists: tuple[str, ...]
    stopwords: frozenset[str]


@cache
def _registry() -> tuple[str, dict[str, Language]]:
    data = load_data("data/languages.yaml")
    registry = {
        code: Language(
            code=code,
            name=entry["name"],
            aliases=tuple(a.lower() for a in entry.get("aliases") or ()),
            models=tuple(entry["models"]),
            packages=dict(entry.get("packages") or {}),
            template=entry["template"],
            unknown=entry["unknown"],
            model_load_chars=int(entry.get("model_load_chars", 0)),
            wordlists=tuple(entry.get("wordlists") or ()),
            stopwords=frozenset(entry.get("stopwords") or ()),
        )
        for code, entry in data["languages"].items()
    }
    return data["default"], registry


def languages() -> Mapping[str, Language]:
    """Every registered language by code, in the registry's order."""
    return _registry()[1]


def codes() -> tuple[str, ...]:
    """The registered language codes ("en", "fr"), for choices and schemas."""
    return tuple(languages())


def default_language() -> str:
    """The language of a document with no clue to its language (the registry's `default`)."""
    return _registry()[0]


def supported(code: str | None) -> bool:
    return code in languages()


def or_default(code: str | None) -> str:
    """`code` if registered, else the default: only for choosing the language of a *message*."""
    return code if code in languages() else default_language()
