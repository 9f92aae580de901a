"""The NLP stage without spaCy: the detectors' CPU on spaCy Docs made once (issues 13, 15).

    python bench/detectors.py DOCS_DIR [--rounds 3] [--profile 40] [--sort tottime]

Runs the NLP stage of `lint_jobs` once to make the spaCy Docs, then again `--rounds` times
on the same Docs (each Doc's views and Token lists dropped first, so every round builds
them as a first run does) and prints the lowest and the mean CPU time: planning, names,
blame and the other NLP rules, without `engine.analyze`; and the full (generation 2)
garbage collections during the rounds with their CPU (the lowest round can dodge them).
`--profile N` then prints the N heaviest functions of one more round under cProfile (which
inflates small, frequent calls: read its shares, not its seconds). Run it on two trees
(`PYTHONPATH=TREE python bench/detectors.py ...`) in alternating order to compare them on a
shared machine.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import time
from pathlib import Path

import blamelint.nlp.engine as engine
import blamelint.run.lint as lint
from blamelint.base.errors import BlamelintError
from blamelint.nlp.docview import known_text
from blamelint.run.config import default_config


def main() -> None:
    parser = argparse.ArgumentParser(description="detectors' CPU on cached spaCy Docs")
    parser.add_argument("docs", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    config = default_config()
    items = []
    for path in sorted(args.docs.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        try:
            lint.document_for(str(path), text, config)
        except BlamelintError:
            continue
        items.append((str(path), text))

    def jobs() -> list:
        return [lint.Job(lint.document_for(p, t, config), config) for p, t in items]

    real = engine.analyze
    made: dict[tuple, list] = {}

    def cached(texts, **kwargs):
        texts = list(texts)
        key = (tuple(texts), kwargs["language"], kwargs.get("model"))
        if key not in made:
            made[key] = real(texts, **kwargs)
        docs = made[key]
        for doc, text in zip(docs, texts, strict=True):
            if doc is not None:  # as the engine hands it over: only its text is known
                doc.user_data.clear()
                known_text(doc, text)
        return docs

    engine.analyze = cached
    lint._nlp_findings(jobs())  # the models loaded, the Docs made
    collected = [0, 0.0, 0.0]  # full collections, their CPU seconds, when the last began

    def count(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            collected[2] = time.process_time()
        else:
            collected[0] += 1
            collected[1] += time.process_time() - collected[2]

    gc.callbacks.append(count)
    times = []
    for _ in range(args.rounds):
        built = jobs()
        start = time.process_time()
        lint._nlp_findings(built)
        times.append(time.process_time() - start)
    gc.callbacks.remove(count)
    best, mean = min(times), sum(times) / len(times)
    print(
        f"{len(items)} files; detectors on cached Docs: {best:.2f} s CPU (best of {args.rounds}); "
        f"mean {mean:.2f} s; full GC collections {collected[0]} ({collected[1]:.2f} s in all)"
    )
    if args.profile:
        built = jobs()
        profile = cProfile.Profile()
        profile.enable()
        lint._nlp_findings(built)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.profile)


if __name__ == "__main__":
    main()
