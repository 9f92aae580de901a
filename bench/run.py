"""blamelint benchmark: prints figures, asserts nothing (tests never time things).

    python bench/run.py [--docs 500] [--nlp-docs 100] [--max-size 1000000] [--out FILE]

Sections, all measured in one run on the same generated corpus (bench/generate.py):
1. NLP stage (spaCy analysis + NLP rules, inside lint_jobs) against raw `nlp.pipe` over the
   same texts with the same loaded pipeline, in-process and warm;
2. end to end through the CLI in fresh processes: --jobs 1 (filling the cache), the cache-hit
   rerun, --jobs 2; documents/s, words/s and peak memory of the process tree;
3. one-file cold start (a fresh process, no cache), English and French;
4. time against document size, in-process.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import generate  # noqa: E402

# The CLI runs from a copy of the package taken at the start, so that edits landing in the
# working tree during the run (the cache key hashes blamelint's code) cannot skew the figures.
SNAPSHOT: Path | None = None


def snapshot(folder: Path) -> Path:
    import shutil

    for name in ("blamelint", "rules", "schemas"):
        shutil.copytree(
            HERE.parent / name, folder / name, ignore=shutil.ignore_patterns("_*cache*")
        )
    return folder


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    from importlib.metadata import version

    return (
        f"{model}, {len(os.sched_getaffinity(0))} cores, {memory} GiB RAM, "
        f"Python {platform.python_version()}, spaCy {version('spacy')}, {platform.system()}"
    )


# ----- peak memory of a process tree ----------------------------------------------------------


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def timed_cli(args: list[str]) -> tuple[float, int, int]:
    """(wall seconds, peak RSS of the process tree in MB, exit code) of one CLI run."""
    command = [sys.executable, "-m", "blamelint.cli.main", *args]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=SNAPSHOT or HERE.parent
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command} failed:\n{stderr.decode()}")
    return wall, peak // (1024 * 1024), process.returncode


# ----- 1. NLP stage against raw nlp.pipe ------------------------------------------------------


def nlp_stage(documents: list[tuple[str, str]]) -> dict[str, float]:
    import blamelint.nlp.engine as nlp
    import blamelint.run.lint as engine

    calls: list[tuple[list[str], str, frozenset[str]]] = []
    spent = {"analyze": 0.0, "stage": 0.0}
    real_analyze, real_stage = nlp.analyze, engine._nlp_findings

    def analyze(texts, *, language, model=None, components, **kwargs):
        calls.append((list(texts), language, frozenset(components)))
        start = time.perf_counter()
        try:
            return real_analyze(
                texts, language=language, model=model, components=components, **kwargs
            )
        finally:
            spent["analyze"] += time.perf_counter() - start

    def stage(jobs):
        start = time.perf_counter()
        try:
            return real_stage(jobs)
        finally:
            spent["stage"] += time.perf_counter() - start

    nlp.analyze, engine._nlp_findings = analyze, stage
    try:
        engine.lint_texts(documents)  # warm-up: loads the models, fills the tokenizer caches
        calls.clear()
        spent.update(analyze=0.0, stage=0.0)
        start = time.perf_counter()
        engine.lint_texts(documents)
        total = time.perf_counter() - start
    finally:
        nlp.analyze, engine._nlp_findings = real_analyze, real_stage
    raw = 0.0
    words = 0
    for texts, language, components in calls:
        pipeline = nlp._loaded[nlp.resolve_model(language)]
        pipes = nlp.pipes_for(components, pipeline.pipe_names)
        words += sum(len(t.split()) for t in texts)
        with pipeline.select_pipes(enable=pipes):
            start = time.perf_counter()
            for _ in pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE):
                pass
            raw += time.perf_counter() - start
    return {
        "total": total,
        "stage": spent["stage"],
        "analyze": spent["analyze"],
        "raw": raw,
        "nlp_words": words,
        "segments": sum(len(c[0]) for c in calls),
        "pipes": ";".join(
            f"{lang}:{'+'.join(sorted(components))}" for _, lang, components in calls
        ),
    }


# ----- 4. size scaling ------------------------------------------------------------------------


def scaling(max_size: int) -> list[tuple[int, float, float, float | None]]:
    from dataclasses import replace

    from blamelint.rules import kinds
    from blamelint.run.config import default_config
    from blamelint.run.lint import Job, document_for, lint_jobs

    rows = []
    full = default_config()
    no_nlp = replace(
        full,
        rules=tuple(
            r.with_settings(enabled=r.enabled and not kinds.kind_of(r).nlp) for r in full.rules
        ),
    )
    size = 1000
    while size <= 10_000_000:
        text = generate.of_size(size)
        start = time.perf_counter()
        document = document_for("big.md", text, no_nlp)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        lint_jobs([Job(document, no_nlp)])
        rules = time.perf_counter() - start
        whole = None
        if size <= max_size:
            start = time.perf_counter()
            lint_jobs([Job(document_for("big.md", text, full), full)])
            whole = time.perf_counter() - start
        rows.append((size, parse, rules, whole))
        size *= 10
    return rows


# ----- report ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="blamelint benchmark (prints figures)")
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--nlp-docs", type=int, default=100)
    parser.add_argument("--max-size", type=int, default=1_000_000, help="largest full NLP size")
    parser.add_argument("--repeat", type=int, default=5, help="cold-start runs per language")
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()

    lines = [f"machine: {machine()}; load average at start {os.getloadavg()[0]:.2f}", ""]

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    documents = generate.corpus(args.docs)
    words = sum(len(text.split()) for _, text in documents)
    french = sum(1 for name, _ in documents if name.startswith("fr/"))
    print(lines[0], flush=True)
    say(f"corpus: {len(documents)} postmortems ({french} French), {words:,} words")
    say()

    stage = nlp_stage(documents[: args.nlp_docs])
    say(f"## NLP stage vs raw nlp.pipe ({args.nlp_docs} documents, warm, in-process)")
    say(f"pipelines: {stage['pipes']}; {stage['segments']:,} segments")
    say("| measure | seconds | words/s | ratio to raw |")
    say("|---|---|---|---|")
    for label, key in (
        ("raw nlp.pipe, same texts and pipes", "raw"),
        ("blamelint analysis (nlp.analyze)", "analyze"),
        ("NLP stage (analysis + NLP rules)", "stage"),
        ("whole lint_jobs (parsed documents in)", "total"),
    ):
        seconds = stage[key]
        rate = stage["nlp_words"] / seconds if seconds else 0
        ratio = seconds / stage["raw"] if stage["raw"] else float("nan")
        say(f"| {label} | {seconds:.2f} | {rate:,.0f} | {ratio:.2f}x |")
    say()

    global SNAPSHOT
    with tempfile.TemporaryDirectory(prefix="blamelint-bench-") as tmp:
        SNAPSHOT = snapshot(Path(tmp) / "code")
        folder = Path(tmp) / "docs"
        generate.write(folder, documents)
        cache = Path(tmp) / "cache"
        say(f"## End to end, fresh processes ({len(documents)} documents)")
        say("| run | seconds | docs/s | words/s | peak RSS (tree) MB |")
        say("|---|---|---|---|---|")
        runs = {}
        for label, extra in (
            ("--jobs 1, empty cache", ["--jobs", "1", "--cache-dir", str(cache)]),
            ("cache-hit rerun", ["--jobs", "1", "--cache-dir", str(cache)]),
            ("--jobs 2, no cache", ["--jobs", "2", "--no-cache"]),
        ):
            wall, peak, _ = timed_cli(["check", "-q", "--format", "json", *extra, str(folder)])
            runs[label] = wall
            say(
                f"| {label} | {wall:.2f} | {len(documents) / wall:,.1f} | {words / wall:,.0f} "
                f"| {peak} |"
            )
        say()
        one = runs["--jobs 1, empty cache"]
        say(f"--jobs 2 speed-up over --jobs 1: {one / runs['--jobs 2, no cache']:.2f}x")
        say(f"cache-hit rerun speed-up over the first run: {one / runs['cache-hit rerun']:.1f}x")
        say()

        say(f"## One-file cold start (fresh process, --no-cache, median of {args.repeat})")
        say("| file | words | median s | min-max s | peak RSS MB |")
        say("|---|---|---|---|---|")
        for language in ("en", "fr"):
            text = generate.postmortem(generate.random.Random(3), language, 800)
            path = Path(tmp) / f"one-{language}.md"
            path.write_text(text, encoding="utf-8")
            results = [timed_cli(["check", "-q", "--no-cache", str(path)]) for _ in range(3)]
            results += [
                timed_cli(["check", "-q", "--no-cache", str(path)]) for _ in range(args.repeat - 3)
            ]
            walls = [r[0] for r in results]
            say(
                f"| {language} | {len(text.split())} | {statistics.median(walls):.2f} | "
                f"{min(walls):.2f}-{max(walls):.2f} | {max(r[1] for r in results)} |"
            )
        say()

    say("## Time against document size (in-process, English, one document)")
    say("| size | parse s | rules without NLP s | all rules s | all rules µs/byte |")
    say("|---|---|---|---|---|")
    for size, parse, rules, whole in scaling(args.max_size):
        full = f"{whole:.2f}" if whole is not None else "-"
        per = f"{whole / size * 1e6:.1f}" if whole is not None else "-"
        say(f"| {size:,} | {parse:.3f} | {rules:.3f} | {full} | {per} |")
    say()
    say(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine skews)")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
