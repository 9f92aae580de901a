"""In-process stage costs of blamelint on a set of files (CPU seconds), for bench/real_bench.py.

Prints the CPU time of each stage (Markdown parse, of which language detection; document rules;
the NLP stage split into blamelint's analysis and the detectors; reporting), the tokenizer and
each spaCy pipe run alone over the texts the run analysed, the fraction of segments and tokens
that go through the NER and the parser, and the NLP stage's CPU per word against a raw
`nlp.pipe` over the same texts with the same pipes (the two measured in alternating rounds).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sentences import sentence_report  # bench/ is the script's folder: on sys.path

ROUNDS = 3  # alternating NLP stage / raw nlp.pipe measurements


def _cpu(function, *args, **kwargs) -> tuple[float, Any]:
    start = time.process_time()
    value = function(*args, **kwargs)
    return time.process_time() - start, value


class _Recorder:
    """Wraps `blamelint.nlp.engine.analyze`: records each call and its CPU time."""

    def __init__(self, nlp: Any) -> None:
        self.nlp, self.real = nlp, nlp.analyze
        self.calls: list[dict[str, Any]] = []
        self.cpu = 0.0

    def __call__(self, texts, *, language, model=None, components, needs=None, **kwargs):
        texts = list(texts)
        per_text = list(needs) if needs is not None else [frozenset(components)] * len(texts)
        spent, docs = _cpu(
            self.real,
            texts,
            language=language,
            model=model,
            components=components,
            needs=needs,
            **kwargs,
        )
        self.cpu += spent
        self.calls.append(
            {
                "texts": texts,
                "language": language,
                "needs": per_text,
                "docs": docs,
                "model": model,
                "gates": dict(kwargs.get("gates") or {}),
            }
        )
        return docs


def _has_ner(doc: Any) -> bool:
    """Did the NER run on this Doc (every token gets an IOB tag when it does)?"""
    return doc is not None and len(doc) > 0 and doc.has_annotation("ENT_IOB")


def _ner_plan(nlp_module: Any, call: dict[str, Any]) -> list[Any]:
    """Per text of a recorded call: None (no NER), "whole" (NER on the whole Doc) or the
    padded sentence pieces the engine ran the NER on (`nlp/sentence_gate.py`)."""
    from blamelint.nlp import sentence_gate as sg

    pipeline = nlp_module._loaded[nlp_module.resolve_model(call["language"], None)]
    reach = sg.ner_reach(pipeline) if "ner" in pipeline.pipe_names else None
    test = call["gates"].get("ner")
    plans: list[Any] = []
    for need, doc in zip(call["needs"], call["docs"], strict=True):
        if not ("ner" in need and _has_ner(doc)):
            plans.append(None)
            continue
        ranges = sg.cores(doc, test, reach) if reach and test else None
        made = sg.pieces(0, doc, ranges, reach) if ranges else []
        if ranges == []:  # the Doc passed, none of its sentences did: no NER at all
            plans.append(None)
        elif not made or any(sg.piece_doc(doc, piece) is None for piece in made):
            plans.append("whole")
        else:
            plans.append(made)
    return plans


def _ner_size(plan: Any, size: int) -> int:
    """Tokens the NER read for one text: the whole Doc, or its padded pieces."""
    return size if plan == "whole" else sum(piece.end - piece.start for piece in plan)


def _pipe_groups(nlp_module: Any, call: dict[str, Any]) -> tuple[Any, dict[tuple, list[str]]]:
    """The pipeline of one recorded call and its texts grouped by the pipes each got (the NER
    of a Doc run on sentence pieces is a ("ner",) group of the pieces' texts)."""
    pipeline = nlp_module._loaded[nlp_module.resolve_model(call["language"], None)]
    groups: dict[tuple[str, ...], list[str]] = {}
    plans = _ner_plan(nlp_module, call)
    for text, need, doc, plan in zip(
        call["texts"], call["needs"], call["docs"], plans, strict=True
    ):
        if need:
            pipes = tuple(
                p
                for p in nlp_module.pipes_for(frozenset(need), pipeline.pipe_names)
                if p != "ner" or plan == "whole"
            )
            groups.setdefault(pipes, []).append(text)
            if isinstance(plan, list):
                groups.setdefault(("ner",), []).extend(
                    doc[piece.start : piece.end].text for piece in plan
                )
    return pipeline, groups


def _raw_cpu(nlp_module: Any, calls: list[dict[str, Any]]) -> float:
    """CPU s of a raw `nlp.pipe` over the texts the run analysed, with the pipes each got."""
    raw = 0.0
    for call in calls:
        pipeline, groups = _pipe_groups(nlp_module, call)
        for pipes, texts in groups.items():
            with pipeline.select_pipes(enable=list(pipes)):
                spent, _ = _cpu(list, pipeline.pipe(texts, batch_size=128))
                raw += spent
    return raw


def _cold_ruler(nlp_module: Any) -> None:
    """Empty the compiled rulers' memo: each timed stage starts as a fresh process does."""
    for pipeline in nlp_module._loaded.values():
        if "attribute_ruler" in pipeline.pipe_names:
            fast = getattr(pipeline.get_pipe("attribute_ruler"), "_blamelint_fast", None)
            if fast is not None:
                fast.memo.clear()


def _pipe_costs(nlp_module: Any, calls: list[dict[str, Any]]) -> tuple[Counter, int]:
    """CPU s of the tokenizer and of each pipe run alone (over the texts that get it), and the
    words those texts hold."""
    costs: Counter = Counter()
    words = 0
    for call in calls:
        pipeline, groups = _pipe_groups(nlp_module, call)
        for pipes, texts in groups.items():
            words += sum(len(t.split()) for t in texts)
            spent, docs = _cpu(list, map(pipeline.make_doc, texts))
            costs["tokenizer"] += spent
            for name in pipes:
                proc = pipeline.get_pipe(name)
                spent, docs = _cpu(list, proc.pipe(docs, batch_size=128))
                costs[f"{call['language']}:{name}"] += spent
                fast = getattr(proc, "_blamelint_fast", None) if name == "attribute_ruler" else None
                if fast is not None:  # the compiled twin the engine runs, its memo empty
                    fast.memo.clear()
                    spent, docs = _cpu(list, map(fast, docs))
                    costs[f"{call['language']}:{name} as blamelint runs it (fast_ruler)"] += spent
    return costs, words


def stage_report(files: list[str], say) -> None:
    import blamelint.nlp.engine as nlp
    import blamelint.run.lint as lint
    from blamelint.document import language as lang_detect
    from blamelint.report import Report, renderer
    from blamelint.rules.kinds.blame import KIND, trigger
    from blamelint.run.config import default_config

    config = default_config()
    blame_rules = [r for r in config.enabled_rules if r.kind == KIND]
    from blamelint.base.errors import BlamelintError

    items = []
    for name in files:
        text = Path(name).read_text(encoding="utf-8")
        try:
            lint.document_for(name, text, config)
        except BlamelintError as exc:  # refused by the CLI too (exit 2): not linted
            say(f"skipped (blamelint refuses it): {exc}")
            continue
        items.append((name, text))
    words = sum(len(text.split()) for _, text in items)

    def jobs():
        return [lint.Job(lint.document_for(p, t, config), config) for p, t in items]

    lint.lint_jobs(jobs())  # warm-up: models loaded, tokenizer caches filled
    parse_cpu, built = _cpu(jobs)
    detect_cpu, _ = _cpu(lambda: [lang_detect.detect(t) for _, t in items])
    document_cpu, _ = _cpu(lambda: [lint.document_findings(j) for j in built])
    # The NLP stage and the raw nlp.pipe over the same texts, alternating (paired): on a shared
    # machine one measure taken a minute after the other compares the load, not the code.
    stage_runs: list[tuple[float, float]] = []  # (stage, of which engine.analyze)
    raw_runs: list[float] = []
    for _ in range(ROUNDS):
        _cold_ruler(nlp)
        recorder = _Recorder(nlp)
        nlp.analyze = recorder
        try:
            spent, _ = _cpu(lint._nlp_findings, jobs())
        finally:
            nlp.analyze = recorder.real
        stage_runs.append((spent, recorder.cpu))
        raw_runs.append(_raw_cpu(nlp, recorder.calls))
    best = min(range(ROUNDS), key=lambda k: stage_runs[k][0])
    stage_cpu, analyze_cpu = stage_runs[best]
    findings = lint.lint_jobs(built)
    report_cpu, _ = _cpu(renderer("json"), Report(findings=findings, files=[p for p, _ in items]))

    segments = sum(len(j.document.segments) for j in built)
    prose = sum(1 for j in built for s in j.document.segments if s.text.strip())
    through = {"ner": [0, 0], "parser": [0, 0], "any": [0, 0]}
    blame_trigger = [0, 0]
    tokens_total = 0
    for call in recorder.calls:
        pattern = trigger(blame_rules, call["language"])
        plans = _ner_plan(nlp, call)
        for text, need, doc, plan in zip(
            call["texts"], call["needs"], call["docs"], plans, strict=True
        ):
            size = len(doc) if doc is not None else len(text.split())
            tokens_total += size
            ran = {"ner": plan is not None, "parser": "parser" in need}
            for key, wanted in ran.items():
                if wanted:
                    through[key][0] += 1
                    through[key][1] += size if key != "ner" else _ner_size(plan, size)
            if need:
                through["any"][0] += 1
                through["any"][1] += size
            if pattern.search(text):
                blame_trigger[0] += 1
                blame_trigger[1] += size
    costs, nlp_words = _pipe_costs(nlp, recorder.calls)

    say(
        f"## Stages, in-process, CPU seconds ({len(items)} files, {words:,} words; "
        f"load {os.getloadavg()[0]:.2f})"
    )
    say("| stage | CPU s | share of the run |")
    say("|---|---|---|")
    total = parse_cpu + document_cpu + stage_cpu + report_cpu
    rows = [
        ("Markdown parse -> Documents", parse_cpu),
        ("  of which language detection", detect_cpu),
        ("document rules (no NLP)", document_cpu),
        ("NLP stage (planning + spaCy + detectors)", stage_cpu),
        ("  of which spaCy via engine.analyze", analyze_cpu),
        ("  of which detectors/NLP rules (the rest)", stage_cpu - analyze_cpu),
        ("reporting (json)", report_cpu),
    ]
    for label, value in rows:
        say(f"| {label} | {value:.2f} | {value / total:.0%} |")
    say()
    say("spaCy, each piece run alone over the texts that get it (CPU s):")
    say("| piece | CPU s |")
    say("|---|---|")
    for name, value in sorted(costs.items(), key=lambda kv: -kv[1]):
        say(f"| {name} | {value:.2f} |")
    say()
    say("| what | segments | tokens |")
    say("|---|---|---|")
    say(f"| all segments of the documents | {segments:,} ({prose:,} with prose) | - |")
    for label, (count, size) in (
        ("sent to spaCy at all", through["any"]),
        ("through NER (tokens: whole Docs + padded sentence pieces)", through["ner"]),
        ("through the parser", through["parser"]),
        ("matching a blame trigger (must be parsed)", blame_trigger),
    ):
        say(
            f"| {label} | {count:,} ({count / max(prose, 1):.0%} of prose) | {size:,} "
            f"({size / max(tokens_total, 1):.0%} of tokens sent) |"
        )
    say()
    sentence_report(nlp, recorder.calls, blame_rules, say)
    raw = min(raw_runs)
    ratio = stage_cpu / raw if raw else float("nan")
    rounds = ", ".join(f"{st:.2f}/{r:.2f}" for (st, _), r in zip(stage_runs, raw_runs, strict=True))
    say(
        f"NLP stage CPU per word vs raw nlp.pipe on the same texts and pipes: {ratio:.2f}x "
        f"({stage_cpu / nlp_words * 1e6:.0f} vs {raw / nlp_words * 1e6:.0f} µs CPU per word "
        f"over {nlp_words:,} words sent to spaCy; best of {ROUNDS} alternating rounds, "
        f"stage/raw CPU s per round: {rounds}; the stage table shows the best round)"
    )
    say()
