"""Mechanisms behind the false alarms and misses of the heldout7 test half (session 7,
helper unseen8):

- a wrong-object word on a thing found ("not seeing anything wrong") is no wrong object of an
  action (nlp/agency.py `fault_marker`, blame-verbs.yaml `indefinite_things`);
- a person identified by the trigger in a relative clause and praised by the main clause ("the
  engineer who set it off was quick to spot it") is not made the cause (nlp/blame_detect.py
  `_praised`);
- a negated feeling ("did not feel confident to redeploy without ...") is no omitted action,
  and the infinitive the parser splits off as a coordinate did not happen;
- an epistemic adverb grading what was found ("nothing was obviously tampered with", "an
  obviously wrong checksum") and "lazy" on an operation ("lazy index lookups") are no
  judgements of people (nlp/blame_lexical.py, judgmental.yaml);
- a Title Case role or desk ("Release Manager", "Customer Support") is no personal name
  (nlp/people.py `_role_title`, roles.yaml `desk_heads`);
- names: TOML `+++` front matter authors, reference links to a profile ("[handle]" with
  "[handle]: https://github.com/handle"), a given name alone after the full name with a
  particle ("Ilse van Roon" ... "Ilse"), the writer's initials ("I (JKW)").

Every sentence here is invented for the test.
"""

from __future__ import annotations

from functools import cache

import pytest

from .batch import lint_cases, rules_of, spans

pytestmark = pytest.mark.nlp


@cache
def _linted(texts: tuple[str, ...]):
    """All the texts of one list linted in one batched pass, when a test first asks."""
    return lint_cases(list(texts), "en")


def _rules_of(texts, index):
    return rules_of(_linted(tuple(texts))[index])


# ------------------------------------------------------------------ blame: quiet


QUIET = [
    # a thing found or not found, graded by "wrong"
    "A second responder starts reading the proxy logs but not finding anything obviously wrong.",
    "We looked at the queue metrics and saw nothing wrong.",
    # the trigger identifies a person the sentence praises
    "The developer who set off the incident was quick to spot the runaway job before the alerts.",
    "The admin that triggered the outage was able to roll it back within minutes.",
    # a negated feeling
    "Although the first responder knew the fix, she did not feel comfortable re-running the"
    " migration without checking with the database owner.",
    "The first responder knew the fix but did not feel safe to restart the primary without"
    " asking the database owner.",
    # an epistemic adverb on what was found
    "The scan suggests that nothing was obviously tampered with.",
    "The exporter wrote an obviously wrong checksum into the manifest.",
    # "lazy" on an operation
    "Eager joins here avoid later lazy index lookups.",
    "The replicas were lazily synced from the primary.",
]


@pytest.mark.parametrize("index", range(len(QUIET)), ids=[t[:40] for t in QUIET])
def test_findings_and_feelings_are_not_blame(index):
    assert not _rules_of(QUIET, index), QUIET[index]


# ------------------------------------------------------------------ blame: still fires


FIRES = [
    ("The operator restarted the wrong replica.", "BL401"),
    ("The admin who triggered the outage did not tell anyone.", "BL401"),
    ("They did not feel confident, and deployed without review.", "BL401"),
    ("We did not feel safe, so Noor deployed without review.", "BL401"),
    ("The on-call did not restart the pods.", "BL401"),
    ("Obviously, the on-call engineer should have paged the database team sooner.", "BL405"),
    ("That was an obviously bad decision by the release captain.", "BL405"),
    ("The operator obviously ignored the alert.", "BL405"),
    ("Our engineers were lazy about the review.", "BL405"),
    ("The lazy reviewer approved the change.", "BL405"),
]


@pytest.mark.parametrize("index", range(len(FIRES)), ids=[t[:40] for t, _ in FIRES])
def test_blame_next_to_these_frames_still_fires(index):
    text, rule = FIRES[index]
    assert rule in _rules_of([t for t, _ in FIRES], index), text


# ------------------------------------------------------------------ names


NAMES = [
    # Title Case roles and desks: no name
    ("### 2:10 PM\nRelease Manager's theory is that the queue restarts exhaust the workers.", []),
    ("Customer Support reported that several users could not sign in.", []),
    # a given name keeps the span a person
    ("Dana Lead confirmed the rollback.", ["Dana Lead"]),
    # TOML front matter
    (
        '+++\nlayout = "post"\ntitle = "Disk full"\nauthor = "Mirela Castellanos"\n+++\n\n'
        "At 01:38 UTC the site went down because the disk was full.",
        ["Mirela Castellanos"],
    ),
    (
        '+++\ntitle = "Export bug"\n\n[taxonomies]\nauthor = ["Teodor Vasquez"]\n+++\n\n'
        "We found a bug in the export tool.",
        ["Teodor Vasquez"],
    ),
    # a "+++" line that opens no TOML stays prose
    ("+++ this is no front matter\nThe export stalled twice.", []),
    # reference links to a profile
    (
        "- 01:39: [qwertyhawk] joins the ops channel.\n"
        "- See [docs-team] and [the runbook].\n\n"
        "[qwertyhawk]: https://github.com/qwertyhawk\n"
        "[docs-team]: https://github.com/docs-team/handbook\n"
        "[the runbook]: https://example.org/runbook",
        ["qwertyhawk"],
    ),
    # the writer's initials, not a role
    ("I (JKW) want to thank the volunteers for the quick work.", ["JKW"]),
    ("I (SRE) was paged at 02:00.", []),
]


@pytest.mark.parametrize("index", range(len(NAMES)), ids=[t[:40] for t, _ in NAMES])
def test_names(index):
    text, expected = NAMES[index]
    found = _linted(tuple(t for t, _ in NAMES))[index]
    assert spans(found, text) == expected


def test_a_given_name_alone_after_the_full_name_with_a_particle():
    text = (
        "Ilse van Roon reports that some users cannot log in.\n\n"
        "First complaints about 404 pages arrive from Ilse van Roon.\n\n"
        "Later Ilse shares the full text of the user reports."
    )
    (found,) = lint_cases([text], "en")
    # the repeat is one name, not its given and family names apart
    assert spans(found, text) == ["Ilse van Roon", "Ilse van Roon", "Ilse"]


def test_a_full_name_without_a_known_given_name_lends_no_part():
    text = "Vendor Quorbit Relay failed over.\n\nLater Quorbit replied to the ticket."
    (found,) = lint_cases([text], "en")
    assert "Quorbit" not in spans(found, text)


def test_toml_front_matter_is_read_and_masked():
    from blamelint.document.parse import parse_document

    text = (
        '+++\ntitle = "Disk full"\ndate = 2024-03-05\nauthor = "Mira Castellanos"\n+++\n\n'
        "# Disk full\n\nThe disk filled up.\n"
    )
    doc = parse_document("x.md", text)
    assert doc.front_matter["author"] == "Mira Castellanos"
    assert doc.front_matter_lines == (1, 5)
    assert doc.front_matter.line_of("date") == 3
    assert "date" in doc.metadata
    assert all("Castellanos" not in s.text for s in doc.segments)


def test_a_plus_line_with_invalid_toml_stays_prose():
    from blamelint.document.parse import parse_document

    doc = parse_document("x.md", "+++\nnot = [toml\n+++\n\nThe export stalled.\n")
    assert doc.front_matter_lines is None
