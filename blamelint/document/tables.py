"""Markdown (GFM) table lines: the one test for a delimiter row (`| --- | :-: |`)."""

from __future__ import annotations

import re

# Cells of dashes with optional alignment colons, between optional outer pipes. Written so that
# no two quantifiers can share the same run of spaces: a line of thousands of spaces before a
# list marker (a deeply nested list) fails in linear time instead of cubic.
TABLE_DELIMITER = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$"
)


def is_table_delimiter(line: str) -> bool:
    """Whether one line (without its newline) is a table's delimiter row."""
    return TABLE_DELIMITER.match(line) is not None
