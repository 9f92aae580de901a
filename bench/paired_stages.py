"""Before/after CPU of the NLP stage, in alternating fresh processes (issue 15).

    python bench/paired_stages.py DOCS_DIR --before /tmp/main-tree [--rounds 3]

`--before` is a source tree of blamelint (e.g. `git archive main | tar -x -C /tmp/main-tree`):
each round runs one process on it and one on this checkout, in alternating order, each
timing the NLP stage of `lint_jobs` (and its spaCy part, `engine.analyze`) twice after a
warm-up and keeping the lower CPU time. On a shared machine paired rounds compare the code,
not the load; the best round of each side is printed with every round's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
from pathlib import Path
import blamelint.nlp.engine as engine
import blamelint.run.lint as lint
from blamelint.base.errors import BlamelintError
from blamelint.run.config import default_config

config = default_config()
items = []
for name in json.loads(sys.argv[1]):
    text = Path(name).read_text(encoding="utf-8")
    try:
        lint.document_for(name, text, config)
    except BlamelintError:
        continue
    items.append((name, text))
jobs = lambda: [lint.Job(lint.document_for(p, t, config), config) for p, t in items]
real = engine.analyze
spent = [0.0]
def timed(*args, **kwargs):
    start = time.process_time()
    try:
        return real(*args, **kwargs)
    finally:
        spent[0] += time.process_time() - start
engine.analyze = timed
lint._nlp_findings(jobs())  # warm-up: models loaded
best = None
for _ in range(2):
    built = jobs()
    spent[0] = 0.0
    start = time.process_time()
    lint._nlp_findings(built)
    stage = time.process_time() - start
    if best is None or stage < best[0]:
        best = (stage, spent[0])
print(json.dumps({"stage": best[0], "spacy": best[1], "module": lint.__file__}))
"""


def _run(tree: Path, files: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(files)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="paired before/after NLP stage CPU")
    parser.add_argument("docs", type=Path)
    parser.add_argument("--before", type=Path, required=True, help="blamelint source tree")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(p.resolve()) for p in args.docs.glob("*.md"))
    sides = {"before": args.before.resolve(), "after": ROOT}
    results: dict[str, list[dict]] = {"before": [], "after": []}
    print(f"load {os.getloadavg()[0]:.2f} at the start; {len(files)} files")
    for round_ in range(args.rounds):
        order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
        for side in order:
            result = _run(sides[side], files)
            results[side].append(result)
            print(
                f"round {round_ + 1} {side}: NLP stage {result['stage']:.2f} s CPU, "
                f"spaCy {result['spacy']:.2f}, detectors {result['stage'] - result['spacy']:.2f} "
                f"({Path(result['module']).parent.parent.parent}); load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    print("| side | NLP stage CPU s (best) | spaCy | detectors / the rest |")
    print("|---|---|---|---|")
    for side, runs in results.items():
        best = min(runs, key=lambda r: r["stage"])
        print(
            f"| {side} | {best['stage']:.2f} | {best['spacy']:.2f} | "
            f"{best['stage'] - best['spacy']:.2f} |"
        )
    print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
