"""False-alarm classes seen on held-out postmortems (heldout8, heldout7 test), with sentences
written here: each class has texts that must stay quiet and near misses that must still fire.

Blame: a slip adverb told of a thing a defect acted on, the defect named in another paragraph
(BL402, nlp/blame_defect.document_effects).
"""

from __future__ import annotations

import pytest

from tests.batch import lint_by_language, mistaken, quiet_and_firing, rules_of

# The defect acts on a thing in one paragraph; a later paragraph tells a slip of that thing.
EFFECT_QUIET = {
    "en": [
        "We found a bug in the billing exporter that resulted in the archive including some "
        "invoices that belonged to other tenants.\n\n"
        "It is worth noting that any invoices erroneously included in the archive were "
        "already redacted.",
        "The bug caused the scheduler to drop the nightly report from its queue.\n\n"
        "## Detection\n\n"
        "Our alerts stayed silent because the report was mistakenly marked as delivered.",
        "A regression in the sync client affected the thumbnails of shared albums.\n\n"
        "So far we count 40 thumbnails that were mistakenly published.",
    ],
    "fr": [
        "Un bogue de l'exportateur a entraîné l'inclusion de factures d'autres clients dans "
        "l'archive.\n\n"
        "Les factures incluses par erreur dans l'archive étaient déjà caviardées.",
    ],
}
EFFECT_FIRE = {
    "en": [
        # the defect acted on something else: the slip stays a person's
        "We found a bug in the billing exporter that resulted in the archive including some "
        "invoices that belonged to other tenants.\n\n"
        "While we cleaned up, the volume was mistakenly detached.",
        # a defect named, but with no verb of effect: only present
        "We were investigating a bug in the billing exporter.\n\n"
        "The invoices were mistakenly deleted.",
        # no defect at all
        "The exporter produced the archive with some invoices.\n\n"
        "The invoices were mistakenly deleted.",
        # the head of the patient is what must match, not a word before it
        "The bug caused the customers to be logged out.\n\n"
        "The customer list was mistakenly deleted.",
    ],
    "fr": [
        "Un bogue de l'exportateur a entraîné l'inclusion de factures dans l'archive.\n\n"
        "Le disque a été détaché par erreur.",
    ],
}


@pytest.fixture(scope="module")
def effect_linted():
    cases = quiet_and_firing(EFFECT_QUIET, EFFECT_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_slip_on_a_thing_a_defect_acted_on_is_quiet_elsewhere_fires(effect_linted, lang):
    cases, found = effect_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL402" in rules_of(findings))


# A lucky early catch told as how much later it could have been: no duty missed (BL403).
LATE_QUIET = {
    "en": [
        "Without the pager, we could've noticed the outage way later than we did.",
        "Luckily two of us were online; otherwise we could have spotted the full disk far later.",
        "Someone might have found the stale cache much later.",
    ],
    "fr": [
        "Sans l'astreinte, nous aurions pu remarquer la panne bien plus tard.",
    ],
}
LATE_FIRE = {
    "en": [
        "We could have noticed the outage much sooner.",
        "We could have noticed it earlier, and later we did.",
        "We should have noticed it later in the day.",
        "We could have caught the bug in review.",
    ],
    "fr": [
        "Nous aurions pu remarquer la panne plus tôt.",
        "L'opérateur aurait pu détecter la panne bien plus tôt.",
    ],
}


@pytest.fixture(scope="module")
def late_linted():
    cases = quiet_and_firing(LATE_QUIET, LATE_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_later_catch_imagined_is_quiet_an_earlier_one_fires(late_linted, lang):
    cases, found = late_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL403" in rules_of(findings))


# A judgement phrase as the predicate of a denied copula: "never"/"not" deny it (BL405).
DENIED_QUIET = {
    "en": [
        "Thankfully we were never in a rush to restore it.",
        "The responders were not in a rush at any point.",
    ],
    "fr": ["Nous n'étions jamais dans la précipitation."],
}
DENIED_FIRE = {
    "en": [
        "We were in a rush.",
        "We didn't test it, in a rush to ship.",
        "We were never told why they were in a rush.",
    ],
    "fr": [
        "Nous étions dans la précipitation.",
        "Nous n'avons pas testé, dans la précipitation.",
    ],
}


@pytest.fixture(scope="module")
def denied_linted():
    cases = quiet_and_firing(DENIED_QUIET, DENIED_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_denied_predicate_phrase_is_quiet_an_asserted_one_fires(denied_linted, lang):
    cases, found = denied_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL405" in rules_of(findings))


# "instead of" under a verb of proposal: the alternative proposed, no wrong action (BL401).
PROPOSAL_QUIET = {
    "en": [
        "@kerrin suggests posting about billing in #help instead of #ops.",
        "Dana recommended restarting the primary instead of the replica.",
    ],
    "fr": ["Kim suggère de poster dans #aide au lieu de #ops."],
}
PROPOSAL_FIRE = {
    "en": [
        "Dana posted about billing in #help instead of #ops.",
        # the proposal governs another verb: the coordinated act is still done
        "Dana suggested a rollback but restarted the primary instead of the replica.",
    ],
    "fr": ["Kim a posté dans #aide au lieu de #ops."],
}


@pytest.fixture(scope="module")
def proposal_linted():
    cases = quiet_and_firing(PROPOSAL_QUIET, PROPOSAL_FIRE)
    return cases, lint_by_language(**cases)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_instead_of_in_a_proposal_is_quiet_in_an_act_fires(proposal_linted, lang):
    cases, found = proposal_linted
    assert not mistaken(cases[lang], found[lang], lambda findings: "BL401" in rules_of(findings))
