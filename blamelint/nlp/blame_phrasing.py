"""How a slip or a judgement is phrased, read over the parse: errors committed with no one
as subject ("une erreur a été commise"), errors on someone's part, the manner of people's work
("mal testée", "insuffisamment préparé"), hindsight self-judgement ("avec le recul, ... une
mauvaise décision"), and the checks that keep category talk quiet (one possibility among
others, a metric, a category not made a cause). The words live in rules/wordlists/
(human-error.yaml, judgmental.yaml); a language without them gets none of these.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found, span_of
from .docview import sentence_words
from .lexicon import human_error_words, judgmental_words, norm, org_words, people


def committed_error(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "une erreur a été commise", "l'erreur commise lors de la bascule", "des erreurs de la
    part de l'éditeur": an error someone committed, with no one as the active subject."""
    he, p = human_error_words(language), people(language)
    if not (he.committed or he.on_the_part_of):
        return
    if sentence_words(sent).isdisjoint(he.blamed_nouns):
        return  # (every case below starts at one of these nouns)
    doc, words = sent.doc, ag.lowered(sent.doc)
    for tok in sent:
        if words[tok.i] not in he.blamed_nouns or words[tok.i] in he.committed_exceptions:
            continue
        # Plural, "des erreurs ont été commises dans le passé" speaks of errors in general.
        plural = tok.morph.get("Number") == ["Plur"] or words[tok.i].endswith("s")
        # "une erreur telle ait pu être commise": up to four words between.
        window = range(tok.i + 1, min(tok.i + 6, sent.end))
        done = next((i for i in window if words[i] in he.committed), None)
        if (
            done is not None
            and not plural
            and all(words[i] in he.committed_aux for i in range(tok.i + 1, done))
        ):
            yield Found(
                "human_error", *span_of([tok, doc[done]]), {"phrase": doc[tok.i : done + 1].text}
            )
            return
        for _start, end in ag.phrase_positions(
            doc, he.on_the_part_of, tok.i + 1, min(tok.i + 3, sent.end)
        ):
            head = ag.np_head_after(doc, end)
            who = (
                head is not None
                and head.i < sent.end
                and (ag.person_kind(head, p, names) or words[head.i] in org_words(language).nouns)
            )
            if who:
                yield Found(
                    "human_error", *span_of([tok, head]), {"phrase": doc[tok.i : head.i + 1].text}
                )
                return


def metric_before(lowered: str, sentence_start: int, start: int, he) -> bool:
    """ "le taux d'erreur humaine", "le nombre de fausses manipulations": a metric's head and
    "de" right before the phrase."""
    lead = lowered[sentence_start:start].replace("'", "' ").split()
    return len(lead) >= 2 and lead[-1] in ("de", "d'", "des") and lead[-2] in he.modifier_heads


def made_a_cause(sent: Any, he) -> bool:
    """The sentence makes something a cause ("dû à", "a provoqué", "l'origine")."""
    words = ag.lowered(sent.doc)
    return any(words[i] in he.cause_cues for i in range(sent.start, sent.end))


def one_of_several(words: Any, he) -> bool:
    """One possibility among others ("erreur humaine, panne matérielle ou cyberattaque",
    "face à une rançon ou après une suppression accidentelle")."""
    sent, lowered = words.sent, ag.lowered(words.doc)
    near = range(max(sent.start, words.start - 4), min(sent.end, words.end + 6))
    return any(lowered[i] in he.alternatives for i in near)


def hindsight_judgement(sent: Any, language: str) -> Iterator[Found]:
    """ "Avec le recul, sauter le canari était une mauvaise décision": an opener, then a
    judgement of the decision later in the sentence."""
    jw = judgmental_words(language)
    if not jw.hindsight_openers:
        return
    doc = sent.doc
    for _, end in ag.phrase_positions(doc, jw.hindsight_openers, sent.start, sent.end):
        for start, stop in ag.phrase_positions(doc, jw.hindsight_judgements, end, sent.end):
            found = doc[start:stop]
            yield Found("judgmental", found.start_char, found.end_char, {"word": found.text})
            return


@cache
def _poor_forms(language: str) -> dict[str, frozenset[str]]:
    """Adverb -> every form of the participles it judges ("testé" -> "testées")."""
    jw = judgmental_words(language)
    endings = jw.participle_endings or {""}
    return {
        adverb: frozenset(p + e for p in participles for e in endings)
        for adverb, participles in jw.poor_manner.items()
    }


def poor_work(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "une appli mal testée", "a mal été relue", "peu testé": the manner of people's work
    judged. Read on the surface (the small parser tags these participles as adjectives,
    nouns or adverbs); an active clause needs a person or an organisation as subject."""
    forms = _poor_forms(language)
    if not forms or sentence_words(sent).isdisjoint(forms):
        return  # (every case starts at one of the judging adverbs)
    jw = judgmental_words(language)
    doc, p = sent.doc, people(language)
    words = ag.lowered(doc)
    for tok in sent:
        judged = forms.get(words[tok.i])
        if judged is None:
            continue
        j = tok.i + 1
        passive = j < sent.end and words[j] in jw.manner_passive
        j += passive
        if j >= sent.end or words[j] not in judged:
            continue
        before = words[tok.i - 1] if tok.i > sent.start else ""
        if before in jw.manner_passive_before:
            passive = True
        agents = [t for t in doc[j + 1 : min(j + 4, sent.end)] if words[t.i] in jw.manner_agents]
        if passive and agents:
            agent = ag.np_head_after(doc, agents[0].i + 1)
            if agent is not None and not ag.person_kind(agent, p, names):
                continue  # "mal interprétée par le parseur": the tool's work
        # An auxiliary, not the English article "a" ("a poorly tested script").
        if not passive and before in ag.PAST_AUX and doc[tok.i - 1].pos_ == "AUX":
            # "Le DBA a mal renseigné le champ", not "le script a mal renseigné le champ".
            subject = ag.subject_of(doc[j]) or ag.subject_of(tok.head)
            if subject is None or not (
                ag.person_kind(subject, p, names) or norm(subject.text) in org_words(language).nouns
            ):
                continue
        if one_of_several(doc[tok.i : j + 1], human_error_words(language)):
            continue  # "une sauvegarde mal testée ou jamais relue donne une fausse assurance"
        yield Found(
            "judgmental", tok.idx, doc[j].idx + len(doc[j].text), {"word": doc[tok.i : j + 1].text}
        )
