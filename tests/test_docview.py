"""The per-Doc view (issue 15): what the detectors read from it equals what spaCy gives."""

from __future__ import annotations

import pytest

from blamelint.nlp.agency import children, is_passive, name_token_set, negated
from blamelint.nlp.docview import Sentence, release, tokens, view
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
        assert [list(k) for k in v.kids] == [[c.i for c in t.children] for t in doc]
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


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_shared_tokens_and_sentences_read_as_spacy_does(language):
    for doc in _docs(language):
        made = tokens(doc)
        assert [(t.i, t.text, t.dep_) for t in made] == [(t.i, t.text, t.dep_) for t in doc]
        assert tokens(doc) is made  # made once per Doc
        for span in doc.sents:
            sent = Sentence(span)
            assert [t.i for t in sent] == [t.i for t in span]
            assert len(sent) == len(span)
            assert (sent.start, sent.end, sent.doc) == (span.start, span.end, doc)
            assert sent[0] is made[span.start] and sent[-1] is made[span.end - 1]
            assert sent[1:].start == span.start + 1  # a slice is the Span's
            assert (sent.text, sent.start_char, sent.root.i) == (
                span.text,
                span.start_char,
                span.root.i,
            )
        release([doc, None])
        assert "blamelint.tokens" not in doc.user_data  # the cycle Token -> Doc is broken
        assert [t.i for t in tokens(doc)] == [t.i for t in doc]  # and made again on demand


@pytest.mark.nlp
def test_the_nlp_stage_releases_the_token_lists(monkeypatch):
    import blamelint.nlp.engine as engine
    from blamelint.run.lint import lint_texts

    seen = []
    real = engine.analyze

    def recording(*args, **kwargs):
        docs = real(*args, **kwargs)
        seen.extend(d for d in docs if d is not None)
        return docs

    monkeypatch.setattr(engine, "analyze", recording)
    text = (
        "# Incident\n\nThe on-call engineer forgot to check the replica, so Priya restarted it.\n"
    )
    findings = lint_texts([("a.md", text)])
    assert any(f.rule.startswith("BL4") for f in findings)
    assert any("blamelint.view" in doc.user_data for doc in seen)  # the detectors read them
    assert not any("blamelint.tokens" in doc.user_data for doc in seen)


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_sentence_starts_merge_splits_after_no_final_punctuation(language):
    from blamelint.nlp.agency import FINAL, sentence_start

    texts = [*TEXTS[language], "@mlefevre restarted the pod. Then\nthe queue drained: ok"]
    for doc in analyze(texts, language=language, components=ALL):
        for t in doc:
            start = t.sent.start  # the definition: walk back over splits after no final mark
            while start > 0 and doc[start - 1].text not in FINAL:
                start = doc[start - 1].sent.start
            assert sentence_start(t) == start


@pytest.mark.nlp
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_engine_tells_each_doc_its_text(language):
    from blamelint.nlp.docview import doc_text

    texts = [*TEXTS[language], "  two  spaces\tand a tab\n\nthen a line  "]
    docs = analyze(texts, language=language, components=ALL)
    for text, doc in zip(texts, docs, strict=True):
        assert doc.user_data["blamelint.raw"] == text == doc.text == doc_text(doc)
