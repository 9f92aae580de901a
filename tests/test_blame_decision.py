"""Rhetorical questions that judge a decision (nlp/blame_decision.py, BL403), in English and
French: "why" and a bare verb of change asked about a risky circumstance, and a negated
action asked about with the writer's puzzlement or directly about a company. Five-whys
inquiries, proposals, the team asking itself and systems stay quiet. Every sentence here is
invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES = [
    # A bare verb of change and a risky circumstance.
    ("en", "Why push the schema change on a Friday afternoon?"),
    ("en", "So why ship a kernel upgrade right before the holidays?"),
    ("en", "Why would anyone deploy a billing migration without a canary?"),
    ("en", "Why roll the new resolver config out to everyone at once?"),
    ("fr", "Pourquoi déployer la nouvelle passerelle un vendredi soir ?"),
    ("fr", "Pourquoi basculer tout le réseau d'un coup ?"),
    ("fr", "Pourquoi mettre en production sans tester la migration ?"),
    # A negated action, puzzled over, by an organisation or a person.
    ("en", "Curious why the vendor never warned its customers about the change."),
    ("en", "I wonder why Acme Corp didn't stage the firmware rollout."),
    ("en", "Strange why the contractor didn't check the breaker labels."),
    ("en", "Why didn't the hosting provider notify its customers before the cutover?"),
    ("fr", "Je me demande pourquoi l'hébergeur n'a pas testé son correctif."),
    ("fr", "Pourquoi le fournisseur n'a-t-il pas prévenu ses clients ?"),
]

QUIET = [
    # Five-whys inquiries (a passive, nobody asked about) and fair questions.
    ("en", "Why was the merge not caught by the pipeline?"),
    ("en", "Why did the deploy on Friday take four hours?"),
    ("fr", "Pourquoi la fusion n'a-t-elle pas été détectée ?"),
    # Proposals and design questions: "why not", no verb of change, no risk named.
    ("en", "Why not add a canary stage before the next release?"),
    ("en", "Why use a queue between the two services?"),
    ("en", "Why deploy the fix in two steps? Because the schema must land first."),
    ("fr", "Pourquoi ne pas ajouter un canari avant la prochaine version ?"),
    ("fr", "Pourquoi utiliser une file entre les deux services ?"),
    # The team asking itself, and systems.
    ("en", "Why did we deploy on a Friday? The release train was already late."),
    ("en", "I wonder why we didn't roll back sooner."),
    ("en", "Why didn't the autoscaler add nodes?"),
    ("en", "Curious why the linter didn't flag the unused import."),
    ("fr", "Pourquoi n'avons-nous pas prévenu les clients plus tôt ?"),
    ("fr", "Pourquoi le script n'a-t-il pas vérifié l'espace disque ?"),
    # A statement, not a question, and plain curiosity about a system.
    ("en", "We deployed on Friday because the fix could not wait."),
    ("en", "I was curious why the cache hit rate dropped after the upgrade."),
]


@pytest.mark.parametrize(("language", "text"), FIRES)
def test_fires(language, text):
    assert "BL403" in blame_of(text, language)


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_stays_quiet(language, text):
    assert "BL403" not in blame_of(text, language)
