"""Extraction of action items: every form, exact positions, sidecars and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blamelint.actions.blocks import MAX_BLOCK_CHARS, parse_json, parse_yaml
from blamelint.actions.extract import extract_actions
from blamelint.actions.items import ActionItem
from blamelint.actions.schema import check_item
from blamelint.document.model import Sidecar
from blamelint.document.parse import parse_document
from blamelint.run.config import default_config
from blamelint.run.lint import document_for

TEAM_JSON = {
    "actions": [
        {
            "id": "ACT-001",
            "description": "Ajouter alerte Prometheus latence p99 > 800ms",
            "owner": "sre-team",
            "deadline": "2026-03-15",
            "validation": "Alerte déclenchée en staging et production",
        }
    ]
}


def doc_of(body: str, path: str = "pm.md", language: str = "en", heading: str = "Action items"):
    text = f"# Postmortem\n\n**Date**: 2026-03-01\n\n## {heading}\n\n{body}"
    return parse_document(path, text, language=language)


def items_of(body: str, **kwargs) -> list[ActionItem]:
    actions = extract_actions(doc_of(body, **kwargs))
    assert not actions.errors, actions.errors
    return list(actions.items)


def at(doc, item: ActionItem, name: str) -> str:
    start, end = item.spans[name]
    return doc.text[start:end]


def fenced(data, info: str = "json") -> str:
    return f"```{info}\n{json.dumps(data, indent=2, ensure_ascii=False)}\n```\n"


# -- checklist lines ---------------------------------------------------------------------------

LINE = (
    "- [ ] ACT-001 Add a p99 latency alert > 800ms on checkout-api (owner: sre-team, "
    "deadline: 2026-03-15, validation: alert fires in staging and production)\n"
)


def test_checklist_line_fields_and_exact_spans():
    doc = doc_of(LINE)
    (item,) = extract_actions(doc).items
    assert item.record() == {
        "id": "ACT-001",
        "description": "Add a p99 latency alert > 800ms on checkout-api",
        "owner": "sre-team",
        "deadline": "2026-03-15",
        "validation": "alert fires in staging and production",
        "status": "open",
    }
    assert item.source == "checklist" and item.line == 7
    for name in ("id", "description", "owner", "deadline", "validation"):
        assert at(doc, item, name) == item.record()[name]
    assert check_item(item, {}) == []


def test_french_keys_with_space_before_colon():
    body = (
        "- [ ] ACT-2101 Faire passer `sync-crm` par MaxScale (responsable : equipe-data, "
        "échéance : 2026-02-05, validation : aucune erreur de connexion, en préproduction)\n"
        "- [ ] ACT-2102 Bloquer les connexions directes (propriétaire: equipe-dba, "
        "echeance: 2026-02-27, critère: erreur 1045 en préproduction)\n"
    )
    doc = doc_of(body, language="fr", heading="Actions correctives")
    first, second = extract_actions(doc).items
    assert first.owner == "equipe-data" and first.deadline == "2026-02-05"
    assert first.validation == "aucune erreur de connexion, en préproduction"
    assert second.owner == "equipe-dba" and second.deadline == "2026-02-27"
    assert second.validation == "erreur 1045 en préproduction"
    assert at(doc, second, "deadline") == "2026-02-27"


def test_done_items_and_status():
    body = LINE.replace("[ ]", "[x]") + LINE.replace("[ ]", "[X]").replace("001", "002")
    assert [i.status for i in items_of(body)] == ["done", "done"]


def test_description_with_parentheses_and_validation_with_commas_and_code():
    body = (
        "- [ ] ACT-1301 Make linter rule W003 (index creation without `CONCURRENTLY`) an error "
        "(owner: platform-team, deadline: 2026-02-27, validation: CI fails (exit 1), on a "
        "branch that re-adds `migration (0147), type: int`)\n"
    )
    (item,) = items_of(body)
    assert (
        item.description == "Make linter rule W003 (index creation without `CONCURRENTLY`) an error"
    )
    assert item.validation.startswith("CI fails (exit 1), on a branch")
    assert item.validation.endswith("`migration (0147), type: int`")


@pytest.mark.parametrize(
    "line",
    [
        "- [ ] **ACT-7**: Add an alert (owner: sre, deadline: 2026-03-02, validation: fires in CI)",
        "* [ ] `ACT-7` Add an alert (owner: sre, deadline: 2026-03-02, validation: fires in CI)",
        "1. [ ] ACT-7 — Add an alert (owner: sre, due: 2026-03-02, validation: fires in CI)",
        "- ACT-7 Add an alert (owner: sre, deadline: 2026-03-02, validation: fires in CI)",
        "> - [ ] ACT-7 Add an alert (Owner: sre, Deadline: 2026-03-02, Validation: fires in CI)",
    ],
)
def test_checklist_variants(line):
    (item,) = items_of(line + "\n")
    assert (item.id, item.description, item.owner, item.deadline) == (
        "ACT-7",
        "Add an alert",
        "sre",
        "2026-03-02",
    )


def test_template_short_form_is_positional():
    (template, filled) = items_of(
        "- [ ] Action 1 (owner, deadline)\n- [ ] ACT-9 Add an alert (sre-team, 2026-03-01)\n"
    )
    assert (template.description, template.owner, template.deadline) == (
        "Action 1",
        "owner",
        "deadline",
    )
    assert (filled.id, filled.owner, filled.deadline) == ("ACT-9", "sre-team", "2026-03-01")
    assert filled.validation is None


def test_plain_bullets_in_the_actions_section_are_actions_with_their_sub_bullets():
    body = "- Add a canary stage to the deploy.\n  - nested note (see the runbook)\n" + LINE
    first, second = items_of(body)
    assert first.description == "Add a canary stage to the deploy." and first.id is None
    assert (first.ordinal, first.stable_id) == (1, "action-items-1")
    assert second.id == "ACT-001" and second.stable_id == "ACT-001"


def test_indented_checkboxes_without_fields_are_sub_tasks():
    body = LINE + "  - [ ] write the runbook page\n  - [x] ACT-002 Add a test (owner: qa)\n"
    assert [i.id for i in items_of(body)] == ["ACT-001", "ACT-002"]
    assert [i.description for i in items_of("- [ ] Add a canary\n")] == ["Add a canary"]


def test_lines_outside_the_actions_section_and_in_code_are_ignored():
    text = (
        "# P\n\n## Timeline\n\n- [ ] ACT-9 Not here (owner: x, deadline: 2026-01-01, "
        "validation: y)\n\n## Action items\n\n```\n" + LINE + "```\n\n" + LINE
    )
    doc = parse_document("pm.md", text)
    (item,) = extract_actions(doc).items
    assert item.line == 13


def test_without_an_actions_section_structured_lines_still_count():
    doc = parse_document("pm.md", "# P\n\n" + LINE + "- [ ] just a task\n")
    (item,) = extract_actions(doc).items
    assert item.id == "ACT-001" and extract_actions(doc).section is None


def test_crlf_tabs_and_non_ascii_positions():
    text = (
        "# Pöstmortem\r\n\r\n## Actions correctives\r\n\r\n"
        "-\t[ ] ACT-3 Réduire le délai à 3 s — « côté API » (responsable : équipe-sré, "
        "échéance : 2026-03-20, validation : p99 < 2 s en préproduction)\r\n"
    )
    doc = parse_document("pm.md", text, language="fr")
    (item,) = extract_actions(doc).items
    assert at(doc, item, "owner") == "équipe-sré"
    assert doc.position(item.spans["deadline"][0]) == (5, text.split("\r\n")[4].find("2026") + 1)


# -- tables ------------------------------------------------------------------------------------


def test_english_table_with_status_and_pipes_in_code():
    body = (
        "| ID | Action | Owner | Due date | Validation | Status |\n"
        "|----|--------|-------|----------|------------|:------:|\n"
        "| ACT-1 | Alert on `a \\| b` | sre-team | 2026-03-10 | alert fires in staging | done |\n"
        "| ACT-2 | Add a canary | edge-team | 2026-03-20 | `x|y` returns 0 | [ ] |\n"
    )
    doc = doc_of(body)
    first, second = extract_actions(doc).items
    assert first.source == "table" and first.line == 9
    assert (first.id, first.owner, first.status) == ("ACT-1", "sre-team", "done")
    assert first.description == "Alert on `a | b`"
    assert second.validation == "`x|y` returns 0" and second.status == "open"
    assert at(doc, second, "owner") == "edge-team"


def test_french_table_and_missing_cell():
    body = (
        "| Réf | Action corrective | Responsable | Échéance | Critère de validation |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| ACT-1 | Ajouter une alerte | equipe-sre |  | alerte en préproduction |\n"
    )
    (item,) = items_of(body, language="fr", heading="Actions correctives")
    assert (item.id, item.owner, item.deadline) == ("ACT-1", "equipe-sre", None)


def test_table_headed_by_its_action_items_with_a_status():
    body = (
        "| Action item description | Status |\n"
        "| --- | --- |\n"
        "| Pin the release tooling to a commit | DONE |\n"
        "| Tag release candidates in the recipe | open |\n"
    )
    first, second = items_of(body)
    assert (first.description, first.status) == ("Pin the release tooling to a commit", "done")
    assert (second.source, second.status) == ("table", "open")


def test_a_table_that_is_not_about_actions_is_ignored():
    body = "| Time | Event |\n|---|---|\n| 10:00 | alert fired |\n\n" + LINE
    assert [i.source for i in items_of(body)] == ["checklist"]


# -- fenced JSON and YAML ----------------------------------------------------------------------


def test_team_json_validates():
    doc = doc_of(fenced(TEAM_JSON))
    (item,) = extract_actions(doc).items
    assert item.source == "json" and check_item(item, {}) == []
    assert item.line == 11  # the "id" line
    assert at(doc, item, "owner") == "sre-team"
    assert (
        doc.line_text(doc.position(item.spans["deadline"][0])[0]).strip().startswith('"deadline"')
    )


@pytest.mark.parametrize("field", ["id", "description", "owner", "deadline", "validation"])
def test_removing_each_field_fails_at_the_right_line(field):
    data = json.loads(json.dumps(TEAM_JSON))
    del data["actions"][0][field]
    doc = doc_of(fenced(data))
    (item,) = extract_actions(doc).items
    (problem,) = check_item(item, {})
    assert problem.field == field and problem.missing
    noun = "validation criterion" if field == "validation" else field
    assert problem.message.endswith(f"has no {noun}")
    # Reported on the "id" line, or the object's first key line when the id is what is missing.
    start, _ = item.span(None)
    line = doc.line_text(doc.position(start)[0])
    assert ('"id"' if field != "id" else '"description"') in line


def test_yaml_block_keeps_dates_as_written():
    body = (
        "```yaml\nactions:\n  - id: ACT-1\n    description: Add an alert\n    owner: sre-team\n"
        "    deadline: 2026-02-30\n    validation: fires in staging\n    priority: 2\n```\n"
    )
    doc = doc_of(body)
    (item,) = extract_actions(doc).items
    assert item.deadline == "2026-02-30" and item.extra == {"priority": 2}
    assert at(doc, item, "deadline") == "2026-02-30" and item.line == 9
    (problem,) = check_item(item, {})
    assert "not a real calendar date" in problem.message


def test_json_block_nested_in_a_list_item_keeps_positions():
    body = '- Actions:\n\n  ```json\n  {"actions": [{"id": "ACT-4", "owner": "x"}]}\n  ```\n'
    doc = doc_of(body)
    (item,) = extract_actions(doc).items
    assert at(doc, item, "id") == "ACT-4" and at(doc, item, "owner") == "x"


def test_malformed_json_is_reported_at_the_line_of_the_error():
    body = '```json\n{"actions": [\n  {"id": "ACT-1",\n   "owner": "x",}\n]}\n```\n'
    actions = extract_actions(doc_of(body))
    (error,) = actions.errors
    assert error.line == 10 and error.message.startswith("invalid JSON")
    assert actions.items == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": []}, 'expected an object with an "actions" list'),
        ({"actions": {"id": 1}}, '"actions" should be a list'),
        ({"actions": ["ACT-1"]}, "action #1 is not an object"),
    ],
)
def test_wrong_shapes_are_errors(data, message):
    (error,) = extract_actions(doc_of(fenced(data))).errors
    assert message in error.message


def test_other_code_blocks_are_not_read():
    body = "```text\n{not json\n```\n\n```python\nactions = [1]\n```\n"
    actions = extract_actions(doc_of(body))
    assert actions.items == () and actions.errors == ()


# -- sidecars ----------------------------------------------------------------------------------


def test_json_and_yaml_sidecars(tmp_path: Path):
    md = tmp_path / "inc-42.md"
    md.write_text("# P\n\n## Action items\n\n" + LINE)
    (tmp_path / "inc-42.actions.json").write_text(json.dumps(TEAM_JSON, indent=2))
    (tmp_path / "inc-42.actions.yaml").write_text(
        "actions:\n- id: ACT-9\n  description: Add a canary\n  owner: edge\n"
        "  deadline: 2026-03-01\n  validation: canary blocks a bad push in staging\n"
    )
    doc = document_for(str(md), md.read_text(), default_config())
    actions = extract_actions(doc)
    assert [(i.id, i.source, i.line) for i in actions.items] == [
        ("ACT-001", "checklist", 5),
        ("ACT-001", "sidecar", 4),
        ("ACT-9", "sidecar", 2),
    ]
    assert actions.items[1].file.endswith("inc-42.actions.json") and not actions.items[1].spans
    assert len(actions.sidecars) == 2


def test_stdin_has_no_sidecar():
    doc = parse_document("-", "# P\n\n## Action items\n\n" + LINE)
    assert extract_actions(doc).sidecars == ()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.actions.json", "this is not json", "invalid JSON"),
        ("x.actions.yaml", "actions: [a, b\n", "invalid YAML"),
        ("x.actions.yaml", 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', "aliases"),
        ("x.actions.json", b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_bad_sidecars_are_errors_not_crashes(tmp_path: Path, name, content, message):
    md = tmp_path / "x.md"
    md.write_text("# P\n")
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    (error,) = extract_actions(document_for(str(md), md.read_text(), default_config())).errors
    assert message in error.message and error.file == str(path)


def test_kinds_see_the_sidecars_the_runner_read_and_read_no_file(tmp_path: Path):
    """The extractor is pure: it reads `Document.sidecars`, never the disk."""
    md = tmp_path / "inc-7.md"
    (tmp_path / "inc-7.actions.yaml").write_text("actions:\n- id: ACT-ON-DISK\n")
    given = Sidecar(
        str(tmp_path / "inc-7.actions.yaml"),
        text="actions:\n- id: ACT-READ\n  description: Add a canary\n",
    )
    doc = parse_document(str(md), "# P\n", sidecars=[given])
    assert [i.id for i in extract_actions(doc).items] == ["ACT-READ"]
    assert extract_actions(parse_document(str(md), "# P\n")).items == ()
    unreadable = Sidecar(str(tmp_path / "inc-7.actions.json"), problem="cannot read sidecar x: no")
    (error,) = extract_actions(parse_document(str(md), "# P\n", sidecars=[unreadable])).errors
    assert (error.message, error.line, error.source) == ("cannot read sidecar x: no", 1, "sidecar")


def test_the_runner_reads_each_sidecar_once_for_the_key_and_the_kinds(tmp_path: Path, monkeypatch):
    from blamelint.run import runner, sidecars
    from blamelint.run.runner import RunOptions

    md = tmp_path / "inc-8.md"
    md.write_text("# P\n\n## Action items\n\nSee the sidecar.\n")
    (tmp_path / "inc-8.actions.yaml").write_text(
        "actions:\n- id: ACT-8\n  description: Add a canary\n  owner: edge\n"
        "  deadline: 2026-03-01\n  validation: canary blocks a bad push in staging\n"
    )
    calls: list[str] = []
    real = sidecars.read_sidecars

    def counting(path: str):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(runner, "read_sidecars", counting)
    result = runner.run([str(md)], RunOptions(cache=True, cache_dir=tmp_path / "cache"))
    assert calls == [str(md)]
    assert not [f for f in result.findings if f.rule == "BL506"]


# -- size and hostile input --------------------------------------------------------------------


def test_a_10_mb_json_block_is_refused_not_parsed():
    big = {"actions": [{"id": "ACT-1", "description": "x" * 10_000_000}]}
    (error,) = extract_actions(doc_of(fenced(big))).errors
    assert "over the" in error.message and f"{MAX_BLOCK_CHARS:,}" in error.message


def test_absurd_numbers_and_lines_do_not_crash():
    with pytest.raises(ValueError, match="invalid JSON"):
        parse_json('{"actions": [{"priority": ' + "9" * 5000 + "}]}")
    assert items_of("- [ ] ACT-1 " + "(owner: `x` " * 5000 + "\n") == []


def test_deep_nesting_is_an_error():
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_json('{"a":' * 80 + "1" + "}" * 80)
    with pytest.raises(ValueError):
        parse_yaml("a: " + "[" * 5000 + "]" * 5000)


def test_yaml_bomb_in_a_block_is_refused():
    bomb = "```yaml\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n```\n"
    (error,) = extract_actions(doc_of(bomb)).errors
    assert "aliases" in error.message and error.line == 9


def test_two_hundred_actions():
    lines = "".join(
        f"- [ ] ACT-{n} Add alert {n} on checkout-api (owner: sre-team, deadline: 2026-03-15, "
        f"validation: alert {n} fires in staging)\n"
        for n in range(1, 201)
    )
    doc = doc_of(lines)
    items = extract_actions(doc).items
    assert len(items) == 200 and items[-1].line == 206
    assert at(doc, items[199], "id") == "ACT-200"
    assert all(check_item(i, {}) == [] for i in items)
