"""`--statistics`: the number of findings per rule, and nothing else, like Ruff's.

JSON for `--format json` (a list of {"code", "name", "count"}, most frequent first); a table
for every other format: count, code, name.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from blamelint.base.finding import Finding


def counts(findings: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """(code, name, count), most frequent first, then by code."""
    tally = Counter((f.rule, f.name) for f in findings)
    return sorted(((c, n, k) for (c, n), k in tally.items()), key=lambda x: (-x[2], x[0]))


def render(findings: Sequence[Finding], output_format: str) -> str:
    rows = counts(findings)
    if output_format == "json":
        data = [{"code": c, "name": n, "count": k} for c, n, k in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(k)) for _, _, k in rows), default=1)
    return "".join(f"{k:>{width}}  {c}  {n}\n" for c, n, k in rows)
