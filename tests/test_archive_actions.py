"""Action items as teams write them: bullets, numbered items, sub-bullets, tables, headings."""

from __future__ import annotations

from blamelint.actions.extract import extract_actions
from blamelint.base.resources import rules_dir
from blamelint.document.parse import parse_document
from blamelint.rules.kinds import REGISTRY, RunContext, Settings
from blamelint.rules.model import parse_rule_file

RULES = {rule.code: rule for rule in parse_rule_file(rules_dir() / "actions.yaml")}


def doc_of(body: str, heading: str = "Action items"):
    return parse_document("pm.md", f"# Outage\n\n**Date**: 2026-03-01\n\n## {heading}\n\n{body}")


def items(body: str, heading: str = "Action items"):
    doc = doc_of(body, heading)
    return doc, list(extract_actions(doc).items)


def hits(code: str, body: str, heading: str = "Action items", **settings):
    doc = doc_of(body, heading)
    rule = RULES[code]
    found = REGISTRY[rule.kind](doc, rule, RunContext(settings=Settings(actions=settings)))
    return [(doc.position(h.start)[0], h.message or rule.message.format(**h.values)) for h in found]


def test_bullet_with_an_inline_group_and_due_without_colon():
    doc, (item,) = items("- Add an alert on p99 latency (owner: @sre, due 2026-03-15)\n")
    assert item.description == "Add an alert on p99 latency"
    assert (item.owner, item.deadline) == ("@sre", "2026-03-15")
    start, end = item.spans["deadline"]
    assert doc.text[start:end] == "2026-03-15"


def test_numbered_items_with_continuation_lines_and_issue_links():
    body = (
        "1. Stop sharing one service key between the two clusters.\n"
        "   Tracked in [Issue](https://git.example.org/infra/issues/18)\n\n"
        "2. Rotate the key every 90 days. See OPS-42.\n"
    )
    _, (first, second) = items(body)
    assert first.description == "Stop sharing one service key between the two clusters."
    assert first.extra["ticket"] == "https://git.example.org/infra/issues/18"
    assert first.lines["ticket"] == 8
    assert second.extra["ticket"] == "OPS-42"
    assert [i.stable_id for i in (first, second)] == ["action-items-1", "action-items-2"]


def test_fields_on_sub_bullets_and_key_lines():
    body = (
        "- [ ] Add a canary stage to the deploy pipeline\n"
        "  - Owner: release-team\n"
        "  - **Due**: 2026-04-01\n"
        "  - Validation: a failing canary stops the rollout in staging\n"
        "- [x] Page the database team on replica lag\n"
        "  Owner: dba-team, Deadline: 2026-03-10, Validation: the page fires in staging\n"
    )
    doc, (first, second) = items(body)
    assert (first.owner, first.deadline) == ("release-team", "2026-04-01")
    assert first.validation == "a failing canary stops the rollout in staging"
    assert first.lines["owner"] == 8
    start, end = first.spans["deadline"]
    assert doc.text[start:end] == "2026-04-01"
    assert (second.owner, second.deadline, second.status) == ("dba-team", "2026-03-10", "done")
    assert second.validation == "the page fires in staging"


def test_lead_in_bullets_introduce_items_and_groups_under_sub_headings():
    body = (
        "### Process\n\n1. Pre-scale the cluster after holidays.\n\n### Monitoring\n\n"
        "- Short term:\n  - Alert on pods stuck in Pending.\n  - Graph node pressure.\n"
    )
    _, found = items(body)
    assert [i.description for i in found] == [
        "Pre-scale the cluster after holidays.",
        "Alert on pods stuck in Pending.",
        "Graph node pressure.",
    ]


def test_numbered_sub_headings_are_items_with_a_handle_owner():
    body = "### 1) Lower the worker count `@dma`\n\nWe run 12 workers now.\n\n### 2) Add a CPU alert\n\nOwner: @kim\n"
    _, (first, second) = items(body)
    assert (first.description, first.owner) == ("Lower the worker count `@dma`", "@dma")
    assert (second.description, second.owner) == ("Add a CPU alert", "@kim")


def test_table_with_an_action_column_in_any_order_english_and_french():
    body = (
        "| Status | Action | Assignee |\n|---|---|---|\n"
        "| TODO | Bind the cache to the private network | infra-team |\n"
    )
    _, (item,) = items(body)
    assert (item.description, item.owner, item.status) == (
        "Bind the cache to the private network",
        "infra-team",
        "open",
    )
    body_fr = "| Action | Responsable | Échéance |\n|---|---|---|\n| Ajouter une alerte | equipe-sre | 2026-03-20 |\n"
    _, (fr,) = items(body_fr, heading="Plan d'action")
    assert (fr.owner, fr.deadline) == ("equipe-sre", "2026-03-20")


def test_one_finding_per_item_naming_everything_missing():
    body = "- Add an alert on replica lag\n- Rotate the key (owner: sec-team, due: 2026-03-20)\n"
    found = hits("BL501", body, require_id=False)
    assert found == [
        (
            7,
            "item 1 (“Add an alert on replica lag”) has no owner, no deadline and no validation criterion",
        ),
        (8, "item 2 (“Rotate the key”) has no validation criterion"),
    ]


def test_id_less_items_are_asked_for_an_id_only_when_the_team_requires_it():
    body = "- Rotate the key (owner: sec-team, due: 2026-03-20, validation: old key is refused in staging)\n"
    assert hits("BL501", body, require_id=False) == []
    assert hits("BL501", body) == [(7, "item 1 (“Rotate the key”) has no id")]


def test_no_action_items_only_without_any_item_and_shows_a_read_form():
    assert hits("BL506", "- Rotate the key every 90 days.\n") == []
    assert hits("BL506", "1. Rotate the key.\n") == []
    assert hits("BL506", "| Action |\n|---|\n| Rotate the key |\n") == []
    ((line, message),) = hits("BL506", "We will look into this next week.\n")
    assert (
        line == 5 and "- Add an alert on p99 latency (owner: sre-team, due: 2026-03-15" in message
    )


def test_items_outside_the_actions_section_are_not_read():
    doc = parse_document(
        "pm.md", "# Outage\n\n## Timeline\n\n- 10:00 Rotate the key\n\n## Notes\n\n- Add an alert\n"
    )
    assert extract_actions(doc).items == ()
