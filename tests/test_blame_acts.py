"""Acts told as the agent of a slip (nlp/blame_acts.py, BL402): a person's act as the subject
with a wrong object or a slip adverb, and an operator's gerund after a cause with a wrong
object. Things, changes, pipeline steps and code's verbs stay quiet. Every sentence here is
invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp


def _human_error(text: str, language: str = "en") -> bool:
    return "BL402" in blame_of(text, language)


FIRES = [
    ("en", "A routine spam takedown hit the wrong router and cut off the whole region."),
    ("en", "A manual edit mistakenly removed the default route."),
    ("en", "A manual edit removed the route by mistake."),
    ("en", "An operator command deleted the wrong snapshot."),
    ("en", "Action was taken on the ticket that accidentally suspended every tenant."),
    ("en", "The outage resulted from applying an incorrect procedure during the upgrade."),
    ("en", "It was caused by running the cleanup script against the wrong cluster."),
    ("en", "The outage stemmed from restarting and reconfiguring the wrong shard."),
    ("fr", "Une manipulation a effacé le mauvais volume."),
    ("fr", "Une intervention manuelle a supprimé par erreur la route par défaut."),
]

QUIET = [
    # Things and changes as subjects: a defect, or the side effect of an intended change.
    ("en", "The cron job mistakenly purged the cache."),
    ("en", "A config change inadvertently disabled the cache."),
    ("en", "The deploy action used the wrong token."),
    ("en", "A GitHub Action pushed to the wrong branch."),
    ("fr", "Le script a supprimé par erreur la route par défaut."),
    # Acts with no fault marker, slowness, and a fix.
    ("en", "The takedown removed the phishing page at 10:02."),
    ("en", "The manual restore took too long."),
    ("en", "Action was taken on the ticket that quickly restored the gateway."),
    # Gerunds with their own subject, code's verbs, no wrong object.
    ("en", "The outage resulted from the scheduler applying an incorrect weight."),
    ("en", "The crash was caused by reading the wrong offset."),
    ("en", "The outage resulted from applying the new config."),
]


@pytest.mark.parametrize(("language", "text"), FIRES)
def test_fires(language, text):
    assert _human_error(text, language)


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_stays_quiet(language, text):
    assert not _human_error(text, language)


MISDIRECTED = [
    ("The engineer sent a message meant for the test list to all customers.", True),
    ("I pushed the config intended for staging to the production cluster.", True),
    ("She picked up the parcel meant for her neighbour.", False),
    ("The script sent the digest meant for admins to all users.", False),
    ("The on-call forwarded the alert meant for the database team.", False),
]


@pytest.mark.parametrize(("text", "fires"), MISDIRECTED)
def test_something_sent_where_it_was_not_meant_to_go(text, fires):
    assert ("BL401" in blame_of(text)) is fires
