"""`blamelint init --from PATH...`: a `.blamelint.yaml` that fits a team's existing archive.

The postmortems are read with the default catalogs. What they share becomes the config:
the sections most of them have (by canonical id) are required, and each section is listed
with the headings as the team writes them (a heading no catalog entry knows, used in at least
two documents, gets an id of its own); the metadata fields most of them write are required;
their language; the five-whys-depth rule is turned off when the team does not write 5 Whys,
`actions.require_id` off when its actions carry no ids, and the timeliness rules off when no
document records a review or publication date. The shipped config (the team's seed format)
stays the file's backbone; `summary()` says what was found and why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from blamelint.actions.extract import extract_actions
from blamelint.base.errors import BlamelintError, InputError
from blamelint.document.catalog import heading_keys, metadata_catalog, section_catalog
from blamelint.document.parse import parse_document
from blamelint.run.runner import ALWAYS_SKIPPED_DIRS

from .scaffold import shipped_config

SUFFIXES = (".md", ".markdown")
MAX_BYTES = 5_000_000
MOST = 0.5  # "most documents": more than half
_WHY = re.compile(r"(?im)^\s*(?:[-*+]|\d{1,2}[.)]|\|)?\s*(?:\*\*)?(?:why|pourquoi)\b")


@dataclass
class Analysis:
    files: int = 0
    postmortems: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # path -> why
    sections: Counter = field(default_factory=Counter)  # canonical id -> documents
    written: dict[str, Counter] = field(default_factory=dict)  # id -> heading as written
    unknown: Counter = field(default_factory=Counter)  # normalised heading -> documents
    unknown_written: dict[str, str] = field(default_factory=dict)
    metadata: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    whys: int = 0
    items: int = 0
    items_with_id: int = 0
    timeliness: int = 0

    @property
    def count(self) -> int:
        return len(self.postmortems)

    def most(self, counter: Counter) -> list[str]:
        return [key for key, n in counter.most_common() if n > self.count * MOST]


def _files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or folder", str(path))
        if path.is_file():
            found.append(path)
            continue
        for candidate in sorted(path.rglob("*")):
            parts = candidate.relative_to(path).parts
            if any(p in ALWAYS_SKIPPED_DIRS or p.startswith(".") for p in parts[:-1]):
                continue
            if candidate.is_file() and candidate.suffix.lower() in SUFFIXES:
                found.append(candidate)
    return found


def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) > MAX_BYTES or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def analyse(paths: Iterable[str | Path]) -> Analysis:
    result = Analysis()
    sections, fields = section_catalog(), metadata_catalog()
    for path in _files(paths):
        result.files += 1
        text = _read(path)
        if text is None:
            result.skipped[str(path)] = "unreadable (binary, not UTF-8 or too large)"
            continue
        try:
            doc = parse_document(str(path), text, sections=sections, fields=fields)
        except BlamelintError as exc:
            result.skipped[str(path)] = exc.message
            continue
        known = {h.canonical for h in doc.headings if h.canonical}
        if len(known) < 2:
            result.skipped[str(path)] = "not a postmortem (fewer than two known sections)"
            continue
        result.postmortems.append(str(path))
        result.languages[doc.language] += 1
        result.sections.update(known)
        for heading in doc.headings:
            if heading.canonical:
                result.written.setdefault(heading.canonical, Counter())[_clean(heading.title)] += 1
        unknown = {
            heading_keys(h.title)[-1]: _clean(h.title)
            for h in doc.sections
            if not h.canonical and heading_keys(h.title)
        }
        result.unknown.update(unknown.keys())
        for key, title in unknown.items():
            result.unknown_written.setdefault(key, title)
        result.metadata.update(k for k, f in doc.metadata.items() if f.source != "file_name")
        root = doc.section("5whys")
        if root is not None and len(_WHY.findall(doc.text[root.body_start : root.body_end])) >= 2:
            result.whys += 1
        items = extract_actions(doc, sidecars=False).items
        result.items += len(items)
        result.items_with_id += sum(1 for i in items if i.has_id)
        if {"review_date", "published", "resolved"} & doc.metadata.keys():
            result.timeliness += 1
    if not result.postmortems:
        where = ", ".join(str(p) for p in paths)
        raise InputError(
            f"no postmortem found ({result.files} Markdown file(s) read; a postmortem has at "
            "least two known sections such as Summary, Timeline, Action items); nothing written",
            where,
        )
    return result


def _clean(title: str) -> str:
    return re.sub(r"[*`_]", "", title).strip().rstrip(":").strip()


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key).strip("_")[:40] or "section"


def config_text(analysis: Analysis) -> str:
    """The shipped config with the archive's sections, metadata and rule choices."""
    catalog = section_catalog()
    required = catalog.in_order(analysis.most(analysis.sections))
    text = shipped_config()
    text = re.sub(
        r"(?m)^  required_sections: \[.*\]$",
        f"  required_sections: [{', '.join(required)}]",
        text,
        count=1,
    )
    metadata = metadata_catalog().in_order(analysis.most(analysis.metadata))
    text = re.sub(
        r"(?m)^(  required_sections: .*\n)",
        rf"\1  required_metadata: [{', '.join(metadata)}]\n",
        text,
        count=1,
    )
    extra: dict = {}
    languages = [lang for lang, _ in analysis.languages.most_common()]
    if len(languages) == 1:
        extra["language"] = languages[0]
    aliases: dict = {}
    for ident in catalog.in_order(analysis.written):
        titles = [t for t, _ in analysis.written[ident].most_common()]
        aliases[ident] = {"aliases": titles}
    for key, n in analysis.unknown.most_common():
        if n >= 2 and key not in (k for k in aliases):
            title = analysis.unknown_written[key]
            aliases.setdefault(_slug(key), {"aliases": [title], "names": {"en": title}})
    if aliases:
        extra["sections"] = aliases
    rules: dict = {}
    if analysis.whys <= analysis.count * MOST:
        rules["five-whys-depth"] = "off"
    if analysis.timeliness == 0:
        for name in (
            "review-late",
            "publication-late",
            "meeting-too-long",
            "timeliness-metadata-missing",
        ):
            rules[name] = "off"
    if rules:
        extra["rules"] = rules
    if analysis.items and analysis.items_with_id <= analysis.items * MOST:
        extra["actions"] = {"require_id": False}
    header = (
        "\n# Written by `blamelint init --from` from "
        f"{analysis.count} postmortem(s) of the team's archive: the sections and metadata most\n"
        "# of them have are required; the headings are listed as the team writes them.\n"
    )
    return (
        text.rstrip("\n")
        + "\n"
        + header
        + yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, width=100)
    )


