"""The built wheel carries rules/ and schemas/ and lints from a fresh environment."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("blamelint-*.whl")
    return built


def test_wheel_contains_rule_data_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "blamelint/_data/rules/structure.yaml" in names
    assert "blamelint/_data/rules/data/sections.yaml" in names
    assert "blamelint/_data/schemas/config.schema.json" in names
    assert "blamelint/_data/schemas/rules.schema.json" in names
    assert any(n.startswith("blamelint/_data/rules/wordlists/") for n in names)
    assert "blamelint/workflow/templates/postmortem-fr.md" in names
    assert "blamelint/workflow/templates/report.html.j2" in names
    assert "blamelint/workflow/templates/report.js" in names
    assert "blamelint/_data/schemas/report.schema.json" in names


def test_installed_wheel_lints_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Dependencies (spaCy and its models) come from this environment; blamelint from the wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    where = subprocess.run(
        [str(python), "-c", "import blamelint.base.resources as r; print(r.rules_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(str(venv)), where
    sample = tmp_path / "pm.md"
    sample.write_text((ROOT / "examples" / "postmortem-fr-non-conforme.md").read_text("utf-8"))
    result = subprocess.run(
        [str(venv / "bin" / "blamelint"), "--format", "json", str(sample)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    rules = {f["name"] for f in json.loads(result.stdout)["findings"]}
    assert {"missing-section", "placeholder", "personal-name", "human-error"} <= rules
