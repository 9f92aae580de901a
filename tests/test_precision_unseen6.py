"""False-alarm classes found on the session-6 unseen postmortems, with sentences written here.

Blame (BL403): thanks told as a counterfactual ("without their help") and a requirement of the
intended workflow ("A developer should have installed it to make the widget work"). Names
(BL301): role mailboxes and bots named by their handle. Each class has sentences that must stay
quiet and near misses that must still fire, in both languages where the class exists.
"""

from __future__ import annotations

import pytest

from tests.batch import lint_by_language, rules_of, spans

QUIET = {
    "en": [
        # credit, not judgement
        "We couldn't have restored the cluster that quickly without their help.",
        "I could never have finished the migration without the support of the storage team.",
        "The on-call could not have contained the outage without all of your patience.",
        "We could not have recovered without the CDN team's quick help.",
        # the intended workflow, documentation register
        "A developer should have installed the plugin to make the export button work.",
        "An operator should have enabled the flag so that the scheduler runs at boot.",
    ],
    "fr": [
        "Nous n'aurions jamais pu rétablir le service aussi vite sans leur aide.",
        "L'astreinte n'aurait pas pu contenir la panne sans le soutien de l'équipe réseau.",
        "Un développeur aurait dû installer le module pour que le bouton d'export fonctionne.",
    ],
}

FIRE = {
    "en": [
        # hindsight with no thanks in it
        "We could have restored the cluster much sooner.",
        "The on-call should have paged the storage team without waiting for the second alert.",
        # no one's help: an effort spared is still hindsight
        "We could have caught this without much effort.",
        # a named or definite person's duty, even with a purpose clause
        "The developer should have tested the plugin before the release.",
        "An engineer should have reviewed the change before it reached production.",
        # a recovery left undone is hindsight, even with an indefinite subject
        "An engineer should have restarted the pods to make the service work again.",
    ],
    "fr": [
        "Nous aurions dû rétablir le service bien plus tôt.",
        "Le développeur aurait dû tester le module avant la mise en production.",
        "On aurait pu le détecter sans beaucoup d'efforts.",
        "Un ingénieur aurait dû redémarrer le nœud pour que le service fonctionne à nouveau.",
    ],
}


@pytest.fixture(scope="module")
def linted():
    cases = {
        lang: [(t, False) for t in QUIET[lang]] + [(t, True) for t in FIRE[lang]] for lang in QUIET
    }
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_credit_and_workflow_stay_quiet_and_hindsight_fires(linted, lang):
    cases, found = linted
    for (text, expected), findings in zip(cases[lang], found[lang], strict=True):
        got = "BL403" in rules_of(findings)
        assert got == expected, (text, sorted(rules_of(findings)))


NAMES_QUIET = [
    # role mailboxes
    "Send legal questions to dpo@example.org or privacy@example.org.",
    "Requests go to gdpr@example.com.",
    # a bot named by its handle
    "The bridge bot user (@relaybridge:example.org) owns the room.",
    "In our deployment that bot is @bridgekeeper, and it only reads public rooms.",
]
NAMES_FIRE = [
    ("Send legal questions to mara.lind@example.org.", "mara.lind@example.org"),
    ("The room owner (@quietloom) changed the setting.", "@quietloom"),
    ("Thanks to @tovebrandt, who reported the bot problem.", "@tovebrandt"),
]


def test_mailboxes_and_bots_are_not_people_while_people_are():
    texts = NAMES_QUIET + [t for t, _ in NAMES_FIRE]
    found = lint_by_language(en=[(t, None) for t in texts])["en"]
    for text, findings in zip(NAMES_QUIET, found[: len(NAMES_QUIET)], strict=True):
        assert spans(findings, text) == [], text
    for (text, name), findings in zip(NAMES_FIRE, found[len(NAMES_QUIET) :], strict=True):
        assert name in spans(findings, text), text


