"""Token attributes read once per spaCy Doc, shared by every detector.

Each `token.children`, `token.text` or `doc[i]` builds new Python objects from the Doc's C
arrays; the detectors ask the same questions of the same tokens many times per segment (every
detector walks every sentence). `view(doc)` reads what they ask most often once, as plain lists
indexed by token position, and keeps it in `doc.user_data`: the view holds no Token or Doc, so
it dies with its Doc (no reference cycle).

Only attributes no later pipe changes are read (text, offsets, the parse); a view is built on
the first request, after the analysis is complete.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from .lexicon import norm

_KEY = "blamelint.view"


class DocView:
    """Per-token lists of one Doc: texts, normalised texts, character ends, children, deps."""

    __slots__ = ("dep", "ends", "kids", "lower", "starts", "text")

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import DEP, HEAD, IDX, LENGTH

        # One read of the C arrays (HEAD is relative: signed once reinterpreted as int64).
        rows = doc.to_array([IDX, LENGTH, HEAD, DEP]).view("int64").reshape(len(doc), 4)
        starts, lengths, heads, deps = (rows[:, k].tolist() for k in range(4))
        raw, strings = doc.text, doc.vocab.strings
        self.text: list[str] = [raw[a : a + n] for a, n in zip(starts, lengths, strict=True)]
        self.lower: list[str] = [norm(t) for t in self.text]
        self.starts: list[int] = starts
        self.ends: list[int] = [a + n for a, n in zip(starts, lengths, strict=True)]
        labels: dict[int, str] = {}
        self.dep: list[str] = []
        for label in deps:
            text = labels.get(label)
            if text is None:
                text = labels[label] = strings[label & 0xFFFFFFFFFFFFFFFF] if label else ""
            self.dep.append(text)
        kids: list[list[int]] = [[] for _ in starts]
        for i, offset in enumerate(heads):
            if offset:
                kids[i + offset].append(i)
        # `token.children` yields the left children then the right ones, each in order:
        # ascending positions, as appended here.
        self.kids: list[list[int]] = kids

    def covered(self, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Positions of the tokens overlapping any character range [a, b)."""
        found: set[int] = set()
        starts, ends = self.starts, self.ends
        for a, b in ranges:
            # Tokens are in order and do not overlap: their ends never decrease.
            i = bisect_right(ends, a)
            while i < len(starts) and starts[i] < b:
                if a < ends[i]:
                    found.add(i)
                i += 1
        return frozenset(found)


def view(doc: Any) -> DocView:
    """The Doc's view, built on first use and kept on the Doc."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = DocView(doc)
    return found


__all__ = ["DocView", "view"]
