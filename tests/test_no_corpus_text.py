"""The real development corpus is third-party text: it is read where it lives (../shared), never
copied into the repository. This guard compares every tracked text file with it: no run of 12
words of a real postmortem, no run of 8 words of a rewritten sentence, no multi-word name or
handle its labels list. Skipped where the corpus is not beside the checkout (a clean CI clone).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
TEXT_SUFFIXES = (".py", ".md", ".yaml", ".yml", ".txt", ".json", ".jsonl", ".toml")
# General lists of given names and surnames (scripts/build_given_names.py, build_surnames.py):
# single words, not corpus text.
NOT_COMPARED = {"rules/wordlists/given-names.yaml", "rules/wordlists/surnames.yaml"}

pytestmark = pytest.mark.skipif(not (REAL / "docs").is_dir(), reason="no real corpus beside")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _tracked() -> dict[str, str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    texts = {}
    for name in listed:
        if name.endswith(TEXT_SUFFIXES) and name not in NOT_COMPARED:
            try:
                texts[name] = (ROOT / name).read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
    return texts


def _sentences() -> list[dict]:
    lines = (REAL / "sentences-rewritten.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_no_run_of_real_postmortem_or_rewritten_sentence_text():
    doc_runs: set[tuple[str, ...]] = set()
    for path in (REAL / "docs").glob("*.md"):
        doc_runs |= _runs(_words(path.read_text(encoding="utf-8", errors="replace")), 12)
    sentence_runs: set[tuple[str, ...]] = set()
    for row in _sentences():
        sentence_runs |= _runs(_words(row["text"]), 8)
    copied = []
    for name, text in _tracked().items():
        words = _words(text)
        shared = (_runs(words, 12) & doc_runs) | (_runs(words, 8) & sentence_runs)
        if shared:
            copied.append(f"{name}: {' '.join(sorted(shared)[0])}")
    assert copied == []


def _labelled_names() -> set[str]:
    names = {n["text"] for row in _sentences() for n in row["names"]}
    for path in (REAL / "docs").glob("*.labels.json"):
        stack = [json.loads(path.read_text(encoding="utf-8")).get("names", [])]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                names.add(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k in ("text", "name", "names"))
            elif isinstance(item, list):
                stack.extend(item)
    # Full names and handles identify people; a lone given name is common to many.
    return {n for n in names if len(n) > 4 and (" " in n or re.search(r"[_\d@]|[a-z][A-Z]", n))}


def test_no_labelled_name_or_handle_of_the_corpus():
    names = _labelled_names()
    assert names, "the labels list names: the guard has something to look for"
    found = []
    for name, text in _tracked().items():
        for person in names:
            if re.search(rf"(?<!\w){re.escape(person)}(?!\w)", text):
                found.append(f"{name}: {person}")
    assert found == []
