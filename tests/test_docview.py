"""The per-Doc view (issue 15): what the detectors read from it equals what spaCy gives."""

from __future__ import annotations

import pytest

from blamelint.nlp.agency import children, is_passive, name_token_set, negated
from blamelint.nlp.docview import view
from blamelint.nlp.engine import analyze
from blamelint.nlp.lexicon import grammar, norm

ALL = frozenset({"ner", "tagger", "parser"})
TEXTS = {
    "en": [
        "The on-call engineer didn’t check the replica before he restarted the wrong node.",
        "Priya Raman was paged at 03:10, but the alert had been routed to an archived channel.",
        "The migration was not reviewed by anyone; nobody noticed the lock until 04:00!",
    ],
    "fr": [
        "Julien n’a pas vérifié la configuration avant de redémarrer le mauvais nœud.",
        "L’alerte a été envoyée à un canal archivé, et personne ne l’a vue avant 4 h.",
    ],
}


def _docs(language):
    return analyze(TEXTS[language], language=language, components=ALL)


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_view_matches_the_tokens(language):
    for doc in _docs(language):
        v = view(doc)
        assert v.text == [t.text for t in doc]
        assert v.lower == [norm(t.text) for t in doc]
        assert v.dep == [t.dep_ for t in doc]
        assert v.kids == [[c.i for c in t.children] for t in doc]
        assert view(doc) is v  # built once per Doc


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_helpers_read_the_same_parse(language):
    negations = grammar().negations
    found = []
    for doc in _docs(language):
        for t in doc:
            labels = ("nsubj", "aux", "neg", "advmod", "obj", "dobj")
            assert [c.i for c in children(t, labels)] == [
                c.i for c in t.children if c.dep_ in labels
            ]
            assert is_passive(t) == any("pass" in c.dep_ for c in t.children)
            want = any(
                norm(c.text) in negations and c.dep_ in ("neg", "advmod") for c in t.children
            )
            assert negated(t) == want
            found.append(want)
    assert any(found)


@pytest.mark.nlp
def test_covered_tokens_are_the_ones_a_range_overlaps():
    doc = _docs("en")[1]
    text = doc.text

    class Span:
        def __init__(self, start, end):
            self.start, self.end = start, end

    for a in range(0, len(text) + 1, 3):
        for b in (a, a + 1, a + 7, len(text) + 2):
            want = {t.i for t in doc if a < t.idx + len(t.text) and t.idx < b}
            assert name_token_set(doc, [Span(a, b)]) == want
    assert name_token_set(doc, []) == frozenset()
    ranges = [(0, 5), (len(text) - 3, len(text))]
    want = {t.i for t in doc for a, b in ranges if a < t.idx + len(t.text) and t.idx < b}
    assert name_token_set(doc, [Span(a, b) for a, b in ranges]) == want
    assert {0, len(doc) - 1} <= want
