"""BL301 personal-name and BL302 personal-owner: firing cases and hard negatives.

Every case is linted in one batched run per language and configuration (module fixture), so
the file costs one model load and a few `nlp.pipe` calls.
"""

from __future__ import annotations

import pytest

from blamelint.run.config import resolve
from blamelint.run.lint import lint_texts

from .batch import lint_by_language, spans

pytestmark = pytest.mark.nlp

# (text, names expected, exactly as reported)
EN = [
    ("Priya opened the incident channel at 14:05.", ["Priya"]),
    ("John Smith from the database team joined the bridge at 02:17.", ["John Smith"]),
    ("Ivan Petrov's analysis identified the heap growth.", ["Ivan Petrov"]),
    ("Dr. Amara Okafor validated the restored records.", ["Amara Okafor"]),
    ("Ms. Jenkins from legal approved the wording.", ["Jenkins"]),
    ("Pieter van der Berg led the five whys session.", ["Pieter van der Berg"]),
    ("O'Connor's cleanup script removed the locks.", ["O'Connor"]),
    ("Sean O'Brien paired with the payments team.", ["Sean O'Brien"]),
    ("Cassandra Lee joined the call to read the compaction metrics.", ["Cassandra Lee"]),
    ("At 21:07 Grace noticed the queue depth graph flattening.", ["Grace"]),
    ("@jdoe posted the first graph; @sam.patel shared the capture.", ["@jdoe", "@sam.patel"]),
    ("Questions can be sent to l.chen@example.com.", ["l.chen@example.com"]),
    ("Tomás Rivera paged the network team at 03:51.", ["Tomás Rivera"]),
    # Hard negatives: tools named like people, roles, teams, capitalised words, code.
    ("Jenkins failed to publish the artifact because the disk was full.", []),
    ("Kafka consumers missed three heartbeats and were evicted.", []),
    ("Cassandra started dropping mutations once compaction fell behind.", []),
    ("Grafana showed the p99 latency climbing; Prometheus fired the alert.", []),
    ("Ceph and Hadoop shared the same top-of-rack switch.", []),
    ("Jira automation reopened the ticket; Django returned 500 errors.", []),
    ("The on-call engineer paged the SRE and the DBA at 02:10.", []),
    ("The alert also notified @sre-team and @payments-oncall.", []),
    ("Send follow-up questions to sre-team@example.com or pki-notices@example.com.", []),
    ("Grace period for pod termination was set to 5 seconds.", []),
    ("Mark the node as unschedulable before draining it.", []),
    ("Will the retry storm recur if the provider slows down again?", []),
    ("In May the same job ran twice after the DST change.", []),
    ("Replica lag reached 340 seconds before the promotion.", []),
    ("Sage, our internal billing engine, double-counted 212 invoices.", []),
    ("`git log` lists the commit as authored by `Daniel Novak <d.novak@example.com>`.", []),
    ("Stripe and Adyen both reported elevated latency.", []),
    ("The Payments team owns the retry configuration.", []),
]
FR = [
    ("Sophie n'a pas vérifié la région avant d'appliquer le plan.", ["Sophie"]),
    ("Le changement d'Amélie a mis hors service le module de paiement.", ["Amélie"]),
    ("Mme Lefèvre a approuvé le changement d'urgence.", ["Lefèvre"]),
    ("Yannick Le Gall a animé la séance des 5 pourquoi jeudi.", ["Yannick Le Gall"]),
    ("Jean-Baptiste, de l'équipe base de données, a rejoint la conférence.", ["Jean-Baptiste"]),
    ("@mlefevre a partagé le premier graphique.", ["@mlefevre"]),
    ("Les questions peuvent être adressées à n.girard@exemple.fr.", ["n.girard@exemple.fr"]),
    ("Ceph a marqué deux OSD comme hors service.", []),
    ("Prometheus a cessé de collecter la cible après le renommage du port.", []),
    ("Ansible a appliqué le playbook aux 40 hôtes en un seul lot.", []),
    ("L'astreinte a suivi le runbook de basculement étape par étape.", []),
    ("L'alerte a notifié @equipe-plateforme à 03:12.", []),
    ("Signal manqué : l'utilisation du disque a dépassé 85 %.", []),
    ("Le journal d'audit affiche `actor=jb.roussel@exemple.fr` pour cette modification.", []),
]
OWNER = (
    "## Actions correctives\n\n"
    "- [ ] ACT-1 Ajouter une alerte (owner: Priya Natarajan, deadline: 2026-03-01, "
    "validation: alerte en 5 min)\n"
    "- [ ] ACT-2 Ajouter un test (owner: @dnovak, deadline: 2026-03-01, validation: CI rouge)\n"
)


@pytest.fixture(scope="module")
def results():
    return lint_by_language(en=EN, fr=FR)


@pytest.mark.parametrize(("index", "case"), list(enumerate(EN)), ids=lambda x: str(x)[:40])
def test_english_names(results, index, case):
    text, expected = case
    assert spans(results["en"][index], text) == expected


@pytest.mark.parametrize(("index", "case"), list(enumerate(FR)), ids=lambda x: str(x)[:40])
def test_french_names(results, index, case):
    text, expected = case
    assert spans(results["fr"][index], text) == expected


def _owner_findings(config):
    return lint_texts([("actions.md", OWNER)], config=config, language="fr")


def test_owner_fields_handles_are_names_bare_names_are_not_by_default():
    found = _owner_findings(resolve({}, None))
    names = [f for f in found if f.rule in ("BL301", "BL302")]
    assert [(f.rule, f.line) for f in names] == [("BL301", 4)]
    assert names[0].span.column == OWNER.split("\n")[3].index("@dnovak") + 1


def test_owner_names_with_personal_owner_enabled_or_flag_owners():
    found = _owner_findings(resolve({"rules": {"BL302": "warning"}}, None))
    assert sorted((f.rule, f.line) for f in found if f.rule in ("BL301", "BL302")) == [
        ("BL301", 4),
        ("BL302", 3),
    ]
    flagged = _owner_findings(resolve({"flag_owners": True}, None))
    assert sorted((f.rule, f.line) for f in flagged if f.rule == "BL301") == [
        ("BL301", 3),
        ("BL301", 4),
    ]


def test_vocabulary_accept_reject_and_roster():
    text = "Hermione restarted the worker. Kestrel paged the DBA. Bilbo joined the bridge."
    config = resolve(
        {"vocabulary": {"accept": ["Hermione"], "reject": ["Kestrel"]}, "people": ["Bilbo"]},
        None,
    )
    found = lint_texts([("v.md", text)], config=config, language="en")
    names = spans(found, text)
    assert "Hermione" not in names
    assert "Kestrel" in names and "Bilbo" in names
