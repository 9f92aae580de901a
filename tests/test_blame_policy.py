"""Sentences that read like blame but state a policy about it or tell its fix
(nlp/blame_policy.py): a remedy conditioned on someone's fault (BL407), the removal of the
thing behind the incident (BL401), and presence negated (BL401). Each has the cases next to
it that still fire. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES = [
    ("en", "Engineers need to be more careful when editing the zone file.", "BL407"),
    ("en", "After this outage the release managers should step down.", "BL407"),
    ("en", "The on-call took down the checkout service during the deploy.", "BL401"),
    ("en", "The contractor took down the server behind the firewall.", "BL401"),
    ("en", "The on-call did not answer the page for forty minutes.", "BL401"),
]

QUIET = [
    (
        "en",
        "I believe that when one engineer is truly to blame for an outage, that engineer should be fired.",
    ),
    (
        "en",
        "If an operator is at fault for an incident, they should be held accountable, some argue.",
    ),
    (
        "en",
        "Overnight the platform team took down the relay behind the spam flood and cleared the queue.",
    ),
    ("en", "We shut down the worker behind the retry storm at 10:40."),
    ("en", "The vendor's account manager had not shown up by the time the call started."),
    ("en", "The second reviewer didn't turn up to the change meeting."),
]


@pytest.mark.parametrize(("language", "text", "rule"), FIRES)
def test_fires(language, text, rule):
    assert rule in blame_of(text, language)


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_stays_quiet(language, text):
    assert not blame_of(text, language)