def summary(analysis: Analysis) -> str:
    n = analysis.count
    catalog, fields = section_catalog(), metadata_catalog()
    reasons = Counter(analysis.skipped.values())
    lines = [
        f"read {analysis.files} Markdown file(s): {n} postmortem(s), "
        f"{len(analysis.skipped)} skipped"
        + "".join(f"\n  {count} {why}" for why, count in reasons.most_common()),
        "languages: " + ", ".join(f"{k} {v}" for k, v in analysis.languages.most_common()),
        "sections (documents having them; required when more than half do):",
    ]
    for ident in catalog.in_order(analysis.sections):
        mark = "required" if analysis.sections[ident] > n * MOST else "optional"
        lines.append(f"  {ident:<12} {analysis.sections[ident]:>4}/{n}  {mark}")
    unknown = [k for k, c in analysis.unknown.most_common() if c >= 2]
    if unknown:
        lines.append(
            "  new ids for headings no catalog entry knows: " + ", ".join(_slug(k) for k in unknown)
        )
    lines.append("metadata (documents writing each field):")
    for ident in fields.in_order(analysis.metadata):
        mark = "required" if analysis.metadata[ident] > n * MOST else "optional"
        lines.append(f"  {ident:<12} {analysis.metadata[ident]:>4}/{n}  {mark}")
    state = "on" if analysis.whys > n * MOST else "off"
    lines.append(f"5 Whys written in {analysis.whys}/{n} document(s): five-whys-depth {state}")
    if analysis.items:
        lines.append(
            f"action items: {analysis.items}, {analysis.items_with_id} with an id"
            + (
                ""
                if analysis.items_with_id > analysis.items * MOST
                else ": actions.require_id false"
            )
        )
    if analysis.timeliness == 0:
        lines.append("no review or publication dates recorded: timeliness rules off")
    return "\n".join(lines) + "\n"
