"""Find where a piece of text that mistune produced stands in the original source.

mistune 3 records no positions. Its tokens keep their text in document order, with the
Markdown syntax between them removed (list markers, `> ` prefixes, indentation, escapes,
entities). `SourceCursor` walks the source once, front to back, and aligns each token's text
with the source character by character, so every prose character gets its exact offset.
"""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_ESCAPED = re.compile(r"\\[^\s\w]")
_MARKUP = re.compile(r"\d+[.)]|<[^>]*>|\]\([^)]*\)|[\s>*_\-+#|`\[\]()!~\\:]")

# How far ahead of the cursor a token may start when the plain search fails.
_FUZZY_WINDOW = 4000


class SourceCursor:
    """A read position in `source` that only moves forward."""

    def __init__(self, source: str, start: int = 0):
        self.source = source
        self.pos = start

    def skip_to(self, offset: int) -> None:
        self.pos = max(self.pos, min(offset, len(self.source)))

    def find(self, needle: str) -> int | None:
        """Offset of the next literal occurrence of `needle`; moves past it."""
        if not needle:
            return None
        found = self.source.find(needle, self.pos)
        if found < 0:
            return None
        self.pos = found + len(needle)
        return found

    def align(self, text: str) -> list[int] | None:
        """Offsets of every character of `text` in the source; moves past the last one.

        Returns None (and does not move) when the text cannot be placed.
        """
        if not text:
            return []
        start = self.source.find(text, self.pos)
        if start >= 0 and self._only_markup_between(self.pos, start):
            self.pos = start + len(text)
            return list(range(start, start + len(text)))
        offsets = self._fuzzy(text)
        if offsets is None and start >= 0:
            # The literal text is further on than the markup we expect to skip; trust it.
            self.pos = start + len(text)
            return list(range(start, start + len(text)))
        return offsets

    def locate_anywhere(self, text: str, after: int = 0) -> list[int] | None:
        """Where `text` stands in the source at or after `after` (else anywhere); the cursor
        moves there.

        mistune occasionally emits tokens out of document order (a list before the block
        quote that precedes it); such a token is found behind the cursor, and the tokens
        that follow it in the same block are read from there.
        """
        if not text:
            return []
        for begin in dict.fromkeys((after, 0)):
            start = self.source.find(text, begin)
            if start >= 0:
                self.pos = start + len(text)
                return list(range(start, start + len(text)))
        saved = self.pos
        for begin in dict.fromkeys((after, 0)):
            self.pos = begin
            offsets = self._fuzzy(text)
            if offsets is not None:
                return offsets
        self.pos = saved
        return None

    def _only_markup_between(self, start: int, end: int) -> bool:
        """True when nothing but whitespace and Markdown punctuation lies in [start, end)."""
        if end == start:  # the token starts at the cursor (a quarter of the calls): no gap
            return True
        if end - start > 200:
            return False
        gap = self.source[start:end]
        if _ESCAPED.search(gap):
            return False  # an escaped character is literal text, never markup to skip
        # (str.isalnum mapped in C: this runs between most inline tokens)
        return not any(map(str.isalnum, gap)) or _looks_like_markup(gap)

    def _fuzzy(self, text: str) -> list[int] | None:
        first = text.lstrip()
        if not first:
            return None
        lead = first[0]
        limit = min(len(self.source), self.pos + _FUZZY_WINDOW)
        candidate = self.pos
        while candidate < limit:
            candidate = _next_candidate(self.source, lead, candidate, limit)
            if candidate is None:
                return None
            offsets = align_at(self.source, text, candidate)
            if offsets is not None:
                self.pos = (offsets[-1] + 1) if offsets else candidate
                return offsets
            candidate += 1
        return None


def _looks_like_markup(gap: str) -> bool:
    # List markers ("12."), link targets already consumed, HTML tags: allowed between tokens.
    stripped = _MARKUP.sub("", gap)
    return not stripped


def _next_candidate(source: str, lead: str, start: int, limit: int) -> int | None:
    best = None
    for probe in (lead, "\\", "&"):
        found = source.find(probe, start, limit)
        if found >= 0 and (best is None or found < best):
            best = found
    return best


def align_at(source: str, text: str, start: int) -> list[int] | None:
    """Two-pointer alignment tolerant of escapes, entities and whitespace differences."""
    offsets: list[int] = []
    i, j, n = 0, start, len(source)
    leading = len(text) - len(text.lstrip())
    text = text.lstrip()
    while i < len(text):
        ch = text[i]
        if j >= n:
            return None
        if ch.isspace():
            if not source[j].isspace() and source[j] not in ">":
                # Whitespace in the token that the source lacks (a joined line): map it here.
                offsets.append(max(j - 1, start))
                i += 1
                continue
            offsets.append(j)
            i += 1
            while i < len(text) and text[i].isspace():
                offsets.append(j)
                i += 1
            # Skip the source's whitespace run, with block-quote or list prefixes after a newline,
            # but never across a blank line: no inline text spans two blocks.
            newlines = 0
            while j < n and (
                source[j].isspace() or (source[j] == ">" and _after_newline(source, j))
            ):
                newlines += source[j] == "\n"
                j += 1
            if newlines > 1:
                return None
            continue
        if source[j] == ch:
            offsets.append(j)
            i += 1
            j += 1
            continue
        if source[j] == "\\" and j + 1 < n and source[j + 1] == ch:
            offsets.append(j + 1)
            i += 1
            j += 2
            continue
        if source[j] == "&":
            entity = _ENTITY.match(source, j)
            if (
                entity
                and html.unescape(entity.group())
                == text[i : i + len(html.unescape(entity.group()))]
            ):
                decoded = html.unescape(entity.group())
                offsets.extend([j] * len(decoded))
                i += len(decoded)
                j = entity.end()
                continue
        if source[j] == "\t" and ch == " ":
            offsets.append(j)
            i += 1
            j += 1
            continue
        return None
    # Leading whitespace stripped above: give it the first character's offset.
    return [offsets[0]] * leading + offsets if offsets else None


def _after_newline(source: str, j: int) -> bool:
    k = j - 1
    while k >= 0 and source[k] in " \t>":
        k -= 1
    return k < 0 or source[k] == "\n"
