"""BL401-BL406 blame rules: firing cases, hard negatives, spans, and the corpus targets.

All sentences go through the real engine in one batched run per language (module fixture).
"""

from __future__ import annotations

import pytest

from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

from .batch import BLAME, lint_by_language, rules_of
from .conftest import evaluate_script

pytestmark = pytest.mark.nlp

# (text, blame rules expected on it)
EN = [
    ("The on-call ignored the disk usage alert for three hours.", {"BL401"}),
    ("Priya deployed the wrong image tag to production.", {"BL401"}),
    ("The ops team lead approved the change without reviewing it.", {"BL401"}),
    ("The on-call engineer did not check the dashboards before closing the page.", {"BL401"}),
    ("Alice's change took down the checkout service.", {"BL401"}),
    ("This incident was triggered by Pieter van der Berg editing the config.", {"BL401"}),
    ("The outage happened because John Smith ran the migration during peak traffic.", {"BL401"}),
    ("It was Tom who restarted the wrong database node.", {"BL401"}),
    ("The network engineer fat-fingered the BGP prefix list.", {"BL401"}),
    ("Root cause: human error.", {"BL402"}),
    ("PEBKAC: the operator ran the script against the wrong cluster.", {"BL402", "BL401"}),
    ("It boils down to a mistake by the person running the script.", {"BL402"}),
    ("The on-call should have known that the replica was lagging.", {"BL403"}),
    ("Hiroshi Tanaka should have double-checked the target cluster.", {"BL403"}),
    ("Had Marco checked the diff, none of this would have happened.", {"BL403"}),
    ("If only the engineer had read the warning, we would have avoided the outage.", {"BL403"}),
    ("The responder failed to notice the alert in the noisy channel.", {"BL403"}),
    ("The team should have caught this in code review.", {"BL403"}),
    ("This was a sloppy deploy with no verification.", {"BL405"}),
    ("Obviously, the retry storm was going to happen.", {"BL405"}),
    ("A lazy workaround left the eviction policy unchanged.", {"BL405"}),
    ("Who pushed the config change to production?", {"BL406"}),
    ("Whose change broke the build?", {"BL406"}),
    # Hard negatives: systems as subjects, neutral roles, homographs, rejections, code.
    ("The deploy script failed to acquire the lock on the release table.", set()),
    ("The alert did not fire because the recording rule referenced a renamed metric.", set()),
    ("Kafka consumers missed three heartbeats and were evicted from the group.", set()),
    ("Jenkins failed to publish the artifact because the workspace disk was full.", set()),
    ("The cron job forgot its checkpoint after the pod was rescheduled.", set()),
    ("The Postgres operator failed to promote the replica within the timeout.", set()),
    ("The on-call engineer was paged at 14:02 and acknowledged at 14:04.", set()),
    ("The on-call followed the database failover runbook step by step.", set()),
    ("We could not reproduce the issue with the staging dataset.", set()),
    ("We graph this ratio but do not alert on it.", set()),
    ("The config validator should have rejected the malformed YAML.", set()),
    ("We should add a lint rule that blocks latest image tags.", set()),
    ("The cert-manager operator error rate rose to 40% during the rotation.", set()),
    ('We deliberately avoid "human error" as a root cause.', set()),
    ("The error message was not human-readable, which slowed down diagnosis.", set()),
    ("The ORM's lazy loading issued 4,000 queries per page view.", set()),
    ("Redis's lazy freeing kept latency low; see `lazyfree-lazy-eviction`.", set()),
    ("The performance overhead of the extra check is negligible.", set()),
    ("There was no obvious correlation between the deploy and the first errors.", set()),
    ("`git blame` on the config file shows the timeout was last changed in 2023.", set()),
    ("Two engineers worked in parallel without a shared channel.", set()),
    ("Our monitoring missed the slow disk because it sampled every five minutes.", set()),
    ("The person on call had been awake for 19 hours, which the rotation allowed.", set()),
    ("Who was on call during the incident?", set()),
    ("1,150 orders missed same-day dispatch.", set()),
    ("We did not page the vendor until 10:30 because the status page was green.", set()),
    ("The team did not deploy on Friday, as the freeze policy requires.", set()),
    ("Spinnaker failed to roll back the canary because the pipeline was paused.", set()),
    ("Airflow skipped the downstream tasks after the sensor timed out.", set()),
    ("The SRE team did not receive the page because the policy had no second level.", set()),
    ("Users could not log in for 38 minutes.", set()),
    ("Elena deleted the stale DNS record to restore service.", set()),
]
FR = [
    ("Le DBA n'a pas vérifié l'espace disque avant de lancer la migration.", {"BL401"}),
    ("La panne est arrivée par la faute de Karim, qui a redémarré le mauvais nœud.", {"BL401"}),
    ("C'est à cause de Thomas que le déploiement a échoué.", {"BL401"}),
    ("Le changement d'Amélie a mis hors service le module de paiement.", {"BL401"}),
    ("@mlefevre a fusionné la demande de fusion sans attendre la revue.", {"BL401"}),
    ("Julien avait généré ce certificat, et il a oublié de le renouveler.", {"BL401"}),
    ("L'incident est dû à une erreur humaine lors de la maintenance.", {"BL402"}),
    ("Une fausse manipulation de l'administrateur a effacé la table de routage.", {"BL402"}),
    ("Comme souvent, l'origine du problème est humaine.", {"BL402"}),
    ("Le DBA aurait dû faire une sauvegarde avant la migration.", {"BL403"}),
    ("Il aurait suffi que l'opérateur vérifie la région pour éviter l'incident.", {"BL403"}),
    ("Si le relecteur avait été plus attentif, le bug ne serait jamais arrivé.", {"BL403"}),
    ("L'astreinte n'a pas remarqué que le taux d'erreur augmentait.", {"BL403"}),
    ("Le runbook était bâclé et obsolète.", {"BL405"}),
    ("Qui a poussé cette configuration en production sans relecture ?", {"BL406"}),
    ("Le script de déploiement n'a pas pu acquérir le verrou.", set()),
    ("La tâche planifiée a oublié de libérer le verrou après son redémarrage.", set()),
    ("Le contrôle de santé n'a pas vérifié le code HTTP, seulement la connexion TCP.", set()),
    ("L'astreinte a suivi le runbook de basculement étape par étape.", set()),
    ("Le validateur de configuration aurait dû rejeter le YAML mal formé.", set()),
    ("Nous n'utilisons pas « erreur humaine » comme cause racine.", set()),
    ("Le chargement paresseux de l'ORM a généré 4 000 requêtes par page.", set()),
    ("Le surcoût de la vérification supplémentaire est négligeable.", set()),
    ("Les clients de l'opérateur Free ont été les plus touchés par la coupure.", set()),
    ("Le disque était plein à cause de réservations d'identifiants.", set()),
    ("La synchronisation CRM a manqué 4 cycles.", set()),
    ("Nous n'avons pas basculé car le réplica avait 90 secondes de retard.", set()),
    ("Rancher n'a pas détecté la perte du nœud.", set()),
    ("Qui était commandant d'incident ?", set()),
    ("Le script n'a vérifié que les services Kubernetes.", set()),
]


