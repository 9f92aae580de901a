"""How people in charge acted, told as a failure (nlp/blame_conduct.py): in charge of a
failure, news told late (BL401), a yes/no question that a person was behind the incident (BL406),
and people let down (BL405). Procedures, recoveries, things and the writer's own stay quiet.
Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES = [
    ("The CEO presided over a costly blunder at the bank.", "BL401"),
    ("She resigned a year later, after presiding over the outage of the decade.", "BL401"),
    ("The head of IT oversaw a disastrous cutover to the new ledger.", "BL401"),
    ("The vendor only informed the regulator three days later.", "BL401"),
    ("The carrier only told its customers two hours after service was back.", "BL401"),
    ("Was a contractor behind the outage?", "BL406"),
    ("Was an intern behind the outage?", "BL406"),
    ("Was the night operator behind last week's meltdown?", "BL406"),
    ("Customers who rely on the exchange were let down.", "BL405"),
    ("Thousands of passengers were let down again this winter.", "BL405"),
]

QUIET = [
    "The CTO oversaw the recovery.",
    "The VP presided over the review of the outage.",
    "The incident commander oversaw the failover to the second region.",
    "The on-call only paged the DBA after confirming the lag.",
    "We only notified customers two hours after the fix.",
    "The on-call told the support team at 10:42, as the runbook asks.",
    "Was a config change behind the outage?",
    "Was anyone behind the outage?",
    "The alerting let us down.",
    "We let the queue drain down before the restart.",
]


@pytest.mark.parametrize(("text", "rule"), FIRES)
def test_fires(text, rule):
    assert rule in blame_of(text)


@pytest.mark.parametrize("text", QUIET)
def test_stays_quiet(text):
    assert not blame_of(text)
