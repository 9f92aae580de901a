"""Scoring on the real third-party development corpus (`--real DIR` of scripts/evaluate.py).

The corpus is read where it lives (default `../shared/corpus/real` beside the repository,
resolved when the script runs); nothing of it is copied, and the product never depends on it.

Names are scored per document as distinct strings, because the labels list distinct strings:
a predicted string (the text under a BL301 finding, Markdown escapes removed, compared
case-sensitively after NFC) is a TP when the document's `names` list holds it. Handles in
`names_in_code` are optional: finding one is neither rewarded nor punished, missing one is not
a miss (inline code is never read by the rule).

Blame is scored per labelled sentence: a BL40x finding whose line falls inside a labelled blame
sentence's line range (its `text` may span lines) makes that sentence found (one TP however many
findings it holds). Findings on no labelled sentence are false alarms, one per line. Borderline
sentences (`borderline: true`, judgement calls on which reviewers disagree) count neither way
unless found: found, they are a TP (a reviewer would accept the finding); missed, they are not a
miss. The strict recall on `borderline: false` sentences alone is printed too, since precision
and recall should be tuned on those first.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from blamelint.base.errors import InputError

NAME_RULES = {"BL301"}
BLAME_RULES = {"BL401", "BL402", "BL403", "BL404", "BL405", "BL406", "BL407"}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\\", "")).strip()


def _span_text(lines: list[str], finding) -> str:
    span = finding.span
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts += lines[span.line : span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def load_real(corpus: Path) -> list[tuple[Path, dict]]:
    docs = []
    for md in sorted((corpus / "docs").glob("*.md")):
        labels = md.with_suffix(".labels.json")
        if labels.exists():
            docs.append((md, json.loads(labels.read_text(encoding="utf-8"))))
    return docs


def evaluate_real(corpus: Path, lint_texts, config, only: str | None = None) -> dict:
    """Scores keyed "names/en", "blame/fr", "blame-kind/en/human_error", "blame-rule/en/BL401"..."""
    docs = load_real(corpus)
    if only:
        docs = [(p, lab) for p, lab in docs if only in p.name]
    texts = {str(p): p.read_text(encoding="utf-8") for p, _ in docs}
    findings = defaultdict(list)
    unreadable = []
    readable = []
    for path, text in texts.items():
        try:
            _check_input(path, text, config)
            readable.append((path, text))
        except InputError as exc:
            # The product refuses the document (exit 2): its labels all count as misses.
            unreadable.append(str(exc))
    # The product decides each document's language itself, as a team would run it.
    for f in lint_texts(readable, config=config, language=None):
        if f.rule in NAME_RULES | BLAME_RULES:
            findings[f.path].append(f)
    tallies: dict[str, Tally] = defaultdict(Tally)
    per_doc: dict[str, int] = defaultdict(int)
    doc_count: dict[str, int] = defaultdict(int)
    for path, labels in docs:
        lang = labels.get("lang", "en")
        doc_count[lang] += 1
        lines = texts[str(path)].split("\n")
        found = findings[str(path)]
        per_doc[f"{lang}:{path.name}"] += 0
        # Names: distinct strings per document.
        gold = {_norm(n) for n in labels.get("names", [])}
        optional = {_norm(n) for n in labels.get("names_in_code", [])}
        predicted = {_norm(_span_text(lines, f)) for f in found if f.rule in NAME_RULES}
        names = tallies[f"names/{lang}"]
        for name in sorted(predicted):
            if name in gold:
                names.tp += 1
            elif name not in optional:
                names.fp += 1
                per_doc[f"{lang}:{path.name}"] += 1
                names.errors.append(f"FP {path.name} {name!r}")
        for name in sorted(gold - predicted):
            names.fn += 1
            names.errors.append(f"FN {path.name} {name!r}")
        _score_blame(path, labels, lines, found, lang, tallies, per_doc)
    out = {key: {**t.as_dict(), "errors": t.errors} for key, t in sorted(tallies.items())}
    false_alarms = {}
    for lang, count in sorted(doc_count.items()):
        total = sum(v for k, v in per_doc.items() if k.startswith(lang + ":"))
        false_alarms[lang] = {"documents": count, "false_alarms": total, "per_doc": total / count}
    worst = sorted(((v, k) for k, v in per_doc.items() if v), reverse=True)
    return {
        "scores": out,
        "false_alarms": false_alarms,
        "worst": worst[:10],
        "unreadable": unreadable,
    }


def _check_input(path: str, text: str, config) -> None:
    from blamelint.run.lint import document_for

    document_for(path, text, config)


def _score_blame(path, labels, lines, found, lang, tallies, per_doc) -> None:
    gold = []
    for item in labels.get("blame", []):
        first = item["line"]
        gold.append((first, first + item["text"].count("\n"), item))
    hits: dict[int, set[str]] = defaultdict(set)
    false_lines: dict[int, set[str]] = defaultdict(set)
    for f in found:
        if f.rule not in BLAME_RULES:
            continue
        owners = [i for i, (a, b, _) in enumerate(gold) if a <= f.line <= b]
        if owners:
            for i in owners:
                hits[i].add(f.rule)
        else:
            false_lines[f.line].add(f.rule)
    blame = tallies[f"blame/{lang}"]
    strict = tallies[f"blame-strict/{lang}"]
    for i, (first, _, item) in enumerate(gold):
        kind = tallies[f"blame-kind/{lang}/{item['kind']}"]
        where = (
            f"{path.name}:{first} ({item['kind']}{', borderline' if item['borderline'] else ''})"
        )
        text = item["text"].replace("\n", " ")
        if i in hits:
            blame.tp += 1
            kind.tp += 1
            for rule in hits[i]:
                tallies[f"blame-rule/{lang}/{rule}"].tp += 1
            if not item["borderline"]:
                strict.tp += 1
        elif not item["borderline"]:
            blame.fn += 1
            kind.fn += 1
            strict.fn += 1
            blame.errors.append(f"FN {where} {text}")
        else:
            blame.errors.append(f"fn-borderline {where} {text}")
    for line, rules in sorted(false_lines.items()):
        blame.fp += 1
        strict.fp += 1
        per_doc[f"{lang}:{path.name}"] += 1
        for rule in rules:
            tallies[f"blame-rule/{lang}/{rule}"].fp += 1
        codes = ",".join(sorted(rules))
        blame.errors.append(f"FP {path.name}:{line} [{codes}] {lines[line - 1].strip()}")


def sentence_kind_scores(sentences: list[dict], findings: dict[str, list]) -> dict[str, dict]:
    """Recall per gold blame kind, and TP/FP per rule, for a sentences file."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for s in sentences:
        rules = {f.rule for f in findings[s["id"]] if f.rule in BLAME_RULES}
        lang = s["lang"]
        if s["blame"]:
            kind = tallies[f"blame-kind/{lang}/{s.get('blame_kind') or 'other'}"]
            if rules:
                kind.tp += 1
            else:
                kind.fn += 1
        for rule in rules:
            tally = tallies[f"blame-rule/{lang}/{rule}"]
            if s["blame"]:
                tally.tp += 1
            else:
                tally.fp += 1
    return {key: t.as_dict() for key, t in sorted(tallies.items())}


def print_real(result: dict, errors: bool) -> None:
    print(f"{'real documents':<34}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}")
    for key, s in result["scores"].items():
        print(
            f"{key:<34}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}"
        )
    for lang, fa in result["false_alarms"].items():
        print(
            f"false alarms {lang}: {fa['false_alarms']} on {fa['documents']} documents "
            f"= {fa['per_doc']:.2f} per document"
        )
    for line in result["unreadable"]:
        print(f"refused (exit 2): {line}")
    if errors:
        for key, s in result["scores"].items():
            if key.startswith(("names/", "blame/")):
                for error in s["errors"]:
                    print(f"{key} {error}")
