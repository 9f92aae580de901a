"""`blamelint init` and `blamelint new`: templates filled, then linted; refusals; --commit."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.base.errors import InputError
from blamelint.cli.main import main
from blamelint.run.config import load_config
from blamelint.workflow.scaffold import (
    Incident,
    check_incident_id,
    fill_template,
    shipped_template,
    write_new_file,
)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    """Run the CLI in-process inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def findings(cli, *paths: str) -> list[dict]:
    result = cli("--format", "json", "--isolated", *paths)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


# -- new, then lint --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "metadata", "unfilled"),
    [
        (
            "en",
            [
                "**Date**: 2026-03-01",
                "**Duration**: 47 min",
                "**Impact**: 23% of checkout requests failed",
                "**Incident**: INC-2026-0301",
            ],
            "TODO",
        ),
        (
            "fr",
            [
                "**Incident** : INC-2026-0301",
                "**Date** : 2026-03-01",
                "**Durée** : 47 min",
                "**Impact** : 23 % des paiements en échec",
            ],
            "À compléter",
        ),
    ],
)
def test_new_then_lint_leaves_only_placeholders(cli, tmp_path, lang, metadata, unfilled) -> None:
    impact = metadata[3 if lang == "fr" else 2].split(": ", 1)[1]
    result = cli(
        "new", "INC-2026-0301", "--lang", lang, "--impact", impact,
        "--duration", "47 min", "--date", "2026-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = tmp_path / "postmortem-INC-2026-0301.md"
    assert result.stdout.strip() == "postmortem-INC-2026-0301.md"
    text = path.read_text(encoding="utf-8")
    for line in metadata:
        assert f"\n{line}\n" in text
    for token in ("{INCIDENT_ID}", "{DATE}", "{DUREE}", "{DURATION}", "{IMPACT_UTILISATEURS}",
                  "{USER_IMPACT}"):  # fmt: skip
        assert token not in text

    found = findings(cli, path.name)
    assert found, "the template's own guidance placeholders must still be reported"
    assert {f["name"] for f in found} == {"placeholder"}
    # Nothing in the filled metadata lines is reported.
    metadata_lines = {text.split("\n").index(line) + 1 for line in metadata}
    assert not [f for f in found if f["line"] in metadata_lines]
    assert any(f["message"].endswith(f"'{unfilled}'") for f in found)


def test_new_without_duration_leaves_a_placeholder(cli, tmp_path) -> None:
    assert cli("new", "INC-7", "--impact", "exports late", "--lang", "fr").exit_code == 0
    text = (tmp_path / "postmortem-INC-7.md").read_text(encoding="utf-8")
    assert "**Durée** : À compléter\n" in text
    assert f"**Date** : {dt.date.today().isoformat()}\n" in text
    duration_line = text.split("\n").index("**Durée** : À compléter") + 1
    assert any(f["line"] == duration_line for f in findings(cli, "postmortem-INC-7.md"))


def test_new_with_output_dir_and_custom_template(cli, tmp_path) -> None:
    template = tmp_path / "team.md"
    template.write_text("# {INCIDENT_ID}\n\n**Date**: {DATE}\n{USER_IMPACT} / {DUREE}\n")
    result = cli(
        "new", "SRE-12", "--impact", "a\n  b {DATE}", "--template", str(template),
        "--output-dir", "archive/2026", "--date", "2026-02-28",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = tmp_path / "archive" / "2026" / "postmortem-SRE-12.md"
    # One line per value, and a value is never substituted again.
    assert written.read_text() == "# SRE-12\n\n**Date**: 2026-02-28\na b {DATE} / TBD\n"


def test_new_uses_the_team_template_from_init(cli, tmp_path) -> None:
    assert cli("init", "--lang", "fr").exit_code == 0
    assert cli("new", "INC-9", "--impact", "x").exit_code == 0
    assert "**Durée** : TBD" not in (tmp_path / "postmortem-INC-9.md").read_text()
    assert "## Chronologie" in (tmp_path / "postmortem-INC-9.md").read_text()


# -- refusals --------------------------------------------------------------------------------


def test_new_refuses_to_overwrite_without_force(cli, tmp_path) -> None:
    assert cli("new", "INC-1", "--impact", "first").exit_code == 0
    path = tmp_path / "postmortem-INC-1.md"
    path.write_text("hard work in progress\n")
    result = cli("new", "INC-1", "--impact", "second")
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr
    assert path.read_text() == "hard work in progress\n"
    assert cli("new", "INC-1", "--impact", "second", "--force").exit_code == 0
    assert "**Impact**: second" in path.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "bad_id", ["../x", "/etc/x", "", "a/b", "..", ".hidden", "-rf", "x" * 81, "CON", "a b"]
)
def test_new_rejects_unsafe_ids(cli, tmp_path, bad_id) -> None:
    # After `--` so that "-rf" reaches blamelint's own check rather than click's.
    result = cli("new", "--impact", "x", "--", bad_id)
    assert result.exit_code == 2
    assert "invalid incident id" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert not Path("/etc/x").exists() or bad_id != "/etc/x"


@pytest.mark.parametrize(
    "date",
    # Python 3.11's date.fromisoformat takes the basic and week forms; no rule reads them back.
    ["2026-02-30", "01/03/2026", "20260301", "2026-W09-7", "2026-03-01T10:00", "2026-3-1"],
)
def test_new_rejects_bad_dates(cli, tmp_path, date) -> None:
    result = cli("new", "INC-1", "--impact", "x", "--date", date)
    assert result.exit_code == 2 and "invalid date" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bin.md:3: binary file"),
        (b"# {INCIDENT_ID}\n\ncaf\xe9\n", "bin.md:3: not valid UTF-8"),
    ],
)
def test_new_refuses_a_template_that_is_not_text(cli, tmp_path, data, reason) -> None:
    (tmp_path / "bin.md").write_bytes(data)
    result = cli("new", "INC-1", "--impact", "x", "--template", "bin.md")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"blamelint: {reason}")
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert not (tmp_path / "postmortem-INC-1.md").exists()


