"""Benchmark blamelint's NLP stage against raw spaCy on the same prose (not a test).

Prints, in one run on this machine:
- model load time per language (fresh load, with the components the enabled rules need);
- words/s of raw `nlp.pipe` over the corpus prose, with the same loaded pipeline;
- words/s of blamelint's NLP stage (segment selection, batched analysis, every names and
  blame rule) over the same prose, and the overhead ratio (aim: <= 1.2x);
- end-to-end time of `lint_texts` on the corpus documents, and of a fresh `blamelint check`.

    python bench/nlp_bench.py [--repeat N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blamelint.nlp.engine import NlpEngine  # noqa: E402
from blamelint.run import lint as engine  # noqa: E402
from blamelint.run.config import resolve  # noqa: E402
from blamelint.run.lint import Job, document_for, lint_texts  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "docs"


def _docs(repeat: int) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(CORPUS.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        for k in range(repeat):
            out.setdefault(path.parent.name, []).append((f"{path.stem}-{k}.md", text))
    return out


def _best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _bench_language(language: str, items: list[tuple[str, str]], config, rounds: int) -> None:
    local = replace(config, language=language)
    jobs = [Job(document_for(path, text, local), local) for path, text in items]
    nlp_rules = engine._nlp_rules(jobs[0])
    components = frozenset().union(*(k.needs for _, k in nlp_rules))
    texts = []
    for job in jobs:
        languages = engine._segment_languages(job)
        for index in engine._wanted_segments(job, nlp_rules, languages):
            texts.append(job.document.segments[index].text)
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    nlp = NlpEngine().load(language, components)
    load = time.perf_counter() - start
    print(
        f"\n[{language}] model {NlpEngine().identity(language)} load {load:.2f} s; "
        f"pipes {nlp.pipe_names}"
    )
    print(f"[{language}] {len(jobs)} documents, {len(texts)} prose segments, {words} words")

    list(nlp.pipe(texts[:64], batch_size=128))  # warm-up
    raw = _best(lambda: list(nlp.pipe(texts, batch_size=128)), rounds)
    stage = _best(lambda: engine._nlp_findings(jobs), rounds)
    print(f"[{language}] raw nlp.pipe          {words / raw:>9,.0f} words/s ({raw:.2f} s)")
    print(
        f"[{language}] blamelint NLP stage   {words / stage:>9,.0f} words/s ({stage:.2f} s)"
        f"  overhead {stage / raw:.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6, help="copies of the corpus documents")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (median reported)")
    args = parser.parse_args(argv)

    config = resolve({}, None)
    start = time.perf_counter()
    import spacy  # noqa: F401 - timed on its own: every NLP run pays it once

    print(f"import spacy: {time.perf_counter() - start:.2f} s")

    for language, items in _docs(args.repeat).items():
        _bench_language(language, items, config, args.rounds)

    items = [item for group in _docs(1).values() for item in group]
    warm = _best(lambda: lint_texts(items, config=config), args.rounds)
    print(f"\nend-to-end lint_texts on the {len(items)} corpus documents (warm): {warm:.2f} s")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from blamelint.cli.main import main; main()",
            "check",
            "--no-cache",
            str(CORPUS),
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    print(
        f"end-to-end fresh process `blamelint check --no-cache` on the corpus: "
        f"{time.perf_counter() - start:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
