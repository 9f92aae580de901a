"""The compiled attribute_ruler (issue 15) gives exactly what spaCy's own component gives."""

from __future__ import annotations

import pytest

from blamelint.nlp.engine import _fast_ruler, analyze, resolve_model
from blamelint.nlp.fast_ruler import compile_ruler

ALL = frozenset({"ner", "tagger", "parser"})
TEXTS = {
    "en": [
        "The on-call engineer didn't check the replica, but it wasn't his fault.",
        "Y'all gonna ain't nothin' done: there is a bug and I did it, you saw it.",
        "We had restarted the node because the disk was full  \n and the pager was muted.",
        "Whether or not they'd seen it, that was what broke; those who knew said nothing.",
        # patterns of two tokens beside one-token ones on the same tokens, in both orders
        "Let's say we gotta go, c'mon: there are two queues and there's one replica left.",
        "",
    ],
    "fr": [
        "Julien n'a pas vérifié la configuration avant de redémarrer le mauvais nœud.",
        "L'alerte a été envoyée à un canal archivé  \n et personne ne l'a vue.",
    ],
}


def _annotations(doc):
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_compiled_ruler_equals_spacy_s(language):
    analyze(["warm"], language=language, components=ALL)  # loads the model
    import blamelint.nlp.engine as engine

    nlp = engine._loaded[resolve_model(language)]
    ruler = nlp.get_pipe("attribute_ruler")
    fast = compile_ruler(ruler)
    assert fast is not None and _fast_ruler(nlp) is not None
    before = [p for p in nlp.pipe_names if p not in ("attribute_ruler", "ner")]
    with nlp.select_pipes(enable=before):
        plain = list(nlp.pipe(TEXTS[language]))
        again = list(nlp.pipe(TEXTS[language]))
    for doc, twin in zip(plain, again, strict=True):
        assert _annotations(ruler(doc)) == _annotations(fast(twin))
    # The engine applies it: the same annotations as a plain spaCy pipeline.
    with nlp.select_pipes(enable=[*before, "attribute_ruler"]):
        reference = list(nlp.pipe(TEXTS[language]))
    docs = analyze(TEXTS[language], language=language, components=frozenset({"tagger", "parser"}))
    assert [_annotations(d) for d in docs] == [_annotations(d) for d in reference]
    assert any(t.pos_ == "AUX" for d in docs for t in d)  # the ruler did map tags


class _Matcher:
    def __init__(self, patterns):
        self.patterns = patterns

    def get(self, key):
        return None, self.patterns[int(key)]


class _Ruler:
    def __init__(self, patterns, indices=None):
        self.matcher = _Matcher(patterns)
        self.attrs = [{} for _ in patterns]
        self.indices = indices or [0] * len(patterns)


def test_patterns_it_cannot_replay_are_left_to_spacy():
    assert compile_ruler(_Ruler([[[{"TAG": "NN"}]]])) is not None
    assert compile_ruler(_Ruler([[[{"TAG": "NN", "OP": "?"}]]])) is None  # an operator
    assert compile_ruler(_Ruler([[[{"ENT_TYPE": "PERSON"}]]])) is None  # another attribute
    assert compile_ruler(_Ruler([[[{"LOWER": {"FUZZY": "teh"}}]]])) is None  # a predicate
    assert compile_ruler(_Ruler([[[{"_": {"x": 1}}]]])) is None  # an extension
    assert compile_ruler(_Ruler([[[{"TAG": "NN"}]]], indices=[2])) is None  # out of the span
    assert compile_ruler(_Ruler([[[]]])) is None  # an empty pattern


@pytest.mark.nlp
def test_words_no_pattern_names_share_one_worked_out_entry_and_named_ones_do_not():
    analyze(["warm"], language="en", components=ALL)
    import blamelint.nlp.engine as engine

    nlp = engine._loaded[resolve_model("en")]
    fast = compile_ruler(nlp.get_pipe("attribute_ruler"))
    texts = [f"The {noun} was restarted." for noun in ("cache", "router", "queue", "replica")]
    texts += ["It ain't restarted.", "It isn't restarted.", "We saw nothin' new."]
    before = [p for p in nlp.pipe_names if p not in ("attribute_ruler", "ner")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        fast(doc)
    lower = fast.attrs.index("LOWER")
    nouns = [
        entry for row, entry in fast.memo.items() if row[lower] in {d[1].lower for d in docs[:4]}
    ]
    assert len(nouns) == 4 and all(entry is nouns[0] for entry in nouns)
    assert fast._tested(lower, docs[4][2].lower, nlp.vocab.strings)  # "n't": a regex names it
    assert fast._tested(lower, docs[6][2].lower, nlp.vocab.strings)  # "nothin'"
    assert not fast._tested(lower, docs[0][1].lower, nlp.vocab.strings)  # "cache"
