"""Structure and metadata rules: each fires, each stays quiet on its hard negatives."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

from .conftest import CORPUS

STRUCTURAL = {"BL101", "BL102", "BL103", "BL104", "BL105", "BL106", "BL201", "BL202", "BL001"}

COMPLETE_EN = """\
# Postmortem: checkout errors

**Date**: 2026-03-01
**Duration**: 45 min
**Impact**: 12% of checkout requests failed

## Summary

The connection pool was exhausted after a driver upgrade.

## Timeline

- 10:00: error rate alert fires
- 10:05: on-call engineer acknowledges
- 10:45: pool size restored; incident closed

## Root causes (5 Whys)

1. Why did checkout fail? The pool was exhausted.
2. Why? The new driver held connections during retries.
3. Why? Its retry default changed in version 4.
4. Why was that not noticed? The changelog was not part of the upgrade review.
5. Why? The upgrade checklist has no driver section.

## Corrective actions

- [ ] ACT-001 Add a driver section to the upgrade checklist (owner: platform-team, deadline: 2026-03-20, validation: checklist template contains the section)

## Missed signals

- Pool saturation reached 80% in staging two days before.

## Lessons learned

- Driver defaults are part of the change.
"""


def codes(text: str, config=None, **kw) -> list[tuple[str, int, int]]:
    return [
        (f.rule, f.line, f.column)
        for f in lint_text(text, config=config, **kw)
        if f.rule in STRUCTURAL
    ]


def test_complete_document_is_clean():
    assert codes(COMPLETE_EN) == []


def test_missing_section_reported_at_line_one_per_section():
    text = COMPLETE_EN.replace(
        "## Missed signals\n\n- Pool saturation reached 80% in staging two days before.\n\n", ""
    )
    assert codes(text) == [("BL101", 1, 1)]
    [finding] = [f for f in lint_text(text) if f.rule == "BL101"]
    assert "Missed signals" in finding.message


def test_missing_section_named_in_the_document_language():
    text = "# Post-mortem\n\n## Résumé\n\nLe cache a expiré pendant la nuit et la base a été saturée.\n"
    messages = [f.message for f in lint_text(text) if f.rule == "BL101"]
    assert any("Signaux manqués" in m for m in messages)


@pytest.mark.parametrize(
    "heading",
    [
        "## 2. Timeline",
        "## TIMELINE",
        "## Chronologie",
        "## Timeline (UTC)",
        "## Frise chronologique",
    ],
)
def test_section_aliases_numbering_case_and_parentheticals(heading):
    text = COMPLETE_EN.replace("## Timeline", heading)
    assert codes(text) == []


def test_required_sections_from_team_config_and_impact_as_metadata():
    config = resolve({"postmortem": {"required_sections": ["resume", "impact"]}}, None)
    text = (
        "# P\n\n**Date**: 2026-03-01\n**Duration**: 4 min\n**Impact**: none\n\n## Summary\n\nok\n"
    )
    assert [c for c in codes(text, config) if c[0] == "BL101"] == []
    text_without_impact = text.replace("**Impact**: none\n", "")
    assert ("BL101", 1, 1) in codes(text_without_impact, config)


def test_empty_section_with_only_a_comment():
    text = COMPLETE_EN.replace(
        "- Driver defaults are part of the change.\n", "<!-- TODO later -->\n"
    )
    assert ("BL102", 33, 4) in codes(text)


def test_section_with_sub_heading_is_not_empty():
    text = COMPLETE_EN.replace(
        "- Driver defaults are part of the change.\n", "### Technical\n\nok\n"
    )
    assert codes(text) == []


def test_placeholders_fire_outside_code_only():
    text = (
        COMPLETE_EN.replace("45 min", "{DUREE}").replace(
            "The connection pool", "TODO: the connection pool"
        )
        + "\n```\n{INCIDENT_ID} TBD\n```\n\nThe field `{DATE}` is literal.\n"
    )
    found = codes(text)
    assert ("BL103", 4, 15) in found
    assert ("BL103", 9, 1) in found
    assert len([c for c in found if c[0] == "BL103"]) == 2


def test_placeholder_metadata_is_not_also_missing_or_invalid():
    text = COMPLETE_EN.replace("2026-03-01", "YYYY-MM-DD").replace("45 min", "TBD")
    found = codes(text)
    assert [c[0] for c in found] == ["BL103", "BL103"]


def test_template_sample_action_and_bare_why():
    text = COMPLETE_EN.replace(
        "- [ ] ACT-001 Add a driver section",
        "- [ ] Action 1 (owner, deadline)\n- [ ] ACT-001 Add a driver section",
    ).replace("5. Why? The upgrade checklist has no driver section.", "5. Why?")
    found = codes(text)
    assert ("BL103", 27, 7) in found  # "Action 1"
    assert ("BL103", 23, 4) in found  # bare "Why?"


def test_five_whys_depth_and_option():
    text = COMPLETE_EN.replace(
        "4. Why was that not noticed? The changelog was not part of the upgrade review.\n5. Why? The upgrade checklist has no driver section.\n",
        "",
    )
    assert ("BL104", 17, 4) in codes(text)
    config = resolve({"postmortem": {"min_whys": 3}}, None)
    assert "BL104" not in [c[0] for c in codes(text, config)]
    config = resolve({"rules": {"five-whys-depth": {"min_depth": 2}}}, None)
    assert "BL104" not in [c[0] for c in codes(text, config)]


def test_timeline_format_and_order():
    text = COMPLETE_EN.replace("- 10:45: pool size restored", "- pool size restored")
    assert ("BL105", 15, 3) in codes(text)
    swapped = COMPLETE_EN.replace(
        "- 10:05: on-call engineer acknowledges", "- 09:05: on-call engineer acknowledges"
    )
    assert ("BL106", 14, 3) in codes(swapped)


def test_timeline_hard_negatives():
    midnight = (
        COMPLETE_EN.replace("- 10:45:", "- 00:15:")
        .replace("- 10:00:", "- 23:40:")
        .replace("- 10:05:", "- 23:45:")
    )
    assert codes(midnight) == []
    table = COMPLETE_EN.replace(
        "- 10:00: error rate alert fires\n- 10:05: on-call engineer acknowledges\n- 10:45: pool size restored; incident closed\n",
        "All times UTC.\n\n| Heure | Événement |\n|---|---|\n| 14h05 | alerte |\n| 2026-03-02 09:00 | correctif |\n",
    )
    assert codes(table) == []


def test_missing_and_invalid_metadata():
    text = COMPLETE_EN.replace("**Duration**: 45 min\n", "").replace("2026-03-01", "2026-02-30")
    found = codes(text)
    assert ("BL201", 3, 1) in found
    assert ("BL202", 3, 11) in found
    no_block = "\n".join(line for line in COMPLETE_EN.splitlines() if not line.startswith("**"))
    assert [c for c in codes(no_block) if c[0] == "BL201"] == [("BL201", 1, 1)]
    (finding,) = [f for f in lint_text(no_block) if f.rule == "BL201"]
    assert finding.message == "required metadata missing: 'Date', 'Duration', 'Impact'"


def test_front_matter_metadata_satisfies_the_rules():
    front = "---\ndate: 2026-03-01\nduration: 45 min\nimpact: checkout errors\n---\n"
    body = "\n".join(line for line in COMPLETE_EN.splitlines() if not line.startswith("**"))
    assert codes(front + body + "\n") == []


def test_suppression_comments_and_unused_report():
    text = COMPLETE_EN.replace(
        "**Duration**: 45 min",
        "<!-- blamelint-disable-next-line placeholder -->\n**Duration**: TBD",
    )
    assert codes(text) == []
    unused = COMPLETE_EN.replace(
        "## Summary", "<!-- blamelint-disable-next-line BL103 -->\n## Summary"
    )
    assert ("BL001", 7, 1) in codes(unused)
    unknown = COMPLETE_EN + "\n<!-- blamelint-disable no-such-rule -->\n"
    assert any(c[0] == "BL001" for c in codes(unknown))
    block = COMPLETE_EN.replace(
        "## Summary", "<!-- blamelint-disable -->\n## Summary\n\nTODO\n\n<!-- blamelint-enable -->"
    )
    assert codes(block) == []
    whole = "<!-- blamelint-disable-file missing-section missing-metadata -->\n# Title\n\nText.\n"
    assert codes(whole) == []


# The corpus test runs the structural rules only (as test_actions_rules.test_corpus runs the
# BL5 rules): the NLP rules' findings are not compared here and would cost a spaCy pass per
# document. A suppression or overlap that depended on an NLP finding would show up as an extra
# BL001 or structural finding, and fail.
_DEFAULT = resolve({}, None)
STRUCTURE_ONLY = replace(
    _DEFAULT,
    rules=tuple(
        r.with_settings(enabled=r.enabled and r.code in STRUCTURAL) for r in _DEFAULT.rules
    ),
)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("docs/*/*.md")), ids=lambda p: p.name)
def test_corpus_structure_expectations(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    names = {"missing-section", "empty-section", "placeholder", "missing-metadata"}
    want = sorted((f["rule"], f["line"]) for f in expected["findings"] if f["rule"] in names)
    findings = lint_text(path.read_text(encoding="utf-8"), path=str(path), config=STRUCTURE_ONLY)
    got = sorted((f.name, f.line) for f in findings if f.rule in STRUCTURAL)
    assert got == want
    # Texts named by the corpus appear at the finding's position.
    for f in findings:
        if f.name == "placeholder":
            line = path.read_text(encoding="utf-8").splitlines()[f.line - 1]
            assert line[f.column - 1 : f.span.end_column - 1] in f.message


def test_snake_case_front_matter_keys_match_their_ids():
    from blamelint.document.parse import parse_document

    doc = parse_document("x.md", "---\nreview_date: 2026-03-02 10:00\nDate: 2026-03-01\n---\n# T\n")
    assert {"review_date", "date"} <= set(doc.metadata)


def test_partial_enable_keeps_the_other_rules_disabled():
    text = COMPLETE_EN.replace(
        "## Summary",
        "<!-- blamelint-disable BL103 BL202 -->\n**Extra**: TODO\n<!-- blamelint-enable BL202 -->\nTBD here\n\n## Summary",
    )
    assert [c for c in codes(text) if c[0] in ("BL103", "BL001")] == []
    everything = COMPLETE_EN.replace(
        "## Summary",
        "<!-- blamelint-disable -->\nTODO one\n<!-- blamelint-enable placeholder -->\nTBD two\n\n## Summary",
    )
    assert [c[:2] for c in codes(everything) if c[0] == "BL103"] == [("BL103", 10)]


def test_enable_with_nothing_open_is_reported():
    text = COMPLETE_EN + "\n<!-- blamelint-enable BL103 -->\n"
    assert [c[0] for c in codes(text)] == ["BL001"]


def test_nested_items_are_neither_timeline_entries_nor_whys():
    nested = COMPLETE_EN.replace(
        "- 10:00: error rate alert fires\n",
        "- 10:00: error rate alert fires\n  - details: p99 at 4 s\n  - graph attached\n",
    )
    assert codes(nested) == []
    shallow = COMPLETE_EN.replace(
        "2. Why? The new driver held connections during retries.\n3. Why? Its retry default changed in version 4.\n4. Why was that not noticed? The changelog was not part of the upgrade review.\n5. Why? The upgrade checklist has no driver section.\n",
        "   - detail a\n   - detail b\n\n```\n1. not a why\n2. nor this\n```\n<!--\n3. hidden\n4. hidden\n-->\n",
    )
    assert [c[0] for c in codes(shallow)] == ["BL104"]


def test_twelve_hour_clock_and_table_cell_columns():
    ampm = (
        COMPLETE_EN.replace("- 10:00:", "- 11:50 AM:")
        .replace("- 10:05:", "- 12:10 PM:")
        .replace("- 10:45:", "- 1:05 PM:")
    )
    assert codes(ampm) == []
    table = COMPLETE_EN.replace(
        "- 10:00: error rate alert fires\n- 10:05: on-call engineer acknowledges\n- 10:45: pool size restored; incident closed\n",
        "| Time | Event |\n|---|---|\n| 10:05 | page |\n| 10:00 | alert |\n",
    )
    assert ("BL106", 16, 3) in codes(table)


def test_empty_required_lists_mean_nothing_required():
    config = resolve({"postmortem": {"required_sections": [], "required_metadata": []}}, None)
    assert [c for c in codes("# x\n\nText.\n", config) if c[0] in ("BL101", "BL201")] == []
