"""English blame mechanisms found on real postmortems (issue 13): each class has sentences
that fire and hard negatives that stay quiet. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text

pytestmark = pytest.mark.nlp

BLAME = {"BL401", "BL402", "BL403", "BL404", "BL405", "BL406"}


def _blame(text: str) -> set[str]:
    return {f.rule for f in lint_text(text, language="en") if f.rule in BLAME}


FIRES = [
    # The team's own slips and skipped checks in the past stay self-judgement.
    ("We forgot to extend the domain before it lapsed.", "BL401"),
    ("We overrode the deploy lock and the migration ran twice.", "BL401"),
    ("We did not test the restore script before the upgrade.", "BL401"),
    ("Farid did not restart the replicas before the drain.", "BL401"),
    # Character words aimed at a person, at people's work, or at nothing the parse finds.
    ("Pushing that on a Friday was a stupid change.", "BL405"),
    ("The on-call was unprofessional with the customer.", "BL405"),
    ("What a stupid mistake.", "BL405"),
    ("It was stupid.", "BL405"),
]

QUIET = [
    # A habit or a coverage state of the team, not an event of this incident.
    ("Each mapper gets a default that we override only when needed.", ""),
    ("We skip the nightly compaction on weekends.", ""),
    ("The race reached production because we have not tested two runs in one process.", ""),
    # An elided action: what was not done is unsaid.
    ("Everyone on the street locked their doors, but old Bertram, did not!", ""),
    # Inside a modal's clause: what people would think, not what happened.
    ("Most readers would think they are doing something wrong rather than report it.", ""),
    # Character words aimed at a thing that is nobody's work.
    ("Would a stupid but handy safety measure help newcomers here?", ""),
    ("False pages are unprofessional and they wear the rotation down.", ""),
]


@pytest.mark.parametrize(("text", "rule"), FIRES)
def test_fires(text, rule):
    assert rule in _blame(text), text


@pytest.mark.parametrize(("text", "_"), QUIET)
def test_stays_quiet(text, _):
    assert _blame(text) == set(), text
