"""The baseline: a baselined archive reports nothing; a new finding is reported alone."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from blamelint.cli.main import main

BLAME = "The outage happened because Marc Dubois forgot to renew the certificate.\n"
DOC_A = "# Outage\n\n## Summary\n\nThe cache expired after the upgrade.\n"
DOC_B = "# Outage two\n\n## Summary\n\nJean Dupont broke the deploy because he was careless.\n"


def blamelint(cwd: Path, *args: str) -> SimpleNamespace:
    """The command in this process, run from `cwd` (the spaCy models load once per session;
    the console script's process boundary is tested in test_cli.py). An exception escapes."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text(DOC_B, encoding="utf-8")
    (tmp_path / ".blamelint.yaml").write_text("postmortem:\n  min_whys: 5\n", encoding="utf-8")
    return tmp_path


def findings(cwd: Path, *args: str) -> tuple[list[tuple[str, int, str]], str, int]:
    done = blamelint(cwd, "check", "--format", "json", "--no-cache", *args, "docs")
    report = json.loads(done.stdout)
    got = [(Path(f["path"]).name, f["line"], f["rule"]) for f in report["findings"]]
    return got, done.stderr, done.returncode


def test_round_trip(archive: Path):
    made = blamelint(archive, "baseline", "docs")
    assert made.returncode == 0, made.stderr
    path = archive / ".blamelint-baseline.json"
    assert path.is_file() and "wrote" in made.stdout
    assert findings(archive) == ([], "", 0)
    # Lines moving above a baselined finding do not make it new.
    (archive / "docs" / "b.md").write_text(
        DOC_B.replace("# Outage two\n", "# Outage two\n\nIntro.\n")
    )
    assert findings(archive)[0] == []
    # A new blameful sentence is reported, and only it.
    with (archive / "docs" / "a.md").open("a", encoding="utf-8") as out:
        out.write("\n" + BLAME)
    got, _, code = findings(archive)
    assert {line for _, line, _ in got} == {7} and {name for name, _, _ in got} == {"a.md"}
    assert code == 1
    # Every finding, with --no-baseline.
    assert len(findings(archive, "--no-baseline")[0]) > len(got)


def test_stale_entries_are_counted_and_pruned(archive: Path):
    blamelint(archive, "baseline", "docs")
    (archive / "docs" / "b.md").unlink()
    got, stderr, _ = findings(archive)
    assert got == [] and "no longer match (stale)" in stderr and "baseline --prune" in stderr
    pruned = blamelint(archive, "baseline", "--prune", "docs")
    assert pruned.returncode == 0 and "stale" in pruned.stdout
    assert "stale" not in findings(archive)[1]
    data = json.loads((archive / ".blamelint-baseline.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in data["findings"]} == {"docs/a.md"}


def test_prune_adds_nothing(archive: Path):
    blamelint(archive, "baseline", "docs")
    with (archive / "docs" / "a.md").open("a", encoding="utf-8") as out:
        out.write("\n" + BLAME)
    blamelint(archive, "baseline", "--prune", "docs")
    assert {line for _, line, _ in findings(archive)[0]} == {7}


def test_explicit_baseline_file_and_a_subfolder_scope(archive: Path):
    out = archive / "elsewhere.json"
    assert blamelint(archive, "baseline", "-o", str(out), "docs").returncode == 0
    assert not (archive / ".blamelint-baseline.json").exists()
    assert findings(archive, "--baseline", str(out))[0] == []
    # Linting a part of the archive does not call the rest of the baseline stale.
    done = blamelint(archive, "check", "--no-cache", "--baseline", str(out), "docs/a.md")
    assert done.returncode == 0 and "stale" not in done.stderr


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"findings": 3}', '{"version": 1, "findings": [{"rule": "BL301"}]}', "[]"],
)
def test_corrupt_baseline_is_one_clear_line(archive: Path, content: str):
    path = archive / ".blamelint-baseline.json"
    path.write_text(content, encoding="utf-8")
    done = blamelint(archive, "check", "--no-cache", "docs")
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and ".blamelint-baseline.json" in lines[0]
    assert "Traceback" not in done.stderr


def test_missing_explicit_baseline_is_an_error(archive: Path):
    done = blamelint(archive, "check", "--no-cache", "--baseline", "nope.json", "docs")
    assert done.returncode == 2 and "nope.json: baseline file not found" in done.stderr


def test_baseline_is_not_written_when_a_file_cannot_be_read(archive: Path):
    (archive / "docs" / "bad.md").write_bytes(b"# x\n\xff\xfe\x00 binary")
    done = blamelint(archive, "baseline", "docs")
    assert done.returncode == 2 and not (archive / ".blamelint-baseline.json").exists()


def test_write_is_atomic_and_leaves_no_temporary_file(archive: Path):
    blamelint(archive, "baseline", "docs")
    blamelint(archive, "baseline", "docs")
    assert sorted(
        p.name for p in archive.iterdir() if p.name.startswith(".blamelint-baseline")
    ) == [".blamelint-baseline.json"]
