"""BL301 cues that make a lone word a person: a family name as a subject, an initial standing
for a person, a personal role in apposition or as a held office, a given name in capitals;
and the organisation evidence that still keeps companies named like people quiet.

Sentences and names written for these tests; one batched run per language (module fixture).
"""

from __future__ import annotations

import pytest

from blamelint.nlp.name_context import name_context

from .batch import lint_by_language, lint_cases, spans

pytestmark = pytest.mark.nlp

EN = [
    # A family name of the wide list as the subject of a verb, alone or coordinated.
    ("Lindgren accepted that the rollout had skipped the canary.", ["Lindgren"]),
    ("Okafor and Marwell recognised how serious the outage was.", ["Okafor", "Marwell"]),
    ("Haugland said the vendor would refund every affected customer.", ["Haugland"]),
    # ... but not as an object, a modifier, a company or a place.
    ("The lawyers came from Okafor, Brandt and Szabo.", []),
    ("The Lindgren report lists four follow-ups.", []),
    ("Novak says it will refund every customer by Friday.", []),
    ("Customers who rely on Ferreira were left without service.", []),
    # An initial standing for a person: a subject with nothing attached, or beside a role.
    ("Q ended up sending the empty message to every address.", ["Q"]),
    ('The storm began with a test message from "Q," a senior IT coordinator.', ["Q"]),
    # Letters that are words, variables, plans or regions stay quiet.
    ("Plan B failed after the second retry.", []),
    ("If X fails, the scheduler retries on Y.", []),
    ("I restarted the pool at 10:40.", []),
    ("Region C lost power at 03:00.", []),
    # A personal role in apposition, a role held, a given name in capitals.
    ("Vestry, the intern, had just joined the project.", ["Vestry"]),
    ("Nobody knows how good Marwick has been as CEO.", ["Marwick"]),
    ("JUNE said nothing, but KAI pushed the patch anyway.", ["KAI"]),
    # A field label is no apposition; an organisation noun is no role.
    ("ACT-9 Action 1 (owner: {OWNER}, deadline: YYYY-MM-DD)", []),
    ("Quorvex, the vendor, shipped the bad patch.", []),
    ("WILL the retry loop stop by itself?", []),
    # Kin before "of" names a person.
    ("The outage log was kept by the mother of Tovrik until noon.", ["Tovrik"]),
    # A display name and a handle side by side spell one person.
    ("Asked by engineer Ilse Marwood (IlseM on the forum), the vendor said nothing.", None),
    ("Refunds are coming soon — QuillDancer (@quilldancer_12) May 3, 2024", None),
    ("The outage hit Fenwick Ops (@pagerbot) at noon.", ["@pagerbot"]),
    # English dictionary words only, no given name, not a subject: a team or a label.
    ("The call included people from Analytics and Customer Success.", []),
    # A service in a state is no person; a person's given name keeps them a person.
    ("Kestrel Chat was unavailable for most of the morning.", []),
    ("Marlin Pay was down for an hour.", []),
    ("Pellam Relay went down at noon.", []),
    ("Ana Lima was offline all weekend.", ["Ana Lima"]),
]
PAIRS = {
    "Asked by engineer Ilse Marwood (IlseM on the forum), the vendor said nothing.": [
        "Ilse Marwood",
        "IlseM",
    ],
    "Refunds are coming soon — QuillDancer (@quilldancer_12) May 3, 2024": [
        "QuillDancer",
        "@quilldancer_12",
    ],
}
FR = [
    ("Lefebvre a reconnu que la bascule avait sauté une étape.", ["Lefebvre"]),
    # A subject that owns customers or subscribers is a company.
    ("Dubois a annoncé hier soir que ses abonnés auraient de nouveau internet lundi.", []),
    ("Dès le début, Radek était incapable de rassurer sa clientèle.", []),
    ("Q a fini par envoyer le message vide à toutes les adresses.", ["Q"]),
    ("Y a une panne depuis ce matin.", []),
    # A compound given name with a non-breaking hyphen (U+2011), kin before "de".
    (
        "Nous entendrons l'honorable Jean\u2011Baptiste Lormeau demain.",
        ["Jean\u2011Baptiste Lormeau"],
    ),
    ("Nadia, la mère d'Elowen, a appelé le support.", ["Nadia", "Elowen"]),
    # A service in a state is no person.
    ("Dorvan Meetly était indisponible depuis le matin.", []),
    # A speaker's incise inside a quotation left open.
    ("«Rien n'a changé depuis lundi, a reconnu Vandermolen.", ["Vandermolen"]),
    # A wide-list given name after "pour", even where the model calls it a place.
    ("Même chose pour Radek, qui revenait de Lille.", ["Radek"]),
    ("Le train pour Lille est parti en retard.", []),
]


