"""Per-sentence gates of the blame detectors (nlp/gates.py): a detector gated out of a
sentence could not have fired on it, and the gates change no finding."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

import blamelint.rules.kinds.blame as blame
from blamelint.nlp.agency import name_token_set
from blamelint.nlp.docview import Sentence, sentence_words
from blamelint.nlp.engine import analyze
from blamelint.nlp.gates import Gate, admits, first_words, gate_of, gated, opens, team_tokens
from blamelint.rules.model import shipped_rules
from blamelint.run.config import default_config
from blamelint.run.lint import lint_texts

from .conftest import CORPUS

ALL = frozenset({"ner", "tagger", "parser"})

# Sentences written for these tests: each holds words of some gate (so the detectors behind
# it run), and some hold the words with nothing to blame (the detectors run and stay quiet).
OWN = {
    "en": [
        "Marek waited four hours before telling the customers about the broken export.",
        "The platform team faced criticism for failing to warn the tenants.",
        "A contractor was behind the outage, according to the vendor.",
        "She regretted not paging the database owners sooner.",
        "The rollback was not handled as well as it could have been.",
        "The Engineer Forgot The Certificate",
        "The fibre was severed by a construction firm near the depot.",
        "The auditors blamed the hosting provider for the data loss.",
        "The operator's careless mistake dropped the primary table.",
        "Why did the team decide to skip the canary?",
        "The shard should have been rebuilt before the sale.",
        "The stale lock went unnoticed for six hours.",
        "The checks were clearly insufficient for a change of this size.",
        "Users should double-check their exports before deleting the source.",
        "The pager was wrong about the node, and the wrong node was restarted.",
        "We waited for the replica to catch up before the failover.",
        "The queue was behind schedule after the storm.",
    ],
    "fr": [
        "Julien a attendu trois heures avant de prévenir les clients.",
        "C'est le prestataire qui a provoqué la panne du réseau.",
        "Les clients ont été laissés tomber pendant la coupure.",
        "Le correctif aurait dû être relu avant la mise en production.",
        "Un groupe de secours aurait pu être installé pour éviter la coupure.",
        "L'erreur de l'opérateur a supprimé la table principale.",
        "La fibre a été coupée par une entreprise de travaux publics.",
        "Le déploiement a été retardé par la tempête.",
    ],
}


def _examples() -> list[str]:
    """The blame rules' own examples (rules/blame.yaml), those that fail and those that pass
    (both languages: a detector run on the other language's text must hold its gate too)."""
    return [
        text
        for rule in shipped_rules()
        if rule.kind == blame.KIND
        for texts in rule.examples.values()
        for text in texts
    ]


def _corpus(language: str) -> list[str]:
    lines = (CORPUS / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return [item["text"] for item in items if item["lang"] == language]


@cache
def _docs(language: str) -> list:
    texts = OWN[language] + _examples() + _corpus(language)
    return analyze(texts, language=language, components=ALL)


def _run(detector, sent, language, names):
    extra = (lambda: frozenset()) if detector in blame.KNOWN_ORGANISATIONS else None
    args = (sent, language, names, extra) if extra else (sent, language, names)
    return list(detector(*args))


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(OWN))
def test_a_detector_gated_out_of_a_sentence_finds_nothing_there(language):
    gated_out = opened = fired = 0
    for doc in _docs(language):
        names = name_token_set(doc, [])
        people = frozenset(t.i for t in doc if t.ent_type_ == "PER" or t.ent_type_ == "PERSON")
        for start, end in blame._sentence_bounds(doc):
            sent = Sentence.within(doc, start, end)
            words = sentence_words(sent)
            for detector in blame.ORDER:
                gate = gate_of(detector, language)
                if gate is None:
                    continue
                for known in (names, people):  # with and without the names
                    if admits(gate, sent, words, language, known):
                        opened += 1
                        fired += bool(_run(detector, sent, language, known))
                        continue
                    gated_out += 1
                    found = _run(detector, sent, language, known)
                    assert found == [], (detector.__name__, sent.text)
    assert gated_out and opened and fired  # the test sees both sides, and findings


def _texts(language: str) -> list[tuple[str, str]]:
    texts = OWN[language] + _examples() + _corpus(language)
    return [(f"{language}-{i}.md", f"# Incident\n\n{t}\n") for i, t in enumerate(texts)]


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(OWN))
def test_the_gates_change_no_finding(language, monkeypatch):
    config = default_config()
    gated_run = lint_texts(_texts(language), config, language)
    monkeypatch.setattr(blame, "gate_of", lambda *args, **kwargs: None)
    plain_run = lint_texts(_texts(language), config, language)
    assert gated_run == plain_run
    assert any(f.rule.startswith("BL4") for f in plain_run)


def test_every_gate_is_sets_of_words_that_some_language_lists():
    # A set may be empty in a language that lists none of the detector's words (English has no
    # cleft openers): there the detector can never fire, and its gate never opens.
    gated_detectors = [d for d in blame.ORDER if gate_of(d, "en") is not None]
    assert len(gated_detectors) >= 25
    for detector in gated_detectors:
        gates = [gate_of(detector, language) for language in sorted(OWN)]
        assert all(isinstance(s, frozenset) for g in gates for s in (g.first, *g.rest))
        assert any(g.first and all(g.rest) for g in gates), detector.__name__


def test_a_gate_opens_only_when_each_set_meets_the_sentence():
    assert opens(None, frozenset())
    gate = Gate(frozenset({"waited", "delayed"}), (frozenset({"before"}),))
    assert opens(gate, frozenset({"we", "waited", "before", "paging"}))
    assert not opens(gate, frozenset({"we", "waited", "after", "paging"}))
    assert not opens(gate, frozenset({"the", "pager", "before"}))
    assert not opens(Gate(frozenset()), frozenset({"anything"}))
    misread = Gate(frozenset({"forgot"}), pattern=re.compile("^mis[a-z]{3,}$"))
    assert opens(misread, frozenset({"we", "misread", "it"}))
    assert not opens(misread, frozenset({"we", "read", "it"}))


def test_first_words_of_phrases():
    assert first_words((("instead", "of"), ("rather", "than"), ())) == {"instead", "rather"}


def _team_detector(sent, language, names, team=()):
    yield from ()


def test_team_words_open_a_team_detectors_gate():
    detector = gated(lambda language: {"careless"}, team=True)(_team_detector)
    gate = gate_of(detector, "en", ("slapdash", "half-baked work"))
    assert opens(gate, frozenset({"the", "slapdash", "change"}))
    assert opens(gate, frozenset({"a", "half", "-", "baked", "rollout"}))
    assert not opens(gate, frozenset({"a", "careful", "rollout"}))
    assert team_tokens(["half-baked work"]) == {"half-baked", "half", "baked", "work"}


def test_team_words_reach_the_judgmental_detector(tmp_path):
    # A word only the team lists: the judgmental rule fires on it, gates or not.
    config_file = tmp_path / "blamelint.yaml"
    config_file.write_text("wordlists:\n  judgmental: [gormless]\n", encoding="utf-8")
    from blamelint.run.config import load_config

    config = load_config(config_file)
    text = "# Incident\n\nThe gormless rollout of the cache change took the site down.\n"
    codes = [f.rule for f in lint_texts([("t.md", text)], config, "en")]
    assert "BL405" in codes
    assert "BL405" not in [f.rule for f in lint_texts([("t.md", text)], default_config(), "en")]
