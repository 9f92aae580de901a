"""Action-item rules BL501-BL507: each fires, hard negatives stay quiet, corpus agreement."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from blamelint.base.errors import ConfigError
from blamelint.base.resources import rules_dir
from blamelint.document.parse import parse_document
from blamelint.rules.kinds import REGISTRY, RunContext, Settings
from blamelint.rules.kinds.actions import is_measurable, vague_match
from blamelint.rules.model import parse_rule_file
from blamelint.run.config import default_config
from blamelint.run.lint import lint_text
from blamelint.run.sidecars import read_sidecars

RULES = {rule.code: rule for rule in parse_rule_file(rules_dir() / "actions.yaml")}
CORPUS = Path(__file__).parent / "data" / "corpus" / "docs"
CORPUS_RULE = {"BL504": "vague-action"} | {
    code: "action-item-invalid" for code in ("BL501", "BL502", "BL503", "BL505", "BL506", "BL507")
}


def run(code: str, body: str, *, date: str = "2026-03-01", path: str = "pm.md", **settings):
    """(line, text under the hit, message) for each hit of rule `code` on an actions section."""
    meta = f"**Date**: {date}\n\n" if date else ""
    text = f"# Postmortem\n\n{meta}## Action items\n\n{body}"
    doc = parse_document(path, text, sidecars=read_sidecars(path))  # as the runner reads them
    rule = RULES[code]
    hits = REGISTRY[rule.kind](doc, rule, RunContext(settings=Settings(actions=settings)))
    return [
        (doc.position(h.start)[0], doc.text[h.start : h.end], h.message or rule.message)
        for h in hits
    ]


def item(description="Add a p99 alert > 800ms on checkout-api", **fields) -> str:
    values = {"owner": "sre-team", "deadline": "2026-03-15"}
    # The validation text comes last: it may hold commas and colons of its own.
    values.update({k: v for k, v in fields.items() if k != "validation"})
    values["validation"] = fields.get("validation", "alert fires in staging")
    group = ", ".join(f"{k}: {v}" for k, v in values.items() if v is not None)
    ident = fields.pop("id", "ACT-001")
    return f"- [ ] {ident} {description} ({group})\n".replace(f"id: {ident}, ", "")


# -- every rule's own examples -----------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(RULES))
def test_examples(code):
    rule = RULES[code]
    for kind, expected in (("fail", True), ("pass", False)):
        for example in rule.examples[kind]:
            doc = parse_document("example.md", example)
            hits = list(REGISTRY[rule.kind](doc, rule, RunContext()))
            assert bool(hits) is expected, (code, kind, example)


# -- BL501 action-item-invalid -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "text", "message"),
    [
        ({"owner": None}, "ACT-001", "ACT-001 has no owner"),
        ({"deadline": None}, "ACT-001", "ACT-001 has no deadline"),
        ({"validation": None}, "ACT-001", "ACT-001 has no validation criterion"),
        ({"deadline": "15/03/2026"}, "15/03/2026", "is not an ISO 8601 date"),
        ({"deadline": "2026-02-30"}, "2026-02-30", "2026-02-30 is not a real calendar date"),
        ({"status": "blocked"}, "blocked", "status “blocked” is not one of open, done"),
        ({"type": "fix"}, "fix", "type “fix” is not one of mitigate, prevent"),
        ({"ticket": "see jira"}, "see jira", "neither a URL nor a tracker key"),
    ],
)
def test_invalid_fields_point_at_the_value(fields, text, message):
    ((line, found, said),) = run("BL501", item(**fields))
    assert line == 7 and found == text and message in said


def test_missing_id_points_at_the_description():
    ((_, found, said),) = run(
        "BL501",
        "- [ ] Warm the cache (owner: a, deadline: 2026-03-02, validation: hit ratio above 90%)\n",
    )
    assert found == "Warm the cache" and said == "item 1 (“Warm the cache”) has no id"
    assert (
        run(
            "BL501",
            "- [ ] Warm the cache (owner: a, deadline: 2026-03-02, validation: hit ratio above 90%)\n",
            require_id=False,
        )
        == []
    )


def test_id_pattern_is_configurable():
    assert run("BL501", item(id="ACT-1")) == []
    ((_, found, said),) = run("BL501", item(id="ACT-1"), id_pattern=r"^ACT-\d{3,}$")
    assert found == "ACT-1" and "does not follow the pattern" in said


def test_schema_extension_makes_ticket_required():
    extension = {"required": ["ticket"]}
    ((_, found, said),) = run("BL501", item(), schema_extension=extension)
    assert found == "ACT-001" and said == "ACT-001 has no ticket"
    assert run("BL501", item(ticket="OPS-12"), schema_extension=extension) == []
    assert (
        run(
            "BL501",
            item(ticket="https://jira.example.com/browse/OPS-12"),
            schema_extension=extension,
        )
        == []
    )


def test_bad_config_is_a_config_error():
    with pytest.raises(ConfigError, match="id_pattern"):
        run("BL501", item(), id_pattern="(")
    with pytest.raises(ConfigError, match="schema_extension"):
        run("BL501", item(), schema_extension={"required": "ticket"})


def test_placeholders_are_left_to_bl103():
    assert run("BL501", item(owner="{OWNER}", deadline="YYYY-MM-DD", validation="TBD")) == []
    assert run("BL501", "- [ ] Action 1 (owner, deadline)\n") == []
    assert run("BL505", item(validation="{VALIDATION}")) == []


def test_every_json_error_is_a_finding_on_its_line():
    block = (
        '```json\n{"actions": [\n  {"id": "ACT-1", "description": "Add a canary",\n'
        '   "owner": "", "deadline": 20260301,\n   "validation": "fires in CI"}\n]}\n```\n'
    )
    found = run("BL501", block)
    # One finding for the item, naming both problems, on the first value in error.
    assert [(line, said) for line, _, said in found] == [
        (10, "ACT-1 has an empty owner; deadline should be text, not int"),
    ]


# -- BL502 duplicate-action-id -----------------------------------------------------------------


def test_duplicate_ids_across_forms():
    body = (
        item()
        + "\n```json\n"
        + json.dumps(
            {
                "actions": [
                    {
                        "id": "act-001",
                        "description": "Add a canary",
                        "owner": "edge",
                        "deadline": "2026-03-02",
                        "validation": "canary blocks in staging",
                    }
                ]
            }
        )
        + "\n```\n"
    )
    ((line, found, said),) = run("BL502", body)
    assert (
        line == 10 and found == "act-001" and said == "duplicate id act-001 (first used on line 7)"
    )


def test_distinct_and_placeholder_ids_are_not_duplicates():
    assert run("BL502", item() + item(id="ACT-002")) == []
    assert run("BL502", item(id="{ID}") + item(id="{ID}")) == []


# -- BL503 action-deadline ---------------------------------------------------------------------


def test_deadline_before_the_incident():
    ((_, found, said),) = run("BL503", item(deadline="2026-02-27"))
    assert found == "2026-02-27" and "before the incident (2026-03-01)" in said


def test_deadline_beyond_the_horizon_and_configurable():
    assert run("BL503", item(deadline="2026-05-30")) == []  # 90 days exactly
    ((_, _, said),) = run("BL503", item(deadline="2026-05-31"))
    assert "91 days after the incident, beyond the 90-day horizon" in said
    assert run("BL503", item(deadline="2026-05-31"), horizon_days=120) == []
    assert len(run("BL503", item(deadline="2026-04-01"), horizon_days=30)) == 1


def test_deadline_rule_needs_an_incident_date_and_a_real_deadline():
    assert run("BL503", item(deadline="2020-01-01"), date="") == []
    assert run("BL503", item(deadline="2026-02-30")) == []  # BL501's
    assert run("BL503", item(deadline="2026-03-01")) == []  # same day


# -- BL504 vague-action ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "Improve monitoring",
        "Improve monitoring of scheduled jobs",
        "Review the deployment process",
        "Be more careful with config pushes",
        "Investigate the root cause",
        "Fix the issue",
        "Make sure this does not happen again",
        "**Improve the alerting**",
        "Améliorer le monitoring",
        "Améliorer la supervision",
        "Être plus vigilant lors des mises en production",
        "Sensibiliser les équipes aux changements DNS",
        "S'assurer que cela ne se reproduise pas",
    ],
)
def test_vague_descriptions(description):
    ((_, found, said),) = run("BL504", item(description=description))
    # A French description makes a French document: the message follows its language.
    said_vague = "names no concrete change" in said or "ne nomme aucun changement concret" in said
    assert found == description and said_vague


@pytest.mark.parametrize(
    "description",
    [
        "Alert on `rate(pgbouncer_server_connect_errors_total[2m]) > 5` for any pool",
        "Improve monitoring: page when /var usage exceeds 85%",
        "Add a review step for edge route changes to the release checklist",
        "Document the console procedure for restoring a zone association in the DNS runbook",
        "Make invoice creation idempotent per (period, customer_id)",
        "Rédiger la procédure d'activation du mode dégradé",
        "Recenser les clés d'accès créées hors de Vault",
        "Improve p99 latency of checkout-api to under 800 ms",
    ],
)
def test_concrete_descriptions_stay_quiet(description):
    assert run("BL504", item(description=description)) == []


def test_concrete_units_are_data():
    """The symbols and units that make a description concrete live in rules/wordlists/."""
    from blamelint.base.resources import load_data

    data = load_data("wordlists/concrete-actions.yaml")
    assert {"en", "fr", "common"} <= set(data["units"])
    for unit in (u for units in data["units"].values() for u in units):
        assert vague_match(f"Improve monitoring until the lag is under 5 {unit}") is None, unit
        assert vague_match(f"Améliorer la supervision : 2,5{unit} au plus") is None, unit
    for symbol in data["symbols"]:
        assert vague_match(f"Improve monitoring {symbol}") is None, symbol
    # A number alone, or with a word that is not a unit, is not a threshold.
    assert vague_match("Improve monitoring for 5 services") is not None
    assert vague_match("Améliorer la supervision des 3 sites") is not None
    source = (
        Path(__file__).parents[1] / "blamelint" / "rules" / "kinds" / "actions.py"
    ).read_text()
    assert "jours" not in source and "req/s" not in source


def test_vague_suggestion_is_specific():
    phrase, suggestion = vague_match("Improve monitoring")
    assert phrase == "Improve monitoring" and "threshold" in suggestion


# -- BL505 unmeasurable-validation -------------------------------------------------------------


@pytest.mark.parametrize(
    "validation",
    [
        "Monitoring is improved",
        "better experience for future migrations",
        "team is happier",
        "la supervision est meilleure",
    ],
)
def test_unmeasurable(validation):
    ((_, found, _),) = run("BL505", item(validation=validation))
    assert found == validation


@pytest.mark.parametrize(
    "validation",
    [
        "review meeting held with 5 participants",
        "`SHOW lock_timeout` returns `5s`",
        "the alert fires in staging",
        "CI fails on a branch that re-adds the migration",
        "le rapport d'avril contient le scénario et son résultat",
        "l'alerte se déclenche en préproduction",
    ],
)
def test_measurable(validation):
    assert is_measurable(validation)
    assert run("BL505", item(validation=validation)) == []


# -- BL506 no-action-items ---------------------------------------------------------------------


def test_prose_only_actions_section():
    ((line, found, said),) = run("BL506", "We will follow up on monitoring next week.\n")
    assert line == 5 and found == "Action items" and "lists no action items" in said


@pytest.mark.parametrize("body", ["", "<!-- one action per line -->\n", "- TODO\n", "TBD\n"])
def test_empty_or_placeholder_sections_are_left_to_structure_rules(body):
    assert run("BL506", body) == []


def test_a_sidecar_counts_as_items(tmp_path: Path):
    (tmp_path / "pm.actions.json").write_text(json.dumps({"actions": [{"id": "ACT-1"}]}))
    assert run("BL506", "See the sidecar file.\n", path=str(tmp_path / "pm.md")) == []


# -- BL507 malformed-action-block --------------------------------------------------------------


def test_malformed_json_block_at_the_error_line():
    ((line, _, said),) = run("BL507", '```json\n{"actions": [\n  {"id": "ACT-1",}\n]}\n```\n')
    assert line == 9 and said.startswith("invalid JSON")


def test_sidecar_problems_anchor_on_the_heading(tmp_path: Path):
    (tmp_path / "pm.actions.yaml").write_text("actions:\n  - id: [\n")
    ((line, found, said),) = run("BL507", item(), path=str(tmp_path / "pm.md"))
    assert line == 5 and found == "## Action items"
    assert said.startswith(f"{tmp_path / 'pm.actions.yaml'}:") and "invalid YAML" in said


def test_sidecar_item_findings_name_the_sidecar_line(tmp_path: Path):
    data = {
        "actions": [
            {
                "id": "ACT-9",
                "description": "Add a canary",
                "owner": "edge",
                "validation": "blocks in staging",
            }
        ]
    }
    (tmp_path / "pm.actions.json").write_text(json.dumps(data, indent=2))
    ((line, _, said),) = run("BL501", item(), path=str(tmp_path / "pm.md"))
    assert line == 5 and said.endswith("pm.actions.json:4: ACT-9 has no deadline")


# -- the corpus, through the engine ------------------------------------------------------------


def _corpus_documents():
    return sorted(CORPUS.glob("*/*.md"))


@pytest.fixture(scope="module")
def actions_config():
    config = default_config()
    rules = tuple(r.with_settings(enabled=r.code.startswith("BL5")) for r in config.rules)
    return replace(config, rules=rules)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not copied")
@pytest.mark.parametrize("path", _corpus_documents(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus(path: Path, actions_config):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    wanted = sorted(
        (f["rule"], f["line"], f["text"].strip('"'))
        for f in expected["findings"]
        if f["rule"] in ("action-item-invalid", "vague-action")
    )
    findings = [
        f
        for f in lint_text(
            path.read_text(encoding="utf-8"),
            path=str(path),
            language=path.parent.name,
            config=actions_config,
        )
        if f.rule.startswith("BL5")
    ]
    lines = path.read_text(encoding="utf-8").split("\n")
    got = sorted(
        (CORPUS_RULE[f.rule], f.line, lines[f.line - 1][f.column - 1 : f.span.end_column - 1])
        for f in findings
    )
    assert [(r, n) for r, n, _ in got] == [(r, n) for r, n, _ in wanted]
    for (_, _, text), (_, _, span) in zip(wanted, got, strict=True):
        assert text.lower() in span.lower() or span.lower() in text.lower()


@pytest.mark.parametrize(
    "validation",
    [
        "better alerts",
        "see ticket OPS-12",
        "voir le ticket",
        "improved monitoring",
        "de meilleures alertes",
    ],
)
def test_pointers_and_bare_comparatives_are_not_measurable(validation):
    assert not is_measurable(validation)
    assert is_measurable("more alerts fire in staging within 5 min")