def test_new_requires_impact(cli) -> None:
    assert cli("new", "INC-1").exit_code == 2
    assert cli("new", "INC-1", "--impact", "  ").exit_code == 2


def test_safe_ids() -> None:
    for good in ("INC-2026-0301", "sre_12", "2026.03.01-db", "A"):
        assert check_incident_id(good) == good
    with pytest.raises(InputError):
        check_incident_id("nul.txt")


# -- init ------------------------------------------------------------------------------------


def test_init_writes_config_and_template(cli, tmp_path) -> None:
    result = cli("init")
    assert result.exit_code == 0
    assert result.stdout.split() == ["wrote", ".blamelint.yaml", "wrote", "postmortem-template.md"]
    config_text = (tmp_path / ".blamelint.yaml").read_text()
    assert "max_duration: 90" in config_text and config_text.count("#") > 10
    # The written config is the team's original format and loads as it is.
    config = load_config(tmp_path / ".blamelint.yaml")
    assert config.settings.max_duration == 90
    assert config.settings.integrations == {"slack_channel": "#incidents", "jira_project": "SRE"}
    template = (tmp_path / "postmortem-template.md").read_text()
    assert template == shipped_template("en")
    for heading in ("Summary", "Timeline", "Root causes (5 Whys)", "Corrective actions",
                    "Missed signals", "Lessons learned", "Impact"):  # fmt: skip
        assert f"\n## {heading}\n" in template


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_init_archive_neither_lints_nor_tracks_its_template(cli, tmp_path, lang) -> None:
    assert cli("init", "--lang", lang).exit_code == 0
    config = load_config(tmp_path / ".blamelint.yaml")
    assert "postmortem-template.md" in config.exclude
    (tmp_path / "README.md").write_text("# Archive\n\nTODO: ask Kevin Durand.\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "short.md").write_text("# {INCIDENT_ID}\n\n- [ ] Action 1\n")
    clean = Path(__file__).parent / "data" / "workflow" / "clean-en.md"
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "pm.md").write_text(clean.read_text(encoding="utf-8"))
    result = cli("--format", "json", ".")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["files"] == 1
    actions = cli("actions", ".", "--format", "json")
    assert actions.exit_code == 0, actions.output
    rows = json.loads(actions.stdout)
    assert rows and {Path(row["document"]).name for row in rows} == {"pm.md"}


