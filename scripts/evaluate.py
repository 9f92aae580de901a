"""Evaluate blamelint's names and blame rules on the labelled corpus.

Runs the whole product (`blamelint.run.lint.lint_texts`) on every sentence of
`tests/data/corpus/sentences.jsonl` and on the 24 corpus postmortems, then prints precision,
recall and F1 for blame (sentence level: any BL40x finding) and names (span overlap with
BL301), per language, for all sentences and for the even / odd id halves (tune on one half,
check the other to see overfitting).

    python scripts/evaluate.py [--corpus DIR] [--json] [--errors]
    python scripts/evaluate.py --sentences tests/data/heldout/sentences.jsonl [--final]
    python scripts/evaluate.py --real [DIR] [--only NAME] [--errors]
    python scripts/evaluate.py --sentences ../shared/corpus/real/sentences-rewritten.jsonl

With --real, the real third-party postmortems of DIR/docs (default ../shared/corpus/real beside
the repository, resolved at run time) are scored instead, per language and per blame kind, with
false alarms per document; see scripts/real_eval.py for how they are counted.

With --sentences (a held-out file, ids `hen-`/`hfr-`), documents are skipped and the split is
tuned (ids ending 0-6) / untouched (ids ending 7-9): the untouched rows are printed only with
--final, and --errors never lists untouched sentences, so they stay unseen while tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blamelint.run.config import resolve  # noqa: E402
from blamelint.run.lint import lint_texts  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import real_eval  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "data" / "corpus"
DEFAULT_REAL = Path("..") / "shared" / "corpus" / "real"
NAME_RULES = real_eval.NAME_RULES
BLAME_RULES = real_eval.BLAME_RULES
CORPUS_NAME = {"BL301": "personal-name", **{code: "blame-language" for code in BLAME_RULES}}
TARGETS = {"blame": (0.92, 0.85), "names": (0.95, 0.90)}


Score = real_eval.Tally  # tp/fp/fn with precision, recall, F1, as the real-corpus scores


def _config():
    # Defaults only: the evaluation measures what a team gets out of the box.
    return resolve({}, None)


def load_sentences(corpus: Path) -> list[dict]:
    path = corpus if corpus.suffix == ".jsonl" else corpus / "sentences.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def lint_sentences(sentences: list[dict]) -> dict[str, list]:
    """Findings per sentence id; one batched run per language."""
    config = _config()
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for sentence in sentences:
        by_lang[sentence["lang"]].append(sentence)
    result: dict[str, list] = {s["id"]: [] for s in sentences}
    for language, items in by_lang.items():
        findings = lint_texts(
            [(s["id"], s["text"]) for s in items], config=config, language=language
        )
        for finding in findings:
            if finding.rule in NAME_RULES | BLAME_RULES:
                result[finding.path].append(finding)
    return result


def score_sentences(sentences: list[dict], findings: dict[str, list]) -> dict[str, Score]:
    """Scores keyed "blame/en", "names/fr", ..."""
    scores: dict[str, Score] = defaultdict(Score)
    for s in sentences:
        found = findings[s["id"]]
        lang, text = s["lang"], s["text"]
        blamed = any(f.rule in BLAME_RULES for f in found)
        blame = scores[f"blame/{lang}"]
        if blamed and s["blame"]:
            blame.tp += 1
        elif blamed:
            blame.fp += 1
            rules = ",".join(sorted({f.rule for f in found if f.rule in BLAME_RULES}))
            blame.errors.append(f"FP {s['id']} [{rules}] {text}")
        elif s["blame"]:
            blame.fn += 1
            blame.errors.append(f"FN {s['id']} ({s['blame_kind']}) {text}")
        predicted = [
            (f.span.column - 1, f.span.end_column - 1) for f in found if f.rule in NAME_RULES
        ]
        gold = [(n["start"], n["end"]) for n in s["names"]]
        names = scores[f"names/{lang}"]
        for a, b in gold:
            if any(x < b and a < y for x, y in predicted):
                names.tp += 1
            else:
                names.fn += 1
                names.errors.append(f"FN {s['id']} {text[a:b]!r} in: {text}")
        for x, y in predicted:
            if not any(x < b and a < y for a, b in gold):
                names.fp += 1
                names.errors.append(f"FP {s['id']} {text[x:y]!r} in: {text}")
    return scores


def evaluate_documents(corpus: Path) -> dict:
    """Names and blame findings on the corpus postmortems against their expected findings."""
    docs = sorted((corpus / "docs").glob("*/*.md"))
    config = _config()
    report: dict = {"tp": 0, "fp": 0, "fn": 0, "compliant_findings": 0, "errors": []}
    for language in ("en", "fr"):
        paths = [p for p in docs if p.parent.name == language]
        items = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
        findings = lint_texts(items, config=config, language=language)
        for path in paths:
            expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
            want = [e for e in expected["findings"] if e["rule"] in set(CORPUS_NAME.values())]
            lines = path.read_text(encoding="utf-8").split("\n")
            got = []
            for f in findings:
                if f.path != str(path) or f.rule not in CORPUS_NAME:
                    continue
                got.append((CORPUS_NAME[f.rule], f.line, f.column - 1, f.span.end_column - 1))
            # One blame-language finding per sentence: several BL40x rules on one line collapse.
            got = _collapse(got)
            matched: set[int] = set()
            for e in want:
                line = lines[e["line"] - 1]
                col = line.find(e["text"])
                hit = next(
                    (
                        i
                        for i, g in enumerate(got)
                        if i not in matched
                        and g[0] == e["rule"]
                        and g[1] == e["line"]
                        and g[2] < col + len(e["text"])
                        and col < g[3]
                    ),
                    None,
                )
                if hit is None:
                    report["fn"] += 1
                    report["errors"].append(f"FN {path.name}:{e['line']} {e['rule']} {e['text']!r}")
                else:
                    matched.add(hit)
                    report["tp"] += 1
            for i, g in enumerate(got):
                if i not in matched:
                    report["fp"] += 1
                    text = lines[g[1] - 1][g[2] : g[3]]
                    report["errors"].append(f"FP {path.name}:{g[1]} {g[0]} {text!r}")
                    if expected["compliant"]:
                        report["compliant_findings"] += 1
    return report


def _collapse(got: list[tuple]) -> list[tuple]:
    result: list[tuple] = []
    for item in sorted(got, key=lambda g: (g[1], g[0], g[2])):
        prev = result[-1] if result else None
        if prev and item[0] == "blame-language" == prev[0] and item[1] == prev[1]:
            continue
        result.append(item)
    return result


UNTOUCHED_DIGITS = "789"


def is_untouched(sentence_id: str) -> bool:
    """Held-out ids ending in 7, 8 or 9 are the final check, never studied while tuning."""
    return sentence_id.startswith("h") and sentence_id[-1] in UNTOUCHED_DIGITS


def _halves(sentences: list[dict]) -> list[tuple[str, list[dict]]]:
    if all(s["id"].startswith("h") for s in sentences):
        return [
            ("tuned", [s for s in sentences if not is_untouched(s["id"])]),
            ("untouched", [s for s in sentences if is_untouched(s["id"])]),
        ]
    return [
        (half, [s for s in sentences if int(s["id"].split("-")[-1]) % 2 == parity])
        for half, parity in (("even", 0), ("odd", 1))
    ]


def evaluate(corpus: Path = DEFAULT_CORPUS, documents: bool = True) -> dict:
    sentences = load_sentences(corpus)
    findings = lint_sentences(sentences)
    out: dict = {"sentences": {}, "split": {}}
    for key, score in score_sentences(sentences, findings).items():
        errors = [e for e in score.errors if not is_untouched(e.split()[1])]
        out["sentences"][key] = {**score.as_dict(), "errors": errors}
    for half, subset in _halves(sentences):
        for key, score in score_sentences(subset, findings).items():
            out["split"][f"{half}:{key}"] = score.as_dict()
    out["kinds"] = real_eval.sentence_kind_scores(sentences, findings)
    if documents:
        out["documents"] = evaluate_documents(corpus)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the full results as JSON")
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    parser.add_argument("--no-docs", action="store_true", help="skip the corpus documents")
    parser.add_argument("--sentences", type=Path, help="a sentences.jsonl to score instead")
    parser.add_argument("--final", action="store_true", help="also print the untouched split")
    parser.add_argument(
        "--real",
        type=Path,
        nargs="?",
        const=DEFAULT_REAL,
        metavar="DIR",
        help="score the real postmortems of DIR/docs (default ../shared/corpus/real)",
    )
    parser.add_argument("--only", help="with --real: only documents whose name contains this")
    args = parser.parse_args(argv)
    if args.real is not None:
        real = args.real if args.real.is_absolute() else (ROOT / args.real).resolve()
        if not (real / "docs").is_dir():
            print(f"evaluate.py: {real}/docs: no such directory", file=sys.stderr)
            return 2
        result = real_eval.evaluate_real(real, lint_texts, _config(), only=args.only)
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            real_eval.print_real(result, args.errors)
        return 0
    source = args.sentences or args.corpus
    expected = source if source.suffix == ".jsonl" else source / "sentences.jsonl"
    if not expected.is_file():
        print(f"evaluate.py: {expected}: no such file", file=sys.stderr)
        return 2
    result = evaluate(source, documents=not (args.no_docs or args.sentences))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{'set':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}")
    rows = [(k, v) for k, v in sorted(result["sentences"].items())]
    rows += [
        (k, v)
        for k, v in sorted(result["split"].items())
        if args.final or not k.startswith("untouched:")
    ]
    for key, s in rows:
        print(
            f"{key:<18}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}"
        )
    for key, s in result["kinds"].items():
        print(
            f"{key:<30}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}"
        )
    if "documents" in result:
        d = result["documents"]
        print(
            f"documents: TP {d['tp']} FP {d['fp']} FN {d['fn']}; "
            f"findings on compliant documents: {d['compliant_findings']}"
        )
    if args.errors:
        for key, s in sorted(result["sentences"].items()):
            for error in s["errors"]:
                print(f"{key} {error}")
        for error in result.get("documents", {}).get("errors", []):
            print(f"docs {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
