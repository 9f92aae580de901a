"""Large hostile-but-valid inputs: time and peak memory of one `check` per file (issue 9, item 11).

    python bench/large_inputs.py [--cases paragraph2mb,names1mb,headings,prose5mb] [--timeout 900]

Each case is written to a temporary folder and linted by a fresh process
(`blamelint check --no-cache --format json`); the figures are wall time, CPU time (steadier
than wall time on a shared machine), CPU µs per input byte and the child's peak resident
memory (getrusage of the waited child). Prints figures,
asserts nothing (tests never time things). The documents are deterministic (bench/generate.py
sentence templates, fixed seed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

MIB = 1024 * 1024


def _prose(size: int, rng: random.Random, paragraph_words: int | None) -> str:
    """English prose of about `size` bytes: one paragraph, or paragraphs of ~N words."""
    parts: list[str] = []
    total = 0
    words = 0
    while total < size:
        sentence = generate._sentence(rng, "en")
        words += sentence.count(" ") + 1
        if paragraph_words is not None and words > paragraph_words:
            parts.append("\n\n")
            total += 2
            words = 0
        elif parts:
            parts.append(" ")
            total += 1
        parts.append(sentence)
        total += len(sentence.encode("utf-8"))
    return "".join(parts)


def _headed(body: str) -> str:
    return "# Incident 42: large input\n\n## Summary\n\n" + body + "\n"


def case_paragraph(size: int) -> str:
    return _headed(_prose(size, random.Random(7), None))


def case_headings(count: int) -> str:
    return "".join(f"## Heading {i}\n\n" for i in range(count))


def case_prose(size: int) -> str:
    return _headed(_prose(size, random.Random(11), 120))


def case_roster() -> str:
    """A short postmortem; the config (written beside it) names 16,000 people."""
    return _headed(_prose(2_600, random.Random(5), 120))


ROSTER_CONFIG = "people_file: people.txt\n"
ROSTER = "".join(f"Given{i} Family{i}\n" for i in range(16_000))

CASES = {
    "paragraph2mb": ("one 2 MB paragraph, all rules", lambda: case_paragraph(2_000_000), ()),
    "names1mb": (
        "one 1 MB paragraph, names rule only",
        lambda: case_paragraph(1_000_000),
        ("--select", "BL301"),
    ),
    "headings": ("200,000 headings, all rules", lambda: case_headings(200_000), ()),
    "prose5mb": ("4.9 MB of prose paragraphs, all rules", lambda: case_prose(int(4.9 * MIB)), ()),
    "roster16k": ("2.6 KB postmortem, 16,000-name people_file", case_roster, ()),
}


def run_case(path: Path, extra: tuple[str, ...], timeout: float) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, outcome) of one fresh `blamelint check` process."""
    command = [
        sys.executable,
        "-c",
        "from blamelint.cli.main import entry; entry()",
        "check",
        "--no-cache",
        "--format",
        "json",
        *extra,
        str(path),
    ]
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=path.parent
    )
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return time.perf_counter() - start, _children_peak_mib(), f"killed after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    # communicate() has reaped the child: its usage is in RUSAGE_CHILDREN; take it per case by
    # running each case in its own intermediate process (see main).
    peak = _children_peak_mib()
    if child.returncode not in (0, 1):
        return seconds, peak, f"exit {child.returncode}: {err.decode(errors='replace')[-200:]}"
    try:
        findings = len(json.loads(out)["findings"])
    except (ValueError, KeyError, TypeError):
        findings = -1
    return seconds, peak, f"exit {child.returncode}, {findings} findings"


def _children_peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _children_cpu() -> float:
    """CPU seconds of the reaped child: steadier than wall time on a shared machine."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _one(name: str, timeout: float, folder: Path) -> None:
    """Runs in its own process so RUSAGE_CHILDREN holds this case's child only."""
    title, build, extra = CASES[name]
    folder = folder / name  # its own folder: a case's config applies to it alone
    folder.mkdir()
    if name == "roster16k":
        (folder / ".blamelint.yaml").write_text(ROSTER_CONFIG, encoding="utf-8")
        (folder / "people.txt").write_text(ROSTER, encoding="utf-8")
    path = folder / f"{name}.md"
    path.write_text(build(), encoding="utf-8")
    size = path.stat().st_size
    seconds, peak, outcome = run_case(path, extra, timeout)
    cpu = _children_cpu()
    per_byte = cpu / size * 1e6
    print(
        f"| {title} | {size:,} | {seconds:.1f} | {cpu:.1f} | {per_byte:.1f} | {peak:,.0f} "
        f"| {outcome} |"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one, args.timeout, Path(args.folder))
        return
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print("| case | bytes | wall s | CPU s | CPU µs/byte | peak RSS MiB | outcome |")
    print("|---|---|---|---|---|---|---|")
    sys.stdout.flush()
    with tempfile.TemporaryDirectory(prefix="blamelint-large-") as folder:
        for name in args.cases.split(","):
            command = [sys.executable, __file__, "--one", name, "--folder", folder]
            subprocess.run([*command, "--timeout", str(args.timeout)], check=False)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
