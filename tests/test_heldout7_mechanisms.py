"""Mechanisms behind the false alarms and misses of the heldout7 development half (issue 13):

- a field label that opens its sentence ("Main Causes: ...") is no organisation acting in the
  clause after its colon (nlp/agency.py `field_label`, nlp/blame_org.py);
- "It was a configuration mistake" names the setting's defect, as "a configuration error"
  does: a pronoun verdict on a slip named by a thing stays quiet (nlp/blame_verdict.py);
- an author field with an emphasised label ("**Authors**: tlind") names its authors, and a
  template value ("Authors: TBD") names nobody (name-context.yaml, nlp/name_evidence.py);
- a note's second clause after a dash or a semicolon, with no subject of its own ("... in one go
  - should have staged the upgrade on a canary"), is hindsight about the people who did it
  (nlp/blame_hindsight.py);
- a proper noun that tells or asks the writers something ("Jorvik signaled us an error") or
  that speaks on a chat after "by" / "from" ("suggested by Quentin42 on slack") is a person
  (nlp/name_cues.py; a bot, a team or a tool with a version stays quiet).

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from blamelint.nlp.agency import field_label
from blamelint.nlp.blame_org import organisation
from blamelint.nlp.engine import analyze

from .batch import blame_of, lint_cases, spans

pytestmark = pytest.mark.nlp


# ------------------------------------------------------------------ field labels (BL401)

LABEL_QUIET = [
    "Main Causes: Disk mounts on the cache host did not settle after the upgrade, owing to two"
    " init units racing, so that reads fail over to the cold tier.",
    "Key Factors: Storage layer on the primary did not come back after the reboot, because of"
    " a stale lock, and the replicas fail over late.",
]
LABEL_FIRES = [
    "The hosting company forgot to renew the certificate.",
    "Update: the hosting company forgot to renew the certificate.",
]


def _org_tagged(text: str, words: int):
    """The text parsed, its first `words` tokens tagged ORG as the small NER often tags a
    Title Case label; the last of them returned."""
    from spacy.tokens import Span

    doc = analyze([text], language="en", components=frozenset({"ner", "tagger", "parser"}))[0]
    doc.ents = [Span(doc, 0, words, label="ORG")]
    return doc[words - 1]


def test_a_label_tagged_as_a_company_is_no_organisation():
    label = _org_tagged("Root Causes: the gateway did not come back after the reboot.", 2)
    assert field_label(label)
    assert organisation(label, "en", frozenset()) is None


def test_a_company_before_no_colon_is_still_one():
    name = _org_tagged("Brightwall Hosting failed to renew the certificate on time.", 2)
    assert not field_label(name)
    assert organisation(name, "en", frozenset()) is not None


def test_a_colon_later_in_the_sentence_is_no_label():
    name = _org_tagged("Brightwall Hosting said one thing: the renewal had failed.", 2)
    assert not field_label(name)


@pytest.mark.parametrize("text", LABEL_QUIET)
def test_a_field_label_is_no_agent(text):
    assert "BL401" not in blame_of(text)


@pytest.mark.parametrize("text", LABEL_FIRES)
def test_an_organisation_after_a_label_still_acts(text):
    assert "BL401" in blame_of(text)


# ------------------------------------------------------------- slips named by a thing (BL405)

VERDICT_QUIET = [
    "It was a configuration mistake in the proxy settings.",
    "It was a firewall rule mistake, made during the migration.",
    "This was a schema mistake in the migration.",
]
VERDICT_FIRES = [
    "It was a mistake on our side.",
    "It was a user mistake.",
    "Deleting the index was a configuration mistake.",
    "It was a mistake to deploy on Friday.",
    "That was a rookie mistake.",
]


@pytest.mark.parametrize("text", VERDICT_QUIET)
def test_a_slip_named_by_a_thing_is_its_defect(text):
    assert "BL405" not in blame_of(text)


@pytest.mark.parametrize("text", VERDICT_FIRES)
def test_a_judged_act_or_person_keeps_its_verdict(text):
    assert "BL405" in blame_of(text)


# ----------------------------------------------------------------- author fields (BL301)

AUTHOR_CASES = [
    ("# Review\n\n**Authors**: mbrandt, kdoyle\n\nThe disk filled up.", ["mbrandt", "kdoyle"]),
    ("# Review\n\n**Author:** tlindqvist\n\nThe disk filled up.", ["tlindqvist"]),
    ("# Revue\n\n*Auteur :* rmarchetti\n\nLe disque était plein.", ["rmarchetti"]),
    ("# Review\n\n**Authors**: TBD\n\nThe disk filled up.", []),
    ("# Review\n\nAuthors: TODO\n\nThe disk filled up.", []),
    ("# Review\n\n**Authors**: the SRE team\n\nThe disk filled up.", []),
    ("# Review\n\n**Status**: draft\n\nThe disk filled up.", []),
]


def test_author_fields():
    found = lint_cases([text for text, _ in AUTHOR_CASES], "en")
    for (text, expected), findings in zip(AUTHOR_CASES, found, strict=True):
        assert spans(findings, text) == expected, text


# ------------------------------------------------------- fragments after a dash (BL403)

FRAGMENT_FIRES = [
    "- Every node was patched in one go - should have done the upgrade on a single canary first",
    "- Rollout pushed to all regions at once - should have staged it on one region first.",
]
FRAGMENT_QUIET = [
    "- The batch ran for hours - should have taken 5 minutes.",
    "- The cache expired early; should have lasted a day.",
    "- The page fired late - should have been louder.",
    "- The re-run of the on-call job worked - should have been fine.",
    "- The first run failed - it should have retried the upload.",
]


@pytest.mark.parametrize("text", FRAGMENT_FIRES)
def test_a_subjectless_note_after_a_dash_is_hindsight(text):
    assert "BL403" in blame_of(text)


@pytest.mark.parametrize("text", FRAGMENT_QUIET)
def test_a_system_fragment_stays_quiet(text):
    assert "BL403" not in blame_of(text)


# ------------------------------------------------------------ people on a chat (BL301)

CHAT_CASES = [
    ("Late on Friday, Jorvik signaled us an error on the chat when uploading a file.", ["Jorvik"]),
    ("Jorvik Tamm told us the export was broken.", ["Jorvik Tamm"]),
    ("As suggested by Quentin42 on slack, we paused the import job.", ["Quentin42"]),
    (
        "We halved the cache lifetime (an idea from [Quentin42 on slack](https://example.org/x)).",
        ["Quentin42"],
    ),
    ("A note from Brannoc on Discord said the page was blank.", ["Brannoc"]),
    ("Grafana told us the disk was full.", []),
    ("Sentry messaged us about the spike.", []),
    ("Hetzner asked us to reboot the server.", []),
    ("Quorvex Cloud contacted us about the outage.", []),
    ("The Payments Team asked us to retry.", []),
    ("The patch from Python3 on slack.", []),
    ("The alert was posted by Alertmanager on slack.", []),
]


def test_people_on_a_chat():
    found = lint_cases([text for text, _ in CHAT_CASES], "en")
    for (text, expected), findings in zip(CHAT_CASES, found, strict=True):
        assert spans(findings, text) == expected, text