def test_init_refuses_to_overwrite(cli, tmp_path) -> None:
    (tmp_path / "postmortem-template.md").write_text("ours\n")
    result = cli("init", "--lang", "fr")
    assert result.exit_code == 2 and "already exists" in result.stderr
    # Nothing was written: the refusal is checked before either file.
    assert not (tmp_path / ".blamelint.yaml").exists()
    assert (tmp_path / "postmortem-template.md").read_text() == "ours\n"
    assert cli("init", "--lang", "fr", "--force").exit_code == 0
    assert "## Signaux manqués" in (tmp_path / "postmortem-template.md").read_text()


def test_shipped_templates_have_every_placeholder() -> None:
    fr, en = shipped_template("fr"), shipped_template("en")
    for line in ("**Incident** : {INCIDENT_ID}", "**Date** : {DATE}", "**Durée** : {DUREE}",
                 "**Impact** : {IMPACT_UTILISATEURS}"):  # fmt: skip
        assert f"\n{line}\n" in fr
    for line in ("**Date**: {DATE}", "**Duration**: {DURATION}", "**Impact**: {USER_IMPACT}",
                 "**Incident**: {INCIDENT_ID}"):  # fmt: skip
        assert f"\n{line}\n" in en
    for heading in ("Résumé", "Impact", "Chronologie", "Causes racines (5 Whys)",
                    "Actions correctives", "Signaux manqués", "Leçons apprises"):  # fmt: skip
        assert f"\n## {heading}\n" in fr
    filled = fill_template(fr, Incident("X-1", "y", dt.date(2026, 1, 2)), "fr")
    assert "{INCIDENT_ID}" not in filled and "**Durée** : À compléter" in filled


def test_write_new_file_is_atomic_and_no_clobber(tmp_path) -> None:
    target = tmp_path / "a.md"
    write_new_file(target, "one\n")
    with pytest.raises(InputError):
        write_new_file(target, "two\n")
    write_new_file(target, "three\r\n", force=True)
    assert target.read_bytes() == b"three\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    with pytest.raises(InputError, match="is a directory"):
        write_new_file(tmp_path, "x", force=True)


# -- --commit in a real repository -----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.mark.slow
def test_new_commit_in_a_real_repository(cli, tmp_path) -> None:
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "config", "user.email", "sre@example.invalid")
    git(tmp_path, "config", "user.name", "SRE")
    git(tmp_path, "config", "commit.gpgsign", "false")
    (tmp_path / "unrelated.txt").write_text("staged but not ours\n")
    git(tmp_path, "add", "unrelated.txt")

    result = cli(
        "new", "INC-42", "--impact", "search down", "--output-dir", "postmortems", "--commit"
    )
    assert result.exit_code == 0, result.output
    assert "committed postmortem-INC-42.md" in result.stderr
    assert (
        git(tmp_path, "log", "-1", "--format=%s").strip() == "chore: postmortem INC-42 (blameless)"
    )
    committed = git(tmp_path, "show", "--name-only", "--format=", "HEAD").split()
    assert committed == ["postmortems/postmortem-INC-42.md"]
    # The user's other staged change is still staged, not swept into our commit.
    assert git(tmp_path, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]


def test_new_commit_outside_a_repository(cli, tmp_path) -> None:
    result = cli("new", "INC-43", "--impact", "x", "--output-dir", "pm", "--commit")
    assert result.exit_code == 2
    assert result.stderr == "blamelint: pm: not inside a git repository; --commit needs one\n"
    assert result.stdout == ""
    # Checked before writing: nothing is left behind, not even the output folder.
    assert list(tmp_path.iterdir()) == []


def test_no_verify_needs_commit(cli, tmp_path) -> None:
    result = cli("new", "INC-44", "--impact", "x", "--no-verify")
    assert result.exit_code == 2 and "--no-verify only applies with --commit" in result.stderr
    assert list(tmp_path.iterdir()) == []


