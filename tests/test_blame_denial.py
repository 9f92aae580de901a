"""Judgements denied (nlp/blame_denial.py) stay quiet, and the institution-level judgements
of judgmental.yaml fire (BL405). Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp


def _judged(text: str, language: str = "en") -> bool:
    return "BL405" in blame_of(text, language)


FIRES = [
    # Judgements asserted, intensified, in an exhortation, or under a negation above them.
    ("en", "This was sloppy work from start to finish."),
    ("en", "It was not just careless, it was reckless."),
    ("en", "Don't be careless with the production database."),
    ("en", "I can't believe how sloppy the cutover plan was."),
    ("fr", "Ce n'était pas seulement bâclé, c'était dangereux."),
    ("fr", "Personne n'a vérifié, c'était bâclé."),
    ("fr", "Le fournisseur n'a même pas daigné répondre aux abonnés."),
    # Institutions judged, corners cut, complacency.
    ("en", "Make no mistake, the outage was an institutional failure."),
    ("en", "The inquiry called it a failure of leadership at the carrier."),
    ("en", "Cutting corners on the cable survey left the duct exposed."),
    ("en", "Years of complacency at the bank left the failover untested."),
    ("en", "A rookie mistake took the whole cluster down."),
    ("en", "The bank gambled on a single data centre."),
    ("en", "Management was complacent about the backup reports."),
]

QUIET = [
    ("en", "Nobody dropped the ball here; the page went to an archived channel."),
    ("en", "This was not sloppy work: the runbook itself was out of date."),
    ("en", "It was not a fiasco, whatever the forum thread says."),
    ("en", "There was no negligence on the part of the on-call."),
    ("en", "No one was careless; the tooling allowed the wrong target."),
    ("en", "We never cut corners on the restore drills."),
    ("fr", "Ce n'était pas un travail bâclé."),
    ("fr", "Personne n'a été négligent."),
    # Systems, and the technical sense.
    ("en", "It was a systemic failure of the alerting pipeline."),
    ("en", "The dysfunctional retry loop kept the queue full."),
    ("en", "The study discusses automation complacency in cockpit alarms."),
    ("en", "We added basic error handling to the importer."),
    ("en", "This was not a basic error: the schema allowed it."),
]


@pytest.mark.parametrize(("language", "text"), FIRES)
def test_fires(language, text):
    assert _judged(text, language)


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_stays_quiet(language, text):
    assert not _judged(text, language)


def test_cut_corners_names_its_agent():
    # The finite form is a failure verb of BL401 (it names who); negated, nobody is blamed.
    assert "BL401" in blame_of("The contractor cut corners on the survey.")
    assert not blame_of("We never cut corners on drills.")


@pytest.mark.parametrize(
    "text",
    [
        "Nobody ignored the alert; it never reached the pager.",
        "No one forgot to renew the certificate: the renewal job failed silently.",
        "Nobody made a mistake here; the CLI defaulted to production.",
    ],
)
def test_a_failure_with_nobody_as_agent_is_denied(text):
    assert not blame_of(text)


def test_a_restricted_nobody_still_points_at_someone():
    assert "BL405" in blame_of("Nobody below the director level messed this up.")
    # "Nobody checked" tells a check left undone: hindsight, not a denial.
    assert "BL403" in blame_of("Nobody checked the backups for a year.")
