"""Walk mistune's tokens in document order and put each one back at its place in the source.

Builds the prose segments (text, per-character offsets, masks for code and URLs), code
blocks, HTML comments and headings of a Document. Positions come from `SourceCursor`.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import replace
from typing import Any

from .model import CodeBlock, Comment, Document, Section, Segment
from .sourcemap import SourceCursor

CODE_PLACEHOLDER = "code"
URL_PLACEHOLDER = "link"
# How far after a link's text its closing bracket may stand ("**bold text**]").
_LINK_TAIL = 8
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]|\bwww\.[^\s<>()]+\w")
_SPACE = re.compile(" ")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FIELD_LINE = re.compile(r"^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)?[ \t]*:")


class _Piece:
    """A segment under construction: text, per-character offsets, masked ranges."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.masks: list[tuple[int, int]] = []

    def add(self, text: str, offsets: list[int]) -> None:
        self.chars.append(text)
        self.offsets.extend(offsets)

    def add_masked(self, placeholder: str, start: int, end: int) -> None:
        begin = len(self.offsets)
        self.chars.append(placeholder)
        last = max(start, end - 1)
        self.offsets.extend(min(start + i, last) for i in range(len(placeholder) - 1))
        self.offsets.append(last)
        self.masks.append((begin, begin + len(placeholder)))

    @property
    def text(self) -> str:
        return "".join(self.chars)