REJECTING_HOOK = """#!/bin/sh
echo "blamelint (blameless postmortems)....Failed"
echo "postmortems/postmortem-INC-45.md:3:11: BL103 [placeholder] TODO left in the template"
echo "Found 27 findings (27 error, 0 warning, 0 info) in 1 file." >&2
exit 1
"""


@pytest.fixture
def hooked_repo(tmp_path: Path) -> Path:
    """A repository whose pre-commit hook rejects every commit, as blamelint's hook rejects a
    first draft full of template text; one unrelated change is staged."""
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "config", "user.email", "sre@example.invalid")
    git(tmp_path, "config", "user.name", "SRE")
    git(tmp_path, "config", "commit.gpgsign", "false")
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.write_text(REJECTING_HOOK)
    hook.chmod(0o755)
    (tmp_path / "unrelated.txt").write_text("staged but not ours\n")
    git(tmp_path, "add", "unrelated.txt")
    return tmp_path


@pytest.mark.slow
def test_new_commit_rejected_by_a_hook(cli, hooked_repo) -> None:
    args = ["new", "INC-45", "--impact", "x", "--output-dir", "postmortems", "--commit"]
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""  # no path: `path=$(blamelint new ... --commit)` stays empty
    # The hook's whole report, then one line saying what state things are in.
    assert result.stderr.splitlines() == [
        "blamelint (blameless postmortems)....Failed",
        "postmortems/postmortem-INC-45.md:3:11: BL103 [placeholder] TODO left in the template",
        "Found 27 findings (27 error, 0 warning, 0 info) in 1 file.",
        "blamelint: postmortems/postmortem-INC-45.md: git commit failed; the file is written "
        "but not committed, and not staged",
        "blamelint: to commit the draft as it is: git add -- postmortems/postmortem-INC-45.md "
        "&& git commit --no-verify -m 'chore: postmortem INC-45 (blameless)' -- "
        "postmortems/postmortem-INC-45.md",
    ]
    written = hooked_repo / "postmortems" / "postmortem-INC-45.md"
    assert written.is_file()
    assert git(hooked_repo, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]
    assert git(hooked_repo, "status", "--porcelain").splitlines() == [
        "A  unrelated.txt",
        "?? postmortems/",
    ]

    # --no-verify commits the draft anyway; the path is printed once it is committed.
    result = cli(*args, "--force", "--no-verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == "postmortems/postmortem-INC-45.md\n"
    assert git(hooked_repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "postmortems/postmortem-INC-45.md"
    ]
    assert git(hooked_repo, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]


@pytest.mark.slow
@pytest.mark.slow
def test_the_command_a_refused_commit_gives_works_as_printed(cli, hooked_repo) -> None:
    args = ["new", "INC-46", "--impact", "x", "--output-dir", "post mortems", "--commit"]
    result = cli(*args)
    assert result.exit_code == 2
    prefix = "blamelint: to commit the draft as it is: "
    line = result.stderr.splitlines()[-1]
    assert line.startswith(prefix)
    subprocess.run(line[len(prefix) :], shell=True, cwd=hooked_repo, check=True)
    assert git(hooked_repo, "show", "--name-only", "--format=", "HEAD").split("\n")[0] == (
        "post mortems/postmortem-INC-46.md"
    )
    assert git(hooked_repo, "log", "-1", "--format=%s").strip() == (
        "chore: postmortem INC-46 (blameless)"
    )
    assert git(hooked_repo, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]


def test_rejected_commit_of_a_tracked_file_restores_its_index_entry(cli, hooked_repo) -> None:
    args = ["new", "INC-46", "--output-dir", "postmortems", "--commit"]
    assert cli(*args, "--impact", "first", "--no-verify").exit_code == 0
    # --force replaces the committed draft; the hook rejects the new one.
    result = cli(*args, "--impact", "second", "--force")
    assert result.exit_code == 2 and result.stdout == ""
    assert git(hooked_repo, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]
    assert git(hooked_repo, "diff", "--name-only").split() == ["postmortems/postmortem-INC-46.md"]
