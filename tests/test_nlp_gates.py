"""Gated components (issue 15): the NER runs last and only where a name could come of it.

The gate must never change a finding: the same texts linted with and without it agree.
"""

from __future__ import annotations

import pytest

import blamelint.run.lint as lint
from blamelint.nlp.engine import _late_pipes, analyze
from blamelint.nlp.people import ner_decides
from blamelint.run.lint import lint_texts

ALL = frozenset({"ner", "tagger", "parser"})
EN_ORDER = ["tok2vec", "tagger", "parser", "attribute_ruler", "ner"]


def _yes(doc):
    return True


def test_a_gate_on_the_last_pipe_is_honoured():
    assert list(_late_pipes(EN_ORDER, ALL, {"ner": _yes})) == ["ner"]


def test_a_gate_that_would_run_a_pipe_early_is_ignored():
    # NER before the parser in the model: running it after would change its sentence starts.
    order = ["tok2vec", "ner", "tagger", "parser"]
    assert _late_pipes(order, ALL, {"ner": _yes}) == {}


def test_a_gate_on_a_shared_pipe_is_ignored():
    # tok2vec feeds the parser too: gating the tagger cannot skip it.
    assert _late_pipes(EN_ORDER, ALL, {"tagger": _yes}) == {}


def test_no_gate_for_a_component_nobody_asked_for():
    assert _late_pipes(EN_ORDER, frozenset({"tagger", "parser"}), {"ner": _yes}) == {}


@pytest.mark.nlp
def test_gated_ner_runs_only_where_the_test_passes():
    texts = ["Priya restarted the primary.", "The primary restarted after the deploy."]
    gated = analyze(
        texts,
        language="en",
        components=ALL,
        gates={"ner": lambda doc: doc.text.startswith("Priya")},
    )
    plain = analyze(texts, language="en", components=ALL)
    assert gated[0].has_annotation("ENT_IOB") and not gated[1].has_annotation("ENT_IOB")
    assert [(e.text, e.label_) for e in gated[0].ents] == [
        (e.text, e.label_) for e in plain[0].ents
    ]
    for a, b in zip(gated, plain, strict=True):  # everything before the NER is the same
        assert [(t.tag_, t.pos_, t.dep_, t.head.i) for t in a] == [
            (t.tag_, t.pos_, t.dep_, t.head.i) for t in b
        ]


@pytest.mark.nlp
@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Priya restarted the primary.", True),
        ("en", "We paged Natarajan at 02:10.", True),
        ("en", "The primary restarted after the deploy.", False),
        ("en", "After that, the queue drained.", False),
        ("fr", "Chloé a relancé le service.", True),
        ("fr", "Le service a redémarré après le déploiement.", False),
    ],
)
def test_ner_decides_where_a_proper_noun_or_given_name_stands(language, text, expected):
    doc = analyze([text], language=language, components=frozenset({"tagger", "parser"}))[0]
    assert ner_decides(doc, language) is expected


SAMPLES = [
    (
        "a.md",
        "# Timeline\n\nThe deploy failed. Priya forgot to drain the node before the upgrade.\n",
    ),
    ("b.md", "# Impact\n\nThe queue grew. After that, the consumers recovered on their own.\n"),
    ("c.md", "# Cause\n\nOur Grafana dashboard missed it because the alert was muted.\n"),
    ("d.md", "# Actions\n\n- Add a drain step (owner: Will Turner)\n- Page @jdoe next time\n"),
    ("e.md", "---\nlang: fr\n---\n# Chronologie\n\nChloé a oublié de vider le nœud.\n"),
    ("f.md", "---\nlang: fr\n---\n# Impact\n\nLe service a redémarré après le déploiement.\n"),
]


@pytest.mark.nlp
def test_the_gate_never_changes_a_finding(monkeypatch):
    gated = lint_texts(SAMPLES)
    monkeypatch.setattr(lint, "_gate_tests", lambda gates, language: {})
    assert lint_texts(SAMPLES) == gated
    assert any(f.rule == "BL301" for f in gated)  # the samples do exercise names
