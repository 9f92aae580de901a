"""blamelint against a word-list linter (alex) on a real archive; prints figures, asserts nothing.

    ALEX=/tmp/alex/node_modules/.bin/alex python bench/real_bench.py DOCS_DIR [--rounds 3]
        [--skip-e2e] [--out FILE]

DOCS_DIR is read where it lies (its *.md files; nothing is copied). Measured in one run:
1. whole processes on the same files, rounds alternating their order (paired): alex, blamelint
   `--jobs auto`, `--jobs 1`, `--jobs 2`, all `--no-cache`; wall and CPU seconds (the CPU of the
   process tree, from the children's rusage), words/s per core (words / CPU s) and the ratios;
   then the machine's own ceiling for two cores: the archive's two halves linted by two
   `--jobs 1` processes one after the other and both at once (CPU per work with both cores
   busy, and the wall speed-up of a split with nothing shared);
2. one file cold (a fresh `blamelint check --no-cache`) paired with a bare `import spacy` +
   model load in a fresh process;
3. in-process, CPU time: the stages (Markdown parse, language detection, tokenizer and each
   spaCy pipe, detectors = the NLP rules' own work, document rules, reporting), the fraction of
   segments and tokens that go through the NER and the parser, and the NLP stage's CPU per word
   against a raw `nlp.pipe` over the same texts with the same pipes.

Before the whole-process runs, blamelint's modules are byte-compiled (`compileall`, into the
ignored __pycache__ folders), as an installed package's are: an editable install under
PYTHONDONTWRITEBYTECODE=1 would otherwise compile ~100 modules from source in every process
(~0.2 s), which no user pays and a bare spaCy load (whose site-packages are compiled) does not.

alex is found through the ALEX environment variable or on PATH; without it the side-by-side is
skipped with a message (this script never installs anything).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from stages import stage_report  # noqa: E402

REFUSED: set[str] = set()


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def find_alex() -> str | None:
    given = os.environ.get("ALEX")
    if given:
        return given if Path(given).exists() else None
    return shutil.which("alex")


def timed(command: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s of the whole process tree, exit code) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    checked(command, done.returncode, done.stderr)
    return wall, cpu, done.returncode


def checked(command: list[str], returncode: int, stderr: bytes) -> None:
    """Stop on a run that failed (a failed run is fast, never a figure); note a refused file."""
    if returncode not in (0, 1, 2):
        raise SystemExit(f"{command[:3]}... failed ({returncode}):\n{stderr.decode()}")
    if returncode == 2 and stderr.strip():  # a file refused; the others are linted
        REFUSED.add(stderr.decode().strip().splitlines()[0])


def blamelint(*args: str) -> list[str]:
    return [sys.executable, "-m", "blamelint.cli.main", "check", "-q", "--no-cache", *args]


def side_by_side(files: list[str], words: int, rounds: int, say) -> None:
    alex = find_alex()
    commands: dict[str, list[str]] = {}
    if alex is None:
        say("alex not found (set ALEX=/path/to/alex or put it on PATH; e.g. `npm install --prefix")
        say("/tmp/alex alex` then ALEX=/tmp/alex/node_modules/.bin/alex): side-by-side skipped")
        say()
    else:
        commands["alex (one process)"] = [alex, "--quiet", *files]
    commands["blamelint --jobs auto"] = blamelint("--format", "json", *files)
    commands["blamelint --jobs 1"] = blamelint("--jobs", "1", "--format", "json", *files)
    commands["blamelint --jobs 2"] = blamelint("--jobs", "2", "--format", "json", *files)
    labels = list(commands)
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in labels}
    loads = []
    for round_ in range(rounds):
        order = labels if round_ % 2 == 0 else labels[::-1]
        for label in order:
            loads.append(os.getloadavg()[0])
            wall, cpu, _ = timed(commands[label])
            runs[label].append((wall, cpu))
    say(f"## Whole processes, same {len(files)} files, {rounds} alternating rounds, no cache")
    say(f"load average during the runs: {min(loads):.2f}-{max(loads):.2f} (2 cores, shared)")
    say("| run | wall s (median) | CPU s (median) | words/s wall | words/s per core (CPU) |")
    say("|---|---|---|---|---|")
    medians = {}
    for label in labels:
        wall = statistics.median(w for w, _ in runs[label])
        cpu = statistics.median(c for _, c in runs[label])
        medians[label] = (wall, cpu)
        say(f"| {label} | {wall:.2f} | {cpu:.2f} | {words / wall:,.0f} | {words / cpu:,.0f} |")
    say()
    for line in sorted(REFUSED):
        say(f"note: blamelint refused a file and linted the rest (exit 2): {line}")
    one, two = medians["blamelint --jobs 1"], medians["blamelint --jobs 2"]
    say(f"--jobs 2 speed-up over --jobs 1 (wall, medians): {one[0] / two[0]:.2f}x")
    pairs = [
        a[0] / b[0]
        for a, b in zip(runs["blamelint --jobs 1"], runs["blamelint --jobs 2"], strict=True)
    ]
    say(f"  per round: {', '.join(f'{p:.2f}x' for p in pairs)}")
    if "alex (one process)" in medians:
        alex_wall, alex_cpu = medians["alex (one process)"]
        for label in ("blamelint --jobs auto", "blamelint --jobs 1"):
            wall, cpu = medians[label]
            paired = [
                b[0] / a[0] for a, b in zip(runs["alex (one process)"], runs[label], strict=True)
            ]
            say(
                f"{label} / alex: wall {wall / alex_wall:.2f}x (per round "
                f"{', '.join(f'{p:.2f}x' for p in paired)}), CPU {cpu / alex_cpu:.2f}x"
            )
    say()


def concurrent(commands: list[list[str]]) -> tuple[float, float]:
    """(wall s, CPU s of all of them) of fresh processes started together."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    running = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for c in commands
    ]
    errors = [process.communicate()[1] for process in running]
    wall = time.perf_counter() - start
    for command, process, stderr in zip(commands, running, errors, strict=True):
        checked(command, process.returncode, stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def two_at_once(files: list[str], rounds: int, say) -> None:
    """What two busy cores cost this machine: the archive in two halves of equal words, each
    linted by its own `--jobs 1` process, one after the other and then both at once (no fork,
    nothing shared). The CPU the same work takes more when both cores run is the machine's, not
    blamelint's: it bounds what any split, `--jobs 2` included, can gain."""
    sizes = sorted(
        ((len(Path(f).read_text(encoding="utf-8").split()), f) for f in files), reverse=True
    )
    halves: list[list[str]] = [[], []]
    counts = [0, 0]
    for size, path in sizes:  # largest first, each to the lighter half
        lighter = counts.index(min(counts))
        halves[lighter].append(path)
        counts[lighter] += size
    commands = [blamelint("--jobs", "1", "--format", "json", *sorted(h)) for h in halves]
    apart: list[tuple[float, float]] = []
    together: list[tuple[float, float]] = []
    for round_ in range(rounds):
        for mode in ("apart", "together") if round_ % 2 == 0 else ("together", "apart"):
            if mode == "apart":
                runs = [timed(c) for c in commands]
                apart.append((sum(r[0] for r in runs), sum(r[1] for r in runs)))
            else:
                together.append(concurrent(commands))
    say(f"## Two cores at once: two halves ({counts[0]:,} and {counts[1]:,} words), each its own")
    say(f"`--jobs 1` process, one after the other or both at once; {rounds} alternating rounds")
    say(load())
    say("| halves run | wall s (median) | CPU s (median) |")
    say("|---|---|---|")
    for label, runs in (("one after the other", apart), ("both at once", together)):
        wall = statistics.median(w for w, _ in runs)
        say(f"| {label} | {wall:.2f} | {statistics.median(c for _, c in runs):.2f} |")
    inflation = [t[1] / a[1] for a, t in zip(apart, together, strict=True)]
    speedup = [a[0] / t[0] for a, t in zip(apart, together, strict=True)]
    say(
        f"CPU of the same work with both cores busy: {statistics.median(inflation):.2f}x "
        f"(per round {', '.join(f'{x:.2f}x' for x in inflation)}); two processes at once over "
        f"one after the other (wall): {statistics.median(speedup):.2f}x, the most a split of "
        "this archive over two cores gains here"
    )
    say()


def cold(files: list[str], rounds: int, say) -> None:
    from blamelint.document.language import detect
    from blamelint.nlp.engine import resolve_model

    # The median English file, paired with a bare load of the English model: a French file
    # would pair the French model, whose bare load compiles a tokenizer regex blamelint caches.
    texts = {f: Path(f).read_text(encoding="utf-8") for f in files}
    english = [f for f in files if detect(texts[f][:20000]) == "en"] or list(files)
    sizes = sorted((len(texts[f].split()), f) for f in english)
    words, path = sizes[len(sizes) // 2]
    model = resolve_model("en")
    bare = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    one = blamelint(path)
    results: dict[str, list[float]] = {"bare": [], "one": []}
    for round_ in range(rounds):
        for label in ("bare", "one") if round_ % 2 == 0 else ("one", "bare"):
            command = bare if label == "bare" else one
            wall, cpu, _ = timed(command)
            results[label].append(cpu)
            results.setdefault(label + "-wall", []).append(wall)
    say(f"## One file cold ({Path(path).name}, {words:,} words), {rounds} alternating rounds")
    say(f"{load()}")
    say("| run | wall s (median) | CPU s (median) |")
    say("|---|---|---|")
    for label, text in (
        ("bare", f"python -c 'import spacy; spacy.load({model})'"),
        ("one", "blamelint check --no-cache FILE"),
    ):
        wall = statistics.median(results[label + "-wall"])
        say(f"| {text} | {wall:.2f} | {statistics.median(results[label]):.2f} |")
    ratio = statistics.median(results["one"]) / statistics.median(results["bare"])
    wall_ratio = statistics.median(results["one-wall"]) / statistics.median(results["bare-wall"])
    say(f"one file cold / bare spaCy import + load: CPU {ratio:.2f}x, wall {wall_ratio:.2f}x")
    say()


def main() -> None:
    parser = argparse.ArgumentParser(description="blamelint vs alex on a real archive")
    parser.add_argument("docs", type=Path, help="folder of postmortems (*.md), read in place")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-e2e", action="store_true", help="only the in-process stages")
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.docs.glob("*.md"))
    if not files:
        raise SystemExit(f"{args.docs}: no *.md files")
    words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    say(f"archive: {len(files)} postmortems, {words:,} words (whitespace-separated); {load()}")
    say()
    if not args.skip_e2e:
        import compileall

        compileall.compile_dir(str(ROOT / "blamelint"), quiet=1)
        say("blamelint byte-compiled first (as an installed package is)")
        side_by_side(files, words, args.rounds, say)
        two_at_once(files, args.rounds, say)
        cold(files, args.rounds + 2, say)
    stage_report(files, say)
    say(f"{load()} at the end")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
