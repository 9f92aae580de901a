"""French blame on web-register text (issue 13, session 5): a party's silence or evasion
(nlp/blame_silence.py), slips named as the cause (nlp/blame_causes.py), a party singled out
by a cleft (nlp/blame_cleft.py), hindsight on what people shipped
(nlp/blame_relative_hindsight.py), duties put on users (nlp/blame_duty.py), and French data
for older mechanisms (company evidence "sa clientèle", institutions, "trop lents, les
techniciens", a quoted framing put forward). Every sentence here is invented for the test;
the QUIET list also holds ordinary French postmortem narration that must stay quiet.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp


def _blame(text: str) -> set[str]:
    return blame_of(text, "fr")


FIRES = [
    # Silence and evasion of a company or a person.
    ("L'hébergeur n'a pas dit un mot pendant toute la coupure.", "BL401"),
    ("Depuis lundi, le fournisseur ne dit rien.", "BL401"),
    ("Le prestataire n'a rien dit, et les clients ont attendu.", "BL401"),
    ("L'opérateur est resté muet pendant deux jours.", "BL401"),
    ("Le directeur technique esquive les questions des abonnés.", "BL401"),
    # A slip named as the cause, with no agent.
    ("En cause, un oubli lors du renouvellement du certificat.", "BL402"),
    ("La coupure est due à une confusion entre les deux environnements.", "BL402"),
    ("Le coupable est la précipitation humaine.", "BL402"),
    ("Le fautif, c'est l'humain, pas le script.", "BL402"),
    ("L'éditeur a mis en avant une « erreur humaine » pour expliquer la coupure.", "BL402"),
    # A party singled out by a cleft.
    ("C'est Norvalis qui a provoqué la coupure de mardi.", "BL401"),
    ("Selon l'opérateur, c'est le sous-traitant qui a causé la panne.", "BL401"),
    # Hindsight on what people shipped.
    ("L'équipe a publié une version qui n'aurait jamais dû sortir.", "BL403"),
    ("Les développeurs ont déployé un correctif qui n'aurait pas dû partir un vendredi.", "BL403"),
    # Duties put on users; a provider told it is overdue.
    ("Il appartient à chaque abonné de sauvegarder ses fichiers.", "BL407"),
    ("C'est aux abonnés de vérifier leurs propres sauvegardes.", "BL407"),
    ("Je conjure tout utilisateur de tester ses restaurations.", "BL407"),
    ("Il est grand temps que l'hébergeur remplace ses onduleurs.", "BL407"),
    # Company evidence from a possessive: "sa clientèle".
    ("Quorvant était incapable d'informer sa clientèle.", "BL401"),
    # Institutions that are not company nouns.
    ("Plusieurs filières ont mal rempli le formulaire d'inscription.", "BL405"),
    ("Les formations concernées ont mélangé les deux listes.", "BL401"),
    # A fronted judgement of people's speed.
    ("Trop lents, les techniciens ont laissé filer la matinée.", "BL405"),
    # People said to have their flaws; judgements in idioms.
    ("Les administrateurs aussi ont leurs défauts.", "BL405"),
    ("Le prestataire a ses torts dans cette affaire.", "BL405"),
    ("Le directeur s'est bercé d'illusions sur la date de reprise.", "BL405"),
    ("Le plan de reprise n'existait que sur le papier.", "BL405"),
    ("Trois coupures en un mois, c'est une fois de trop pour nos clients.", "BL405"),
    # Errors committed in the active past, whoever the subject.
    ("Plusieurs filières avaient commis « des erreurs » de saisie.", "BL402"),
    ("Nous avons commis une faute en relançant la base.", "BL402"),
    # Amends for a fault.
    ("L'hébergeur doit maintenant réparer sa faute auprès des clients.", "BL402"),
    # An action nobody is named for that would have prevented the incident.
    ("Un groupe de secours aurait pu être installé pour éviter la coupure.", "BL403"),
]

QUIET = [
    # Silence: a negated report, a topic declined, a thing, the writer, a supposition.
    "Le fournisseur n'a pas dit que la coupure venait de lui.",
    "La banque n'a rien dit de neuf sur les causes du retard.",
    "Le journal ne dit rien sur la cause.",
    "Nous n'avons rien dit aux clients avant midi.",
    "Si le fournisseur ne dit rien, nous relancerons le ticket.",
    "Le fournisseur a dit un mot d'excuse.",
    # Causes: negated, one possibility among others, no frame.
    "La coupure n'est pas due à une confusion.",
    "La panne est due à une confusion ou à une panne matérielle.",
    "Dans la confusion générale, l'astreinte a redémarré les nœuds.",
    "Le coupable est le cache du proxy.",
    "Le mot « erreur humaine » n'apparaît pas dans le rapport.",
    # Clefts: a thing, a known technology, a denial, no incident, the general case.
    "C'est la mise à jour qui a provoqué la panne.",
    "C'est Kafka qui a provoqué la panne.",
    "Ce n'est pas Norvalis qui a provoqué la coupure.",
    "C'est Norvalis qui a provoqué un débat.",
    "C'est Norvalis qui a rétabli le service après la coupure.",
    "Quand c'est un salarié qui a provoqué l'incident, l'employeur peut le sanctionner.",
    # Hindsight on a system's action; a question.
    "Le planificateur a lancé une tâche qui n'aurait jamais dû partir.",
    "Le robot de publication a poussé une archive qui n'aurait jamais dû sortir.",
    # Duties: a role in a process, the team's own plan.
    "Il appartient à l'astreinte de déclarer l'incident.",
    "Il est grand temps que nous migrions vers la nouvelle base.",
    # Possessives: a product.
    "Kafka était incapable de servir ses abonnés.",
    # Speed of a thing.
    "Trop lente, la réplication a pris du retard.",
    # A defect fixed.
    "Nous avons réparé l'erreur de configuration.",
    # Flaws of a thing, the writer's own; idioms about a program.
    "Le système a ses défauts.",
    "Nous avons nos défauts.",
    "Le cron a tourné une fois de trop.",
    # Errors committed: denied, supposed, generic.
    "Si l'on a commis une erreur, on la corrige.",
    "Tout le monde a commis des erreurs un jour.",
    # A counterfactual with no action, an action without a prevented incident, a question.
    "La coupure aurait pu être évitée.",
    "Une alerte aurait pu être ajoutée pour suivre la latence.",
    "Le disque aurait pu être remplacé pour éviter la panne ?",
    # An open question about fault.
    "Qui est en faute, alors ?",
    # Ordinary French postmortem narration, plans, actions correctives, five whys.
    "Nous avons redémarré les trois nœuds à 10 h 42 et le service est revenu.",
    "L'astreinte a été alertée à 3 h 10 et a ouvert le canal d'incident.",
    "Action corrective : ajouter une alerte sur l'espace disque des répliques.",
    "Pourquoi la réplication s'est-elle arrêtée ? Parce que le disque était plein.",
    "Nous allons ajouter une étape de validation automatique avant chaque déploiement.",
    "Le fournisseur a redémarré les routeurs à 10 h comme prévu.",
    "La migration a été reportée au lendemain pour laisser le temps aux tests.",
    "Le certificat a expiré samedi, ce qui a coupé l'accès à l'API pendant deux heures.",
    "Nous avons informé les clients à 11 h par la page de statut.",
    "Le script de bascule n'a rien dit dans les journaux, d'où l'ajout d'une trace.",
]


@pytest.mark.parametrize(("text", "rule"), FIRES)
def test_fires(text, rule):
    assert rule in _blame(text), text


@pytest.mark.parametrize("text", QUIET)
def test_stays_quiet(text):
    assert _blame(text) == set(), text


def test_open_fault_question_is_quiet_in_both_languages_and_a_past_one_fires():
    """ "Qui est en faute, alors ?" asks the question an inquiry opens with; "Who was at fault
    for the outage?" looks for a culprit of a past event (BL406)."""
    assert blame_of("Who is at fault, then?", "en") == set()
    assert "BL406" in blame_of("Who was at fault for the outage?", "en")
    assert "BL406" in _blame("Qui était en faute lors de la bascule ?")