class SourceWalker:
    def __init__(self, doc: Document, source: str, start: int):
        self.doc = doc
        self.cursor = SourceCursor(source, start)
        self.headings: list[Section] = []

    # ----- blocks ---------------------------------------------------------------------------
    def blocks(self, tokens: list[dict[str, Any]], kind: str, quoted: bool) -> None:
        for token in tokens:
            self.block(token, kind, quoted)

    def block(self, token: dict[str, Any], kind: str, quoted: bool) -> None:
        ttype = token["type"]
        if ttype == "heading":
            self.heading(token, quoted)
        elif ttype in ("paragraph", "block_text"):
            self.segment(token.get("children", []), kind, quoted)
        elif ttype == "block_quote":
            self.blocks(token.get("children", []), kind, True)
        elif ttype in ("list", "list_item", "task_list_item"):
            self.blocks(token.get("children", []), "list_item", quoted)
        elif ttype == "table":
            self.table(token, quoted)
        elif ttype == "block_code":
            self.code_block(token)
        elif ttype == "block_html":
            self.html_block(token.get("raw", ""))
        elif "children" in token and isinstance(token["children"], list):
            self.blocks(token["children"], kind, quoted)

    def heading(self, token: dict[str, Any], quoted: bool) -> None:
        marker = self.cursor.pos
        segment = self.segment(token.get("children", []), "heading", quoted)
        if segment is not None and segment.offsets:
            first = segment.offsets[0]
        else:
            first = self.cursor.pos if self.cursor.pos > marker else marker
        line, _ = self.doc.position(first)
        line_start = self.doc.line_offset(line)
        next_line = (
            self.doc.line_offset(line + 1)
            if line < len(self.doc.line_starts)
            else len(self.doc.text)
        )
        if token.get("style") == "setext":
            underline = self.doc.line_offset(line + 1)
            nl = self.doc.text.find("\n", underline)
            next_line = len(self.doc.text) if nl < 0 else nl + 1
        self.cursor.skip_to(next_line)
        title = segment.text.strip() if segment is not None else ""
        self.headings.append(
            Section(
                title=title,
                level=token.get("attrs", {}).get("level", 1),
                canonical=None,
                line=line,
                offset=line_start,
                body_start=next_line if next_line > line_start else len(self.doc.text),
                body_end=len(self.doc.text),
                title_offset=first,
            )
        )

    def table(self, token: dict[str, Any], quoted: bool) -> None:
        for part in token.get("children", []):
            rows = [part] if part["type"] == "table_head" else part.get("children", [])
            for row in rows:
                cells = []  # each cell's range of segments
                for cell in row.get("children", []):
                    first = len(self.doc.segments)
                    self.segment(cell.get("children", []), "table_cell", quoted)
                    cells.append((first, len(self.doc.segments)))
                self._row_after(cells)

    def _row_after(self, cells: list[tuple[int, int]]) -> None:
        """Each cell's segments learn the text of the cells after it in the row."""
        segments = self.doc.segments
        texts = [" ".join(s.text for s in segments[a:b]) for a, b in cells]
        for k, (a, b) in enumerate(cells):
            after = " | ".join(t for t in texts[k + 1 :] if t.strip())
            if after:
                segments[a:b] = [replace(s, row_after=after) for s in segments[a:b]]

    def code_block(self, token: dict[str, Any]) -> None:
        raw = token.get("raw", "")
        info = (token.get("attrs") or {}).get("info") or ""
        marker = token.get("marker")
        start = self.cursor.pos
        if marker:
            fence = self.cursor.find(marker)
            start = fence if fence is not None else start
            line, _ = self.doc.position(start)
            content_line = line + 1
            content_offset = self.doc.line_offset(content_line)
            self.cursor.skip_to(content_offset)
            body_lines = raw.count("\n")
            after = (
                self.doc.line_offset(content_line + body_lines) if body_lines else content_offset
            )
            closing = self.doc.text.find(marker[0] * 3, after)
            end_line = self.doc.position(closing)[0] if closing >= 0 else len(self.doc.line_starts)
            end = (
                self.doc.line_offset(end_line + 1)
                if end_line < len(self.doc.line_starts)
                else len(self.doc.text)
            )
            if closing < 0 or self.doc.position(closing)[0] != content_line + body_lines:
                end = self.doc.line_offset(content_line + body_lines)
                end_line = content_line + body_lines - 1
                closing_line = content_line + body_lines
                if closing_line <= len(self.doc.line_starts):
                    text = self.doc.line_text(closing_line).strip(" \t>")
                    if text.startswith(marker[0] * 3):
                        end = (
                            self.doc.line_offset(closing_line + 1)
                            if closing_line < len(self.doc.line_starts)
                            else len(self.doc.text)
                        )
        else:
            first = raw.strip("\n").split("\n", 1)[0]
            offsets = self.cursor.align(first) if first else None
            start = offsets[0] if offsets else start
            line, _ = self.doc.position(start)
            content_line, content_offset = line, self.doc.line_offset(line)
            last_line = line + max(raw.rstrip("\n").count("\n"), 0)
            end = (
                self.doc.line_offset(last_line + 1)
                if last_line < len(self.doc.line_starts)
                else len(self.doc.text)
            )
        self.cursor.skip_to(end)
        self.doc.code_blocks.append(
            CodeBlock(
                info=info.strip(),
                content=raw,
                offset=self.doc.line_offset(self.doc.position(start)[0]),
                content_offset=content_offset,
                end=end,
                line=self.doc.position(start)[0],
                content_line=content_line,
            )
        )

    def html_block(self, raw: str) -> None:
        start = self.cursor.pos
        offsets = self.cursor.align(raw.strip()) if raw.strip() else None
        base = offsets[0] if offsets else start
        block_text = self.doc.text[base : base + len(raw.strip())]
        for match in _COMMENT.finditer(block_text):
            self._comment(match.group(1), base + match.start(), base + match.end())

    def _comment(self, body: str, start: int, end: int) -> None:
        line, _ = self.doc.position(start)
        self.doc.comments.append(Comment(text=body, offset=start, end=end, line=line))

    # ----- inline ---------------------------------------------------------------------------
    def segment(self, children: list[dict[str, Any]], kind: str, quoted: bool) -> Segment | None:
        piece = _Piece()
        self.inline(children, piece)
        if not piece.offsets:
            return None
        _mask_urls(piece)
        text = piece.text
        # (the pairwise comparison runs in C: segments hold thousands of characters)
        if any(map(operator.gt, piece.offsets, itertools.islice(piece.offsets, 1, None))):
            piece.offsets = self._realign(text, piece)
        end = piece.offsets[-1] + 1
        segment = Segment(
            text=text,
            offsets=(*piece.offsets, end),
            kind=kind,
            section=None,
            masks=tuple(sorted(piece.masks)),
            quoted=quoted,
        )
        if text.strip():
            for piece in self._split_field_lines(segment):
                self.doc.segments.extend(split_long(piece))
        return segment

    def _realign(self, text: str, piece: _Piece) -> list[int]:
        """Offsets that go backwards (tokens mistune emitted out of order): place the segment
        again run by run (code and URL placeholders keep their spans), each run after the
        one before; else keep each offset at least at the one before it."""
        bounds = sorted({0, len(text), *(x for mask in piece.masks for x in mask)})
        masked = {start for start, _ in piece.masks}
        offsets: list[int] = []
        after = min(piece.offsets)
        for start, end in itertools.pairwise(bounds):
            if start in masked:
                shift = max(0, after - piece.offsets[start])
                offsets.extend(o + shift for o in piece.offsets[start:end])
            else:
                found = SourceCursor(self.doc.text, after).locate_anywhere(text[start:end], after)
                if (
                    found is None
                    or len(found) != end - start
                    or (offsets and found[0] < offsets[-1])
                ):
                    return _clamped(piece.offsets)
                offsets.extend(found)
            after = offsets[-1] + 1 if offsets else after
        return offsets if len(offsets) == len(text) else _clamped(piece.offsets)

    def _split_field_lines(self, segment: Segment) -> list[Segment]:
        """`**Statut** : Brouillon` / `**Résolu** : …` lines are separate fields, not a sentence.

        Joined, NLP would read "Brouillon Résolu" as one phrase (a name, even).
        """
        source, offsets = self.doc.text, segment.offsets
        # Most segments cover no line break at all: one search of their source span says so.
        if source.find("\n", min(offsets), max(offsets)) == -1:
            return [segment]
        breaks = _line_break_spaces(segment.text, offsets, source)
        if not breaks:
            return [segment]
        first, last = (
            self.doc.position(segment.offsets[0])[0],
            self.doc.position(segment.offsets[-2])[0],
        )
        lines = [self.doc.line_text(n) for n in range(first, last + 1)]
        if sum(1 for line in lines if _FIELD_LINE.match(line)) < 2:
            return [segment]
        pieces, start = [], 0
        for cut in [*breaks, len(segment.text)]:
            text = segment.text[start:cut]
            if text.strip():
                masks = tuple(
                    (a - start, b - start) for a, b in segment.masks if a >= start and b <= cut
                )
                pieces.append(
                    Segment(
                        text,
                        (*segment.offsets[start:cut], segment.offsets[cut - 1] + 1),
                        segment.kind,
                        None,
                        masks,
                        segment.quoted,
                    )
                )
            start = cut + 1
        return pieces

    def inline(self, children: list[dict[str, Any]], piece: _Piece) -> None:
        for token in children:
            ttype = token["type"]
            if ttype == "text":
                self._text(token.get("raw", ""), piece)
            elif ttype == "codespan":
                self._codespan(token.get("raw", ""), piece)
            elif ttype in ("softbreak", "linebreak"):
                newline = self.cursor.find("\n")
                at = newline if newline is not None else (piece.offsets[-1] if piece.offsets else 0)
                piece.add(" ", [at])
            elif ttype == "link":
                self._link(token, piece)
            elif ttype == "image":
                url = (token.get("attrs") or {}).get("url", "")
                if url:
                    self.cursor.find(url)
            elif ttype == "inline_html":
                self._inline_html(token.get("raw", ""), piece)
            elif "children" in token:
                self.inline(token["children"], piece)
            elif "raw" in token:
                self._text(token["raw"], piece)

    def _text(self, raw: str, piece: _Piece) -> None:
        offsets = self.cursor.align(raw)
        if offsets is None or len(offsets) != len(raw):
            after = piece.offsets[-1] + 1 if piece.offsets else 0
            offsets = self.cursor.locate_anywhere(raw, after)
        if offsets is None or len(offsets) != len(raw):
            at = self.cursor.pos
            offsets = [min(at, len(self.doc.text) - 1)] * len(raw)
        piece.add(raw, offsets)

    def _codespan(self, raw: str, piece: _Piece) -> None:
        tick = self.cursor.find("`")
        if tick is None:
            return
        run = 1
        while self.doc.text.startswith("`", tick + run):
            run += 1
        self.cursor.skip_to(tick + run)
        closing = self.doc.text.find("`" * run, self.cursor.pos)
        end = closing + run if closing >= 0 else tick + run
        self.cursor.skip_to(end)
        piece.add_masked(CODE_PLACEHOLDER, tick, end)

    def _link(self, token: dict[str, Any], piece: _Piece) -> None:
        attrs = token.get("attrs") or {}
        url = attrs.get("url", "")
        children = token.get("children", [])
        label = "".join(c.get("raw", "") for c in children if c["type"] == "text")
        if label and (label == url or url.endswith(label) or url == f"mailto:{label}"):
            # An autolink: the URL itself is its text; e-mail addresses stay readable.
            start = self.cursor.pos
            if url.startswith("mailto:"):
                self._text(label, piece)
            else:
                found = self.cursor.find(label)
                begin = found if found is not None else start
                piece.add_masked(URL_PLACEHOLDER, begin, begin + len(label))
            closing = self.cursor.find(">")
            if closing is not None and closing > self.cursor.pos + 2:
                self.cursor.pos = closing
            return
        self.inline(children, piece)
        if self._reference_link():
            return  # "[text][ref]" / "[text]": the URL stands in a definition further on
        if url:
            self.cursor.find(url)
        title = attrs.get("title")
        if title:
            self.cursor.find(title)

    def _reference_link(self) -> bool:
        """The link just read is reference-style ("[text][ref]", "[text][]", "[text]"): move
        past its brackets, not to its URL (which its definition holds, maybe lines below:
        jumping there would misplace the rest of the paragraph)."""
        source, pos = self.doc.text, self.cursor.pos
        close = source.find("]", pos, pos + _LINK_TAIL)
        if close < 0 or source.startswith("(", close + 1):
            return False  # an inline link "[text](url)", or the bracket is not in reach
        if source.startswith("[", close + 1):
            end = source.find("]", close + 2)
            if end < 0 or "\n" in source[close + 2 : end]:
                return False
            self.cursor.skip_to(end + 1)
        else:
            self.cursor.skip_to(close + 1)
        return True

    def _inline_html(self, raw: str, piece: _Piece) -> None:
        found = self.cursor.find(raw)
        if found is None:
            return
        if raw.startswith("<!--"):
            self._comment(raw[4:-3], found, found + len(raw))
        if piece.offsets:
            piece.add(" ", [found])


