"""Markdown → Document: front matter, metadata, sections, code blocks and prose with positions.

mistune 3 gives the block and inline structure; `SourceCursor` puts every token back at its
place in the source, because mistune records no positions.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace

import mistune

from blamelint.base.errors import InputError
from blamelint.base.yamlio import LineDict, YamlError, load_yaml

from . import language as lang_detect
from .catalog import Catalog, heading_keys, metadata_catalog, section_catalog
from .metadata import bold_metadata, file_name_date, front_matter_metadata, plain_metadata
from .model import Document, Section, Sidecar
from .placeholders import is_placeholder
from .walk import SourceWalker

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# Hugo and Zola write TOML front matter between `+++` lines.
_TOML_END = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_TOML_KEY = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=", re.MULTILINE)

_markdown = mistune.create_markdown(
    renderer=None, plugins=["table", "strikethrough", "task_lists", "footnotes"]
)


def decode(path: str, data: bytes) -> str:
    """Bytes → text, or an InputError naming the file and the line of the first bad byte."""
    nul = data.find(b"\x00")  # anywhere in the file, not only in its first block
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary file (contains NUL bytes), not Markdown", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    return text


def normalize_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(
    path: str,
    text: str,
    *,
    language: str = "auto",
    sections: Catalog | None = None,
    fields: Catalog | None = None,
    sidecars: Iterable[Sidecar] = (),
) -> Document:
    """Parse Markdown text (already decoded) into blamelint's Document."""
    text = normalize_newlines(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    doc = Document(
        path=path, text=text, language="en", line_starts=line_starts, sidecars=tuple(sidecars)
    )
    sections = sections or section_catalog()
    fields = fields or metadata_catalog()

    body_start = _read_front_matter(doc)
    # Blank the front matter, keeping its length, so mistune's text lines up with the source.
    masked = re.sub(r"[^\n]", " ", text[:body_start]) + text[body_start:]
    try:
        tokens = _markdown(masked)
    except RecursionError:
        raise InputError("Markdown nested too deeply to read", path) from None

    builder = SourceWalker(doc, masked, body_start)
    try:
        builder.blocks(tokens, kind="paragraph", quoted=False)
    except RecursionError:
        raise InputError("Markdown nested too deeply to read", path) from None
    _build_sections(doc, builder.headings, sections)
    doc.metadata = front_matter_metadata(doc, fields)
    for key, value in bold_metadata(doc, fields).items():
        doc.metadata.setdefault(key, value)
    for key, value in plain_metadata(doc, fields).items():
        doc.metadata.setdefault(key, value)
    lines = [f.line for f in doc.metadata.values()]
    from_name = file_name_date(doc) if "date" not in doc.metadata else None
    if from_name is not None:
        doc.metadata["date"] = from_name  # not a line of the document: no metadata_line
    if doc.front_matter_lines:
        lines.append(doc.front_matter_lines[0])
    doc.metadata_line = min(lines) if lines else None
    doc.language = _language(doc, language, sections, fields)
    return doc


def _read_front_matter(doc: Document) -> int:
    text = doc.text
    if text.startswith("+++\n"):
        return _read_toml_front_matter(doc)
    if not text.startswith("---\n"):
        return 0
    end = _FRONT_MATTER_END.search(text, 4)
    if not end:
        return 0
    try:
        data = load_yaml(text[4 : end.start()], first_line=2)
    except YamlError as exc:
        # `authors: @handle` is not YAML, but it is a front matter teams write: when every
        # line is a plain `key: value`, read it as such; anything else stays an error.
        data = _plain_front_matter(text[4 : end.start()])
        if data is None:
            raise InputError(f"front matter: {exc.message}", doc.path, exc.line) from None
    if data is None:
        data = LineDict()
        data.key_lines, data.line = {}, 2
    if not isinstance(data, dict):
        raise InputError("front matter is not a mapping of keys to values", doc.path, 2)
    doc.front_matter = data
    doc.front_matter_lines = (1, doc.position(end.start())[0])
    return min(end.end() + 1, len(text))


def _read_toml_front_matter(doc: Document) -> int:
    """TOML front matter between `+++` lines (Hugo, Zola). Text that is no valid TOML stays
    prose, as before: a `+++` line may also open an ordinary document."""
    text = doc.text
    end = _TOML_END.search(text, 4)
    if not end:
        return 0
    block = text[4 : end.start()]
    try:
        parsed = tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return 0
    data = LineDict(parsed)
    data.key_lines, data.line = {}, 2
    for match in _TOML_KEY.finditer(block):
        key = match.group(1)
        if key in data and key not in data.key_lines:
            data.key_lines[key] = block.count("\n", 0, match.start()) + 2
    doc.front_matter = data
    doc.front_matter_lines = (1, doc.position(end.start())[0])
    return min(end.end() + 1, len(text))


_PLAIN_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w -]{0,40}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def _plain_front_matter(block: str) -> LineDict | None:
    """Front matter of plain `key: value` lines whose only fault is a value that starts with
    `@` or a backtick (values kept as written, as text); else None."""
    data = LineDict()
    data.key_lines, data.line = {}, 2
    for number, line in enumerate(block.split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _PLAIN_KEY.match(line)
        if match is None or match.group("key") in data:
            return None
        value = match.group("value")
        if value[:1] in ("[", "{", "&", "*", "!", "|", ">", "'", '"'):
            return None  # YAML syntax gone wrong, not plain text: the YAML error stands
        data[match.group("key")] = value
        data.key_lines[match.group("key")] = number
    # Only values YAML reserves a first character for (`@handle`, `` `code` ``) are forgiven.
    return data if any(str(v)[:1] in ("@", "`") for v in data.values()) else None


def _language(doc: Document, requested: str, sections: Catalog, fields: Catalog) -> str:
    forced = lang_detect.normalize_language(requested)
    if forced:
        return forced
    declared = doc.metadata.get("language")
    if declared and lang_detect.normalize_language(declared.value):
        return lang_detect.normalize_language(declared.value)
    code = lang_detect.language_code(declared.value) if declared else None
    if code and not is_placeholder(str(declared.value)):
        return code  # not registered: kept as declared (the linter reports it), never English
    # Template headings and keys ("Chronologie", "Durée") are strong hints in short documents.
    votes: dict[str, int] = {}
    for written, catalog, canonical in [
        *((h.title, sections, h.canonical) for h in doc.headings),
        *((f.key, fields, f.canonical) for f in doc.metadata.values()),
    ]:
        entry = catalog.entries.get(canonical) if canonical else None
        if entry is None:
            continue
        keys = heading_keys(written)
        named = {lang for lang, name in entry.names.items() if heading_keys(name)[-1] in keys}
        if len(named) == 1:
            lang = named.pop()
            votes[lang] = votes.get(lang, 0) + 3
    prose = " ".join(s.text for s in doc.segments)
    return lang_detect.detect(prose, bias=votes)


def _build_sections(doc: Document, headings: list[Section], catalog: Catalog) -> None:
    levels = [h.level for h in headings]
    section_level = 2 if 2 in levels else 1
    # A section ends at the next heading of the same or a higher level: one pass with a stack
    # of the headings still open (a scan per heading was quadratic on long files).
    ends = [len(doc.text)] * len(headings)
    open_headings: list[int] = []
    for index, heading in enumerate(headings):
        while open_headings and headings[open_headings[-1]].level >= heading.level:
            ends[open_headings.pop()] = heading.offset
        open_headings.append(index)
    resolved: list[Section] = []
    for heading, end in zip(headings, ends, strict=True):
        resolved.append(
            Section(
                title=heading.title,
                level=heading.level,
                canonical=catalog.match(heading.title),
                line=heading.line,
                offset=heading.offset,
                body_start=heading.body_start,
                body_end=end,
                title_offset=heading.title_offset,
            )
        )
    doc.headings = resolved
    doc.sections = [s for s in resolved if s.level == section_level]
    if section_level == 2:
        doc.title = next((s for s in resolved if s.level == 1), None)
    # Tell each prose segment which section it belongs to.
    # Sections do not overlap and come in order: bisect, so that many sections stay linear.
    starts = [s.offset for s in doc.sections]
    for i, segment in enumerate(doc.segments):
        where = segment.offsets[0] if segment.offsets else 0
        k = bisect.bisect_right(starts, where) - 1
        inside = k >= 0 and where < doc.sections[k].body_end
        canonical = doc.sections[k].canonical if inside else None
        if canonical != segment.section:
            doc.segments[i] = replace(segment, section=canonical)
