"""Regenerate the README's rule table and docs/rules.md from the rule data (a test checks
both are in sync).

python scripts/update_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blamelint.rules.docs import rules_document, rules_markdown  # noqa: E402
from blamelint.rules.model import shipped_rules  # noqa: E402

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    table = f"{START}\n{rules_markdown(shipped_rules())}{END}"
    updated = pattern.sub(lambda _: table, text, count=1)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
        print("README.md rule table updated")
    docs = ROOT / "docs" / "rules.md"
    wanted = rules_document(shipped_rules())
    if not docs.is_file() or docs.read_text(encoding="utf-8") != wanted:
        docs.write_text(wanted, encoding="utf-8")
        print("docs/rules.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
