"""Sentence-level figures for bench/stages.py (issue 15): what per-sentence gating could skip.

For every Doc the run analysed, the parser's sentences are classed by what could need them:
the blame trigger of the enabled rules matches the sentence's text; the sentence holds a names
candidate (a capitalised token other than a sentence-initial word that is no proper noun or
given name, an `@`, a handle-shaped line per `handles.may_hold_handle`, an e-mail); the names
gate (`people.ner_decides`) passes on it. Then the NER's sentence pieces
(`nlp/sentence_gate.py`) are checked against a whole-Doc NER run on copies of the same Docs:
the entities inside the pieces' cores must be the same.
"""

from __future__ import annotations

from typing import Any


def _candidate_test(language: str):
    from blamelint.nlp.handles import may_hold_handle
    from blamelint.nlp.lexicon import norm, people
    from blamelint.nlp.name_context import name_context
    from blamelint.nlp.people import EMAIL

    p = people(language)
    wide = name_context(p.language).wide_names

    def holds(sent: Any) -> bool:
        text = sent.text
        if "@" in text or may_hold_handle(text) or EMAIL.search(text):
            return True
        for tok in sent:
            if not tok.text[:1].isupper():
                continue
            if tok.i != sent.start:
                return True
            low = norm(tok.text)
            if tok.pos_ == "PROPN" or low in p.first_names or low in wide:
                return True
        return False

    return holds


def sentence_report(nlp_module: Any, calls: list[dict[str, Any]], blame_rules, say) -> None:
    from blamelint.nlp.people import ner_decides
    from blamelint.rules.kinds.blame import trigger

    counts = {k: [0, 0] for k in ("all", "trigger", "names", "either", "ner")}
    for call in calls:
        language = call["language"]
        pattern = trigger(blame_rules, language)
        holds = _candidate_test(language)
        for doc in call["docs"]:
            if doc is None or not len(doc) or not doc.has_annotation("DEP"):
                continue
            for sent in doc.sents:
                size = len(sent)
                hit = bool(pattern.search(sent.text))
                names = holds(sent)
                marks = {
                    "all": True,
                    "trigger": hit,
                    "names": names,
                    "either": hit or names,
                    "ner": ner_decides(sent, language),
                }
                for key, wanted in marks.items():
                    if wanted:
                        counts[key][0] += 1
                        counts[key][1] += size
    total_s, total_t = counts["all"]
    say("Sentence level (the parser's sentences of the parsed segments):")
    say("| sentences that | sentences | tokens |")
    say("|---|---|---|")
    for key, label in (
        ("all", "exist"),
        ("trigger", "match a blame trigger"),
        ("names", "hold a names candidate"),
        ("either", "match a trigger or hold a names candidate (would need the parser)"),
        ("ner", "pass the names gate `ner_decides` (need the NER)"),
    ):
        n, t = counts[key]
        say(f"| {label} | {n:,} ({n / max(total_s, 1):.0%}) | {t:,} ({t / max(total_t, 1):.0%}) |")
    say()
    ner_exactness(nlp_module, calls, say)


def ner_exactness(nlp_module: Any, calls: list[dict[str, Any]], say) -> None:
    """Entities of the NER on sentence pieces against a whole-Doc NER on copies of the Docs."""
    from blamelint.nlp import sentence_gate as sg

    docs_checked = pieces = same = 0
    for call in calls:
        pipeline = nlp_module._loaded[nlp_module.resolve_model(call["language"], None)]
        if "ner" not in pipeline.pipe_names:
            continue
        reach = sg.ner_reach(pipeline)
        test = call["gates"].get("ner")
        if reach is None or test is None:
            continue
        ner = pipeline.get_pipe("ner")
        for need, doc in zip(call["needs"], call["docs"], strict=True):
            if doc is None or "ner" not in need or not doc.has_annotation("ENT_IOB"):
                continue
            ranges = sg.cores(doc, test, reach)
            if not ranges:
                continue
            fresh = doc.copy()
            fresh.set_ents([], default="missing")
            ner(fresh)
            docs_checked += 1
            for a, b in ranges:
                pieces += 1
                ours = [(e.start, e.end, e.label_) for e in doc.ents if a <= e.start < b]
                whole = [(e.start, e.end, e.label_) for e in fresh.ents if a <= e.start < b]
                same += ours == whole
    say(
        f"NER on sentence pieces vs a whole-Doc NER on copies: {docs_checked:,} Docs, "
        f"{pieces:,} cores, {same:,} with the same entities"
    )
    say()
