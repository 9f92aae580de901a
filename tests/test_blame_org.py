"""Blame aimed at organisations (issue 13), English and French, from one detector and one word
list (rules/wordlists/organisations.yaml): each mechanism has sentences that fire and hard
negatives that stay quiet. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES_EN = [
    # A company noun or a name with an agent-only slip verb.
    ("Quorvant forgot to renew the wildcard certificate.", "BL401"),
    ("Honestly, Tellavo screwed up, and everyone downstream paid for it.", "BL401"),
    ("The registrar messed up the transfer of our apex domain.", "BL401"),
    ("The hosting firm cut corners on the storage upgrade.", "BL401"),
    # A failure verb, an adverb or a negated duty with a company as the agent.
    ("The vendor wiped our staging tenant during the cleanup.", "BL401"),
    ("Our carrier accidentally dropped the peering session.", "BL401"),
    ("The outage came from a key that Ostrakon itself hadn't renewed.", "BL401"),
    ("Many of the providers forgot the leap-second change.", "BL401"),
    # Evidence that a name is a company: "Inc", "the vendor X", what it owns.
    ("Velbright Inc failed to test the firmware before the rollout.", "BL401"),
    ("The storage vendor Quorvex failed to patch its own appliances.", "BL401"),
    ("Marrowind failed to notify its customers for six hours.", "BL401"),
    # Blame reported as such, on a company.
    ("The audit charges Tellavo with serious failings in change control.", "BL401"),
    ("Regulators charged the carrier with skipping its own review steps.", "BL401"),
    ("The reseller is trying to shift blame onto its upstream provider.", "BL401"),
    ("Ostrava Bank savaged in audit over the payments freeze", "BL401"),
    ("The union criticised the airline's management over the rostering chaos.", "BL401"),
    # What a company owns: its slips (BL402) and its judged work (BL405).
    ("Nobody outside expected Quorvant's costly mistake with the routing table.", "BL402"),
    ("The reseller blamed others for failings of its own.", "BL402"),
    ("Customers were angry about the bank's poor communication during the freeze.", "BL405"),
    ("The report condemned Ostrakon's disastrous migration of the ledgers.", "BL405"),
    ("Quorvant's glaring error took the payment rails down for a day.", "BL402"),
    # A lawsuit, and where the fault is said to lie.
    ("Halbrook Freight sued Quorvant over the week-long tracking outage.", "BL401"),
    ("The retailer took its hosting provider to court after the data loss.", "BL401"),
    ("In the end the fault lies with the registrar, not with our tooling.", "BL401"),
    ("The outage came down mostly to Ostrakon and its brittle tooling.", "BL401"),
    # A company's manner judged, a slip inherited by a gerund.
    ("The carrier handled the migration badly and told nobody.", "BL401"),
    ("Ostrakon Inc caused the outage by cutting corners on review.", "BL401"),
    # A duty only an agent owes lets a bare name count; a company's contract is evidence.
    ("The outage began because Brindlemoor failed to test the agent build.", "BL401"),
    ("Then Brindlemoor failed to deliver what its hosting contract promised.", "BL401"),
    ("Then Brindlemoor, which laid off the night staff, handled the outage badly.", "BL401"),
    # Help withheld; damage done by a company, in the passive.
    ("For two days the registrar gave its resellers no explanation at all.", "BL401"),
    ("The backbone fibre was severed by a road-building firm near the depot.", "BL401"),
]

QUIET_EN = [
    # A company doing ordinary things.
    "Quorvant restored the wildcard certificate at 10:40.",
    "The vendor deployed a fixed build to every region overnight.",
    "Our carrier announced the maintenance window a week ahead.",
    "Ostrakon published a postmortem of the outage on Friday.",
    # Software as the agent, even with a failure or duty verb.
    "Kubernetes failed to schedule the pods on the tainted nodes.",
    "The cron job accidentally purged the cache.",
    "Trellisdb failed to renew its lease on the leader key.",
    "The scheduler wiped the temporary volumes as designed.",
    "The proxy hadn't renewed the upstream connection pool.",
    # Blame put on a thing, denied, or a person's words criticised.
    "The vendor blamed a firmware bug for the reboot loop.",
    "Nobody is being blamed for the reboot loop.",
    "The union criticised the new rostering rules in a letter.",
    "The charger charged the batteries with a steady current.",
    "We pointed the dashboard at the new replica.",
    # A thing's quality, owned slips of software, a denial of failings.
    "The disk's poor throughput slowed the rebuild.",
    "The parser's errors were logged and the request retried.",
    "Engineers shipped the fix with a poor test suite.",
    "Trellisql's poor performance under load slowed the rebuild.",
    "The parser's huge error messages filled the log volume.",
    # A lawsuit, an origin or a manner on a thing.
    "The outage came down to a single expired certificate.",
    "The real problem lies with the retry logic in the client.",
    "The cron job handled the backlog badly after the restart.",
    "We took the old replica to the rack room for recycling.",
    # Duties that software has too, on a bare name; advice that names a target.
    "Then Brindlemoor failed to renew the lease on the leader key.",
    "Then Brindlemoor failed to deliver the queued messages.",
    "Then Pagerly failed to notify the on-call engineer.",
    "Pin the dashboard on the wall screen for the night shift.",
    "The alert gave no warning because its threshold was too high.",
    "The vendor gave every customer a credit for the outage.",
    "The backbone fibre was severed by a falling tree near the depot.",
    # A company's ordinary decisions, results and roles.
    "The vendor deleted the test tenant at our request.",
    "Acme moved the queue to Postgres instead of MySQL.",
    "The provider skipped this month's maintenance window because nothing was pending.",
    "The company's poor quarter was blamed on the outage.",
    "In the end the fault lay with a race condition in the client.",
    "The final call came down to Ostrakon and its lawyers.",
    "Then Brindlemoor, which rotates the logs hourly, handled the backlog badly.",
    "The vendor criticised the proposal as too expensive.",
    "The supplier gave us a detailed explanation on Monday.",
    "The firm omitted the customer names from the report to protect their privacy.",
]

FIRES_FR = [
    ("Le fournisseur a oublié de renouveler notre nom de domaine.", "BL401"),
    ("L'hébergeur n'a pas prévenu ses clients de la maintenance.", "BL401"),
    ("L'hébergeur a effacé notre zone par erreur.", "BL401"),
    ("Le prestataire a zappé la mise à jour des certificats.", "BL401"),
    ("L'éditeur aurait dû tester son correctif avant de le publier.", "BL403"),
    # A lawsuit, where the fault is said to lie, the blame shifted.
    (
        "Une agence de voyages assigne son hébergeur en justice après la perte des réservations.",
        "BL401",
    ),
    ("Selon la mairie, l'erreur provient du prestataire chargé de la migration.", "BL401"),
    ("La faute incombe au fournisseur, qui n'a jamais testé la bascule.", "BL401"),
    ("Le client a préféré rejeter la faute sur son sous-traitant.", "BL401"),
    # Judged unable; hindsight on a company noun.
    ("Pendant deux jours, l'hébergeur était incapable de rassurer ses clients.", "BL401"),
    ("Pour les usagers, le régulateur aurait dû réagir beaucoup plus tôt.", "BL403"),
    (
        "L'opérateur nous a dit que la fibre avait été sectionnée par une entreprise de BTP.",
        "BL401",
    ),
    ("Depuis lundi, le fournisseur n'a fourni aucune explication à ses clients.", "BL401"),
    # Censure on a company, active or as a headline passive.
    ("Le régulateur a épinglé l'opérateur pour sa gestion de la panne.", "BL401"),
    ("L'hébergeur Datavia épinglé par le régulateur après la panne", "BL401"),
    ("La banque a été critiquée pour sa communication pendant la panne.", "BL401"),
]

QUIET_FR = [
    "Le fournisseur a redémarré les routeurs à 10 h comme prévu.",
    "L'hébergeur n'a pas facturé la bande passante supplémentaire.",
    "PostgreSQL a ignoré l'index pendant la migration.",
    "Le prestataire a publié un compte rendu de l'incident.",
    "L'hébergeur a omis les adresses des abonnés du rapport pour protéger leurs données.",
    "L'erreur provient du cache, qui renvoyait une page périmée.",
    "Le fournisseur poursuit la migration des serveurs cette semaine.",
    "Il ne faut pas rejeter la faute sur les équipes d'astreinte.",
    "Le script était incapable de lire le fichier de configuration.",
    "La fibre a été sectionnée par la chute d'un arbre.",
    "Le tableau de bord n'a fourni aucune explication sur la saturation.",
    "L'hébergeur a migré les serveurs vers Paris au lieu de Lyon.",
    "La responsabilité revient à l'équipe produit de décider.",
    "L'erreur provient d'un cache mal configuré.",
    "Le rapport critique la méthode de test.",
    "Les utilisateurs ont critiqué la nouvelle interface.",
    "Une panne critique a touché le fournisseur.",
    "L'opérateur Strimzi a effacé les topics au redémarrage.",
    "L'opérateur a redémarré les équipements à 10 h.",
    "Le fournisseur n'a rien oublié dans sa revue.",
    "L'entreprise a provoqué un débat avec sa nouvelle grille tarifaire.",
]


@pytest.mark.parametrize(("text", "rule"), FIRES_EN)
def test_english_organisation_blame_fires(text, rule):
    assert rule in blame_of(text)


@pytest.mark.parametrize("text", QUIET_EN)
def test_english_hard_negatives_stay_quiet(text):
    assert blame_of(text) == set()


@pytest.mark.parametrize(("text", "rule"), FIRES_FR)
def test_french_organisation_blame_fires(text, rule):
    assert rule in blame_of(text, "fr")


@pytest.mark.parametrize("text", QUIET_FR)
def test_french_hard_negatives_stay_quiet(text):
    assert blame_of(text, "fr") == set()


def test_hindsight_about_a_company():
    """Hindsight about a company's own duty names it; a passive duty owed to it does not."""
    found = [f for f in lint_text("The vendor should have tested the patch first.")]
    assert [f.message for f in found if f.rule == "BL403"] == [
        "hindsight about 'The vendor': what they should or could have done"
    ]
    owed = [f.message for f in lint_text("The vendor should have been notified earlier.")]
    assert not any("'The vendor'" in m for m in owed)
    owed = lint_text("L'hébergeur aurait dû être prévenu plus tôt.", language="fr")
    assert not any("L'hébergeur" in f.message for f in owed)