@pytest.fixture(scope="module")
def results():
    return lint_by_language(en=EN, fr=FR)


@pytest.mark.parametrize(("index", "case"), list(enumerate(EN)), ids=lambda x: str(x)[:40])
def test_english_cues(results, index, case):
    text, expected = case
    expected = PAIRS[text] if expected is None else expected
    assert spans(results["en"][index], text) == expected


@pytest.mark.parametrize(("index", "case"), list(enumerate(FR)), ids=lambda x: str(x)[:40])
def test_french_cues(results, index, case):
    text, expected = case
    assert spans(results["fr"][index], text) == expected


def test_surname_list_holds_family_names_but_no_words_places_or_tools():
    surnames = name_context("en").surnames
    assert {"lindgren", "okafor", "haugland", "lefebvre", "szabo"} <= surnames
    assert len(surnames) > 10_000
    # Ordinary words, big places and technology names are left out.
    assert not {"banks", "park", "king", "everett", "docker", "jenkins", "mercier"} & surnames


def test_document_repeats_a_company_named_like_a_person_quietly():
    text = "Novak says it will refund users.\n\nAt 10:02 Novak restarted the gateway.\n"
    assert spans(lint_cases([text], "en")[0], text) == []


DOCUMENTS = [
    # A byline in a document of lowercase prose is still read.
    (
        "[–]quiet_harrow 12 points13 points  (2 children)\n\nsame here, dns again.\n",
        ["quiet_harrow"],
    ),
    ("by tarnquist on 4/2/2025, 9:10:11 AM\n\nthe cache went cold.\n", ["tarnquist"]),
    # Nicks listed with people, or after a personal role noun, and their repeats.
    (
        "- 09:12 the reporter wrote to: Ana Lima of Vantor, bkellgrove of Quill Labs, and "
        "rtreemont of Nimbo.\n\nLater rtreemont confirmed the fix.\n",
        ["Ana Lima", "bkellgrove", "rtreemont", "rtreemont"],
    ),
    ("The patch came from core team member zorvatch, who found the bug.\n", ["zorvatch"]),
    ("Each user cookie_id was reset; the users shown on the page were new.\n", []),
    # ... but no English word, tool or team is a nick.
    ("We thanked Ana Lima, kubectl and the platform team.\n", ["Ana Lima"]),
    ("Ana Lima, Bo Chen, and the dashboards agreed.\n", ["Ana Lima", "Bo Chen"]),
    ("The engineer restarted the pool at 10:40.\n", []),
    # A camelCase nick that the model calls an ORG, as a subject inside a chat log.
    (
        "**\\<ana\\>** the binaries were bad  \n**\\<ana\\>** QuietMarten reviewed the logs  \n",
        ["ana", "ana", "QuietMarten"],
    ),
    # A lowercase given name greeted or thanked in a chat message; "everyone" is nobody.
    (
        "**\\<kestrel\\>** hi marta, the disk is full  \n**\\<kestrel\\>** thanks everyone  \n",
        ["kestrel", "marta", "kestrel"],
    ),
]


@pytest.fixture(scope="module")
def documents():
    return lint_cases([text for text, _ in DOCUMENTS], "en")


@pytest.mark.parametrize(("index", "case"), list(enumerate(DOCUMENTS)), ids=lambda x: str(x)[:30])
def test_document_level_cues(documents, index, case):
    text, expected = case
    assert spans(documents[index], text) == expected
