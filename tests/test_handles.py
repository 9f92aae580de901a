"""Handles without @ where only a person can stand (nlp/handles.py, IRC status lines).

Every handle and sentence here is invented for these tests; one batched run (module fixture).
"""

from __future__ import annotations

import pytest

from blamelint.run.config import resolve
from blamelint.run.lint import lint_texts

pytestmark = pytest.mark.nlp

CASES = [
    # The subject of a timed timeline entry, and its bare repeats in the prose.
    (
        "## Timeline\n\n- 14:57 qwendal restarted the worker pool.\n"
        "- 15:03 qwendal confirmed the queue had drained.\n\nLater qwendal wrote the summary.\n",
        ["qwendal", "qwendal", "qwendal"],
    ),
    # An all-lowercase entry is read too.
    ("- 14:57 qwendal restarted the worker pool.\n", ["qwendal"]),
    ("## Timeline\n\n- **10:42 UTC** brontic paged the database team.\n", ["brontic"]),
    # The subject of a verb inside a chat message.
    (
        "**\\<ana\\>** the Redis disk filled before morlest initiated the switch  \n"
        "**\\<dwillow\\>** ok, thanks  \n",
        ["ana", "morlest", "dwillow"],
    ),
    # IRC status lines name people; bots are not people.
    (
        "**\\<ana\\>** let us start  \n\\* grinwald was kicked by ana (spam)  \n"
        "\\* ChanServ has joined  \n",
        ["ana", "grinwald", "ana"],
    ),
    # Hard negatives: common nouns and software as the subject of a timed entry.
    (
        "## Timeline\n\n- 10:45 replication resumed on the replica.\n- 10:50 failover completed.\n"
        "- 10:52 nginx restarted.\n- 10:55 monitoring detected the drop.\n"
        "- 10:58 everything recovered.\n- 10:59 workerd restarted.\n",
        [],
    ),
    # A word the document writes in code, determines, or uses to qualify a noun is a thing.
    ("- 10:40 zentrad crashed on two nodes.\n\nRun `zentrad --check` first.\n", []),
    ("- 10:40 quorvix rejected the writes.\n\nWe restarted the quorvix later.\n", []),
    ("- 10:40 vellpool confirmed the upgrade.\n- 10:45 we called the vellpool CTO.\n", []),
    # Outside a timed entry or a chat message, a lowercase word is not read as a nick.
    ("The night before, qwendal restarted the pool.\n", []),
    # Chat messages: noun phrases and pronouns as subjects are no nicks.
    (
        "**\\<ana\\>** hash checking should be enough  \n"
        "**\\<ana\\>** they said the malicious binairez were rebuilt  \n",
        ["ana", "ana"],
    ),
]


@pytest.fixture(scope="module")
def results():
    texts = [(f"doc{i}.md", text) for i, (text, _) in enumerate(CASES)]
    found = lint_texts(texts, config=resolve({}, None), language="en")
    by_doc: dict[str, list] = {name: [] for name, _ in texts}
    for f in found:
        if f.rule == "BL301":
            by_doc[f.path].append(f)
    return by_doc


@pytest.mark.parametrize("index", range(len(CASES)))
def test_handles(results, index):
    text, expected = CASES[index]
    lines = text.split("\n")
    got = [
        lines[f.span.line - 1][f.span.column - 1 : f.span.end_column - 1]
        for f in sorted(results[f"doc{index}.md"], key=lambda f: (f.span.line, f.span.column))
    ]
    assert got == expected