def test_bare_name_needs_an_agent_only_verb():
    """A bare capitalised name with a failure verb may be a product: quiet, while the same
    verb on a company noun, or an agent-only verb on the name, fires."""
    assert blame_of("Then Brindlemoor wiped the temporary workspaces during compaction.") == set()
    assert "BL401" in blame_of("The vendor wiped the temporary workspaces during compaction.")
    assert "BL401" in blame_of("Then Brindlemoor forgot to renew the certificate.")
    # Evidence that the name is a company lets the failure verb count.
    assert "BL401" in blame_of("Then Brindlemoor Inc wiped the temporary workspaces.")


def test_one_word_list_for_both_languages():
    """The French organisation words live in organisations.yaml beside the English ones, and
    blame-verbs.yaml no longer holds a second list."""
    from blamelint.base.resources import load_data
    from blamelint.nlp.lexicon import org_words

    assert "fournisseur" in org_words("fr").nouns and "vendor" in org_words("en").nouns
    verbs = load_data("wordlists/blame-verbs.yaml")
    assert not {"organisations", "organisation_slips", "duty_verbs"} & set(verbs["fr"])


def test_message_names_the_organisation():
    found = [f for f in lint_text("The registrar messed up our transfer.") if f.rule == "BL401"]
    assert found and "The registrar" in found[0].message
    assert (found[0].line, found[0].column) == (1, 1)


