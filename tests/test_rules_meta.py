"""Every rule is complete data: examples that fail and pass, docs, and the README in sync."""

from __future__ import annotations

import re

import pytest

from blamelint.document.language import detect
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
    missing = [r.code for r in RULES if r.kind not in kinds.REGISTRY]
    assert not missing


def _language(example: str) -> str | None:
    """The example's own language, as blamelint detects it (the rule messages are English:
    they cannot tell), passed explicitly so that each example is checked in its language.
    An example that declares its language in front matter keeps it (None: not forced)."""
    if re.match(r"---\n(?:.*\n)*?language:", example):
        return None
    return detect(example)


def test_the_examples_cover_both_languages():
    languages = {_language(e) for r in RULES for e in (*r.examples["fail"], *r.examples["pass"])}
    assert languages - {None} == {"en", "fr"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_examples_fail_and_pass(rule):
    config = _config_enabling(rule)
    for verdict in ("fail", "pass"):
        for example in rule.examples[verdict]:
            language = _language(example)
            found = [
                f
                for f in lint_text(example, config=config, language=language)
                if f.rule == rule.code
            ]
            if verdict == "fail":
                assert found, f"{rule.code} should fire on ({language}):\n{example}"
            else:
                assert not found, (
                    f"{rule.code} should stay quiet on ({language}):\n{example}\n{found}"
                )


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


@pytest.mark.parametrize("rule", [r for r in RULES if r.options], ids=lambda r: r.code)
def test_every_option_has_a_schema_its_default_and_the_config_pass(rule):
    """Options are typed by data (`option_schemas`), so a team's wrong type fails at load."""
    assert set(rule.option_schemas) == set(rule.options)
    default = default_config()
    checked = resolve({"rules": {rule.code: dict(rule.options)}}, None)  # must not raise
    assert [r.options for r in checked.rules] == [r.options for r in default.rules]


def test_rule_docs_say_each_option_type():
    bl104 = next(r for r in RULES if r.code == "BL104")
    assert "    min_depth: 5  (integer >= 1)" in explain(bl104).splitlines()
