"""The kinds of team-defined rules (`custom_rules:` / `rule_files:` in the config), Vale-style.

- `custom.existence`: flag each whole-word occurrence of `tokens` (literal words or phrases)
  or match of `patterns` (regular expressions);
- `custom.substitution`: flag each occurrence of a `swap` key and name the preferred term.

Both read the prose segments of the document that the rule's `scope` names: `prose` (text
outside the timeline and action sections), `headings`, `actions`, `timeline`; matches inside
inline code and URLs (segment masks) are skipped. `language` (en, fr or any) limits the rule
to documents in that language. Every pattern goes through `safe_regex.compile_pattern` (the
config loader has already refused the unsafe ones with the file, line and rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from blamelint.base.safe_regex import compile_pattern
from blamelint.document.model import Document, Segment
from blamelint.rules.model import Rule

from .base import Hit, RunContext, document_kind

TIMELINE, ACTIONS = "chronologie", "actions"


def scoped_segments(doc: Document, scopes: Iterable[str]) -> Iterator[tuple[int, Segment]]:
    wanted = set(scopes)
    for index, segment in enumerate(doc.segments):
        if segment.kind == "heading":
            scope = "headings"
        elif segment.section == TIMELINE:
            scope = "timeline"
        elif segment.section == ACTIONS:
            scope = "actions"
        else:
            scope = "prose"
        if scope in wanted:
            yield index, segment


def literal_pattern(terms: Sequence[str]) -> str:
    """Whole words or phrases: longest first, so that 'db01 box' wins over 'db01'."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)"


@lru_cache(maxsize=256)
def _compiled(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    return compile_pattern(pattern, where, flags)


def _flags(rule: Rule) -> int:
    return re.IGNORECASE if rule.options.get("ignorecase", True) else 0


def _applies(doc: Document, rule: Rule) -> bool:
    language = rule.options.get("language", "any")
    return language in ("any", doc.language)


def _matches(
    doc: Document, rule: Rule, patterns: Sequence[re.Pattern[str]]
) -> Iterator[tuple[int, Segment, re.Match[str]]]:
    for index, segment in scoped_segments(doc, rule.options.get("scope") or ("prose",)):
        for pattern in patterns:
            for match in pattern.finditer(segment.text):
                if match.end() > match.start() and not segment.masked(*match.span()):
                    yield index, segment, match


@document_kind("custom.existence")
def existence(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    if not _applies(doc, rule):
        return
    flags, where = _flags(rule), f"rule {rule.code}"
    patterns = [_compiled(p, flags, where) for p in rule.options.get("patterns") or ()]
    tokens = rule.options.get("tokens") or ()
    if tokens:
        patterns.append(_compiled(literal_pattern(tokens), flags, where))
    seen: set[tuple[int, int, int]] = set()
    for index, _segment, match in _matches(doc, rule, patterns):
        key = (index, match.start(), match.end())
        if key not in seen:
            seen.add(key)
            yield Hit(match.start(), match.end(), {"match": match.group(0)}, segment=index)


@document_kind("custom.substitution")
def substitution(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    if not _applies(doc, rule):
        return
    flags, where = _flags(rule), f"rule {rule.code}"
    swap: Mapping[str, str] = rule.options.get("swap") or {}
    regex = bool(rule.options.get("regex"))
    for written, preferred in swap.items():
        source = written if regex else literal_pattern([written])
        pattern = _compiled(source, flags, where)
        for index, _segment, match in _matches(doc, rule, [pattern]):
            if match.group(0).casefold() == preferred.casefold():
                continue
            values = {"match": match.group(0), "replacement": preferred}
            yield Hit(match.start(), match.end(), values, segment=index)


KINDS = (existence, substitution)
