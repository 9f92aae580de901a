"""Section and metadata-field catalogs: canonical ids, the names that stand for them.

Data comes from `rules/data/sections.yaml` and `rules/data/metadata.yaml`; a team's config can
add aliases and new ids. Matching ignores case, accents, punctuation, a leading number and a
trailing parenthetical, so `## 2. Root causes (5 Whys)` is the `5whys` section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from blamelint.base.resources import load_data
from blamelint.base.text import fold

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)]|[a-z][.)])\s+", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a heading or key."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def heading_keys(title: str) -> list[str]:
    """Normalized forms to try for a heading: as written, unnumbered, without parenthetical."""
    title = re.sub(r"[*`]", "", title).strip().strip("_").rstrip(":").strip()
    unnumbered = _NUMBERING.sub("", title, count=1)
    keys = []
    for variant in (title, unnumbered, _PARENTHETICAL.sub("", unnumbered)):
        key = normalize(variant)
        if key and key not in keys:
            keys.append(key)
    return keys


@dataclass(frozen=True)
class Entry:
    id: str
    names: Mapping[str, str]
    aliases: tuple[str, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.id


class Catalog:
    """Canonical ids and their aliases; `match` finds the id a written name stands for."""

    def __init__(self, entries: Iterable[Entry], default_required: Iterable[str] = ()):
        self.entries: dict[str, Entry] = {}
        self._index: dict[str, str] = {}
        for entry in entries:
            self.add(entry)
        self.default_required = tuple(default_required)

    def add(self, entry: Entry) -> None:
        previous = self.entries.get(entry.id)
        if previous:
            entry = Entry(
                entry.id,
                {**previous.names, **entry.names},
                previous.aliases + entry.aliases,
                {**previous.extra, **entry.extra},
            )
        self.entries[entry.id] = entry
        for alias in (entry.id, *entry.aliases, *entry.names.values()):
            self._index.setdefault(normalize(alias), entry.id)

    def match(self, written: str) -> str | None:
        for key in heading_keys(written):
            if key in self._index:
                return self._index[key]
        return None

    def name(self, canonical: str, language: str) -> str:
        entry = self.entries.get(canonical)
        return entry.name(language) if entry else canonical

    def __contains__(self, canonical: str) -> bool:
        return canonical in self.entries


def _entries(data: Mapping[str, Any]) -> list[Entry]:
    entries = []
    for ident, spec in data.items():
        spec = spec or {}
        names = dict(spec.get("names") or {})
        aliases = tuple(str(a) for a in spec.get("aliases") or ())
        extra = {k: v for k, v in spec.items() if k not in ("names", "aliases")}
        entries.append(Entry(str(ident), names, aliases, extra))
    return entries


def section_catalog(additions: Mapping[str, Any] | None = None) -> Catalog:
    data = load_data("data/sections.yaml")
    catalog = Catalog(_entries(data["sections"]), data.get("default_required", ()))
    for entry in _entries(additions or {}):
        catalog.add(entry)
    return catalog


def metadata_catalog(additions: Mapping[str, Any] | None = None) -> Catalog:
    data = load_data("data/metadata.yaml")
    catalog = Catalog(_entries(data["fields"]), data.get("default_required", ()))
    for entry in _entries(additions or {}):
        catalog.add(entry)
    return catalog
