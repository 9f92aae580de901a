"""BL301 false alarms of three kinds (and one miss: an author's account in front matter): a given name after a saint's abbreviation ("St. Louis",
"San Francisco", "Saint-Étienne") is a place or a day; a role mailbox whose local part holds a
role word ("bug-bounty@", "securityteam@") is no person; a name followed by ", an auditing firm"
is a company. Each with the hard negatives that must still be reported.

Sentences and names written for these tests; one batched run per language (module fixture).
"""

from __future__ import annotations

import pytest

from blamelint.nlp.lexicon import people
from blamelint.nlp.name_evidence import after_saint, appositive_org
from blamelint.nlp.people import regex_names

from .batch import lint_by_language, lint_cases, spans

pytestmark = pytest.mark.nlp

EN = [
    # A saint's abbreviation or title before a given name: a city, a day, a thing.
    ("The replica in St. Louis stopped voting at 02:10.", []),
    ("We moved the standby node to St Louis on Friday.", []),
    ("Traffic from San Francisco was rerouted through the west edge.", []),
    ("The freeze lasted until after St. Patrick's Day.", []),
    # ... even where the document names a person with the same given name.
    ("Louis Ferrand restarted the relay; the St. Louis region recovered.", ["Louis Ferrand"]),
    # The name alone, or after another capitalised word, is still a person.
    ("Louis Ferrand restarted the relay after the page.", ["Louis Ferrand"]),
    # A company named by an appositive after a credit cue.
    ("The flaw was reported by Brackwell, an auditing firm, in the public tracker.", []),
    ("The gap was found by Ostrander, a security company.", []),
    # A person in apposition to a role stays a person; "a vendor engineer" is a person.
    ("The flaw was reported by Brackwell, a vendor engineer, on Monday.", ["Brackwell"]),
    ("Thanks to Mirela Voss, the on-call engineer, for the quick rollback.", ["Mirela Voss"]),
    # A credited bot is no person; family names ending in "bot" are.
    ("Thanks to Kubebot for the early page.", []),
    ("Thanks to Cabot for the careful review.", ["Cabot"]),
    # Role mailboxes: a role word as the local part, joined by a hyphen or written as one.
    ("Reports go to bounty@example.org or bug-bounty@example.org.", []),
    ("Write to securityteam@example.org or disclosure@example.org.", []),
    # A person's address is still a name.
    ("Write to ana.lima@example.org for the raw logs.", ["ana.lima@example.org"]),
]

FR = [
    ("Le serveur de Saint-Étienne a perdu le quorum.", []),
    ("Le trafic a été basculé vers Sainte-Marie pendant la nuit.", []),
    ("Merci à Parapet, une société d'audit, pour le signalement.", []),
    ("Merci à Louis Ferrand pour la correction.", ["Louis Ferrand"]),
]


@pytest.fixture(scope="module")
def results():
    return lint_by_language(en=EN, fr=FR)


@pytest.mark.parametrize(("index", "case"), list(enumerate(EN)), ids=lambda x: str(x)[:40])
def test_english(results, index, case):
    text, expected = case
    assert spans(results["en"][index], text) == expected


@pytest.mark.parametrize(("index", "case"), list(enumerate(FR)), ids=lambda x: str(x)[:40])
def test_french(results, index, case):
    text, expected = case
    assert spans(results["fr"][index], text) == expected


def test_after_saint_reads_the_abbreviation_only_right_before_the_name():
    assert after_saint("near St. Louis", len("near St. "))
    assert after_saint("à Saint-Étienne", len("à Saint-"))
    assert not after_saint("Best Louis", len("Best "))  # "St" inside a word
    assert not after_saint("then Louis", len("then "))


def test_appositive_needs_an_organisation_noun_ending_the_phrase():
    text = "by Brackwell, an auditing firm, in"
    assert appositive_org(text, len("by Brackwell"), "en")
    text = "by Brackwell, a firm engineer, in"
    assert not appositive_org(text, len("by Brackwell"), "en")
    assert not appositive_org("by Brackwell, who runs a firm", len("by Brackwell"), "en")


def test_run_together_group_words_are_no_person():
    p = people("en")
    found = [s.text for s in regex_names("itsupport@x.org devopsoncall@x.org jdoe@x.org", p)]
    assert found == ["jdoe@x.org"]


FRONT_MATTER = (
    "---\ntitle: Relay outage\nauthor:\n  - name: '@quillbird'\n"
    "    link: 'https://example.org/quillbird/'\n  - name: '@marlow'\n"
    "    twitter: '@quillfox'\n    github: 'https://example.org/marlowx'\n"
    "stats:\n  twitter: '@relaystatus'\n---\n\nThe relay stopped at noon.\n"
)


def test_front_matter_author_account_is_a_name_but_no_url_or_other_account():
    found = lint_cases([FRONT_MATTER], "en")[0]
    assert spans(found, FRONT_MATTER) == ["@quillbird", "@marlow", "@quillfox"]
