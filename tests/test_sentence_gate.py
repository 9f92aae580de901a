"""The gated NER on sentence pieces (issue 15): the same entities as a whole-Doc NER where
a kind reads them, "O" elsewhere, and never a different finding."""

from __future__ import annotations

import pytest

import blamelint.nlp.sentence_gate as sg
import blamelint.run.lint as lint
from blamelint.nlp.engine import NlpEngine, analyze
from blamelint.nlp.people import ner_decides
from blamelint.run.lint import lint_texts

ALL = frozenset({"ner", "tagger", "parser"})

# Six sentences; only the third and the last name someone (NER's business).
PARAGRAPH = (
    "The deploy started at noon and the queue grew quickly. "
    "After that, the consumers fell behind for an hour. "
    "Priya Natarajan restarted the primary database in Frankfurt. "
    "The replicas caught up within ten minutes. "
    "The alert stayed quiet because the threshold was too high. "
    "We thanked Marcus Obi for the runbook."
)


class _Nlp:
    def __init__(self, model: dict) -> None:
        self.config = {"components": {"ner": {"model": model}}}


CNN = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "depth": 4, "window_size": 1},
    },
}


def test_reach_is_the_cnn_window_plus_the_state_token_before():
    assert sg.ner_reach(_Nlp(CNN)) == 5
    wider = {**CNN, "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "depth": 3}}
    wider["tok2vec"]["window_size"] = 2
    assert sg.ner_reach(_Nlp(wider)) == 7


@pytest.mark.parametrize(
    "change",
    [
        {"extra_state_tokens": True},  # more state tokens than the three the reach counts
        {"state_type": "parser"},
        {"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}},
        {"tok2vec": {"@architectures": "spacy-transformers.TransformerListener.v1"}},
    ],
)
def test_no_reach_for_a_model_whose_context_is_unknown(change):
    assert sg.ner_reach(_Nlp({**CNN, **change})) is None
    assert sg.ner_reach(object()) is None


@pytest.mark.nlp
def test_the_shipped_models_have_a_known_reach():
    engine = NlpEngine()
    for language in ("en", "fr"):
        assert sg.ner_reach(engine.load(language, ALL)) == 5


def _whole_ner(text: str):
    return analyze([text], language="en", components=ALL)[0]


@pytest.mark.nlp
def test_entities_inside_the_cores_are_those_of_a_whole_doc_run(monkeypatch):
    seen = []
    real = sg.copy_entities
    monkeypatch.setattr(sg, "copy_entities", lambda doc, done: seen.append(done) or real(doc, done))
    gated = analyze(
        [PARAGRAPH], language="en", components=ALL, gates={"ner": lambda d: ner_decides(d, "en")}
    )[0]
    whole = _whole_ner(PARAGRAPH)
    assert seen, "the paragraph was not split into sentence pieces"
    cores = [(piece.core, piece.core_end) for piece, _ in seen[0]]
    assert len(cores) == 2  # the two named sentences, too far apart to merge
    inside = [
        (e.start, e.end, e.label_) for e in whole.ents if any(a <= e.start < b for a, b in cores)
    ]
    assert [(e.start, e.end, e.label_) for e in gated.ents] == inside
    assert {e.text for e in gated.ents} >= {"Priya Natarajan", "Marcus Obi"}
    # Outside the cores nothing is an entity, and nothing but the NER differs.
    assert all(t.ent_iob_ == "O" for t in gated if not any(a <= t.i < b for a, b in cores))
    assert [(t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in gated] == [
        (t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in whole
    ]


@pytest.mark.nlp
def test_near_sentences_merge_into_one_core():
    doc = analyze(["Priya left. It rained. Marcus stayed."], language="en", components=ALL)[0]
    assert sg.cores(doc, lambda d: ner_decides(d, "en"), 5) is None  # padding covers it all
    ranges = sg.cores(doc, lambda d: ner_decides(d, "en"), 1)
    assert ranges == [(0, 3), (6, 9)]
    assert sg.cores(doc, lambda d: False, 1) == []


@pytest.mark.nlp
def test_a_single_sentence_runs_whole():
    doc = analyze(["Priya restarted the primary."], language="en", components=ALL)[0]
    assert sg.cores(doc, lambda d: True, 5) is None


SAMPLES = [
    ("a.md", "# Timeline\n\n" + PARAGRAPH + "\n"),
    (
        "b.md",
        "# Cause\n\nThe cache filled up overnight and nobody noticed the warning. The "
        "rollout went on for two hours. Then Will Turner forgot to drain the node, and the "
        "load balancer kept sending traffic. The pool recovered after the restart.\n",
    ),
    (
        "c.md",
        "---\nlang: fr\n---\n# Chronologie\n\nLe service a redémarré après le déploiement. "
        "La file a grossi pendant une heure. Chloé Martin a oublié de vider le nœud. "
        "Les répliques ont rattrapé leur retard.\n",
    ),
]


@pytest.mark.nlp
def test_sentence_pieces_never_change_a_finding(monkeypatch):
    split = []
    real = sg.copy_entities
    monkeypatch.setattr(sg, "copy_entities", lambda doc, done: split.append(doc) or real(doc, done))
    gated = lint_texts(SAMPLES)
    assert len(split) == 3  # every sample paragraph went through sentence pieces
    monkeypatch.setattr(sg, "ner_reach", lambda nlp, pipe="ner": None)  # whole Docs
    assert lint_texts(SAMPLES) == gated
    monkeypatch.setattr(lint, "_gate_tests", lambda gates, language: {})  # no gate at all
    assert lint_texts(SAMPLES) == gated
    assert {f.rule for f in gated} >= {"BL301"}