def _line_break_spaces(text: str, offsets: tuple[int, ...], source: str) -> list[int]:
    """Indices of the spaces of `text` that stand for a line break of `source`.

    Offsets in order (the rule): visit the source's line breaks in the segment's span and
    find their characters by bisection, a few steps per line instead of one per space.
    Out of order: test every space.
    """
    size = len(text)
    if any(map(operator.gt, offsets, itertools.islice(offsets, 1, size))):
        return [m.start() for m in _SPACE.finditer(text) if source[offsets[m.start()]] == "\n"]
    breaks: list[int] = []
    stop = offsets[size - 1] + 1
    newline = source.find("\n", offsets[0], stop)
    while newline != -1:
        index = bisect.bisect_left(offsets, newline, 0, size)
        while index < size and offsets[index] == newline:
            if text[index] == " ":
                breaks.append(index)
            index += 1
        newline = source.find("\n", newline + 1, stop)
    return breaks


def _mask_urls(piece: _Piece) -> None:
    text = piece.text
    matches = list(_URL.finditer(text))
    if not matches:
        return
    chars, offsets, masks = [], [], []
    cursor = 0
    shift = 0
    for match in matches:
        chars.append(text[cursor : match.start()])
        offsets.extend(piece.offsets[cursor : match.start()])
        begin = len(offsets)
        start_offset, end_offset = piece.offsets[match.start()], piece.offsets[match.end() - 1] + 1
        chars.append(URL_PLACEHOLDER)
        offsets.extend(
            min(start_offset + i, end_offset - 1) for i in range(len(URL_PLACEHOLDER) - 1)
        )
        offsets.append(end_offset - 1)
        masks.append((begin, begin + len(URL_PLACEHOLDER)))
        shift += len(URL_PLACEHOLDER) - (match.end() - match.start())
        cursor = match.end()
    chars.append(text[cursor:])
    offsets.extend(piece.offsets[cursor:])
    old_masks = []
    for start, end in piece.masks:
        # Earlier masks (code spans) shift with the URLs replaced before them.
        delta = sum(
            len(URL_PLACEHOLDER) - (m.end() - m.start()) for m in matches if m.end() <= start
        )
        old_masks.append((start + delta, end + delta))
    piece.chars, piece.offsets, piece.masks = ["".join(chars)], offsets, old_masks + masks