PLACEHOLDERS = [
    # (text, language, names expected)
    ('The page should say why (i.e. "an admin called Bob made the room public").', "en", []),
    ("For example, Alice shares a link with Bob and the room opens to everyone.", "en", []),
    ("Par exemple, Alice partage un lien avec Bob.", "fr", []),
    # no example given: the same names are people
    ("Our admin Bob made the room public on Friday.", "en", ["Bob"]),
    ("Alice a partagé le lien hier soir.", "fr", ["Alice"]),
    # an example, but no stock name: a person
    ("For example, Tove Brandt shared the link on Friday.", "en", ["Tove Brandt"]),
]


def test_stock_example_names_are_placeholders_only_in_an_example():
    by_lang: dict[str, list[tuple[str, list[str]]]] = {}
    for text, lang, expected in PLACEHOLDERS:
        by_lang.setdefault(lang, []).append((text, expected))
    found = lint_by_language(**by_lang)
    for lang, cases in by_lang.items():
        for (text, expected), findings in zip(cases, found[lang], strict=True):
            assert spans(findings, text) == expected, text


PHRASAL = {
    "en": [
        # the particle belongs to another verb: no "take down"
        ("We took steps to scale down the old workers.", False),
        ("We have taken measures to ratchet down logins without a second factor.", False),
        ("The team took a week to wind down the legacy queue.", False),
        # "take down" itself, joined or split
        ("The engineer took down the production database.", True),
        ("The intern took the whole cluster down.", True),
    ],
    "fr": [
        ("L'équipe a fait le choix de laisser tomber l'ancien module.", False),
        ("L'opérateur a fait tomber le serveur de production.", True),
        ("Le stagiaire a laissé passer une erreur de configuration.", True),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_phrasal_failure_needs_its_own_particle(lang):
    found = lint_by_language(**{lang: PHRASAL[lang]})[lang]
    for (text, expected), findings in zip(PHRASAL[lang], found, strict=True):
        assert ("BL401" in rules_of(findings)) == expected, text


CREDITS = [
    # a company's team credited: no person
    ("Big thanks to KFrog's team, who spotted the exposed key first.", []),
    ("Thanks to Corvalis's security team for the report.", []),
    # a person's team: the owner is named, without the possessive
    ("Thanks to Maria's team for the quick fix.", ["Maria"]),
    ("Thanks to Tove Brandt's team for the quick fix.", ["Tove Brandt"]),
    ("Thanks to Okafor's engineers for the patch.", ["Okafor"]),
    # no possessive: unchanged
    ("Thanks to Kestrel for the patch.", ["Kestrel"]),
]


def test_a_credit_to_a_companys_team_names_no_one():
    found = lint_by_language(en=CREDITS)["en"]
    for (text, expected), findings in zip(CREDITS, found, strict=True):
        assert spans(findings, text) == expected, text


ADVERSARY = {
    "en": [
        # judgements aimed at attackers or their attacks: no one of the team is judged
        ("The hacker carelessly left the logs behind.", False),
        ("The attackers were sloppy and reused one server.", False),
        ("It was a sloppy phishing attempt.", False),
        ("The threat actor was lazy and reused an old exploit.", False),
        # the team's own people and work keep the judgement, even beside an attack
        ("The intern carelessly left the logs behind.", True),
        ("Our response to the attack was sloppy.", True),
        ("We botched the response to the attack.", True),
    ],
    "fr": [
        ("Les pirates ont été négligents et ont laissé des traces.", False),
        ("L'attaquant a négligemment laissé les journaux.", False),
        ("Notre réponse à l'attaque a été négligente.", True),
        ("Nos équipes ont été négligentes face aux pirates.", True),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_judgements_aimed_at_attackers_judge_no_one(lang):
    found = lint_by_language(**{lang: ADVERSARY[lang]})[lang]
    for (text, expected), findings in zip(ADVERSARY[lang], found, strict=True):
        assert ("BL405" in rules_of(findings)) == expected, text


MOOT = {
    "en": [
        # the next sentence decides to remove what was not checked: a moot check
        ("The staging hosts were not checked for the flaw. We decided to remove them.", False),
        (
            "Four test functions were found. They were not checked for the flaw. Agreed with"
            " their owner to delete them since they were only experiments.",
            False,
        ),
        # anything else after a skipped check keeps the hindsight
        ("The change was not reviewed. We decided to ship it anyway.", True),
        ("The backups were not tested. We decided to delete the old logs.", True),
        ("The backups were not tested. Then someone deleted them.", True),
    ],
    "fr": [
        ("Ils n'ont pas été vérifiés. Nous avons décidé de les supprimer.", False),
        ("Ils n'ont pas été vérifiés. Nous les avons supprimés plus tard.", True),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_check_skipped_on_things_then_removed_is_moot(lang):
    found = lint_by_language(**{lang: MOOT[lang]})[lang]
    for (text, expected), findings in zip(MOOT[lang], found, strict=True):
        assert ("BL403" in rules_of(findings)) == expected, text


OUTCOMES = {
    "en": [
        # luck, a harm imagined, a prevention the system lacked: no one judged
        ("We accidentally discovered the leak while testing something else.", False),
        ("By accident, we found that the cache was never warmed.", False),
        ("We could have lost all the data if the backup had not existed.", False),
        ("The outage could have been avoided with a staged rollout.", False),
        # a slip, a duty, people's conduct as the means: still blame
        ("We accidentally deleted the cache.", True),
        ("We could have prevented this.", True),
        ("The outage could have been prevented with more careful reviews.", True),
        ("This could have been caught with more testing.", True),
    ],
    "fr": [
        ("Nous avons découvert accidentellement la fuite en testant autre chose.", False),
        ("Nous aurions pu perdre toutes les données sans la sauvegarde.", False),
        ("Nous avons supprimé accidentellement le cache.", True),
        ("Nous aurions pu éviter la panne.", True),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_luck_imagined_harm_and_missing_safeguards_judge_no_one(lang):
    found = lint_by_language(**{lang: OUTCOMES[lang]})[lang]
    for (text, expected), findings in zip(OUTCOMES[lang], found, strict=True):
        got = bool({"BL401", "BL403"} & rules_of(findings))
        assert got == expected, (text, sorted(rules_of(findings)))


PRODUCTS = [
    # a product's name written apart is the product
    ("Victoria Metrics ingestion lagged behind for an hour.", []),
    ("Click House queries timed out during the backfill.", []),
    # the same given name with a family name, or alone, is a person
    ("Victoria Mendez restarted the ingestion at noon.", ["Victoria Mendez"]),
    ("Victoria restarted the ingestion at noon.", ["Victoria"]),
]


def test_a_product_written_apart_is_no_person():
    found = lint_by_language(en=PRODUCTS)["en"]
    for (text, expected), findings in zip(PRODUCTS, found, strict=True):
        assert spans(findings, text) == expected, text


INTENT = {
    "en": [
        # an operation said to be done on purpose is a plan; thanks to the people themselves
        ("We took down the old status page on purpose to avoid confusion.", False),
        ("We intentionally took the API down for maintenance.", False),
        ("We couldn't have done it without you all.", False),
        # a slip or an omission stays blame whatever the intent; so does hindsight
        ("The on-call deliberately ignored the alert.", True),
        ("The contractor took the site down by mistake.", True),
        ("We could have caught this without them noticing.", True),
    ],
    "fr": [
        ("Nous avons volontairement mis le site hors ligne pour la maintenance.", False),
        ("Nous n'aurions rien pu faire sans vous.", False),
        ("Nous aurions pu tout perdre sans la réplique.", False),
        ("Le stagiaire a mis le site hors ligne.", True),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_operations_done_on_purpose_and_thanks_to_people_judge_no_one(lang):
    found = lint_by_language(**{lang: INTENT[lang]})[lang]
    for (text, expected), findings in zip(INTENT[lang], found, strict=True):
        got = bool({"BL401", "BL403"} & rules_of(findings))
        assert got == expected, (text, sorted(rules_of(findings)))
