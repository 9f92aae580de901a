"""Every rule is complete data: examples that fail and pass, docs, and the README in sync."""

from __future__ import annotations

import re

import pytest

from blamelint.rules import kinds
from blamelint.rules.docs import explain, rules_markdown
from blamelint.rules.model import shipped_rules
from blamelint.run.config import default_config, resolve
from blamelint.run.lint import lint_text

from .conftest import ROOT

RULES = shipped_rules()


def _config_enabling(rule):
    """The defaults with this one rule turned on (some rules are off by default)."""
    return resolve({"rules": {rule.code: rule.severity.label}}, None)


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"BL\d{3}", c) for c in codes)


def test_every_rule_kind_is_implemented():
    kinds.load_all()
    known = set(kinds.DOCUMENT_KINDS) | set(kinds.NLP_KINDS) | {"meta.unused-suppression"}
    missing = [r.code for r in RULES if r.kind not in known]
    assert not missing


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_examples_fail_and_pass(rule):
    config = _config_enabling(rule)
    language = "fr" if re.search(r"\b(?:le|la|les|des|une|est|a été)\b", rule.message) else None
    for example in rule.examples["fail"]:
        found = [
            f for f in lint_text(example, config=config, language=language) if f.rule == rule.code
        ]
        assert found, f"{rule.code} should fire on:\n{example}"
    for example in rule.examples["pass"]:
        found = [
            f for f in lint_text(example, config=config, language=language) if f.rule == rule.code
        ]
        assert not found, f"{rule.code} should stay quiet on:\n{example}\n{found}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_mentions_examples_and_description(rule):
    text = explain(rule)
    assert text.startswith(f"{rule.code} {rule.name}")
    assert "Fails:" in text and "Passes:" in text


def test_readme_rule_table_is_generated_from_the_rule_data():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = rules_markdown(RULES)
    assert table in readme, "README rule table is stale: run `blamelint rules --format markdown`"


def test_default_config_enables_every_rule_not_marked_off():
    config = default_config()
    enabled = {r.code for r in config.enabled_rules}
    assert enabled == {r.code for r in RULES if r.enabled}
