"""Word lists for the names and blame kinds, read once from `rules/wordlists/*.yaml`.

Python holds the mechanisms, YAML holds the words: this module only turns the lists into
lowercase sets and tuples per language, so the kinds can test membership cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from blamelint.base.resources import load_data
from blamelint.base.text import fold, replace_each, straighten

# Non-breaking and typographic hyphens inside a word ("Jean‑Sébastien") read as "-".
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


class _Normed(dict):
    """Normalised words by their text: the detectors normalise the same words again and again,
    and a dict lookup from C (`norm` below) costs a fraction of a Python call."""

    def __missing__(self, text: str) -> str:
        # ASCII text holds no typographic apostrophe or hyphen: only the case changes.
        ascii_only = text.isascii()
        found = text.lower() if ascii_only else replace_each(straighten(text).lower(), _HYPHENS)
        if len(text) <= 40 and len(self) < 200_000:  # words, not whole texts; bounded
            self[text] = found
        return found


# norm(text): lowercase with typographic apostrophes and hyphens made straight (same length,
# offsets unchanged).
norm = _Normed().__getitem__


def language_of(token: Any) -> str:
    """The word lists' language for a token's Doc: French for a French Doc, else English."""
    return "fr" if token.lang_ == "fr" else "en"


def word_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(norm(value).split())  # one norm per block: it maps char by char
    return frozenset(norm(str(item)) for item in value)


def phrase_tuples(value: Any) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as token tuples, longest first (so the longest match wins)."""
    items = value.split("\n") if isinstance(value, str) else (value or [])
    result = {tuple(norm(str(item)).split()) for item in items if str(item).strip()}
    return tuple(sorted(result, key=len, reverse=True))


def _section(name: str, language: str) -> dict:
    data = load_data(f"wordlists/{name}") or {}
    return data.get(language) or data.get("en") or {}


