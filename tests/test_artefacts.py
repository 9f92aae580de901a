"""Per-document artefacts: computed once per document and run, never shared between documents."""

from __future__ import annotations

from blamelint.rules.kinds import actions as action_kinds
from blamelint.rules.kinds.base import Artefacts
from blamelint.run.lint import lint_texts

DOC = (
    "# Postmortem\n\n## Action items\n\n"
    "- [ ] ACT-{n} Add a disk alert (owner: @sre-team, deadline: 2026-03-10, "
    "validation: alert fires in staging)\n"
)


def test_artefacts_are_kept_with_their_sources() -> None:
    artefacts = Artefacts()
    one, two = object(), object()
    calls: list[str] = []
    assert artefacts.get("k", (one,), lambda: calls.append("a") or "a") == "a"
    assert artefacts.get("k", (one,), lambda: calls.append("b") or "b") == "a"
    assert artefacts.get("k", (two,), lambda: calls.append("c") or "c") == "c"
    assert calls == ["a", "c"]


def test_action_items_are_extracted_once_per_document_in_a_run(monkeypatch) -> None:
    seen: list[str] = []
    real = action_kinds.extract_actions

    def counting(doc):
        seen.append(doc.path)
        return real(doc)

    monkeypatch.setattr(action_kinds, "extract_actions", counting)
    findings = lint_texts([("a.md", DOC.format(n=1)), ("b.md", DOC.format(n=1))])
    # seven action rules read the items; each document's are extracted once
    assert sorted(seen) == ["a.md", "b.md"]
    # the documents do not share items: the same id in two files is no duplicate
    assert not [f for f in findings if f.rule == "BL502"]