@pytest.mark.parametrize(
    "intro",
    [
        "Brindlemoor says it has restored every workspace.",
        "Brindlemoor's engineers restored every workspace by noon.",
        "The storage vendor Brindlemoor restored every workspace.",
    ],
)
def test_document_evidence_makes_a_name_a_company(intro):
    """A paragraph that shows the name to be a company lets a failure verb elsewhere in the
    document count; without it the same sentence stays quiet (it may be a product)."""
    slip = "Then Brindlemoor wiped the temporary workspaces during compaction."
    found = [f for f in lint_text(f"{intro}\n\n{slip}\n") if f.rule == "BL401"]
    assert [(f.line, f.column) for f in found] == [(3, 6)]
    plain = lint_text(f"Brindlemoor restored every workspace.\n\n{slip}\n")
    assert not [f for f in plain if f.rule == "BL401"]


@pytest.mark.parametrize(
    ("text", "language", "fires"),
    [
        ("The identity provider wiped the session cache on restart.", "en", False),
        ("The Terraform provider skipped the bucket resource.", "en", False),
        ("The host missed three heartbeats and was fenced.", "en", False),
        ("Our hosting provider accidentally wiped the bucket.", "en", True),
        ("The provider accidentally wiped the bucket.", "en", True),
        ("Le fournisseur d'identité a effacé les sessions au redémarrage.", "fr", False),
        ("Le fournisseur d'accès a oublié de renouveler le domaine.", "fr", True),
    ],
)
def test_company_nouns_that_also_name_software(text, language, fires):
    """ "provider" / "fournisseur" name software after most modifiers (identity, Terraform),
    a company after a few (hosting, accès) or alone; "host" is a machine."""
    assert ("BL401" in blame_of(text, language)) is fires
