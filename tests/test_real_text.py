"""Mechanisms tuned on real postmortems (issue 13), each with sentences that fire and hard
negatives that stay quiet. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

pytestmark = pytest.mark.nlp

BLAME = {"BL401", "BL402", "BL403", "BL404", "BL405", "BL406"}


def _blame(text: str, language: str = "en") -> set[str]:
    return {f.rule for f in lint_text(text, language=language) if f.rule in BLAME}


def _names(text: str, language: str = "en") -> list[str]:
    lines = text.split("\n")
    found = []
    for f in lint_text(text, language=language):
        if f.rule == "BL301":
            assert f.span.line == f.span.end_line, "a name never crosses a line end"
            found.append(lines[f.line - 1][f.column - 1 : f.span.end_column - 1])
    return found


FIRES = [
    # Agentless slips (BL402).
    ("The cleanup script was mistakenly run against the billing cluster.", "en", "BL402"),
    ("An accidental push to the release branch rebuilt every image.", "en", "BL402"),
    ("An oversight during the rebuild left the debug port open.", "en", "BL402"),
    ("The renewal reminder was missed and the token expired on Friday.", "en", "BL402"),
    ("Le cache a été vidé par erreur pendant la bascule.", "fr", "BL402"),
    # Hindsight with no one named (BL403).
    ("The firewall change was not reviewed before the rollout.", "en", "BL403"),
    ("The signing key should have been rotated after the audit.", "en", "BL403"),
    ("Should have tried the patch on the canary first.", "en", "BL403"),
    (
        "In hindsight the regression could have been discovered if the graphs had been read.",
        "en",
        "BL403",
    ),
    ("La migration n'a pas été testée avant la mise en production.", "fr", "BL403"),
    ("Il aurait suffi que quelqu'un relise le fichier de zone.", "fr", "BL403"),
    # Self-judgement and slips of the team (BL401).
    ("We forgot to extend the domain before it lapsed.", "en", "BL401"),
    ("We lost track of which shards had already been moved.", "en", "BL401"),
    ("We took too long to post the first status update.", "en", "BL401"),
    ("We did not check the replica lag before promoting it.", "en", "BL401"),
    ("Nous avons accidentellement supprimé la table des sessions.", "fr", "BL401"),
    ("Julien a redémarré le mauvais nœud à 14h02.", "fr", "BL401"),
    # Sentence adverbs still judge; "needed to" about a check or its timing is hindsight.
    ("Obviously, the queue was going to overflow.", "en", "BL405"),
    ("The on-call engineer needed to page the vendor much earlier.", "en", "BL403"),
]

QUIET = [
    # Narration, plans, generic truths and questions.
    ("We restarted the ingest workers at 10:40 and the backlog drained.", "en"),
    ("We triggered a short outage while load-testing the new proxy.", "en"),
    ("We did not have a signed announcement to point users to.", "en"),
    ("In this section I'll break down each step of the response.", "en"),
    ("They will be responsible for answering pages during the week.", "en"),
    ("Everyone is responsible for posting updates in the incident channel.", "en"),
    ("Are there other mirrors we forgot to notify this time?", "en"),
    ("Cascading failures spread in ways you didn't anticipate.", "en"),
    ("I would have posted on the forum instead.", "en"),
    ("We needed to read through a lot of old threads to understand it.", "en"),
    ("The timeouts had not been tuned, because we have not needed to before.", "en"),
    ("This makes it harder to accidentally deploy to the wrong region.", "en"),
    ("Be careful not to accidentally create a loop between the two mirrors.", "en"),
    # Things, not people.
    ("The cron job mistakenly purged the thumbnail cache.", "en"),
    ("Three heartbeats were missed and the member was evicted.", "en"),
    ("The customer was accidentally logged out during the failover.", "en"),
    ("The bug could have been detected by a fuzzer.", "en"),
    ("The config roll-out obviously had failed on two hosts.", "en"),
    ("There is a stupid number of clients polling the endpoint.", "en"),
    ("We keep a runbook for when things go wrong.", "en"),
    ("Le script a redémarré le mauvais nœud.", "fr"),
    ("Il est rare de trouver une équipe qui n'a jamais mis un service hors ligne.", "fr"),
    ("J'aurais aimé avoir un deuxième avis sur ce choix.", "fr"),
]


@pytest.mark.parametrize(("text", "language", "rule"), FIRES)
def test_fires(text, language, rule):
    assert rule in _blame(text, language), text


@pytest.mark.parametrize(("text", "language"), QUIET)
def test_stays_quiet(text, language):
    assert _blame(text, language) == set(), text


def test_document_level_evidence_drops_software_names():
    text = (
        "# Outage\n\n"
        "Vantor Core 2.4 stopped answering after the upgrade.\n\n"
        "We restarted the core service and pinned `quillon` to the old release.\n\n"
        "Quillon crashed again at noon.\n\n"
        "Nadia Okafor confirmed the fix.\n"
    )
    names = _names(text)
    assert "Nadia Okafor" in names
    assert not any("Vantor" in n or "Quillon" in n for n in names), names


def test_names_never_cross_a_line_end_or_a_table_cell():
    text = "# Report\n\nThe review was chaired by Henrik Solberg\nStatus was then set to final.\n"
    assert _names(text) == ["Henrik Solberg"]
    table = "# Report\n\n| Low | Medium |\n| --- | --- |\n| Bas | Moyen |\n"
    assert _names(table) == []


def test_chat_speakers_and_their_mentions_are_names():
    text = (
        "# Meeting log\n\n"
        "**\\<zorblat77\\>** the mirror looked fine to me  \n"
        "**\\<kestrel_\\>** agreed, zorblat77 checked it twice  \n"
        "**\\<deploy-bot\\>** build 41 finished  \n"
    )
    names = _names(text)
    assert names.count("zorblat77") == 2
    assert "kestrel\\_" in names or "kestrel_" in names
    assert not any("deploy-bot" in n for n in names)


def test_front_matter_authors_are_names_and_teams_are_not():
    text = (
        "---\n"
        "title: Queue stall\n"
        "author: Ilse Varga ([@ivarga](https://social.example/@ivarga))\n"
        "reviewers: sre-team\n"
        "---\n\n"
        "# Queue stall\n\n"
        "Varga opened the incident at 09:12.\n"
    )
    names = _names(text)
    assert "Ilse Varga" in names and "@ivarga" in names
    assert "Varga" in names  # the family name repeated alone
    teams = "---\ntitle: x\nauthors: sre-team, network-team\n---\n\n# x\n\nAll quiet.\n"
    assert _names(teams) == []


def test_credit_cues_name_the_people_credited():
    names = _names("Credit goes to Oskar Lindqvist for spotting the leak.")
    assert names == ["Oskar Lindqvist"]
    assert _names("Thanks to Redis Sentinel the failover took seconds.") == []


def test_mailboxes_scopes_and_emails_after_a_name():
    assert _names("Write to security@example.org or announce@example.org.") == []
    assert _names("The payload was published under @quillon/cli by the attacker.") == []
    assert _names("- Ruth Abara <ruth@example.com>") == ["Ruth Abara"]


def test_overlaps_are_resolved_after_selection_and_suppression():
    text = "The on-call obviously should have checked the replica lag."
    default = {f.rule for f in lint_text(text, language="en") if f.rule in BLAME}
    assert "BL405" in default and "BL403" not in default
    selected = resolve({}, None, select=["BL403"])
    assert {f.rule for f in lint_text(text, language="en", config=selected)} == {"BL403"}
    ignored = resolve({}, None, ignore=["BL405"])
    assert "BL403" in {f.rule for f in lint_text(text, language="en", config=ignored)}
    suppressed = "<!-- blamelint-disable-next-line BL405 -->\n" + text
    rules = {f.rule for f in lint_text(suppressed, language="en") if f.rule in BLAME}
    assert rules == {"BL403"}


def test_french_documents_get_french_messages():
    findings = lint_text("Julien a oublié de renouveler le certificat.", language="fr")
    messages = {f.rule: f.message for f in findings}
    assert messages["BL301"] == "nom de personne 'Julien' dans le postmortem"
    assert "présenté comme la cause" in messages["BL401"]
    english = lint_text("Julien forgot to renew the certificate.", language="en")
    assert {f.rule: f.message for f in english}[
        "BL301"
    ] == "personal name 'Julien' in the postmortem"


def test_organisations_used_like_people_are_not_names():
    assert _names("The unions for Bluebird's pilots blamed the rostering software.") == []
    assert _names("Corvus says it now blocks risky commands.") == []
    assert _names("Priya's change took down checkout.") == ["Priya"]
    assert _names("Marcus Ode says it was fixed by noon.") == ["Marcus Ode"]
