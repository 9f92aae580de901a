"""The weekly action review: collect across an archive, filter, format, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.cli.main import main
from blamelint.workflow.tracker import FORMATS, collect, render, select

TODAY = dt.date(2026, 3, 20)
CORPUS = Path(__file__).parent / "data" / "corpus" / "docs"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "inc-1.md").write_text(
        "# Postmortem\n\n**Incident**: INC 2026-001\n**Date**: 2026-03-01\n\n## Action items\n\n"
        "- [ ] ACT-1 Add a p99 alert > 800ms (owner: @sre-team, deadline: 2026-03-10, "
        "validation: alert fires in staging)\n"
        "- [x] ACT-2 Set `dns_max_ttl = 15` (owner: dba-team, deadline: 2026-03-05, "
        "validation: `SHOW CONFIG` reports 15)\n"
        '- [ ] ACT-3 =HYPERLINK("x") canary | edge (owner: edge-team, deadline: 2026-04-30, '
        "validation: canary blocks a bad push in staging)\n",
        encoding="utf-8",
    )
    (tmp_path / "2026" / "inc-2.md").write_text(
        "# Postmortem\n\n**Date**: 2026-03-02\n\n## Actions correctives\n\nVoir le fichier.\n",
        encoding="utf-8",
    )
    (tmp_path / "2026" / "inc-2.actions.yaml").write_text(
        "actions:\n  - id: ACT-9\n    description: Alerter sur le lag\n    owner: SRE-team\n"
        "    deadline: 2026-03-15\n    validation: alerte en préproduction\n",
        encoding="utf-8",
    )
    # Folders the linter never walks are not read for actions either.
    for skipped in ("node_modules/pkg", ".venv/lib/site-packages/pkg", ".git"):
        (tmp_path / skipped).mkdir(parents=True)
        (tmp_path / skipped / "skip.md").write_text("- [ ] ACT-99 x (owner: a, deadline: b)\n")
    return tmp_path


def test_collect_walks_folders_and_reads_sidecars(archive: Path):
    collection = collect([archive])
    assert [
        (a.item.id, a.incident, Path(a.item.file).name, a.item.line) for a in collection.actions
    ] == [
        ("ACT-1", "INC 2026-001", "inc-1.md", 8),
        ("ACT-2", "INC 2026-001", "inc-1.md", 9),
        ("ACT-3", "INC 2026-001", "inc-1.md", 10),
        ("ACT-9", "inc-2", "inc-2.actions.yaml", 2),
    ]
    assert collection.errors == [] and collection.warnings == []


def test_status_and_owner_filters(archive: Path):
    actions = collect([archive]).actions
    ids = lambda chosen: [a.item.id for a in chosen]  # noqa: E731
    assert ids(select(actions, today=TODAY, status="overdue")) == ["ACT-1", "ACT-9"]
    assert ids(select(actions, today=TODAY, status="open")) == ["ACT-1", "ACT-3", "ACT-9"]
    assert ids(select(actions, today=TODAY, status="done")) == ["ACT-2"]
    assert ids(select(actions, today=dt.date(2026, 3, 10), status="overdue")) == []
    assert ids(select(actions, today=TODAY, owner="sre-team")) == ["ACT-1", "ACT-9"]
    assert ids(select(actions, today=TODAY, owner="@edge-team")) == ["ACT-3"]


def test_json_and_csv(archive: Path):
    actions = collect([archive]).actions
    rows = json.loads(render(actions, "json", TODAY))
    assert rows[0]["status"] == "overdue" and rows[1]["status"] == "done"
    assert rows[3]["file"].endswith("inc-2.actions.yaml") and rows[3]["document"].endswith(
        "inc-2.md"
    )
    table = list(csv.DictReader(io.StringIO(render(actions, "csv", TODAY))))
    assert table[0]["owner"] == "'@sre-team"  # no formula injection in spreadsheets
    assert table[2]["description"].startswith("'=HYPERLINK")


def test_jira_csv_has_the_importer_columns(archive: Path):
    text = render(collect([archive]).actions, "jira-csv", TODAY)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Summary", "Assignee", "Due date", "Description", "Labels", "Labels"]
    summary, assignee, due, description, label, kind = rows[1]
    assert summary == "ACT-1 Add a p99 alert > 800ms" and assignee == "sre-team"
    assert due == "2026-03-10" and label == "INC-2026-001" and kind == "postmortem-action"
    assert "Validation: alert fires in staging" in description and "inc-1.md:8" in description


def test_markdown_escapes_pipes(archive: Path):
    text = render(collect([archive]).actions, "markdown", TODAY)
    assert "canary \\| edge" in text and text.startswith("| ID | Status |")


def test_every_format_renders_an_empty_list():
    """An empty review still says so: headers only for the tables, [] for json."""
    expected = {
        "table": "no action items\n",
        "json": "[]\n",
        "csv": "id,status,deadline,owner,description,validation,incident,document,file,line,source\n",
        "markdown": "| ID | Status | Deadline | Owner | Description | Incident | Document |\n"
        "|---|---|---|---|---|---|---|\n",
        "jira-csv": "Summary,Assignee,Due date,Description,Labels,Labels\n",
    }
    assert {f: render([], f, TODAY) for f in FORMATS} == expected


def test_missing_path_is_an_input_error(tmp_path: Path, archive: Path):
    # As when linting: the error names the path, and the other paths are still read.
    collection = collect([tmp_path / "nope", archive / "2026" / "inc-2.md"])
    assert collection.errors == [f"{tmp_path / 'nope'}: no such file or directory"]
    assert [a.item.id for a in collection.actions] == ["ACT-9"]


def test_unreadable_files_and_bad_blocks_are_reported(tmp_path: Path):
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "bad.md").write_text("# P\n\n## Action items\n\n```json\n{oops\n```\n")
    collection = collect([tmp_path])
    assert len(collection.errors) == 1 and "binary" in collection.errors[0]
    assert len(collection.warnings) == 1 and "invalid JSON" in collection.warnings[0]


# -- the command -------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(main, ["actions", *args])


def test_cli_table_and_summary(archive: Path):
    result = invoke(str(archive), "--today", "2026-03-20")
    assert result.exit_code == 0, result.output
    assert "ACT-1" in result.output and "overdue" in result.output
    assert "4 action(s): 1 open, 2 overdue, 1 done (as of 2026-03-20)" in result.output


def test_cli_fail_on_overdue(archive: Path):
    assert invoke(str(archive), "--today", "2026-03-20", "--fail-on-overdue").exit_code == 1
    assert invoke(str(archive), "--today", "2026-03-01", "--fail-on-overdue").exit_code == 0
    done_only = invoke(
        str(archive), "--today", "2026-03-20", "--status", "done", "--fail-on-overdue"
    )
    assert done_only.exit_code == 0


def test_cli_filters_and_json(archive: Path):
    result = invoke(
        str(archive), "--today", "2026-03-20", "--owner", "edge-team", "--format", "json"
    )
    assert [row["id"] for row in json.loads(result.output)] == ["ACT-3"]


def test_cli_errors(tmp_path: Path):
    assert invoke(str(tmp_path / "missing")).exit_code == 2
    assert invoke(str(tmp_path), "--today", "20/03/2026").exit_code == 2
    assert invoke(str(tmp_path), "--format", "xml").exit_code == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not copied")
def test_the_corpus_archive():
    result = invoke(str(CORPUS), "--today", "2026-03-01", "--format", "json")
    rows = json.loads(result.output)
    assert len(rows) == 96  # 68 English, 28 French
    assert {r["status"] for r in rows if r["id"] in ("ACT-105", "ACT-1204")} == {"done"}


# -- the team's config, as the linter reads it ---------------------------------------------------

TEAM_CONFIG = """\
postmortem:
  max_duration: 90
  integrations: {slack_channel: "#incidents", jira_project: "SRE"}
