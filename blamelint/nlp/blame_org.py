"""An organisation made the agent of a slip (BL401), in every language: "Acme forgot to renew
the certificate", "the vendor accidentally wiped the account", "the carrier failed to test
the patch", "Nimbus made a huge mistake", "le fournisseur a oublié de renouveler le domaine",
"l'hébergeur n'a pas prévenu ses clients".

A company doing ordinary things ("Acme deployed a fix", "the vendor restored service") is
not blame, and a product or system as the subject of a defect ("the cron job mistakenly
purged the cache", "PostgreSQL a ignoré l'index") stays technical. So both sides are strict.
The subject must be an organisation: a company noun ("the firm", "le fournisseur"), or a
capitalised name with evidence that it names a company, not software (`company`: the NER
calls it one, "Inc" or "Bank" ends it, "the security firm Sentrel", it owns staff or
customers, "Corvus itself", the document elsewhere introduced it as one), or else a bare
capitalised name that is no person and no known technology, and then only with a verb that
only an agent can do (forgot, neglected, screwed up). The verb must carry its own failure: a
slip verb, a failure verb, a slip adverb or another fault marker (by mistake, without
testing), "failed to" with a duty, a duty negated ("hadn't renewed", "n'a pas prévenu"),
"caused the outage" or "made a mistake". Word lists: rules/wordlists/organisations.yaml.

Blame reported on a party ("the report blames Calderbrook") and the slips and judged work
an organisation owns ("Nimbus's costly mistake") are in `blame_org_reported`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import deliberate, idiom, phrase_text, systemic_reason
from .docview import sentence_bounds, sentence_words, tokens, view
from .gates import gated
from .lexicon import blame_words, grammar, human_error_words, norm, org_words, people
from .name_context import name_context, org_context

_NER_ORG = frozenset({"ORG"})  # the entity label of organisations in both models


Known = Callable[[], frozenset[str]] | None  # the document's company names, computed on demand


def document_companies(docs: Iterable[Any], language: str) -> frozenset[str]:
    """The capitalised names that some sentence of the document shows to be a company
    ("Brindlemoor says it ...", "the storage vendor Brindlemoor"): then the name is a company
    wherever the document repeats it."""
    found: set[str] = set()
    for doc in docs:
        for token in tokens(doc) if doc is not None else ():
            if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.text in found:
                continue
            if not any(ch.isdigit() for ch in token.text) and company(token, language):
                found.add(token.text)
    return frozenset(found)


def company(token: Any, language: str, known: Known = None) -> bool:
    """Evidence, in the sentence or the document, that a capitalised name is a company.

    The NER calls it an organisation; a corporate word is part of it ("Ridgeline Wireless
    Inc", "Fernhill Bank"); it is introduced as one ("the security firm Sentrel", "Sentrel,
    the vendor"); it owns what companies own ("Bluebird's pilots", "its customers" after
    it, or a relative clause on it acts on them); "itself" or "says it" takes it up; or the
    document shows it to be a company elsewhere (`known`, asked for last: a function giving
    the names `document_companies` and the names rules found to be companies)."""
    p = people(language)
    if token.ent_type_ in _NER_ORG:
        return True
    parts = [c for c in token.children if c.dep_ in ("compound", "flat", "flat:name")]
    if any(norm(t.text) in p.corporate for t in [token, *token.children]):
        return True
    doc = token.doc
    start = min([token.i, *(c.i for c in parts)])
    if org_context(doc, start, token.i + 1, name_context(language).org_heads):
        return True
    head = token.head
    ow = org_words(language)
    owned = p.org_possessions | ow.possessions
    if token.dep_ == "poss" and norm(head.text) in owned:
        return True
    if token.dep_ in ("nsubj", "nsubj:pass") and norm(head.text) in p.org_reporting:
        # "Corvus says it now blocks risky commands": "it" takes the name up.
        for clause in ag.children(head, ("ccomp", "parataxis")):
            if any(norm(c.text) in ow.resumptive for c in ag.children(clause, _SUBJ)):
                return True
    # The words after the name are read from the Doc's view (positions, not Tokens: this
    # runs for every proper noun of the document).
    v = view(doc)
    lower, head_of = v.lower, v.head
    if token.i + 1 < len(doc) and lower[token.i + 1] in ow.reflexive:
        return True
    for clause in ag.children(token, ("relcl", "acl:relcl")):
        # "Meridian, which laid off IT staff, ...": what it does to its staff or customers.
        which = [c for c in ag.children(clause, _SUBJ) if norm(c.text) in ow.relatives]
        if which and any(norm(o.text) in owned for o in ag.children(clause, ag.OBJECT_DEPS)):
            return True
    start, end = sentence_bounds(token)
    # What a possessive after the name must own: `pronoun_possessions` where the language
    # lists them (French "sa clientèle", "ses abonnés"; "ses clients" may be a person's).
    taken_up = ow.pronoun_possessions or owned
    for j in range(token.i + 1, end):
        # "its customers": a possession only a company has, taken up after it.
        if lower[j] in ow.owner_pronouns and lower[head_of[j]] in taken_up:
            pronouns = name_context("en").personal_pronouns
            if not any(lower[x] in pronouns for x in range(start, end)):
                return True
            break
    return known is not None and token.text in known()


_SUBJ = ("nsubj", "nsubjpass", "nsubj:pass")


def _product(token: Any, p: Any) -> bool:
    """A software noun beside the name ("Luna, our flag service", "Aurora cluster")."""
    beside = [c for c in token.children if c.dep_ in ("appos", "compound", "flat")]
    if token.dep_ in ("compound", "appos") and token.head.i != token.i:
        beside.append(token.head)
    return any(norm(c.text) in p.product_heads for c in beside)


def organisation(
    token: Any, language: str, names: frozenset[int], known: Known = None
) -> str | None:
    """ "noun" for a company noun, "entity" for a name with evidence that it is a company, "name"
    for a bare capitalised name that is neither a person nor a known technology, else None."""
    ow, p = org_words(language), people(language)
    low = norm(token.text)
    if low not in ow.nouns and not token.text[:1].isupper():
        return None  # no company noun, no name: every case below says None ("we", "it")
    if token.i in names or ag.person_kind(token, p, names):
        return None  # a person: BL401's own case
    if ag.field_label(token):
        return None  # "Root Causes: the gateway did not come back": a label, no agent
    if low in p.tech or _product(token, p):
        return None
    if token.pos_ in ("NOUN", "PROPN") and low in ow.nouns:
        if low in ow.software_senses:
            modifiers = [c for c in token.children if c.dep_ in _MODIFIERS]
            if modifiers and not any(norm(m.text) in ow.company_modifiers for m in modifiers):
                return None  # "the identity provider", "the Terraform provider": software
        return "noun"
    if not token.text[:1].isupper() or any(ch.isdigit() for ch in token.text):
        return None  # ("ACT-1301", "W003": an identifier)
    if token.pos_ != "PROPN":
        # The small taggers call some names NOUN or ADJ ("l'ARCEP"): the NER's ORG keeps them.
        return "entity" if token.ent_type_ in _NER_ORG and token.pos_ in ("NOUN", "ADJ") else None
    if company(token, language, known):
        return "entity"
    # The small models' entity types on an unknown capitalised word are guesses ("Tellavo" a
    # PERSON, "Quorvant" a GPE): a person the names rules did not find, or a place, may be a
    # company. Numbers and dates are not.
    return None if token.ent_type_ in _NOT_AGENTS else "name"


_MODIFIERS = frozenset({"compound", "amod", "nmod", "flat", "flat:name", "appos"})
_NOT_AGENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _none_of(obj: Any, ow: Any) -> bool:
    """ "no assistance", "aucune explication": help or news withheld."""
    if norm(obj.text) not in ow.care_nouns:
        return False
    return any(norm(d.text) in ow.nobody for d in ag.children(obj, ("det", "advmod")))


def _denied(noun: Any, ow: Any) -> bool:
    """ "n'a commis aucune erreur", "made no mistake": the fault is denied."""
    return any(norm(d.text) in ow.nobody for d in ag.children(noun, ("det", "advmod")))


def _phrasal(verb: Any, table: dict[str, frozenset[str]]) -> bool:
    wanted = table.get(norm(verb.text))
    if not wanted:
        return False
    return any(norm(t.text) in wanted for t in verb.doc[verb.i + 1 : verb.i + 4])


def evidence(verb: Any, language: str) -> str | None:
    """Why this verb is a fault whoever its agent: "slip" (only an agent does it: a bare name
    may be its subject), else "failure", "adverb", "duty", "omitted", "cause" or a fault
    marker ("wrong", "without", "manner", "instead")."""
    ow, he, bw = org_words(language), human_error_words(language), blame_words(language)
    low = norm(verb.text)
    # French "ne ... rien", "ne ... plus": the particle alone marks the negation.
    particles = grammar().negation_particles
    negated = ag.negated(verb) or any(norm(c.text) in particles for c in verb.children)
    if idiom(verb, language):
        return None
    objects = ag.children(verb, ag.OBJECT_DEPS)
    if low in ow.provide and any(_none_of(o, ow) for o in objects):
        return "omitted"  # "gave them no assistance", "n'a fourni aucune explication"
    if negated:
        return "omitted" if low in ow.unperformed else None
    if low in ow.slips or _phrasal(verb, ow.phrasal_slips):
        return "slip"
    if (
        low in ow.make
        and verb.tag_ != "VB"
        and any(norm(o.text) in he.blamed_nouns and not _denied(o, ow) for o in objects)
    ):
        return "slip"  # "made a huge mistake", "committed a serious error"
    if low in ow.lapse and any(
        norm(c.text) in ow.lapse[low] for c in ag.children(verb, ("ccomp", "xcomp", "dobj"))
    ):
        return "slip"  # "let the certificate lapse"
    if low in ow.failures:
        return "failure"
    single = {words[0] for words in he.slip_adverbs if len(words) == 1}
    adverbs = [norm(c.text) for c in ag.children(verb, ("advmod",))]
    if any(a in single for a in adverbs):
        return "adverb"
    if any(a in ow.poor_manner for a in adverbs):
        return "manner"  # "the airline handled the outage badly"
    if low in ow.fail:
        duties = {norm(x.text) for x in ag.children(verb, ("xcomp",))}
        if duties & ow.agent_duties:
            return "slip"  # "failed to test", "failed to notify": only an agent owes it
        if duties & ow.duties:
            return "duty"
    if low in bw.cause_verbs and any(norm(o.text) in bw.incident_nouns for o in objects):
        return "cause"  # "the vendor caused the outage", "l'éditeur a provoqué la panne"
    if ag.is_passive(verb) or verb.pos_ not in ("VERB", "AUX"):
        return None
    marker = ag.fault_marker(verb, bw)
    # "Acme moved to Postgres instead of MySQL": a company's choice, not a fault.
    return None if marker == "instead" else marker


def _subject(verb: Any) -> Any | None:
    head = verb.head
    if verb.dep_ == "pcomp" and norm(head.text) in ("by", "en") and head.head.i != head.i:
        verb = head.head  # "Sentrel caused it by cutting corners": the subject of "caused"
    subject = ag.subject_of(verb)
    if (
        subject is None
        and verb.tag_ != "VB"
        and verb.dep_ not in ("acl", "xcomp", "advcl", "pcomp")
    ):
        # The small parsers leave some subjects unattached ("L'hébergeur a effacé ..."); an
        # imperative or a heading ("ACT-12 Make the lint rule an error") has none.
        subject = ag.surface_subject(verb)
    subject = _elided(subject)
    if subject is not None and norm(subject.text) in org_words(language_of(verb)).quantities:
        # "Plenty of companies forgot ...": the companies, not "plenty".
        inner = [o for x in ag.children(subject, ("prep",)) for o in ag.children(x, ("pobj",))]
        subject = inner[0] if inner else subject
    return subject


def _elided(token: Any) -> Any:
    """ "l’ORTC" split and parsed as "l’" with the name as its flat child: the name."""
    if token is None or norm(token.text) not in ("l'", "d'"):
        return token
    parts = [c for c in token.children if c.dep_ in ("flat", "flat:name")]
    return parts[0] if parts else token


def _incapable(adjective: Any, language: str) -> bool:
    """ "Hartley était incapable de rassurer sa clientèle": judged unable to do its part."""
    if norm(adjective.text) not in org_words(language).incapable:
        return False
    return any(c.pos_ == "VERB" for c in ag.children(adjective, ("xcomp", "acl", "advcl")))


def language_of(token: Any) -> str:
    return "fr" if token.lang_ == "fr" else "en"


def _cause_gate(language: str) -> frozenset[str]:
    """`organisation_as_cause`'s words: an "unable" adjective, or what `evidence` reads on the
    verb or its clause (a slip, a failure, a duty failed, a negated duty, a slip adverb, a
    poor manner, a cause verb, a fault marker)."""
    ow, he, bw = org_words(language), human_error_words(language), blame_words(language)
    adverbs = frozenset(words[0] for words in he.slip_adverbs if len(words) == 1)
    return (
        ow.incapable
        | ow.provide
        | ow.unperformed
        | ow.slips
        | frozenset(ow.phrasal_slips)
        | ow.make
        | frozenset(ow.lapse)
        | ow.failures
        | adverbs
        | ow.poor_manner
        | ow.fail
        | bw.cause_verbs
        | ag.fault_marker_words(bw)
    )


def may_be_an_organisation(sent: Any, language: str, names: frozenset[int]) -> bool:
    """A necessary condition for `organisation` to call a token of the sentence one: a company
    noun, or a capitalised word with no digit that is a proper noun (or a noun or adjective
    the NER calls an organisation)."""
    v = view(sent.doc)
    lower, text = v.lower, v.text
    if not org_words(language).nouns.isdisjoint(lower[sent.start : sent.end]):
        return True
    made = tokens(sent.doc)
    for i in range(sent.start, sent.end):
        word = text[i]
        if not word[:1].isupper() or any(ch.isdigit() for ch in word):
            continue
        token = made[i]
        if token.pos_ == "PROPN" or (token.ent_type_ in _NER_ORG and token.pos_ in ("NOUN", "ADJ")):
            return True
    return False


@gated(_cause_gate, test=may_be_an_organisation)
def organisation_as_cause(
    sent: Any, language: str, names: frozenset[int], known: Known = None
) -> Iterator[Found]:
    from .blame_detect import not_an_event  # the narration/plan/question checks of BL401

    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX", "ADJ") or ag.is_passive(verb):
            continue
        # (English VBN with a subject is the tagger's slip on a past tense: "the firm cut".)
        if verb.pos_ == "ADJ" and _incapable(verb, language):
            subject = _elided(ag.subject_of(verb))
            if subject is not None and organisation(subject, language, names, known) in (
                "noun",
                "entity",
            ):
                yield Found(
                    "person",
                    *ag.span_of([subject, verb]),
                    {"subject": phrase_text(subject), "verb": verb.text, "reason": "incapable"},
                )
                return
            continue
        # (the auxiliaries first: the morphology is asked only of a verb without one)
        if not ag.children(verb, ("aux", "aux:tense", "auxpass", "aux:pass")) and (
            verb.pos_ == "ADJ"
            or (
                verb.tag_ != "VBN"
                and "Part" in verb.morph.get("VerbForm")
                and "Past" in verb.morph.get("Tense")
            )
        ):
            continue  # "Signal manqué :", "a forgotten certificate": no one acted
        # The agent first: the fault evidence (the costly part) matters only for a company.
        subject = _subject(verb)
        if subject is None:
            continue
        kind = organisation(subject, language, names, known)
        if kind is None:
            continue
        found = evidence(verb, language)
        if found is None or (kind == "name" and found != "slip"):
            continue  # "Trellis accidentally wiped ..." may be a product's defect
        if not_an_event(verb, subject, "failure") or systemic_reason(verb, language):
            continue  # (and "skipped the window because nothing was pending": a reason)
        if found != "slip" and deliberate(verb, language):
            continue  # "omitted the names to protect their privacy": on purpose
        start = subject.doc[subject.left_edge.i].idx if subject.i < verb.i else subject.idx
        yield Found(
            "person",
            start,
            verb.idx + len(verb.text),
            {"subject": phrase_text(subject), "verb": verb.text, "reason": "organisation"},
        )
        return


@gated(lambda language: org_words(language).damage)
def damage_by_organisation(
    sent: Any, language: str, names: frozenset[int], known: Known = None
) -> Iterator[Found]:
    """ "The fibre was severed by a construction firm", "des données effacées par
    l'hébergeur": damage done by a company, in the passive."""
    ow = org_words(language)
    if sentence_words(sent).isdisjoint(ow.damage):
        return
    for verb in sent:
        if norm(verb.text) not in ow.damage:
            continue
        for agent in ag.children(verb, ("agent", "obl:agent")):
            target = next(iter(ag.children(agent, ("pobj",))), agent)
            if organisation(_elided(target), language, names, known) in ("noun", "entity"):
                yield Found(
                    "person",
                    *ag.span_of([verb, target]),
                    {"subject": phrase_text(target), "verb": verb.text, "reason": "damage"},
                )
                return


def _passive(verb: Any) -> bool:
    """The verb, its "been" or the infinitive it governs is passive ("should have been
    notified", "aurait dû être prévenu")."""
    if verb.dep_ in ("auxpass", "aux:pass"):
        return True
    return ag.is_passive(verb) or any(ag.is_passive(x) for x in ag.children(verb, ("xcomp",)))


def organisation_at_fault(subject: Any, verb: Any, reason: str, language: str) -> str | None:
    """ "organisation" when a company noun or a name shown to be a company is the agent of a
    fault another detector found (`reason`, e.g. hindsight: "l'éditeur aurait dû tester")."""
    if not reason or _passive(verb):
        return None  # "the vendor should have been notified": what others owed it
    kind = organisation(_elided(subject), language, frozenset())
    return "organisation" if kind in ("noun", "entity") else None
