"""The report in a real browser: headless Chromium loads it, runs its script, takes a screenshot.

Skipped when no Chromium is installed (Debian: `apt-get install chromium`; elsewhere set
BLAMELINT_CHROMIUM to the browser's path).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.cli.main import main

from .report_archive import TODAY, write_archive

pytestmark = pytest.mark.slow
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str | None:
    configured = os.environ.get("BLAMELINT_CHROMIUM")
    if configured:
        return configured
    return next((found for name in NAMES if (found := shutil.which(name))), None)


BROWSER = _browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless Chromium found (Debian: apt-get install chromium; or set "
    "BLAMELINT_CHROMIUM to its path)",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    archive = write_archive(root)
    out = root / "report.html"
    result = CliRunner().invoke(main, ["report", str(archive), "--today", TODAY, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # tests may run as root in containers
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@needs_browser
def test_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    done = chromium(report, tmp_path / "profile", "--window-size=1280,1800", f"--screenshot={shot}")
    assert shot.is_file(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1800)
    assert len(data) > 50_000  # a rendered page, not a blank one


@needs_browser
def test_only_the_reports_own_script_runs(report, tmp_path):
    done = chromium(report, tmp_path / "profile", "--dump-dom")
    dom = done.stdout
    assert "<html" in dom, done.stderr[-2000:]
    # The page's script ran (the CSP allows it by hash): sort buttons and visible filters.
    assert '<button type="button" class="sort">' in dom
    assert '<form class="filters" data-filter-for="overview-table">' in dom
    assert "shown</output>" in dom
    # A postmortem's `document.title="pwned"` did not.
    assert "<title>Postmortem archive · 2026-03-20</title>" in dom
    assert "pwned</title>" not in dom
