"""French blame mechanisms (BL401-BL406): each one fires, and its hard negatives stay quiet.

Sentences written for these tests. One batched run of the real engine (module fixture), and
the French per-rule fixtures (`tests/fixtures/rules/<code>/{fires,quiet}.fr.md`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blamelint.rules.model import shipped_rules
from blamelint.run.config import resolve
from blamelint.run.lint import lint_text

from .batch import BLAME, lint_cases, rules_of

pytestmark = pytest.mark.nlp

# (text, blame rules expected on it)
CASES = [
    # Parity with the English constructions.
    ("Mathilde a redémarré le mauvais nœud pendant la maintenance.", {"BL401"}),
    ("Il aurait suffi que quelqu'un relise la demande de fusion.", {"BL403"}),
    # "quelqu'un" split by the tokenizer is a person.
    ("Quelqu'un aurait dû vérifier le certificat avant vendredi.", {"BL403"}),
    ("Quelqu’un a oublié de prolonger le domaine.", {"BL401"}),
    # Slip verbs.
    ("Le technicien s'est trompé de baie en débranchant le câble.", {"BL401"}),
    ("Bastien a confondu la base de recette et la base de production.", {"BL401"}),
    # Human error without an agent: slips named as such, wherever they stand.
    ("La diffusion du courriel venait d'une fausse manœuvre.", {"BL402"}),
    ("Toute la zone DNS a disparu à cause d'une bourde.", {"BL402"}),
    ("L'auteur de la bévue a été identifié dans l'heure.", {"BL402"}),
    ("Une mauvaise manipulation a vidé la file d'attente.", {"BL402"}),
    # Errors committed, with no one as the active subject; errors on someone's part.
    ("Une erreur a été commise pendant la migration du stockage.", {"BL402"}),
    ("L'erreur commise par l'éditeur a bloqué les caisses.", {"BL402"}),
    ("Des erreurs de la part de l'hébergeur ont aggravé la panne.", {"BL402"}),
    # A quoted framing reported as the cause.
    ("Les factures sont parties en double à cause d'une « erreur humaine ».", {"BL402"}),
    # The category made a cause.
    ("La coupure est due au facteur humain.", {"BL402"}),
    # Exhortations to be more careful.
    ("Faire plus attention.", {"BL407"}),
    ("À l'avenir, les opérateurs devront redoubler de vigilance.", {"BL407"}),
    ("Les intervenants doivent être plus vigilants lors des mises en production.", {"BL407"}),
    # Judgements of people's work, words and phrases.
    ("Le déploiement du lundi a été un fiasco complet.", {"BL405"}),
    ("Ce correctif bancal a bloqué toutes les caisses.", {"BL405"}),
    ("Le manque de rigueur de l'équipe est en cause.", {"BL405"}),
    ("La migration a été faite à l'arrache un vendredi soir.", {"BL405"}),
    ("Le travail de sauvegarde n'a été fait qu'à moitié.", {"BL405"}),
    # The manner of the work: "mal testé", "a mal été relu", an active person subject.
    ("La nouvelle version a été mal testée avant sa sortie.", {"BL405"}),
    ("Une appli mal testée a planté tous les terminaux.", {"BL405"}),
    ("Le correctif a mal été relu, d'où la régression.", {"BL405"}),
    ("Les scénarios de bascule ont été insuffisamment préparés.", {"BL405"}),
    ("L'opérateur a mal saisi le masque de sous-réseau.", {"BL405"}),
    # Checks nobody is named for, after "aurait dû/pu" (English: "should have been tested").
    ("Le correctif aurait dû être testé avant le déploiement.", {"BL403"}),
    ("La clé expirée aurait dû être renouvelée lors de l'audit.", {"BL403"}),
    ("Aurait dû tester en préproduction d'abord.", {"BL403"}),
    ("L'incident aurait dû être escaladé plus tôt.", {"BL403"}),
    # More judgements and slips.
    ("Le fournisseur a enfin daigné répondre au ticket.", {"BL405"}),
    ("La mise à jour a été déployée à la légère un vendredi.", {"BL405"}),
    ("Une simple maladresse a effacé le répertoire partagé.", {"BL402"}),
    # An organisation as the agent of a fault.
    ("Le fournisseur a oublié de renouveler notre nom de domaine.", {"BL401"}),
    ("L'hébergeur n'a pas prévenu ses clients de la maintenance.", {"BL401"}),
    ("L'hébergeur a effacé notre zone par erreur.", {"BL401"}),
    ("L'éditeur aurait dû tester son correctif sur plus de postes.", {"BL403"}),
    # Parity with English: slips in the passive, clefts, haste, misreading, hindsight.
    ("Le volume a été détaché par erreur.", {"BL402"}),
    ("C'est Thomas qui a redémarré le mauvais nœud de base de données.", {"BL401"}),
    ("La version a été publiée à la hâte sans tests suffisants.", {"BL405"}),
    ("Le correctif a été déployé hâtivement.", {"BL405"}),
    ("Les opérateurs ont mal lu le tableau de bord.", {"BL405"}),
    ("Avec le recul, sauter le canari était une mauvaise décision.", {"BL405"}),
    ("Rétrospectivement, déployer un vendredi était une erreur.", {"BL405"}),
    ("L'astreinte a escaladé trop tard.", {"BL401"}),
    ("L'équipe a réagi beaucoup trop tard.", {"BL401"}),
    # Checks nobody made: "nobody" as the subject, or a step skipped in the passive.
    ("Personne n'a vérifié les sauvegardes depuis six mois.", {"BL403"}),
    ("Aucun relecteur n'a relu la modification.", {"BL403"}),
    ("Le changement a été fusionné sans relecture.", {"BL403"}),
    # Blame reported about a person or an organisation.
    ("On a reproché à l'équipe réseau son silence pendant la panne.", {"BL401"}),
    ("L'astreinte a été mise en cause par la direction.", {"BL401"}),
    ("Le rapport accuse le prestataire de la coupure.", {"BL401"}),
    ("Chez nous, on a rejeté la faute sur le sous-traitant.", {"BL401"}),
    ("On a oublié de prévenir le support avant la bascule.", {"BL401"}),
    ("L'employé a été licencié pour faute grave.", {"BL405"}),
    ("Une erreur de débutant a bloqué le déploiement.", {"BL405"}),
    ("Plusieurs écoles ont mal renseigné leur nombre de places.", {"BL405"}),
    ("Le stagiaire a mis à terre le serveur de fichiers.", {"BL401"}),
    ("L'opérateur a mélangé les deux fichiers de zone.", {"BL401"}),
    ("On a reproché à Hexaline son silence des premières heures.", {"BL401"}),
    # ---- hard negatives
    ("On a incriminé Redis pendant la première heure.", set()),
    ("Le script a mélangé les colonnes du fichier.", set()),
    ("L'entreprise a contourné la limite de débit en ajoutant un second lien.", set()),
    ("Le mot « bévue » n'apparaît pas dans notre modèle de rapport.", set()),
    ("Le module a été livré sans tests unitaires, comme le prévoyait le prototype.", set()),
    ("Chaque coupure du service constitue un manquement au contrat.", set()),
    ("On ignore toujours l'origine de la panne.", set()),
    ("On a redémarré les pods du service de paiement à 14 h.", set()),
    ("La personne d'astreinte a vérifié les sauvegardes.", set()),
    ("Le service a été rétabli sans perte de données.", set()),
    ("Le client a été prévenu sans délai.", set()),
    ("Le correctif a été déployé par le pipeline sans relecture.", set()),
    ("Aucune alerte n'a vérifié le quota.", set()),
    ("L'alerte est arrivée trop tard.", set()),
    ("Le cache a gardé les entrées trop longtemps.", set()),
    (
        "En acceptant que des erreurs ont été commises dans le passé, nous en tirons des leçons.",
        set(),
    ),
    ("Le bug a été découvert par accident pendant la revue.", set()),
    ("La table a été supprimée par le job de purge par erreur.", set()),
    ("La valeur a été mal lue par le parseur.", set()),
    ("Le planificateur a fait un mauvais choix d'index.", set()),
    ("Avec le recul, la bascule automatique a bien fonctionné.", set()),
    ("Le taux d'erreur humaine mesuré par l'outil de saisie est stable.", set()),
    ("Les tests de charge ont été faits à moitié de la capacité nominale.", set()),
    ("Des tests sommaires sont lancés à chaque commit.", set()),
    ("Il faudra plus de rigueur dans les seuils d'alerte du pipeline.", set()),
    ("Il ne s'agit pas de blâmer les développeurs.", set()),
    ("Personne n'a été mis en cause.", set()),
    ("L'équipe n'a pas été mise en cause.", set()),
    ("On a incriminé le cache pendant la première heure.", set()),
    ("Le rapport met en cause la configuration du pare-feu.", set()),
    ("Le lot aurait pu être traité plus vite par le nouveau moteur.", set()),
    ("Le cache a été vidé à la légère hausse de charge.", set()),
    ("Le sommaire du rapport liste les actions.", set()),
    ("Le serveur a renvoyé une erreur 500 pendant dix minutes.", set()),
    ("Aucune erreur n'a été commise pendant la bascule.", set()),
    ("Des erreurs de la part du serveur de noms ont ralenti la reprise.", set()),
    ("L'incident aurait pu être évité avec un garde-fou.", set()),
    ("Le schéma aurait dû être validé par le linter.", set()),
    ("La requête aurait dû être rejetée par le validateur.", set()),
    ("Le fournisseur a redémarré les routeurs à 10 h comme prévu.", set()),
    ("L'hébergeur n'a pas facturé la bande passante supplémentaire.", set()),
    ("L'entreprise a publié un correctif dans l'après-midi.", set()),
    ("PostgreSQL a ignoré l'index pendant la requête de nuit.", set()),
    ("Le validateur de schéma aurait dû rejeter le fichier.", set()),
    ("Il faut faire attention à bien purger le cache avant la bascule.", set()),
    ("Le fichier YAML était mal formé à la ligne 12.", set()),
    ("Le cache est mal configuré par défaut dans cette image.", set()),
    ("Le client HTTP gère mal les redirections multiples.", set()),
    ("Le script a mal renseigné le champ de date.", set()),
    ("Peu testé en production, ce mode reste expérimental.", set()),
    ("Ça fait mal de voir ce tableau de bord tout rouge.", set()),
    ("Le chargement paresseux des images a réduit la latence.", set()),
    ("Le facteur humain est difficile à prévoir.", set()),
    ("Les erreurs humaines représentent une part des pertes de données.", set()),
    ("Trois pistes restent ouvertes : erreur humaine, panne matérielle ou attaque.", set()),
    (
        "Après un chiffrement par rançongiciel ou une suppression accidentelle, il est souvent trop tard.",
        set(),
    ),
    ("Une sauvegarde mal testée ou jamais relue donne une fausse assurance.", set()),
    ("On parle souvent d'« erreur humaine » dans les rapports d'incident.", set()),
    ("S'il a ignoré les consignes, le salarié peut être sanctionné.", set()),
    ("Purger les lignes en double, car créées par erreur après la migration.", set()),
    ("Le lot de nuit a été lancé par erreur sur la base de production.", {"BL402"}),
    ("Nous n'acceptons pas « fausse manipulation » comme cause racine.", set()),
]


@pytest.fixture(scope="module")
def results():
    return [rules_of(found) for found in lint_cases([text for text, _ in CASES], "fr")]


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=lambda x: str(x)[:40])
def test_french_mechanism(results, index, case):
    text, expected = case
    assert results[index] == expected, text


def test_spans_and_french_messages():
    text = "Le fournisseur a oublié de renouveler le domaine. Ce correctif était mal testé."
    found = [f for f in lint_text(text, language="fr", config=resolve({}, None)) if f.rule in BLAME]
    spans = [(f.rule, text[f.column - 1 : f.span.end_column - 1]) for f in found]
    assert spans == [("BL401", "Le fournisseur a oublié"), ("BL405", "mal testé")]
    assert found[0].message == "'Le fournisseur' est présenté comme la cause de la défaillance"
    assert found[1].message == "mot de jugement 'mal testé'"


FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = {rule.code: rule for rule in shipped_rules()}
FRENCH = sorted(p.parent.name for p in FIXTURES.glob("*/fires.fr.md"))


def _lines(code: str, path: Path) -> list[str]:
    config = resolve({"rules": {code: RULES[code].severity.label}}, None)
    findings = lint_text(path.read_text(encoding="utf-8"), path=str(path), config=config)
    return [f"{f.line}:{f.column}:{f.rule}" for f in findings if f.rule == code]


def test_french_fixtures_exist():
    assert {"BL401", "BL402", "BL403", "BL405"} <= set(FRENCH)


@pytest.mark.parametrize("code", FRENCH)
def test_french_fixture_fires_exactly_where_expected(code):
    folder = FIXTURES / code
    expected = (folder / "expected.fr.txt").read_text(encoding="utf-8").split()
    assert expected
    assert _lines(code, folder / "fires.fr.md") == expected


@pytest.mark.parametrize("code", FRENCH)
def test_french_fixture_hard_negatives_stay_quiet(code):
    assert _lines(code, FIXTURES / code / "quiet.fr.md") == []
