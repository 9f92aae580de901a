"""Per-rule Markdown fixtures (markdownlint's style): `tests/fixtures/rules/<code>/`.

`fires.md` must give exactly the `line:col:code` lines of `expected.txt` for its rule, and
`quiet.md` (hard negatives) none. Each rule is enabled alone on top of the defaults, so a
fixture tests its rule and nothing else. Run `pytest tests/test_rule_fixtures.py` after
changing a rule; add `tests/fixtures/rules/<code>/` with a new rule (the meta-test asks).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blamelint.rules.model import shipped_rules
from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = {rule.code: rule for rule in shipped_rules()}
TODAY = dt.date(2026, 3, 20)  # the deadline rules compare with today


def _lines(code: str, path: Path) -> list[str]:
    rule = RULES[code]
    config = resolve({"rules": {code: rule.severity.label}}, None)
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, path=str(path), config=config, today=TODAY)
    return [f"{f.line}:{f.column}:{f.rule}" for f in findings if f.rule == code]


@pytest.mark.parametrize("code", sorted(RULES))
def test_fires_exactly_where_expected(code: str) -> None:
    folder = FIXTURES / code
    expected = (folder / "expected.txt").read_text(encoding="utf-8").split()
    assert expected, f"{code}: expected.txt names no finding"
    assert _lines(code, folder / "fires.md") == expected


@pytest.mark.parametrize("code", sorted(RULES))
def test_hard_negatives_stay_quiet(code: str) -> None:
    assert _lines(code, FIXTURES / code / "quiet.md") == []


def test_every_rule_has_fixtures_and_yaml_examples() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(RULES), "a fixture folder per rule, none for unknown codes"
    for code, rule in RULES.items():
        for name in ("fires.md", "quiet.md", "expected.txt"):
            assert (FIXTURES / code / name).is_file(), f"{code}: missing {name}"
        assert rule.examples["fail"] and rule.examples["pass"], f"{code}: YAML examples"
