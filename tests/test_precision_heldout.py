"""False alarms found by a precision audit on real postmortems outside the development corpus
(issue 13; the set and how to rerun it: notes/heldout.md, outside the repository). Each class
has sentences that must stay quiet and a near neighbour that still fires. Every sentence here
is invented for the test. One batched run per language (tests/batch.py).
"""

from __future__ import annotations

import pytest

from .batch import lint_cases, rules_of, spans

pytestmark = pytest.mark.nlp

QUIET = [
    # A numeral after "due to" is one of the things, not a person.
    "Both forks were archived due to one being a demo and one being unused.",
    # A subject with "no" says nobody did it.
    "The log review showed that no other teams had hit the bug before without telling us.",
    # A failure verb under a choice verb is a decision taken on purpose.
    "We also moved to Redis 7 in this rollout and decided to wipe out the cache than port it.",
    # A manner adverb on a planned action is the plan's pace.
    "We told the owners, then coordinated to open the patch and merge it hastily before the audit.",
    # "without" sparing something is care, not a skipped check.
    "The hotfix was deployed without restarting the brokers.",
    "The sweeper was disabled by lowering its threshold to zero without reverting other changes.",
    # "without being" a member is a state, not an omitted act.
    "The report showed that one instance of a Customer having a Billing Role without being an "
    "Owner of that Workspace still existed.",
    # A present rule under "as long as" / "when" tells how the system behaves.
    "As long as a node is busy, its health is not checked.",
    # Hindsight inside a question for reflection, or an outcome imagined.
    "Reflect if the host list should have been communicated to the teams.",
    "Consider whether the host list should have been communicated to the teams.",
    "Picture what would have happened if somebody else had taken the name!",
]

FIRES = [
    ("The data loss was due to an engineer on the night shift.", "BL401"),
    ("The on-call wiped out the cache and the site went down.", "BL401"),
    ("They hastily merged the fix.", "BL405"),
    ("The hotfix was deployed without testing it on staging.", "BL403"),
    ("The change was deployed without being tested.", "BL403"),
    ("The purge script was run manually without excluding the proxy namespace.", "BL403"),
    ("The node's health was not checked.", "BL403"),
    ("The host list should have been communicated to the teams.", "BL403"),
    ("Somebody else should have renewed the name.", "BL403"),
]


TIMELINE = """# Mirror outage

## Timeline

- **Jun 3, 2025**: The mirror sync stalls.
- **Jun 3, 2025**: A cache node is replaced.
- **Jun 9, 2025**: The vendor ships a patch.
"""


NO_NAME = [
    TIMELINE,
    # "me" is the pronoun, not the French title "Me" before a name.
    "Honestly, to me Redis has always felt like magic.",
    # Capitalised words after a vendor name are its product.
    "| 10:22 | AWS Load Balancers were switched to the new proxy. |",
    "At 10:05 the Azure Front Door rules were updated to send traffic to the new pool.",
]

STILL_A_NAME = [
    ("Jun Watanabe restarted the proxy at 10:05.", "Jun Watanabe"),
    ("May 4: Mei and Jun rolled back the release.", "Jun"),
    ("Yesterday Dr Alvarez reviewed the heap dump.", "Alvarez"),
    ("At 10:05 Lena Marsh updated the load balancers.", "Lena Marsh"),
    # The name a "who" cue catches stays; the pronoun beside it does not.
    ("Maria and I, who were both on call, paged the vendor.", "Maria"),
]

FRENCH = [
    # "Aucune" says nobody acted; "sans redémarrer" spares, "sans relecture" skips.
    ("Aucune autre équipe n'avait touché la base sans nous prévenir.", set()),
    ("L'équipe réseau avait touché la base sans nous prévenir.", {"BL401"}),
    ("Le correctif a été déployé sans redémarrer les brokers.", set()),
    ("Le correctif a été déployé sans relecture.", {"BL403"}),
]


@pytest.fixture(scope="module")
def results():
    english = QUIET + [text for text, _ in FIRES] + NO_NAME + [text for text, _ in STILL_A_NAME]
    return {
        "en": dict(zip(english, lint_cases(english, "en"), strict=True)),
        "fr": dict(
            zip(
                [text for text, _ in FRENCH],
                lint_cases([text for text, _ in FRENCH], "fr"),
                strict=True,
            )
        ),
    }


@pytest.mark.parametrize("text", QUIET)
def test_quiet(results, text: str) -> None:
    assert not rules_of(results["en"][text]), text


@pytest.mark.parametrize(("text", "rule"), FIRES)
def test_fires(results, text: str, rule: str) -> None:
    assert rule in rules_of(results["en"][text]), text


@pytest.mark.parametrize("text", NO_NAME)
def test_no_name(results, text: str) -> None:
    assert not spans(results["en"][text], text), text


@pytest.mark.parametrize(("text", "name"), STILL_A_NAME)
def test_still_a_name(results, text: str, name: str) -> None:
    found = spans(results["en"][text], text)
    assert name in found, (text, found)
    assert "I" not in found, (text, found)


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(results, text: str, expected: set[str]) -> None:
    assert rules_of(results["fr"][text]) == expected, text