@pytest.fixture(scope="module")
def results():
    return lint_by_language(en=EN, fr=FR)


@pytest.mark.parametrize(("index", "case"), list(enumerate(EN)), ids=lambda x: str(x)[:40])
def test_english_blame(results, index, case):
    text, expected = case
    assert rules_of(results["en"][index]) == expected, text


@pytest.mark.parametrize(("index", "case"), list(enumerate(FR)), ids=lambda x: str(x)[:40])
def test_french_blame(results, index, case):
    text, expected = case
    assert rules_of(results["fr"][index]) == expected, text


def _spans(text, language="en", config=None):
    found = lint_text(text, language=language, config=config or resolve({}, None))
    lines = text.split("\n")
    return [
        (f.rule, lines[f.line - 1][f.column - 1 : f.span.end_column - 1])
        for f in found
        if f.rule in BLAME
    ]


def test_spans_cover_subject_and_trigger():
    assert _spans("The on-call should have known that the replica was lagging.") == [
        ("BL403", "The on-call should have known")
    ]
    assert _spans("As usual, the underlying cause is human error.") == [("BL402", "human error")]
    assert _spans("La panne est arrivée par la faute de Jean-Baptiste.", "fr") == [
        ("BL401", "par la faute de Jean-Baptiste")
    ]


def test_positions_inside_markdown_structures():
    text = (
        "# Incident\n\n> Note: the on-call ignored the *disk* alert.\n\n"
        "| time | event |\n| --- | --- |\n| 10:02 | Sloppy rollback of `api` |\n\n"
        "- item one\n  - nested: Bob forgot the `lock` flag\n"
    )
    assert _spans(text) == [
        ("BL401", "the on-call ignored"),
        ("BL405", "Sloppy"),
        ("BL401", "Bob forgot"),
    ]


def test_code_is_never_read():
    text = "# Log\n\n```\nJohn Smith forgot the lock; human error, careless\n```\n"
    assert _spans(text) == []


def test_system_hindsight_is_opt_in():
    text = "The config validator should have rejected the malformed YAML."
    assert _spans(text) == []
    config = resolve({"rules": {"BL404": "info"}}, None)
    assert _spans(text, config=config) == [("BL404", "The config validator should have rejected")]


def test_blockquotes_can_be_excluded():
    text = "> The on-call ignored the alert.\n"
    assert _spans(text, config=resolve({"prose": {"blockquotes": False}}, None)) in ([], None)


@pytest.mark.slow
def test_corpus_meets_the_targets():
    """Regression guard: the development-set targets of the issue, per language."""
    evaluate = evaluate_script()
    result = evaluate.evaluate()
    for key, score in result["sentences"].items():
        kind = key.split("/")[0]
        precision, recall = evaluate.TARGETS[kind]
        assert score["precision"] >= precision, (key, score["errors"])
        assert score["recall"] >= recall, (key, score["errors"])
    assert result["documents"]["compliant_findings"] == 0, result["documents"]["errors"]
