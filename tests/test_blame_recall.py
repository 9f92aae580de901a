"""Session 6 recall mechanisms (issue 13): late detection told without a culprit
(nlp/blame_unnoticed.py, BL403) and a past act judged a slip or a bad choice
(nlp/blame_verdict.py, BL405). Each has sentences that fire and hard negatives from
ordinary postmortem narration, plans, advice, FAQ text and systems-focused sentences. Every
sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import lint_by_language, rules_of

pytestmark = pytest.mark.nlp

UNNOTICED_EN = [
    ("The broken login page went unnoticed for two hours, until a customer wrote in.", True),
    ("That went unnoticed and cost us half a day of writes.", True),
    ("The stuck queue went undetected for 25 minutes.", True),
    ("The revoked signing key had gone unnoticed for weeks.", True),
    ("It took quite a while before anyone noticed the stale cache.", True),
    ("The replica drift lasted a long time (nine hours) before we noticed it.", True),
    ("Took ages for the failed backup to get noticed.", True),
    ("It took us a long time to spot the leaking connection pool.", True),
    ("It took the on-call three hours to notice the paused consumer.", True),
    # hard negatives
    ("The maintenance window went unnoticed by most customers.", False),
    ("It took 20 minutes to restore the primary.", False),
    ("Small drifts in replica lag can go unnoticed for days.", False),
    ("We added an alert so that a stuck queue does not go unnoticed again.", False),
    ("If the corruption had gone unnoticed, the backups would have been overwritten.", False),
    ("The corruption almost went unnoticed, but the checksum job flagged it.", False),
    ("The attacker went undetected for a week.", False),
    ("The change did not go unnoticed: three customers wrote in within minutes.", False),
    ("It took five minutes to detect the fault.", False),
    ("It took us hours to restore the database from the snapshot.", False),
    ("The monitor took hours to detect the drift.", False),
    ("It took a while to notice because the alert went to an archived channel.", False),
    ("How long did it take us to notice the outage?", False),
    ("It will take a while to identify every affected tenant.", False),
    ("We took a long time to pick a new region, and we noticed the quota limit early.", False),
    ("An unnoticed failure in the cron job left stale files behind.", False),
]

UNNOTICED_FR = [
    ("La saturation du disque est passée inaperçue pendant deux heures.", True),
    ("L'échec de la sauvegarde est resté inaperçu jusqu'au lundi.", True),
    ("Il nous a fallu longtemps pour remarquer la file bloquée.", True),
    ("Il a fallu plusieurs heures avant que l'astreinte ne remarque la dérive.", True),
    ("Nous avons mis du temps à détecter la coupure.", True),
    # hard negatives
    ("La maintenance est passée inaperçue des utilisateurs.", False),
    ("Une petite dérive peut passer inaperçue pendant des jours.", False),
    ("Nous avons ajouté une alerte pour que la file bloquée ne passe plus inaperçue.", False),
    ("Il a fallu deux heures pour restaurer la base.", False),
    ("Nous avons mis cinq minutes à détecter la panne.", False),
    ("La sonde a mis des heures à détecter la dérive.", False),
]

VERDICT_EN = [
    ("Removing the weekly compaction was a dumb idea.", "BL405"),
    ("This was a bad idea.", "BL405"),
    ("In this case it was not the best approach.", "BL405"),
    ("Skipping the smoke test was a poor decision in hindsight.", "BL405"),
    ("Turning off the pager was the wrong call.", "BL405"),
    ("Dropping the old partition was a mistake.", "BL405"),
    ("It was a mistake to upgrade both clusters on the same day.", "BL405"),
    # hard negatives
    ("It would be a bad idea to deploy on Friday.", None),
    ("Running migrations at peak is a bad idea.", None),
    ("Rolling back was the right call.", None),
    ("Dropping the partition was not a mistake: the rebuild was planned.", None),
    ("Was skipping the canary a mistake?", None),
    ("This was an error in the parser.", None),
    ("The error was a timeout in the client library.", None),
    ("Moving to Postgres was a good decision.", None),
    ("It was a good idea to keep the snapshot.", None),
    ("A good idea would be to add a canary stage.", None),
    ("Kafka was a poor choice for this workload, the benchmark showed.", None),
    ("Do I need to do anything? No, it was not a mistake on your side.", None),
]

VERDICT_FR = [
    ("Supprimer l'ancienne partition était une erreur.", "BL405"),
    ("Retirer la compaction hebdomadaire a été une mauvaise idée.", "BL405"),
    ("C'était une mauvaise idée.", "BL405"),
    ("Ce n'était pas la meilleure approche.", "BL405"),
    ("C'était une erreur de mettre à jour les deux grappes le même jour.", "BL405"),
    ("Couper le pager fut une bêtise.", "BL405"),
    # hard negatives
    ("Ce serait une mauvaise idée de déployer un vendredi.", None),
    ("Revenir en arrière était la bonne décision.", None),
    ("C'était une erreur de configuration du pare-feu.", None),
    ("Était-ce une erreur de supprimer l'index ?", None),
]


# A slip adverb on what a thing holds (human-error.yaml `held_verbs`), and an irregular past
# the small tagger reads as a present ("misunderstood", grammar.yaml `irregular_past`).
HELD_EN = [
    ("The published image inadvertently contained a live deploy token.", "BL402"),
    ("The release tarball accidentally included the staging credentials.", "BL402"),
    ("We misunderstood the retry semantics.", "BL401"),
    # hard negatives
    ("The cron job mistakenly purged the cache.", None),
    ("The config change inadvertently disabled the cache.", None),
    ("The image contained a live deploy token, which we rotated at 10:40.", None),
    ("We misunderstand nothing here; the retry semantics are documented.", None),
]
HELD_FR = [
    ("L'archive publiée contenait par erreur un jeton de production.", "BL402"),
    ("L'image contenait un jeton de production, révoqué à 10 h 40.", None),
]

# People's checks judged short (nlp/blame_diligence.py) and people judged "too tired"
# (judgmental.yaml `person_only`).
SHORT_EN = [
    ("Load testing before the launch not thorough enough.", "BL405"),
    ("The manual testing was incomplete.", "BL405"),
    ("The code review was not rigorous enough.", "BL405"),
    ("Our review of the failover script wasn't thorough.", "BL405"),
    ("Verification of the restore was insufficient.", "BL405"),
    ("The crew was too tired to write the report.", "BL405"),
    # hard negatives
    ("The backup was incomplete when the disk filled.", None),
    ("Test coverage was insufficient for the ARM builds.", None),
    ("Monitoring was insufficient for queue depth.", None),
    ("The review was thorough, yet the race only shows under load.", None),
    ("The review must be thorough before any schema change.", None),
    ("Was the testing thorough enough?", None),
    ("The review found the rollout plan incomplete.", None),
    ("The disk was too slow to keep up.", None),
    # "breakdown" is an incident noun (blame-verbs.yaml `incident_nouns`)
    ("The contractor was responsible for the breakdown.", "BL401"),
    ("A worn relay was responsible for the breakdown.", None),
]
SHORT_FR = [
    ("La relecture a été insuffisante.", "BL405"),
    ("La recette n'a pas été assez poussée.", "BL405"),
    ("Les vérifications étaient incomplètes.", "BL405"),
    ("L'astreinte était trop fatiguée pour suivre le runbook.", "BL405"),
    # hard negatives
    ("La sauvegarde était incomplète.", None),
    ("La relecture a été rigoureuse.", None),
    ("La relecture doit être approfondie.", None),
    ("Le disque était trop lent.", None),
    ("Le prestataire était responsable du dysfonctionnement.", "BL401"),
    ("Un relais usé était responsable du dysfonctionnement.", None),
]


CASES = {
    "en": {"unnoticed": UNNOTICED_EN, "verdict": VERDICT_EN, "held": HELD_EN, "short": SHORT_EN},
    "fr": {"unnoticed": UNNOTICED_FR, "verdict": VERDICT_FR, "held": HELD_FR, "short": SHORT_FR},
}


@pytest.fixture(scope="module")
def found():
    """Findings per language and group, from one lint run per language."""
    linted = lint_by_language(
        **{
            language: [c for group in groups.values() for c in group]
            for language, groups in CASES.items()
        }
    )
    split = {}
    for language, groups in CASES.items():
        results = iter(linted[language])
        split[language] = {name: [next(results) for _ in group] for name, group in groups.items()}
    return split


def _indexes(group: str) -> list[tuple[str, int]]:
    return [(language, i) for language, groups in CASES.items() for i in range(len(groups[group]))]


def _check(found, language, group, index, family=None):
    text, rule = CASES[language][group][index]
    rules = rules_of(found[language][group][index])
    if rule is None:
        assert not (rules & family if family else rules), text
    else:
        assert rule in rules, text


@pytest.mark.parametrize(("language", "index"), _indexes("held"))
def test_held_slips_and_irregular_pasts(found, language, index):
    _check(found, language, "held", index)


@pytest.mark.parametrize(("language", "index"), _indexes("unnoticed"))
def test_late_detection(found, language, index):
    text, fires = CASES[language]["unnoticed"][index]
    assert ("BL403" in rules_of(found[language]["unnoticed"][index])) is fires, text


@pytest.mark.parametrize(("language", "index"), _indexes("verdict"))
def test_judged_act(found, language, index):
    _check(found, language, "verdict", index, family={"BL402", "BL405"})


@pytest.mark.parametrize(("language", "index"), _indexes("short"))
def test_checks_judged_short(found, language, index):
    _check(found, language, "short", index)