# NLP reads prose one segment at a time; spaCy refuses texts over 1,000,000 characters and
# its memory grows with a text's length. No real paragraph is longer than this.
MAX_SEGMENT = 10_000
_SENTENCE_END = re.compile(r"[.!?;:]\s+")


def _cut(segment: Segment, start: int, end: int) -> Segment:
    masks = tuple(
        (max(a, start) - start, min(b, end) - start)
        for a, b in segment.masks
        if a < end and b > start
    )
    offsets = (*segment.offsets[start:end], segment.offsets[end - 1] + 1)
    return Segment(
        segment.text[start:end], offsets, segment.kind, segment.section, masks, segment.quoted
    )


def split_long(segment: Segment, limit: int = MAX_SEGMENT) -> list[Segment]:
    """Cut a very long segment at sentence ends (else at white space) into pieces <= limit."""
    text = segment.text
    if len(text) <= limit:
        return [segment]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            breaks = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = breaks[-1] if breaks and breaks[-1] > limit // 2 else window.rfind(" ") + 1
            end = start + cut if cut > 0 else end
        pieces.append(_cut(segment, start, end))
        start = end
    return pieces


def _clamped(offsets: list[int]) -> list[int]:
    result, highest = [], 0
    for offset in offsets:
        highest = max(highest, offset)
        result.append(highest)
    return result
