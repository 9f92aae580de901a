"""Section and metadata-field catalogs: canonical ids, the names that stand for them.

Data comes from `rules/data/sections.yaml` and `rules/data/metadata.yaml`; a team's config can
add aliases and new ids. Matching ignores case, accents, punctuation, a leading number and a
trailing parenthetical, so `## 2. Root causes (5 Whys)` is the `5whys` section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from blamelint.base.resources import load_data
from blamelint.base.text import fold

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)]|[a-z][.)])\s+", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a heading or key."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@cache
def _zone_suffix() -> re.Pattern[str]:
    """A time zone closing a title: "Timeline in UTC", "Timeline - all times PST"."""
    zones = "|".join(
        sorted(
            (re.escape(z) for z in load_data("data/timezones.yaml")["zones"]), key=len, reverse=True
        )
    )
    return re.compile(
        rf"\s*[-–—:,]?\s*(?:\(?\s*(?:all\s+)?(?:times?\s+)?(?:are\s+)?(?:in\s+|en\s+)?)"
        rf"(?:{zones})(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\)?\s*$",
        re.IGNORECASE,
    )


def heading_keys(title: str) -> list[str]:
    """Normalized forms to try for a heading: as written, unnumbered, without parenthetical."""
    return list(_heading_keys(title))


# Memoised: the same titles come back (every catalog name is keyed again for each heading
# that language detection weighs, and template headings repeat across documents).
@lru_cache(maxsize=8192)
def _heading_keys(title: str) -> tuple[str, ...]:
    title = re.sub(r"[*`]", "", title).strip().strip("_").rstrip(":").strip()
    unnumbered = _NUMBERING.sub("", title, count=1)
    keys: list[str] = []
    bare = _PARENTHETICAL.sub("", unnumbered)
    for variant in (title, unnumbered, bare, _zone_suffix().sub("", bare)):
        key = normalize(variant)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


@dataclass(frozen=True)
class Entry:
    id: str
    names: Mapping[str, str]
    aliases: tuple[str, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)
    ids: tuple[str, ...] = ()  # other ids a config may use for it (`timeline` = `chronologie`)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.id


class Catalog:
    """Canonical ids and their aliases; `match` finds the id a written name stands for."""

    def __init__(self, entries: Iterable[Entry], default_required: Iterable[str] = ()):
        self.entries: dict[str, Entry] = {}
        self._index: dict[str, str] = {}
        self._ids: dict[str, str] = {}
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
                previous.ids + entry.ids,
            )
        self.entries[entry.id] = entry
        for other in (entry.id, *entry.ids):
            self._ids.setdefault(_id_key(other), entry.id)
        for alias in (entry.id, *entry.aliases, *entry.names.values()):
            self._index.setdefault(normalize(alias), entry.id)

    def match(self, written: str) -> str | None:
        for key in heading_keys(written):
            if key in self._index:
                return self._index[key]
        return None

    def resolve(self, ident: str) -> str | None:
        """The canonical id a config id stands for: itself, or an English id such as
        `timeline` (= `chronologie`), `root_causes` (= `5whys`); case and `-`/`_` ignored."""
        if ident in self.entries:
            return ident
        return self._ids.get(_id_key(str(ident)))

    def in_order(self, idents: Iterable[str]) -> list[str]:
        """Canonical ids in catalog (template) order; ids the catalog does not know last."""
        position = {ident: index for index, ident in enumerate(self.entries)}
        resolved = [self.resolve(i) or i for i in idents]
        unique = list(dict.fromkeys(resolved))
        return sorted(unique, key=lambda i: position.get(i, len(position)))

    def name(self, canonical: str, language: str) -> str:
        entry = self.entries.get(self.resolve(canonical) or canonical)
        return entry.name(language) if entry else canonical

    def __contains__(self, canonical: str) -> bool:
        return self.resolve(canonical) is not None


def _id_key(ident: str) -> str:
    return re.sub(r"[\s_-]+", "_", ident.strip().casefold())


def _entries(data: Mapping[str, Any]) -> list[Entry]:
    entries = []
    for ident, spec in data.items():
        spec = spec or {}
        names = dict(spec.get("names") or {})
        aliases = tuple(str(a) for a in spec.get("aliases") or ())
        ids = tuple(str(i) for i in spec.get("ids") or ())
        extra = {k: v for k, v in spec.items() if k not in ("names", "aliases", "ids")}
        entries.append(Entry(str(ident), names, aliases, extra, ids))
    return entries


def section_catalog(additions: Mapping[str, Any] | None = None) -> Catalog:
    data = load_data("data/sections.yaml")
    catalog = Catalog(_entries(data["sections"]), data.get("default_required", ()))
    for entry in _entries(additions or {}):
        catalog.add(_as_known(catalog, entry))
    return catalog


def _as_known(catalog: Catalog, entry: Entry) -> Entry:
    """A config entry named by an English id (`timeline:`) adds to the canonical section."""
    canonical = catalog.resolve(entry.id)
    if canonical is None or canonical == entry.id:
        return entry
    return Entry(canonical, entry.names, entry.aliases, entry.extra, entry.ids)


def metadata_catalog(additions: Mapping[str, Any] | None = None) -> Catalog:
    data = load_data("data/metadata.yaml")
    catalog = Catalog(_entries(data["fields"]), data.get("default_required", ()))
    for entry in _entries(additions or {}):
        catalog.add(_as_known(catalog, entry))
    return catalog
