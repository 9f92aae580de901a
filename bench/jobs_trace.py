"""Where the wall time of `blamelint check --jobs N` goes; prints figures, asserts nothing.

    python bench/jobs_trace.py DOCS_DIR [--jobs auto] [--rounds 3] [--before TREE]

Each round runs `check -q --no-cache --jobs N DOCS_DIR` in a fresh process with a few
functions wrapped (nothing else changes): the parent's wall and CPU seconds when it starts the
workers (imports, configuration, reading, language guesses, the models loaded before forking),
each model load (where and how long), what the preparer did meanwhile (documents, CPU),
each worker's units (documents, CPU), when each worker
finished, and the whole run's wall and CPU (the process tree's rusage). The *CPU critical path*
(the parent's CPU before the workers start, plus the busiest worker's CPU) is what the wall
would be on an idle machine; the gap between the workers' ends says how even the split was.
On a shared machine read the CPU figures: the walls follow the other processes.

With `--before TREE` (a `git archive` copy of another commit) the two trees run in alternating
rounds (paired), each from its own folder (the current folder comes first on sys.path).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "@@trace"

# Runs in the measured process: wraps what the parent and the workers do, then runs the CLI.
BOOT = r"""
import os, sys, time
T0 = time.perf_counter()
def mark(*what):  # one write per line: the workers share the parent's stderr
    line = " ".join(["@@trace", str(os.getpid()), f"{time.perf_counter() - T0:.4f}",
                     f"{time.process_time():.4f}", *map(str, what)])
    os.write(2, (line + "\n").encode())
import blamelint.nlp.engine as engine
import blamelint.run.parallel as parallel
real_load, real_share, real_pool = engine._load, parallel._run_share, parallel.ProcessPoolExecutor
def _load(name, language, components):
    mark("load-start", language)
    try:
        return real_load(name, language, components)
    finally:
        mark("load-end", language)
def _run_share(indexes):
    mark("unit-start", len(indexes))
    try:
        return real_share(indexes)
    finally:
        mark("unit-end", len(indexes))
class Pool(real_pool):
    def __init__(self, *args, **kwargs):
        mark("fork")
        super().__init__(*args, **kwargs)
engine._load, parallel._run_share, parallel.ProcessPoolExecutor = _load, _run_share, Pool
try:  # the preparer (run/prepare), in trees that have one
    import resource
    from blamelint.run.prepare import Preparer
except ImportError:
    Preparer = None
if Preparer is not None:
    real_results = Preparer.results
    def results(self, *args, **kwargs):
        found = real_results(self, *args, **kwargs)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)  # the preparer: the only child yet
        mark("prepared", len(found), f"{done.ru_utime + done.ru_stime:.4f}")
        return found
    Preparer.results = results
from blamelint.cli.main import main
try:
    main(sys.argv[1:])
finally:
    mark("exit")
"""


def run_once(tree: Path, docs: str, jobs: str) -> dict:
    command = [sys.executable, "-c", BOOT, "check", "-q", "--no-cache", "--jobs", jobs, docs]
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"check failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    events = []
    for line in done.stderr.splitlines():
        if line.startswith(MARK):
            _, pid, at, used, *what = line.split()
            events.append((int(pid), float(at), float(used), what))
    parent = next((pid for pid, _, _, what in events if what[0] == "exit"), None)
    fork = next(((at, used) for pid, at, used, what in events if what[0] == "fork"), None)
    workers: dict[int, dict] = {}
    loads = []
    prepared = ""
    starts: dict[tuple[int, str], float] = {}
    for pid, at, used, what in events:
        if what[0] == "unit-end":
            w = workers.setdefault(pid, {"units": 0, "docs": 0})
            w["units"] += 1
            w["docs"] += int(what[1])
            w["cpu"], w["end"] = used, at
        elif what[0] == "prepared":
            prepared = f"{what[1]} docs prepared ({float(what[2]):.2f} s CPU)"
        elif what[0] == "load-start":
            starts[(pid, what[1])] = used
        elif what[0] == "load-end":
            where = "parent" if pid == parent else "worker"
            loads.append(f"{what[1]} in {where} {used - starts[(pid, what[1])]:.2f}")
    result = {
        "wall": wall,
        "cpu": cpu,
        "loads": loads,
        "prepared": prepared,
        "workers": sorted(workers.values(), key=lambda w: w["end"]),
    }
    if fork is not None and workers:
        result["fork_wall"], result["fork_cpu"] = fork
        ends = [w["end"] for w in workers.values()]
        result["gap"] = max(ends) - min(ends)
        result["critical"] = fork[1] + max(w["cpu"] for w in workers.values())
    return result


def show(name: str, r: dict) -> str:
    text = f"{name}: wall {r['wall']:.2f} cpu {r['cpu']:.2f}"
    if "critical" in r:
        per = ", ".join(
            f"{w['cpu']:.2f} ({w['units']} units, {w['docs']} docs)" for w in r["workers"]
        )
        text += (
            f" | parent until fork {r['fork_cpu']:.2f} cpu ({r['fork_wall']:.2f} wall)"
            f" | workers cpu {per} | ends {r['gap']:.2f} s apart"
            f" | cpu critical path {r['critical']:.2f}"
        )
    if r["loads"]:
        text += " | loads: " + ", ".join(r["loads"])
    if r["prepared"]:
        text += " | " + r["prepared"]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs")
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another source tree, run alternately")
    args = parser.parse_args()
    trees = {"after": ROOT}
    if args.before is not None:
        trees = {"before": args.before.resolve(), "after": ROOT}
    for tree in trees.values():  # as an installed package is (see bench/real_bench.py)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "blamelint")],
            capture_output=True,
        )
    print(f"check -q --no-cache --jobs {args.jobs} {args.docs}; load {os.getloadavg()[0]:.2f}")
    results: dict[str, list[dict]] = {name: [] for name in trees}
    for round_ in range(args.rounds):
        order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
        for name in order:
            r = run_once(trees[name], args.docs, args.jobs)
            results[name].append(r)
            print(f"round {round_ + 1} (load {os.getloadavg()[0]:.2f}) {show(name, r)}", flush=True)
    print()
    print("| tree | wall median | CPU median | CPU critical path median | workers' ends apart |")
    print("|---|---|---|---|---|")
    for name, rs in results.items():
        cells = [statistics.median(r[k] for r in rs) for k in ("wall", "cpu")]
        cells += [
            statistics.median(r[k] for r in rs) if all(k in r for r in rs) else float("nan")
            for k in ("critical", "gap")
        ]
        print(f"| {name} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
