"""Plain-text helpers shared by every part (no rule knowledge).

`fold` is the one text normaliser: how headings, metadata keys, action field names, statuses
and names compare, whatever their case, accents or apostrophes.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def straighten(text: str) -> str:
    """Typographic apostrophes made straight (same length, offsets unchanged)."""
    return replace_each(text, APOSTROPHES)


def replace_each(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)` for a table of a few non-ASCII characters, each to one
    character: a `str.replace` per character present scans in C, where `translate` looks every
    character of the text up in the table (nothing to do at all for ASCII text)."""
    if text.isascii():
        return text
    for code, new in table.items():
        old = chr(code)
        if old in text:
            text = text.replace(old, new)
    return text


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form: "Échéance’s" -> "echeance's".

    Case folded, compatibility characters decomposed (NFKD), combining marks dropped. The
    length may change: fold what you compare, never what you take offsets from.
    """
    if text.isascii():  # no apostrophe to straighten, nothing to decompose: only the case
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", straighten(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A sentence ends at a full stop followed by a capital, not inside "..." or "e.g. x".
_FIRST_SENTENCE = re.compile(r"(?<=[\w)\]`'\"])\.\s+(?=[A-Z«\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a description, with its full stop."""
    text = " ".join(text.split())
    end = _FIRST_SENTENCE.search(text)
    return text[: end.start() + 1] if end else text
