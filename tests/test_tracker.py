"""The weekly action review: collect across an archive, filter, format, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.cli import main
from blamelint.errors import InputError
from blamelint.tracker import FORMATS, collect, render, select

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
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.md").write_text("- [ ] ACT-99 x (owner: a, deadline: b)\n")
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
    for output_format in FORMATS:
        assert isinstance(render([], output_format, TODAY), str)


def test_missing_path_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError):
        collect([tmp_path / "nope"])


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
