"""Regression floors on the held-out sentences (tests/data/heldout, written blind).

The floors sit slightly below what the rules reached when the held-out set was last measured
(see tests/data/heldout/README.md): a change that loses precision or recall on sentences the
rules were not tuned on fails CI. The untouched part (ids ending 7-9) is checked on its own.
One batched run per language through `blamelint.run.lint.lint_texts` (a few seconds).
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, evaluate_script

pytestmark = pytest.mark.nlp

HELDOUT = ROOT / "tests" / "data" / "heldout" / "sentences.jsonl"

# (precision, recall) floors. Reached: all en blame .966/.934, fr blame 1.00/.969, en names
# .967/.967, fr names 1.00/1.00; untouched en blame .950/.905, fr blame 1.00/.875, en names
# .917/1.00, fr names 1.00/1.00.
FLOORS = {
    "all": {
        "blame/en": (0.93, 0.89),
        "blame/fr": (0.95, 0.92),
        "names/en": (0.93, 0.93),
        "names/fr": (0.90, 0.90),
    },
    "untouched": {
        "blame/en": (0.90, 0.85),
        "blame/fr": (0.90, 0.80),
        "names/en": (0.85, 0.90),
        "names/fr": (0.85, 0.85),
    },
}


@pytest.fixture(scope="module")
def scores():
    evaluate = evaluate_script()
    sentences = evaluate.load_sentences(HELDOUT)
    findings = evaluate.lint_sentences(sentences)
    untouched = [s for s in sentences if evaluate.is_untouched(s["id"])]
    return {
        "all": evaluate.score_sentences(sentences, findings),
        "untouched": evaluate.score_sentences(untouched, findings),
    }


def test_heldout_ids_and_offsets_are_consistent():
    evaluate = evaluate_script()
    sentences = evaluate.load_sentences(HELDOUT)
    assert len({s["id"] for s in sentences}) == len(sentences)
    for s in sentences:
        assert s["id"].startswith(f"h{s['lang']}-")
        assert (s["blame_kind"] is None) == (not s["blame"])
        for name in s["names"]:
            assert s["text"][name["start"] : name["end"]] == name["text"]


@pytest.mark.parametrize("part", ["all", "untouched"])
@pytest.mark.parametrize("key", ["blame/en", "blame/fr", "names/en", "names/fr"])
def test_heldout_floors(scores, part, key):
    score = scores[part][key]
    precision, recall = FLOORS[part][key]
    assert score.precision >= precision, (part, key, score.as_dict())
    assert score.recall >= recall, (part, key, score.as_dict())