sections:
  actions: {aliases: [Engagements]}
actions:
  id_pattern: "^(ACT|OPS)-[0-9]+$"
exclude: [postmortem-template.md, drafts/]
max_file_size: 2000
"""


@pytest.fixture
def team_archive(tmp_path: Path) -> Path:
    (tmp_path / ".blamelint.yaml").write_text(TEAM_CONFIG, encoding="utf-8")
    (tmp_path / "postmortem-template.md").write_text(
        "# Postmortem {INCIDENT_ID}\n\n## Actions\n\n"
        "- [ ] ACT-1 Action 1 (owner: {OWNER}, deadline: YYYY-MM-DD)\n"
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "wip.md").write_text("- [ ] ACT-7 x (owner: a, deadline: b)\n")
    # Under the team's own heading, a table is read only if that heading is the actions one.
    (tmp_path / "inc-3.md").write_text(
        "# Postmortem\n\n**Date**: 2026-03-02\n\n## Engagements\n\n"
        "| id | description | owner | deadline | validation |\n|---|---|---|---|---|\n"
        "| OPS-4 | Alert on lag > 30 s | sre-team | 2026-03-15 | alert fires in staging |\n"
        "| TASK-5 | Add a canary stage | edge-team | 2026-03-20 | canary blocks a bad push |\n",
        encoding="utf-8",
    )
    (tmp_path / "huge.md").write_text("# Postmortem\n\n" + "word " * 1000)
    return tmp_path


def test_collect_follows_the_config(team_archive: Path):
    collection = collect([team_archive])
    assert [(a.item.id, a.project) for a in collection.actions] == [
        ("OPS-4", "SRE"),
        ("TASK-5", "SRE"),
    ]
    # max_file_size, and an id outside the team's pattern (BL501 when linting).
    assert collection.errors == [
        f"{team_archive / 'huge.md'}: file is 5,014 bytes, over the 2,000-byte limit "
        "(max_file_size in the config)"
    ]
    assert collection.warnings == [
        f"{team_archive / 'inc-3.md'}:10: id 'TASK-5' does not follow actions.id_pattern "
        "^(ACT|OPS)-[0-9]+$"
    ]


def test_jira_csv_has_a_project_column_from_the_config(team_archive: Path):
    rows = list(csv.reader(io.StringIO(render(collect([team_archive]).actions, "jira-csv", TODAY))))
    assert rows[0] == [
        "Project",
        "Summary",
        "Assignee",
        "Due date",
        "Description",
        "Labels",
        "Labels",
    ]
    assert rows[1][:3] == ["SRE", "OPS-4 Alert on lag > 30 s", "sre-team"]


def test_cli_config_and_isolated(team_archive: Path, tmp_path_factory):
    inc = str(team_archive / "inc-3.md")
    found = invoke(inc, "--format", "jira-csv")
    assert found.exit_code == 0, found.output
    assert found.stdout.startswith("Project,Summary,")
    # --isolated: no aliases, so the table under "Engagements" is not an actions section.
    isolated = invoke(inc, "--isolated", "--format", "json")
    assert isolated.exit_code == 0 and json.loads(isolated.stdout) == []
    other = tmp_path_factory.mktemp("elsewhere") / "team.yaml"
    other.write_text(TEAM_CONFIG.replace('"SRE"', '"OPS"'), encoding="utf-8")
    chosen = invoke(inc, "--config", str(other), "--format", "jira-csv")
    assert chosen.exit_code == 0 and "\nOPS,OPS-4 Alert" in chosen.stdout
    broken = invoke(inc, "--config", str(team_archive / "missing.yaml"))
    assert broken.exit_code == 2


def test_no_csv_cell_of_any_format_reaches_a_spreadsheet_as_a_formula(tmp_path: Path):
    """Issue 9 item 6: owner, deadline, incident, project... every cell of csv and jira-csv."""
    (tmp_path / "inc.md").write_text(
        "---\nincident: '+cmd|x'\ndate: 2026-03-01\n---\n# Postmortem\n\n## Action items\n\n"
        "```yaml\nactions:\n"
        "  - {id: '-1+1', description: '=1+1', owner: '@=cmd', deadline: '=HYPERLINK(\"x\")',"
        " validation: ' =2+2'}\n"
        "  - {id: ACT-2, description: '＝1+1 full width', owner: '\\tdba', deadline: '@SUM(1)',"
        " validation: '\\r=1'}\n"
        "```\n",
        encoding="utf-8",
    )
    from dataclasses import replace

    actions = collect([tmp_path]).actions
    assert len(actions) == 2
    actions = [replace(a, project="=SUM(A1)") for a in actions]  # as a tampered config might
    for output_format in ("csv", "jira-csv"):
        rows = list(csv.reader(io.StringIO(render(actions, output_format, TODAY))))
        cells = [cell for row in rows[1:] for cell in row]
        assert any("HYPERLINK" in cell for cell in cells) or output_format == "jira-csv"
        for cell in cells:
            assert cell.lstrip(" ")[:1] not in tuple("=+-@\t\r＝"), (output_format, cell)
    jira = list(csv.reader(io.StringIO(render(actions, "jira-csv", TODAY))))
    assert jira[1][0] == "'=SUM(A1)" and jira[1][2] == "'=cmd"  # the @ stripped, then quoted
    assert jira[1][3] == '\'=HYPERLINK("x")'
