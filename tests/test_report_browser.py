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


# Clicks the Date header and types in the filter, then leaves what it saw on <body>. Run on a
# copy of the page without its CSP (which would rightly refuse this second script).
_HARNESS = """<script>
var table = document.getElementById("overview-table");
table.tHead.rows[0].cells[1].querySelector("button").click();
var order = [].map.call(table.tBodies[0].rows, function (r) { return r.cells[1].textContent.trim(); });
var input = document.querySelector('[data-filter-for="overview-table"] input');
input.value = "billing";
input.dispatchEvent(new Event("input"));
var shown = [].filter.call(table.tBodies[0].rows, function (r) { return !r.hidden; }).length;
var count = document.querySelector('[data-filter-for="overview-table"] output').textContent;
document.body.setAttribute("data-seen", JSON.stringify({order: order, shown: shown, count: count}));
</script>
</body>"""


@needs_browser
def test_sorting_and_filtering_work_in_the_browser(report, tmp_path):
    import html
    import json
    import re

    page = report.read_text(encoding="utf-8")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    harness = tmp_path / "harness.html"
    harness.write_text(page.replace("</body>", _HARNESS), encoding="utf-8")
    done = chromium(harness, tmp_path / "profile", "--dump-dom")
    found = re.search(r'data-seen="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    seen = json.loads(html.unescape(found.group(1)))
    # Oldest first; the undated postmortem sorts last either way.
    assert seen["order"] == ["2026-01-12", "2026-02-20", "2026-03-02", "–"]
    assert (seen["shown"], seen["count"]) == (1, "1 shown")
