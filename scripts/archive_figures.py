"""Figures for issue 14 (useful from the first run on an existing archive).

    python scripts/archive_figures.py CORPUS_DIR [--config FILE] [--init] [--baseline]

Runs `blamelint check` on every Markdown file of CORPUS_DIR (read in place, never copied into
the repository) and prints:

- template findings per document (structure, metadata, actions, timeliness): median and max,
  and the count per rule;
- no-action-items on documents whose actions section lists items (a heading with "action",
  "follow", "remediation", "next steps" or "plan d" over at least one bullet, numbered line or
  table row: a test of its own, independent of blamelint's reader);
- action findings per item (BL501-BL505 on one line): the maximum;
- every timeline-order finding with its line, for a person to judge;
- with --init: the config `blamelint init --from CORPUS_DIR` writes (in a temporary folder) is
  used for the run, and its summary printed;
- with --baseline: a round trip in a temporary copy (in the system temp folder): baseline the
  archive, check (expect 0), add one blameful sentence to one document (expect exactly 1),
  delete a document (expect stale entries), prune.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

TEMPLATE_PREFIXES = ("BL1", "BL2", "BL5", "BL6")
ACTION_ITEM_RULES = {"BL501", "BL502", "BL503", "BL504", "BL505"}
_ACTION_HEADING = re.compile(
    r"^(#{1,6})\s+.*(?:action|follow|remediation|next steps|plan d)", re.IGNORECASE
)
_HEADING = re.compile(r"^(#{1,6})\s")
_LISTED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S|^\s*\|")


def blamelint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    # The console script installed beside this Python (the package has no __main__).
    command = [str(Path(sys.executable).parent / "blamelint"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)


def check(paths: list[str], extra: list[str], cwd: Path | None = None) -> dict:
    result = blamelint(
        "check", "--format", "json", "--exit-zero", "--no-cache", *extra, *paths, cwd=cwd
    )
    # Exit 2 with a report: some files could not be read (listed under "errors").
    if result.returncode not in (0, 1) and not result.stdout.startswith("{"):
        raise SystemExit(f"blamelint failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def lists_actions(path: Path) -> bool:
    level = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        heading = _HEADING.match(line)
        if heading:
            if level is not None and len(heading.group(1)) <= level:
                level = None
            if _ACTION_HEADING.match(line) and level is None:
                level = len(heading.group(1))
            continue
        if level is not None and _LISTED.match(line):
            return True
    return False


def figures(corpus: Path, report: dict) -> dict:
    docs = sorted(corpus.glob("*.md"))
    per_doc = Counter({str(p): 0 for p in docs})
    per_rule: Counter = Counter()
    per_item: Counter = Counter()
    order: list[str] = []
    no_items_listed = []
    for finding in report["findings"]:
        rule = finding["rule"]
        if rule.startswith(TEMPLATE_PREFIXES):
            per_doc[finding["path"]] += 1
            per_rule[f"{rule} {finding['name']}"] += 1
        if rule in ACTION_ITEM_RULES:
            per_item[(finding["path"], finding["line"], rule)] += 1
        if rule == "BL106":
            line = Path(finding["path"]).read_text(encoding="utf-8").splitlines()
            text = line[finding["line"] - 1].strip()[:70]
            order.append(f"{Path(finding['path']).name}:{finding['line']}: {text}")
        if rule == "BL506" and lists_actions(Path(finding["path"])):
            no_items_listed.append(Path(finding["path"]).name)
    items: Counter = Counter()
    for (path, line, _rule), _count in per_item.items():
        items[(path, line)] += 1
    counts = list(per_doc.values())
    return {
        "documents": len(docs),
        "errors": len(report.get("errors", [])),
        "template_median": statistics.median(counts) if counts else 0,
        "template_max": max(counts) if counts else 0,
        "template_total": sum(counts),
        "per_rule": dict(sorted(per_rule.items())),
        "no_action_items_on_listed": no_items_listed,
        "schema_findings_per_item_max": max(
            (n for (p, ln, r), n in per_item.items() if r == "BL501"), default=0
        ),
        "action_rules_per_item_max": max(items.values(), default=0),
        "timeline_order": order,
    }


def run_init(corpus: Path, folder: Path) -> Path:
    result = blamelint("init", "--from", str(corpus), cwd=folder)
    if result.returncode != 0:
        raise SystemExit(f"init --from failed ({result.returncode}): {result.stderr.strip()}")
    print(result.stdout.rstrip())
    return folder / ".blamelint.yaml"


def baseline_round_trip(corpus: Path, config: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        archive = Path(temp) / "archive"
        archive.mkdir()
        for path in sorted(corpus.glob("*.md")):
            shutil.copy(path, archive / path.name)
        if config is not None:
            shutil.copy(config, Path(temp) / ".blamelint.yaml")
        steps: dict = {}
        made = blamelint("baseline", "archive", cwd=Path(temp))
        steps["baseline_exit"] = made.returncode
        steps["baseline_says"] = (
            made.stdout.strip().splitlines()[-1:] + made.stderr.strip().splitlines()[-1:]
        )
        steps["after_baseline"] = check(["archive"], [], cwd=Path(temp))["summary"]["findings"]
        first = sorted(archive.glob("*.md"))[0]
        with first.open("a", encoding="utf-8") as handle:
            handle.write("\n\nThe outage happened because Marc Dubois forgot to renew the cert.\n")
        new = check(["archive"], [], cwd=Path(temp))
        steps["after_new_sentence"] = [
            f"{Path(f['path']).name}:{f['line']} {f['rule']}" for f in new["findings"]
        ]
        second = sorted(archive.glob("*.md"))[1]
        second.unlink()
        stale = blamelint("check", "--format", "json", "--exit-zero", "archive", cwd=Path(temp))
        steps["stale_notice"] = [ln for ln in stale.stderr.splitlines() if "stale" in ln]
        pruned = blamelint("baseline", "--prune", "archive", cwd=Path(temp))
        steps["prune_says"] = (pruned.stdout + pruned.stderr).strip().splitlines()[-1:]
        again = blamelint("check", "--format", "json", "--exit-zero", "archive", cwd=Path(temp))
        steps["stale_after_prune"] = [ln for ln in again.stderr.splitlines() if "stale" in ln]
        return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--init", action="store_true", help="use the config init --from writes")
    parser.add_argument("--baseline", action="store_true", help="baseline round trip")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory() as temp:
        config = args.config
        if args.init:
            config = run_init(corpus, Path(temp))
        extra = ["--config", str(config)] if config else ["--isolated"]
        result = figures(corpus, check([str(corpus)], extra))
        print(json.dumps(result, indent=2, ensure_ascii=False))
        if args.baseline:
            print(json.dumps(baseline_round_trip(corpus, config), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
