"""BL301 context mechanisms: the wide given-name list, organisations, places and products
named like people, and proper nouns coordinated with people.

Sentences written for these tests; one batched run per language (module fixture).
"""

from __future__ import annotations

import pytest

from blamelint.nlp.name_context import name_context

from .batch import lint_by_language, lint_cases, spans

pytestmark = pytest.mark.nlp

EN = [
    # Wide given-name list: names the curated list does not hold.
    ("Bartosz Zielinski rolled back the deploy at 09:40.", ["Bartosz Zielinski"]),
    ("The primary was promoted by Radek after the lag alert.", ["Radek"]),
    ("- 2026-03-02: Zbigniew opens the rollback PR.", ["Zbigniew"]),
    ("Walt Dorrance, Field Notes on Incident Reviews", ["Walt Dorrance"]),
    # Coordination: a proper noun listed with people is a person.
    (
        "Ingrid Solberg and Tavish Roanoke joined the bridge at 10:12.",
        ["Ingrid Solberg", "Tavish Roanoke"],
    ),
    (
        "We thank Florence, Radek and Thulani for the quick review.",
        ["Florence", "Radek", "Thulani"],
    ),
    # A middle initial and particles stay inside the span.
    ("Thanks to Radek J. van der Molen for the patch.", ["Radek J. van der Molen"]),
    # A lone word that is no known given name is a person only with a title before it.
    ("Ms Varga approved the customer notice at 16:00.", ["Varga"]),
    ("Sentrix shipped a broken agent update to every customer.", []),
    # The sentence itself presents a proper noun as a person: an office, a quotation it
    # reports, "who", a citation.
    ("Committee chair Tiernan Vasquez-Holt opened the hearing.", ["Tiernan Vasquez-Holt"]),
    ("“We rolled back within the hour,” Dravenport said.", ["Dravenport"]),
    ("Halloway, who had joined the team in May, paged the database lead.", ["Halloway"]),
    ("The retry policy follows Quennell et al closely.", ["Quennell"]),
    ("“No customer data was lost,” NXT Brightline said.", []),
    ("We asked the moderators of r/Selfhosting, who agreed to pin the notice.", []),
    # Organisations, places and products named like people stay quiet.
    ("Quorvex said the fault was in its own storage layer.", []),
    ("The certificate that Tessaly itself forgot to renew expired at noon.", []),
    ("The Nimbus Queue filled up after the deploy.", []),
    ("Ask @AcmeSupport or @fibro_aide about the refund.", []),
    ("| 06:12 | **Ops Freeze:** the deploy window was closed. |", []),
    ("Storage vendor Quorvex shipped a bad patch to every customer.", []),
    ("The audit firm Brackley and Dunmore reviewed the rollout.", []),
    ("Other projects were hit too, including Pyxtra, Holloway Labs and Nimbleo Cloud.", []),
    ("The Toberman County data centre lost power at 03:00.", []),
    ("Flights out of Harold Quimby International Airport were held for two hours.", []),
    ("Traffic from Montana and Georgia dropped at noon.", []),
    ("Norland Airlines and Pellham Air rebooked their passengers.", []),
]
FR = [
    ("Maxence a relancé le service à 10 h 05.", ["Maxence"]),
    ("Le transporteur irlandais Aerlune Wings a signalé des retards.", []),
    ("Le module Bot Guardian a rejeté les requêtes.", []),
    ("Quorvex est une société de stockage basée à Lyon.", []),
    ("Le casque Lumo VR ne se synchronisait plus.", []),
    ("« Nous avons rétabli le service à midi », précise Vandermolen.", ["Vandermolen"]),
    ("Le rapport cite Brisebois (2019) sur ce point.", ["Brisebois"]),
    ("La panne a touché des enseignes telles que Marché Plus, Bertin Électro ou Léon Mercier.", []),
]


@pytest.fixture(scope="module")
def results():
    return lint_by_language(en=EN, fr=FR)


@pytest.mark.parametrize(("index", "case"), list(enumerate(EN)), ids=lambda x: str(x)[:40])
def test_english_context(results, index, case):
    text, expected = case
    assert spans(results["en"][index], text) == expected


@pytest.mark.parametrize(("index", "case"), list(enumerate(FR)), ids=lambda x: str(x)[:40])
def test_french_context(results, index, case):
    text, expected = case
    assert spans(results["fr"][index], text) == expected


def test_wide_list_holds_given_names_but_no_ordinary_words_or_places():
    wide = name_context("en").wide_names
    assert {"radek", "lukasz", "maxence", "wladimir", "petru"} <= wide
    # Ordinary words and big places are left to the curated list (or out entirely).
    assert not {"summer", "hunter", "montana", "georgia", "austin", "grace", "mark"} & wide


DOCUMENTS = [
    # Forum and blog bylines name their authors, and the prose repeats them bare.
    ("by mhollis on 2/11/2025, 4:05:12 PM\n\nThe cache went cold after the deploy.\n", ["mhollis"]),
    (
        "by tarnwick 88 days ago\n\nSame here, tarnwick again: it was the DNS.\n",
        ["tarnwick", "tarnwick"],
    ),
    (
        '<div class="meta"><time>3 May</time> · by Ana Lima and Bo Chen</div>\n\n'
        "The queue backed up at 10:00.\n",
        ["Ana Lima", "Bo Chen"],
    ),
    # Personal profile links; an account that owns a linked repository is a project.
    (
        "Reported by [qorvath](https://github.com/qorvath) in the tracker.\n\n"
        "Later qorvath shared a patch.\n",
        ["qorvath", "qorvath"],
    ),
    (
        "See [ferrotide](https://github.com/ferrotide) and github.com/ferrotide/core for details.\n",
        [],
    ),
    # Chat messages addressed to a nick.
    (
        "**\\<ana\\>** dwillow: can you check the Redis disk?  \n**\\<dwillow\\>** on it\n",
        ["ana", "dwillow", "dwillow"],
    ),
    ("**\\<ana\\>** note: the Redis disk is full  \n", ["ana"]),
    # Author fields outside front matter, and handles as front-matter authors.
    (
        "export const post = {\n  author: 'Tamsin Vale',\n}\n\nThe relay went down.\n",
        ["Tamsin Vale"],
    ),
    ("| Authors | brightkoi@ |\n|---|---|\n\nThe Redis disk filled up.\n", ["brightkoi"]),
    ("---\nauthor: nullfox42\n---\n\nThe Redis disk filled up.\n", ["nullfox42"]),
    ("See [velmar's](https://github.com/velmar) notes on the Redis fix.\n", ["velmar"]),
    ("Author: Mira Castell\n\nThe Redis disk filled up.\n", ["Mira Castell"]),
    ("---\nauthors: sre-team, network-team\n---\n\nThe Redis disk filled up.\n", []),
    # A company named once as such is a company wherever the document repeats it.
    ("Vantrix says it will refund users.\n\nAt 10:02 Vantrix restarted the gateway.\n", []),
    # Hard negatives: ordinary "by" phrases.
    ("We fixed it by hand on Monday.\n\nThe rollout was slowed by design on 3 nodes.\n", []),
]


@pytest.fixture(scope="module")
def documents():
    return lint_cases([text for text, _ in DOCUMENTS], "en")


@pytest.mark.parametrize(("index", "case"), list(enumerate(DOCUMENTS)), ids=lambda x: str(x)[:30])
def test_document_level_names(documents, index, case):
    text, expected = case
    assert spans(documents[index], text) == expected
