"""`blamelint init --from`: a config fitted to a team's archive; refusals write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from blamelint.cli.main import main
from blamelint.run.config import load_config
from blamelint.run.lint import lint_text

POSTMORTEM = """\
# {title}

Date: 2026-03-0{n}
Severity: SEV-2

## What happened

The cache cluster lost its primary.

## Timeline (UTC)

- 10:00 alert fires
- 10:20 failover done

## Contributing factors

- The failover script was untested.

## Follow-ups

- Test the failover monthly (owner: @infra, due 2026-04-01)

## Customer communication

We posted on the status page.
"""


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def archive(root: Path, count: int = 3) -> Path:
    folder = root / "archive"
    folder.mkdir()
    for n in range(1, count + 1):
        text = POSTMORTEM.format(title=f"Cache outage {n}", n=n)
        (folder / f"2026-03-0{n}-cache.md").write_text(text, encoding="utf-8")
    (folder / "README.md").write_text("# Our archive\n\nOne file per incident.\n", encoding="utf-8")
    return folder


def test_init_from_fits_the_archive(cli, tmp_path):
    folder = archive(tmp_path)
    result = cli("init", "--from", str(folder))
    assert result.exit_code == 0, result.output
    assert "3 postmortem(s), 1 skipped" in result.output
    assert "five-whys-depth off" in result.output
    data = yaml.safe_load((tmp_path / ".blamelint.yaml").read_text(encoding="utf-8"))
    assert data["postmortem"]["required_sections"] == ["resume", "chronologie", "5whys", "actions"]
    assert data["postmortem"]["required_metadata"] == ["date", "severity"]
    assert data["postmortem"]["blameless_rules"]  # the seed format stays the backbone
    assert data["sections"]["actions"]["aliases"] == ["Follow-ups"]
    assert data["sections"]["customer_communication"]["aliases"] == ["Customer communication"]
    assert data["rules"]["five-whys-depth"] == "off"
    assert data["actions"] == {"require_id": False}
    assert data["language"] == "en"
    # The config loads, and the archive's documents meet it (template-wise).
    config = load_config(tmp_path / ".blamelint.yaml")
    text = (folder / "2026-03-01-cache.md").read_text(encoding="utf-8")
    template = [
        f.rule for f in lint_text(text, config=config, path="x.md") if f.rule[:3] in ("BL1", "BL2")
    ]
    assert template == []


def test_never_overwrites_without_force(cli, tmp_path):
    folder = archive(tmp_path)
    (tmp_path / ".blamelint.yaml").write_text("# mine\n", encoding="utf-8")
    result = cli("init", "--from", str(folder))
    assert result.exit_code == 2 and "already exists; use --force" in result.output
    assert (tmp_path / ".blamelint.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert cli("init", "--from", str(folder), "--force").exit_code == 0


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"notes.md": "# Notes\n\nShopping list.\n", "todo.md": "- milk\n"},
        {"blob.md": b"\x00\x01\x02binary", "latin.md": "# Été\n".encode("latin-1")},
    ],
    ids=["empty folder", "not postmortems", "binary files"],
)
def test_bad_input_is_one_line_exit_2_nothing_written(cli, tmp_path, files):
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    result = cli("init", "--from", str(folder))
    assert result.exit_code == 2
    assert "no postmortem found" in result.output and "nothing written" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / ".blamelint.yaml").exists()


def test_missing_path_is_an_error(cli, tmp_path):
    result = cli("init", "--from", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_init_without_from_keeps_the_six_default_sections(cli, tmp_path):
    assert cli("init").exit_code == 0
    data = yaml.safe_load((tmp_path / ".blamelint.yaml").read_text(encoding="utf-8"))
    assert data["postmortem"]["required_sections"] == [
        "resume",
        "chronologie",
        "5whys",
        "actions",
        "signaux",
        "lecons",
    ]
