"""False-alarm classes found by past sessions on real postmortems (issue 13), with sentences
written here: each class has sentences that must stay quiet and near misses that must still
fire, in both languages where the class exists.

Blame: a slip adverb on what a tool or a defect did (BL402, nlp/blame_defect.py).
"""

from __future__ import annotations

import pytest

from tests.batch import lint_by_language, lint_cases, mistaken, quiet_and_firing, rules_of, spans

# A slip adverb on what a tool or a defect did: the thing's, not a person's.
TOOL_QUIET = {
    "en": [
        "The sessions were erroneously invalidated by the cleanup cron.",
        "The invoices were sent by mistake to the archive queue by the mailer daemon.",
        "Mailboxes were mistakenly flagged as inactive because of a bug in the quota service.",
        "Owing to a subtle regression, several tenants were erroneously suspended.",
        "A race condition meant that the snapshots were mistakenly pruned.",
        "A regression in the scheduler caused the jobs to be mistakenly cancelled.",
        "The indexer had a bug, so the documents were erroneously hidden.",
        "The documents were erroneously hidden because the indexer had a bug.",
        "A bug in the quota service corrupted the counters. Mailboxes were then "
        "mistakenly flagged as inactive.",
    ],
    "fr": [
        "Les sessions ont été invalidées par erreur par la tâche de nettoyage.",
        "Des comptes ont été suspendus par erreur à cause d'un bug du service de quotas.",
        "En raison d'un bogue dans l'indexeur, les documents ont été masqués par erreur.",
        "Une condition de concurrence a fait que des sauvegardes ont été purgées par erreur.",
        "Les documents ont été masqués par erreur parce que l'indexeur avait un bogue.",
        "L'indexeur avait un bogue, donc les documents ont été masqués par erreur.",
    ],
}
TOOL_FIRE = {
    "en": [
        # no tool and no defect: a person is implied
        "The disk was mistakenly detached.",
        "The invoices were sent to the archive queue by mistake.",
        # a defect that is handled or only present is no cause
        "The buggy patch was mistakenly deployed to production.",
        "The fix for the race condition was accidentally reverted.",
        "The patch was mistakenly deployed while we were investigating the bug.",
        # "by hand" is a manner: the person stays implied
        "The table was deleted by hand by mistake.",
        # a defect earlier in the paragraph, but the slip is not told as its consequence
        "A bug in the console made the two buttons look alike. The disk was mistakenly detached.",
    ],
    "fr": [
        "Le disque a été détaché par erreur.",
        "Le correctif du bug a été annulé par erreur.",
        "Le correctif a été déployé par erreur pendant que nous analysions le bogue.",
        "Les factures ont été envoyées par erreur par courriel.",
    ],
}