def _ordered(value: Any) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as token tuples, in the order the word list gives them."""
    return tuple(tuple(norm(str(w)) for w in item) for item in value or ())


ORDERED = {"ordered": True}


def from_wordlist(cls: type, name: str, language: str | None) -> Any:
    """Build a word-list dataclass from `rules/wordlists/<name>`, one field per YAML key.

    The field's type says how its entry is read: `frozenset` a set of words, `tuple` phrases
    (longest first; in the list's own order with `field(metadata=ORDERED)`), `dict` words by
    key, `re.Pattern` a regular expression.
    """
    data = _section(name, language) if language else load_data(f"wordlists/{name}") or {}
    values: dict[str, Any] = {}
    for item in fields(cls):
        raw, kind = data.get(item.name), str(item.type)
        if kind.startswith("frozenset"):
            values[item.name] = word_set(raw)
        elif kind.startswith("tuple"):
            values[item.name] = (
                _ordered(raw) if item.metadata.get("ordered") else phrase_tuples(raw)
            )
        elif kind.startswith("dict"):
            values[item.name] = {norm(k): word_set(v) for k, v in (raw or {}).items()}
        elif "Pattern" in kind:
            values[item.name] = re.compile(raw or "^(?!)$")
        else:
            raise TypeError(f"{cls.__name__}.{item.name}: no reader for {kind}")
    return cls(**values)


@dataclass(frozen=True)
class People:
    tech: frozenset[str]
    first_names: frozenset[str]
    common_words: frozenset[str]
    roles: frozenset[str]
    role_phrases: tuple[str, ...]
    pronouns: frozenset[str]
    possessives: frozenset[str]
    ambiguous: frozenset[str]
    victims: frozenset[str]
    groups: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]
    corporate: frozenset[str]
    product_heads: frozenset[str]
    cues: tuple[str, ...] = ()
    org_possessions: frozenset[str] = frozenset()
    org_reporting: frozenset[str] = frozenset()
    # Heads of a role or a desk written in Title Case ("Tech Lead", "Customer Support").
    desk_heads: frozenset[str] = frozenset()
    language: str = "en"


@cache
def people(language: str) -> People:
    tech = load_data("wordlists/tech-names.yaml") or {}
    first = load_data("wordlists/first-names.yaml") or {}
    roles_all = load_data("wordlists/roles.yaml") or {}
    roles = roles_all.get(language) or roles_all["en"]
    return People(
        tech=word_set(tech.get("names")) | {fold(w) for w in word_set(tech.get("names"))},
        first_names=word_set(first.get("names")),
        common_words=word_set(first.get("common_words")),
        roles=word_set(roles.get("roles")),
        role_phrases=tuple(norm(p) for p in roles.get("phrases") or ()),
        pronouns=word_set(roles.get("pronouns")),
        possessives=word_set(roles.get("possessives")),
        ambiguous=word_set(roles.get("ambiguous")),
        victims=word_set(roles.get("victims")),
        groups=word_set(roles_all.get("groups")),
        titles=word_set(first.get("titles")),
        particles=word_set(first.get("particles")),
        corporate=word_set(tech.get("corporate")),
        product_heads=word_set((tech.get("product_heads") or {}).get(language)),
        cues=tuple(norm(c) for c in first.get("cues") or ()),
        org_possessions=word_set(tech.get("org_possessions")),
        org_reporting=word_set(tech.get("org_reporting")),
        desk_heads=word_set(roles.get("desk_heads")),
        language=language,
    )


@dataclass(frozen=True)
class BlameWords:
    failure: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    fail: frozenset[str]
    fail_outcomes: dict[str, frozenset[str]]
    mis_prefix: re.Pattern[str]
    not_agentive: frozenset[str]
    manner: tuple[tuple[str, ...], ...]
    wrong_objects: frozenset[str]
    defective_objects: frozenset[str]
    introduce_verbs: frozenset[str]
    without_safeguards: frozenset[str]
    instead: tuple[tuple[str, ...], ...]
    incident_nouns: frozenset[str]
    cause_verbs: frozenset[str]
    cause_nouns: frozenset[str]
    responsible: frozenset[str]
    because: frozenset[str]
    cause_preps: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)
    accusations: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    component_accusations: frozenset[str] = frozenset()
    # Pronouns for a thing found or not found: "not seeing anything wrong" has no wrong object.
    indefinite_things: frozenset[str] = frozenset()
    # A person identified by what triggered the incident, then praised ("the engineer who
    # triggered it was quick to spot it"): the sentence praises the response.
    praised_response: frozenset[str] = frozenset()


@cache
def blame_words(language: str) -> BlameWords:
    return from_wordlist(BlameWords, "blame-verbs.yaml", language)


@dataclass(frozen=True)
class HumanErrorWords:
    phrases: tuple[tuple[str, ...], ...]
    blamed_nouns: frozenset[str]
    by: frozenset[str]
    modifier_heads: frozenset[str]
    rejections: tuple[tuple[str, ...], ...]
    human_adjectives: frozenset[str]
    slip_adverbs: tuple[tuple[str, ...], ...]
    slip_adjectives: frozenset[str]
    action_nouns: frozenset[str]
    slip_passives: frozenset[str]
    missable: frozenset[str]
    slip_nouns: frozenset[str]
    denials: frozenset[str]
    category_verbs: frozenset[str]
    self_possessives: frozenset[str]
    concepts: frozenset[str] = frozenset()
    cause_cues: frozenset[str] = frozenset()
    alternatives: frozenset[str] = frozenset()
    system_outputs: frozenset[str] = frozenset()
    discoveries: frozenset[str] = frozenset()
    committed: frozenset[str] = frozenset()
    committed_aux: frozenset[str] = frozenset()
    committed_exceptions: frozenset[str] = frozenset()
    on_the_part_of: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    # Phrases that put a quoted framing forward as the cause ("mettant en avant une « erreur
    # humaine »"), beside the single words of `cause_cues`.
    cause_phrases: tuple[tuple[str, ...], ...] = ()
    # Read by blame_causes (its own dataclass); here for the BL402 trigger.
    cause_slips: frozenset[str] = frozenset()
    culprit_nouns: frozenset[str] = frozenset()
    # A thing's past "contained"/"included" with a slip adverb: someone put it there.
    held_verbs: frozenset[str] = frozenset()


@cache
def human_error_words(language: str) -> HumanErrorWords:
    return from_wordlist(HumanErrorWords, "human-error.yaml", language)


@dataclass(frozen=True)
class HindsightWords:
    modals: frozenset[str]
    system_modals: frozenset[str]
    have: frozenset[str]
    obligation: frozenset[str]
    perception: frozenset[str]
    missed_perception: frozenset[str]
    fail: frozenset[str]
    verification: frozenset[str]
    upkeep: frozenset[str]
    discovery: frozenset[str]
    obligation_verbs: frozenset[str]
    check_lemmas: frozenset[str]
    timing: frozenset[str]
    conditional_marks: frozenset[str]
    past_perfect_aux: frozenset[str]
    if_only: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)
    conditional_aux: frozenset[str]
    system_participles: frozenset[str]
    sufficed: frozenset[str]
    consequence_modals: frozenset[str]
    consequence_checks: frozenset[str]
    conditional_actions: frozenset[str]
    passive_be: frozenset[str] = frozenset()
    sooner: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    nobody: frozenset[str] = frozenset()
    unchecked_passives: frozenset[str] = frozenset()
    unchecked_actions: frozenset[str] = frozenset()
    without_preserved: frozenset[str] = frozenset()
    sooner_means: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()

    @property
    def verification_participles(self) -> frozenset[str]:
        """Only participles of the check verbs: the constructions need "was not tested" etc."""
        return frozenset(w for w in self.verification if w.endswith(_PARTICIPLE_ENDINGS))


@cache
def hindsight_words(language: str) -> HindsightWords:
    return from_wordlist(HindsightWords, "hindsight.yaml", language)


@dataclass(frozen=True)
class JudgmentalWords:
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    technical: tuple[tuple[str, ...], ...]
    epistemic: frozenset[str]
    quantities: frozenset[str]
    traits: frozenset[str]
    work: frozenset[str]
    poor_manner: dict[str, frozenset[str]] = field(default_factory=dict)
    participle_endings: frozenset[str] = frozenset()
    manner_passive: frozenset[str] = frozenset()
    manner_passive_before: frozenset[str] = frozenset()
    manner_agents: frozenset[str] = frozenset()
    hindsight_openers: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    hindsight_judgements: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    work_only: frozenset[str] = frozenset()
    work_only_predicative: frozenset[str] = frozenset()
    person_only: frozenset[str] = frozenset()
    too: frozenset[str] = frozenset()
    flaw_nouns: frozenset[str] = frozenset()  # read by blame_flaws; here for the trigger
    # Pronouns for a thing found or not found ("nothing obviously wrong").
    indefinites: frozenset[str] = frozenset()
    # Words with a technical sense on an operation ("lazy DB lookups", "lazily synced").
    technical_words: frozenset[str] = frozenset()
    technical_heads: frozenset[str] = frozenset()


@cache
def judgmental_words(language: str) -> JudgmentalWords:
    return from_wordlist(JudgmentalWords, "judgmental.yaml", language)


@dataclass(frozen=True)
class GrammarWords:
    relatives: frozenset[str]
    negations: frozenset[str]
    negation_particles: frozenset[str]
    ability: frozenset[str]
    human_modifiers: frozenset[str]
    team_words: frozenset[str]
    anaphors: frozenset[str]
    person_prepositions: frozenset[str]
    trigger_extras: frozenset[str]
    first_person: frozenset[str]
    generic_people: frozenset[str]
    modal_aux: frozenset[str]
    pro_verbs: frozenset[str]
    perfect_present: frozenset[str]
    irregular_past: frozenset[str]
    generic_marks: frozenset[str]
    without_marks: frozenset[str] = frozenset()
    make_verbs: frozenset[str] = frozenset()


@cache
def grammar() -> GrammarWords:
    """Function words of both languages (rules/wordlists/grammar.yaml)."""
    return from_wordlist(GrammarWords, "grammar.yaml", None)


_PARTICIPLE_ENDINGS = ("ed", "en", "ght", "é", "ée", "és", "ées", "u", "ue", "us", "ues")


@dataclass(frozen=True)
class OrgWords:
    nouns: frozenset[str]
    software_senses: frozenset[str]
    company_modifiers: frozenset[str]
    slips: frozenset[str]
    phrasal_slips: dict[str, frozenset[str]]
    failures: frozenset[str]
    duties: frozenset[str]
    fail: frozenset[str]
    agent_duties: frozenset[str]
    possessions: frozenset[str]
    incapable: frozenset[str]
    provide: frozenset[str]
    care_nouns: frozenset[str]
    damage: frozenset[str]
    unperformed: frozenset[str]
    make: frozenset[str]
    lapse: dict[str, frozenset[str]]
    owned_slips: frozenset[str]
    judged_slips: frozenset[str]
    slip_judgements: frozenset[str]
    poor_work: frozenset[str]
    work_nouns: frozenset[str]
    attribution: frozenset[str]
    censure: frozenset[str]
    holding: frozenset[str]
    culpable: frozenset[str]
    pinning: dict[str, frozenset[str]]
    pinning_objects: dict[str, frozenset[str]]
    charging: frozenset[str]
    poor_manner: frozenset[str]
    lawsuits: dict[str, frozenset[str]]
    origins: dict[str, frozenset[str]]
    origin_subjects: dict[str, frozenset[str]]
    origin_particles: dict[str, frozenset[str]]
    nobody: frozenset[str]
    quantities: frozenset[str]
    resumptive: frozenset[str] = frozenset()
    reflexive: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    owner_pronouns: frozenset[str] = frozenset()
    pronoun_possessions: frozenset[str] = frozenset()


@cache
def org_words(language: str) -> OrgWords:
    """rules/wordlists/organisations.yaml: organisations blamed (BL401, BL402, BL405)."""
    return from_wordlist(OrgWords, "organisations.yaml", language)


@dataclass(frozen=True)
class RemedyWords:
    remedies: tuple[tuple[str, ...], ...]
    obligations: frozenset[str]
    tails: tuple[tuple[str, ...], ...]
    # Duties put on users, a provider told it is overdue (blame_duty).
    duty_openers: tuple[tuple[str, ...], ...] = ()
    duty_targets: frozenset[str] = frozenset()
    duty_marks: frozenset[str] = frozenset()
    overdue_openers: tuple[tuple[str, ...], ...] = ()


@cache
def remedy_words(language: str) -> RemedyWords:
    """rules/wordlists/remedies.yaml: person-focused remedies (BL407)."""
    return from_wordlist(RemedyWords, "remedies.yaml", language)


# Word-list file -> its typed reader, for the blame rules' triggers (rules/blame.yaml).
WORDLISTS = {
    "blame-verbs.yaml": blame_words,
    "human-error.yaml": human_error_words,
    "hindsight.yaml": hindsight_words,
    "judgmental.yaml": judgmental_words,
    "organisations.yaml": org_words,
    "remedies.yaml": remedy_words,
    "grammar.yaml": lambda language: grammar(),
}


def entry(wordlist: str, key: str, language: str) -> Any:
    """One entry of a word list for a language, typed by its dataclass where it has one."""
    reader = WORDLISTS.get(wordlist)
    if reader is not None:
        return getattr(reader(language), key)
    return _section(wordlist, language).get(key)
