"""`blamelint report` on a generated archive: prints figures, asserts nothing.

    python bench/report_bench.py [--docs 200] [--seed 7]

The archive is bench/generate.py's corpus with each postmortem moved to one of twelve months
and given the timeliness lines (resolved, review meeting, published), so that every part of
the page has data. Measured, in fresh processes with one cache folder: the first report
(cache empty: every file linted), the report again (cache warm: the figure that matters),
`check` and `actions` on the same archive for comparison; then in-process with the cache
warm, where the CPU time goes (lint from the cache, collect actions and metadata, build the
data, render the HTML).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import generate  # noqa: E402

TODAY = "2026-12-31"
CLI = Path(sys.executable).with_name("blamelint")


def archive(count: int, seed: int) -> list[tuple[str, str]]:
    """The generated corpus, dated over 2026 and with the timeliness metadata lines."""
    rng = random.Random(seed)
    documents = []
    for index, (name, text) in enumerate(generate.corpus(count, seed)):
        month, day = 1 + index % 12, rng.randint(1, 20)
        date = f"2026-{month:02d}-{day:02d}"
        review = f"2026-{month:02d}-{day + rng.choice((1, 1, 2, 4)):02d} 10:00 UTC"
        published = f"2026-{month:02d}-{day + rng.choice((3, 4, 5, 8)):02d}"
        lines = (
            f"**Date**: {date}\n**Resolved**: {date} 15:00 UTC\n**Review meeting**: {review}\n"
            f"**Meeting duration**: 60 min\n**Published**: {published}\n"
        )
        text = re.sub(r"^\*\*Date\*\*: 2026-02-\d\d\n", lines, text, count=1, flags=re.M)
        due = f"{2026 + month // 12}-{month % 12 + 1:02d}"  # the month after the incident
        text = text.replace("due: 2026-03-", f"due: {due}-")
        # Most actions of older incidents are done; the recent ones are still open.
        old = month < 11
        text = re.sub(
            r"^- \[ \] ",
            lambda _, old=old: "- [x] " if old and rng.random() < 0.7 else "- [ ] ",
            text,
            flags=re.M,
        )
        documents.append((name, text))
    return documents


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one CLI run in a fresh process: on a shared machine the
    CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(CLI), *args], cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"blamelint {' '.join(args)} failed:\n{done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def in_process(folder: Path, cache: Path) -> dict[str, float]:
    import datetime as dt

    from blamelint.run.runner import RunOptions, run
    from blamelint.workflow.archive_html import render_html
    from blamelint.workflow.archive_report import PostmortemFacts, ReportInput, build_report
    from blamelint.workflow.tracker import collect

    options = RunOptions(cache=True, cache_dir=cache, jobs="auto")
    os.chdir(folder)
    figures: dict[str, float] = {}
    start = time.process_time()
    result = run(["archive"], options)
    figures["lint (cache hits)"] = time.process_time() - start
    start = time.process_time()
    collection = collect(["archive"], options)
    figures["collect actions and metadata"] = time.process_time() - start
    start = time.process_time()
    data = build_report(
        ReportInput(
            facts=[PostmortemFacts.from_document(d) for d in collection.documents],
            findings=result.findings,
            actions=collection.actions,
            today=dt.date.fromisoformat(TODAY),
            fail_levels=result.fail_levels,
        )
    )
    figures["build the report data"] = time.process_time() - start
    start = time.process_time()
    html = render_html(data, folder)
    figures["render the HTML"] = time.process_time() - start
    figures["page size (KB)"] = len(html.encode("utf-8")) / 1024
    figures["findings"] = len(result.findings)
    figures["actions"] = len(collection.actions)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents = archive(args.docs, args.seed)
        generate.write(folder / "archive", documents)
        words = sum(len(text.split()) for _, text in documents)
        cache = folder / "cache"
        common = ["--today", TODAY, "--cache-dir", str(cache)]
        load = os.getloadavg()[0]
        print(f"archive: {len(documents)} postmortems, {words:,} words; load {load:.2f}")
        runs = {
            "report, cache empty (lints all)": ["report", "archive", "-o", "r.html", *common],
            "report, cache warm": ["report", "archive", "-o", "report.html", *common],
            "check, cache warm": ["check", "archive", "--cache-dir", str(cache)],
            "actions": ["actions", "archive", "--today", TODAY],
        }
        print("| run (fresh process) | wall s | CPU s |")
        print("|---|---|---|")
        for name, command in runs.items():
            wall, cpu = timed(command, folder)
            print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
        size = (folder / "report.html").stat().st_size / 1024
        print(f"page: {size:,.0f} KB")
        print()
        figures = in_process(folder, cache)
        print("| in-process, cache warm (CPU time) | value |")
        print("|---|---|")
        for name, value in figures.items():
            shown = (
                f"{value:,.0f}"
                if name in ("findings", "actions", "page size (KB)")
                else (f"{value * 1000:,.0f} ms")
            )
            print(f"| {name} | {shown} |")
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