@pytest.fixture(scope="module")
def tool_linted():
    cases = quiet_and_firing(TOOL_QUIET, TOOL_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_slip_adverb_on_a_tool_or_defect_is_quiet_and_a_person_implied_fires(tool_linted, lang):
    cases, found = tool_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL402" in rules_of(findings))


# People outside the team not realising or noticing something: the news's reach, no duty.
OUTSIDERS_QUIET = {
    "en": [
        "Many integrators did not realise that the old signing key had been retired.",
        "Downstream packagers did not notice the renamed binary for a week.",
        "Operators of other relays did not realise their caches were serving stale keys.",
        "Several authors of dependent plugins failed to notice the removed hook.",
        "Other maintainers overlooked the rename in the changelog.",
        "Some admins at partner universities did not realise they were affected.",
    ],
    "fr": [
        "De nombreux intégrateurs n'ont pas remarqué que l'ancienne clé avait été retirée.",
        "Les auteurs des greffons dépendants n'ont pas remarqué la suppression du crochet.",
        "Les administrateurs d'autres relais n'ont pas vu que leurs caches étaient périmés.",
    ],
}
OUTSIDERS_FIRE = {
    "en": [
        "Our reviewers did not notice the renamed binary.",
        "The maintainers did not notice the removed hook.",
        "The other engineer did not notice the second page.",
        "Other engineers on the team did not notice the alert.",
        "Two operators did not realise the relay was down.",
    ],
    "fr": [
        "Nos relecteurs n'ont pas remarqué le binaire renommé.",
        "Les administrateurs n'ont pas remarqué l'alerte.",
        "Les autres ingénieurs de l'équipe n'ont pas remarqué l'alerte.",
    ],
}


@pytest.fixture(scope="module")
def outsiders_linted():
    cases = quiet_and_firing(OUTSIDERS_QUIET, OUTSIDERS_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_outsiders_not_noticing_is_quiet_and_the_team_not_noticing_fires(outsiders_linted, lang):
    cases, found = outsiders_linted
    assert not mistaken(
        cases[lang], found[lang], lambda findings: bool(rules_of(findings) & {"BL401", "BL403"})
    )


# What the system allows, not what happened: possibility frames and slips imagined.
POSSIBLE_QUIET = {
    "en": [
        "Somebody could have wiped the staging bucket by accident.",
        "Anyone with the admin role could have dropped the ledger table by mistake.",
        "It was possible for a support agent to erase a tenant by accident.",
        "The old console allowed any operator to purge the queue by mistake.",
        "It would have been easy for a reviewer to approve the wrong diff by accident.",
    ],
    "fr": [
        "Quelqu'un aurait pu effacer le bucket de recette par erreur.",
        "Il était possible pour un agent du support d'effacer un locataire par erreur.",
        "Il est facile pour un opérateur de purger la file par mégarde.",
        "Un opérateur pouvait purger la file par erreur depuis l'ancienne console.",
    ],
}
POSSIBLE_FIRE = {
    "en": [
        "Somebody wiped the staging bucket by accident.",
        "Somebody should have renewed the signing key.",
        "A reviewer could have caught the wrong diff with one more look.",
        "The support engineer erased the tenant by mistake.",
    ],
    "fr": [
        "L'opérateur a purgé la file par erreur.",
        "L'opérateur a pu purger la file par erreur.",
        "Quelqu'un aurait dû renouveler la clé de signature.",
    ],
}


@pytest.fixture(scope="module")
def possible_linted():
    cases = quiet_and_firing(POSSIBLE_QUIET, POSSIBLE_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_the_system_allows_is_quiet_and_what_happened_fires(possible_linted, lang):
    cases, found = possible_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: bool(rules_of(findings)))


# A writer's deliberate act on their own machine or a test system: reproduction, not a fault.
SANDBOX_QUIET = {
    "en": [
        "To reproduce the hang, I deliberately corrupted the cache file on my laptop.",
        "I intentionally misconfigured the staging proxy to watch the retry loop.",
        "I corrupted my local clone to reproduce the checksum error.",
    ],
    "fr": [
        "Pour reproduire le blocage, j'ai volontairement corrompu le cache sur mon poste.",
        "J'ai cassé ma copie locale pour reproduire l'erreur de somme de contrôle.",
    ],
}
SANDBOX_FIRE = {
    "en": [
        "I accidentally corrupted the cache file on my laptop.",
        "I deliberately corrupted the production cache.",
        "We deliberately ignored the alert on the staging proxy.",
    ],
    "fr": [
        "J'ai cassé ma copie locale par erreur.",
        "J'ai cassé le cache de production par erreur.",
    ],
}


@pytest.fixture(scope="module")
def sandbox_linted():
    cases = quiet_and_firing(SANDBOX_QUIET, SANDBOX_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_deliberate_act_on_a_sandbox_is_quiet_and_a_slip_fires(sandbox_linted, lang):
    cases, found = sandbox_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL401" in rules_of(findings))


# A check made moot by the next cell of its table row (nlp/blame_moot.py, Segment.row_after).
TABLES = {
    "en": (
        "| Host | Check | Decision |\n| --- | --- | --- |\n"
        "| build-7 | The runners were not checked for the flaw. "
        "| We agreed with the owner to retire them. |\n"
        "| build-8 | The runners were not checked for the flaw. | Pending. |\n",
        [4],
    ),
    "fr": (
        "| Hôte | Contrôle | Décision |\n| --- | --- | --- |\n"
        "| build-7 | Les exécuteurs n'ont pas été vérifiés pour la faille. "
        "| Nous avons décidé de les retirer. |\n"
        "| build-8 | Les exécuteurs n'ont pas été vérifiés pour la faille. | En attente. |\n",
        [4],
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_made_moot_by_the_next_cell_is_quiet(lang):
    text, lines = TABLES[lang]
    (found,) = lint_cases([text], lang)
    assert sorted(f.line for f in found if f.rule == "BL403") == lines


# Names: labels opening a line are no names; speakers and people with their team are.
NAMES = {
    "en": [
        ("Timeline\nNick: we are failing over now\nMax: 200 connections per pool", ["Nick"]),
        ("Notes\nGrace: none\nPage: the pager fires after two minutes", []),
        ("🔥 The queue filled up and\n🛡️ Shield: a burst of retries from the app.", []),
        ("Notes\nPriya: restarted the pods", ["Priya"]),
        ("Bob from the storage team helped us find the stuck mount.", ["Bob"]),
        ("We thank Dana from the database team for the quick restore.", ["Dana"]),
        ("Nick the cable and the alarm goes off.", []),
        ("Mark the node as drained from the team dashboard.", []),
    ],
    "fr": [
        ("Chronologie\nJean : on bascule maintenant\nRose : 200 connexions", ["Jean"]),
        ("Rose de l'équipe stockage a corrigé le montage.", ["Rose"]),
        ("La rose de l'équipe est fanée.", []),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_labels_are_no_names_and_speakers_and_team_members_are(lang):
    cases = NAMES[lang]
    found = lint_cases([text for text, _ in cases], lang)
    for (text, expected), findings in zip(cases, found, strict=True):
        assert spans(findings, text) == expected, text


# Names: terms marked as handles, and products personified with a stock given name.
PRODUCT_NAMES = [
    (
        "Each @block holds a @hash-chain of its entries. A block is final after ten more.",
        [],
    ),
    ("Thanks to @happy-coder for the report.", ["@happy-coder"]),
    ("And John Kubernetes, who lived up the cluster, hated every pod.", []),
    ("Then Jane Grafana laughed and Jane Grafnaa laughed again.", []),
    ("John Smith restarted the relay.", ["John Smith"]),
]


def test_glossary_handles_and_personified_products_are_no_names():
    found = lint_cases([text for text, _ in PRODUCT_NAMES], "en")
    for (text, expected), findings in zip(PRODUCT_NAMES, found, strict=True):
        assert spans(findings, text) == expected, text


# Blame misses: reported censure of a conduct, the writer's omission told as the cause, a
# missed fact as the subject.
MISSES = {
    "en": [
        ("The storage team was sharply criticised for the slow response.", "BL401"),
        ("The dashboard was criticised for its slow load time.", None),
        ("I didn't bump the schema version, so the nightly import failed.", "BL401"),
        ("We did not renew the token, which caused the outage.", "BL401"),
        ("I didn't bump the schema version yet.", None),
        ("We did not restart the pods, so the heap dumps were kept.", None),
        ("That the token had expired was overlooked.", "BL402"),
        ("That the token had expired was overlooked by the scanner.", None),
        ("That the token had expired was not overlooked.", None),
    ],
    "fr": [
        ("L'équipe stockage a été critiquée pour sa lenteur.", "BL401"),
        ("Le tableau de bord a été critiqué pour sa lenteur.", None),
        ("Nous n'avons pas renouvelé le jeton, ce qui a provoqué la panne.", "BL401"),
        ("Je n'ai pas encore relu la documentation.", None),
        ("Le fait que le jeton avait expiré a été négligé.", "BL402"),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_censure_self_caused_failure_and_missed_facts_fire(lang):
    cases = MISSES[lang]
    found = lint_cases([text for text, _ in cases], lang)
    for (text, rule), findings in zip(cases, found, strict=True):
        got = rules_of(findings)
        assert (rule in got) if rule else not got, (text, sorted(got))
