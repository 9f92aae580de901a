"""The default catalog reads the headings real teams write; English ids work in config."""

from __future__ import annotations

import pytest

from blamelint.document.catalog import metadata_catalog, section_catalog
from blamelint.run.config import load_config
from blamelint.run.lint import lint_text

CATALOG = section_catalog()


@pytest.mark.parametrize(
    ("title", "canonical"),
    [
        ("What happened", "resume"),
        ("1. Overview", "resume"),
        ("Timeline (all times PST)", "chronologie"),
        ("Timeline - all times in UTC", "chronologie"),
        ("Timeline in UTC+2", "chronologie"),
        ("Chronologie (heure de Paris)", "chronologie"),
        ("Déroulé de l'incident", "chronologie"),
        ("Root Causes", "5whys"),
        ("Contributing factors", "5whys"),
        ("Trigger", "trigger"),
        ("How we detected it", "detection"),
        ("Recovery", "resolution"),
        ("Résolution", "resolution"),
        ("Follow-up items", "actions"),
        ("Next steps", "actions"),
        ("Plan d'action", "actions"),
        ("What went well", "went_well"),
        ("Things that went poorly", "went_wrong"),
        ("Where we got lucky", "lucky"),
        ("Ce qui a bien marché", "went_well"),
        ("Retour d'expérience", "lecons"),
        ("Contexte", "context"),
        ("So what happened?", "resume"),
        ("Resolving the issue", "resolution"),
        ("L'enquête", "investigation"),
    ],
)
def test_headings_real_teams_write(title, canonical):
    assert CATALOG.match(title) == canonical


@pytest.mark.parametrize("title", ["Timeline of the database", "Weekly summary of tickets", "UTC"])
def test_unrelated_headings_stay_unmatched(title):
    assert CATALOG.match(title) is None


@pytest.mark.parametrize(
    ("ident", "canonical"),
    [
        ("timeline", "chronologie"),
        ("root_causes", "5whys"),
        ("root-causes", "5whys"),
        ("summary", "resume"),
        ("action_items", "actions"),
        ("lessons_learned", "lecons"),
        ("missed_signals", "signaux"),
        ("chronologie", "chronologie"),
    ],
)
def test_english_ids_resolve(ident, canonical):
    assert CATALOG.resolve(ident) == canonical
    assert ident in CATALOG


def test_unknown_id_is_still_unknown():
    assert CATALOG.resolve("timelines_of_doom") is None
    assert "timelines_of_doom" not in CATALOG


def test_english_ids_in_required_sections(write):
    config = load_config(
        write(".blamelint.yaml", "postmortem:\n  required_sections: [timeline, root_causes]\n")
    )
    assert config.settings.required_sections == ("chronologie", "5whys")
    text = "# Incident\n\n## Timeline\n\n- 10:00 alert\n"
    found = [f.message for f in lint_text(text, config=config) if f.rule == "BL101"]
    assert found == ["required section 'Root causes (5 Whys)' is missing"]


def test_config_aliases_under_an_english_id_extend_the_canonical_section(write):
    config = load_config(
        write(".blamelint.yaml", "sections:\n  timeline:\n    aliases: [Journal de bord]\n")
    )
    catalog = config.settings.section_catalog
    assert catalog.match("Journal de bord") == "chronologie"
    assert "timeline" not in catalog.entries


def test_missing_sections_come_in_template_order(write):
    config = load_config(
        write(
            ".blamelint.yaml",
            "postmortem:\n  required_sections: [lessons_learned, actions, resume, timeline]\n",
        )
    )
    found = [
        f.message for f in lint_text("# Incident\n\nText.\n", config=config) if f.rule == "BL101"
    ]
    assert found == [
        "required section 'Summary' is missing",
        "required section 'Timeline' is missing",
        "required section 'Corrective actions' is missing",
        "required section 'Lessons learned' is missing",
    ]


def test_impact_section_satisfies_impact_metadata():
    text = (
        "# Incident\n\n**Date**: 2026-03-01\n**Duration**: 20 min\n\n## Impact\n\nLogins failed.\n"
    )
    assert [f for f in lint_text(text) if f.rule == "BL201"] == []
    without = text.replace("## Impact", "## Notes")
    (finding,) = [f for f in lint_text(without) if f.rule == "BL201"]
    assert finding.message == "required metadata missing: 'Impact'"


def test_metadata_catalog_knows_english_keys():
    fields = metadata_catalog()
    assert fields.match("Incident date") == "date"
