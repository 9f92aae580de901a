"""BL401-BL407: the `blame` kind, one kind for every rule of rules/blame.yaml.

Each rule entry names its `detector` (a key of `DETECTORS` below, or `phrases`: the generic
lexical detector reading the entry's `words` and `exceptions`) and its `trigger`: the
word-list entries whose words make a segment worth parsing (overlaps between rules are
resolved by the engine after selection and suppression, from the entries' `overlap`). The
parser only runs on segments where the trigger built from the *enabled* rules finds
a candidate word, so a rule cannot be enabled and never parsed for. All detectors of the known
blame rules run once per segment (a document artefact of the run) and each rule yields its own
share: at most one hit per rule per sentence, as a reviewer reads it ("one finding per
offending sentence").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from blamelint.nlp.agency import FINAL, name_token_set
from blamelint.nlp.blame_acts import act_slip, misdirected
from blamelint.nlp.blame_causes import committed_by_someone, slip_as_cause
from blamelint.nlp.blame_cleft import cleft_cause
from blamelint.nlp.blame_conduct import behind_question, in_charge, let_down
from blamelint.nlp.blame_context import blame_question
from blamelint.nlp.blame_decision import decision_question
from blamelint.nlp.blame_defect import document_effects
from blamelint.nlp.blame_destructive import destroyed_live_data
from blamelint.nlp.blame_detect import Found, accused, person_as_cause, wrong_object_surface
from blamelint.nlp.blame_diligence import checks_judged_short
from blamelint.nlp.blame_duty import duty_on_people
from blamelint.nlp.blame_flaws import has_flaws
from blamelint.nlp.blame_headline import headline_blame
from blamelint.nlp.blame_hindsight import hindsight
from blamelint.nlp.blame_lexical import agentless_slip, human_error, judgmental
from blamelint.nlp.blame_org import damage_by_organisation, organisation_as_cause
from blamelint.nlp.blame_org import document_companies as companies
from blamelint.nlp.blame_org_reported import blame_attribution, judged_work
from blamelint.nlp.blame_org_reported import owned_slip as organisation_owned_slip
from blamelint.nlp.blame_possessive import owned_slip
from blamelint.nlp.blame_questions import hindsight_question
from blamelint.nlp.blame_redo import redo
from blamelint.nlp.blame_relative_hindsight import could_have_prevented, shipped_in_hindsight
from blamelint.nlp.blame_remedy import person_remedy
from blamelint.nlp.blame_response import (
    behind_incident,
    criticised_for,
    fell_short,
    late_notice,
    regret_not,
)
from blamelint.nlp.blame_silence import kept_silent
from blamelint.nlp.blame_unchecked import passive_check
from blamelint.nlp.blame_unnoticed import detected_late
from blamelint.nlp.blame_verdict import judged_act
from blamelint.nlp.blame_work import work_judgement
from blamelint.nlp.docview import Sentence, doc_words, parser_sentences, sentence_words, view
from blamelint.nlp.gates import admits, gate_of, opens
from blamelint.nlp.lexicon import entry, norm
from blamelint.nlp.phrases import phrase_detector, words_for
from blamelint.rules.model import Rule, shipped_rules

from .base import Hit, NlpContext, Prefilter, nlp_kind
from .names import GATES, segment_names
from .settings import Settings

_COMPONENTS = ("ner", "tagger", "parser")
KIND = "blame"
# The `detector:` of a blame rule (rules/blame.yaml) -> the functions that find its candidates
# (their `Found.key`); a function may find two keys (hindsight about people and about systems).
# Written in the order they run on a sentence: the first candidate of a key in a sentence is
# the one kept.
DETECTORS = {
    "person": (
        person_as_cause,
        accused,
        wrong_object_surface,
        late_notice,
        criticised_for,
        behind_incident,
        headline_blame,
        destroyed_live_data,
        organisation_as_cause,
        damage_by_organisation,
        blame_attribution,
        kept_silent,
        cleft_cause,
        in_charge,
        misdirected,
    ),
    "hindsight": (
        hindsight,
        passive_check,
        hindsight_question,
        regret_not,
        fell_short,
        shipped_in_hindsight,
        could_have_prevented,
        decision_question,
        redo,
        detected_late,
    ),
    "system_hindsight": (hindsight,),
    "human_error": (
        agentless_slip,
        human_error,
        owned_slip,
        organisation_owned_slip,
        slip_as_cause,
        committed_by_someone,
        act_slip,
    ),
    "judgmental": (
        judgmental,
        work_judgement,
        judged_work,
        has_flaws,
        let_down,
        judged_act,
        checks_judged_short,
    ),
    "question": (blame_question, behind_question),
    "remedy": (person_remedy, duty_on_people),
}
# Every detector function, once, in the order they run.
ORDER = tuple(dict.fromkeys(f for functions in DETECTORS.values() for f in functions))
PHRASES = "phrases"  # the generic detector: the rule entry's own `words` and `exceptions`
# The detectors a team extends from its config (`wordlists.<key>`, run.custom_rules.team_words),
# by the `detector:` of their rules: the team's words reach them and the trigger.
TEAM_DETECTORS = {judgmental: "judgmental", human_error: "human_error"}
# The detectors that also read the names the document shows to be companies.
KNOWN_ORGANISATIONS = frozenset({organisation_as_cause, damage_by_organisation, kept_silent})
# The detectors that also read what the document says a defect acted on (blame_defect).
DEFECT_EFFECTS = frozenset({agentless_slip})


def document_companies(ctx: NlpContext, index: int) -> frozenset[str]:
    """Names some sentence of the window shows to be a company, and those the names rules
    found to be organisations (names.py), computed once per window."""
    found = ctx.memo.get(("companies", ctx.language_at(index)))
    if found is None:
        language = ctx.language_at(index)
        found = companies(ctx.docs, language) | ctx.memo.get("organisations", frozenset())
        ctx.memo[("companies", language)] = found
    return found


def document_defect_effects(ctx: NlpContext, language: str) -> frozenset[str]:
    """What the window's prose says a defect acted on (blame_defect.document_effects), read
    once per window and language."""
    found = ctx.memo.get(("defect-effects", language))
    if found is None:
        found = document_effects((s.text for s in ctx.segments), language)
        ctx.memo[("defect-effects", language)] = found
    return found


def team_words(settings: Settings | None, language: str) -> dict[str, tuple[str, ...]]:
    """The config's additions for a language: detector key -> lowercase words or phrases."""
    words = settings.team_words if settings is not None else {}
    return {key: found[language] for key, found in words.items() if language in found}


def _team_stems(rules: Iterable[Rule], settings: Settings | None, language: str) -> tuple[str, ...]:
    """The first words of the team's additions for the enabled rules that read them."""
    team = team_words(settings, language)
    wanted = {r.params.get("detector") for r in rules} & set(team)
    return tuple(sorted({w.split()[0] for key in wanted for w in team[key]}))


def _stems(value: Any) -> set[str]:
    """The words of one word-list entry that can start a match: words, keys, first words."""
    if isinstance(value, Mapping):
        return {norm(str(k)) for k in value}
    if isinstance(value, str):
        return {norm(value)}
    stems: set[str] = set()
    for item in value or ():
        if isinstance(item, tuple | list):
            stems.add(norm(str(item[0])) if item else "")
        else:
            stems.add(norm(str(item)))
    return stems


# A word as the trigger's lookarounds delimit it: a maximal run of word characters.
_WORD = re.compile(r"\w+")
# The non-ASCII characters `re.IGNORECASE` matches to an ASCII letter (İ ı ſ and the Kelvin
# sign): on a text without them, an ASCII stem can only match ASCII characters of the text.
_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


class Trigger:
    r"""The trigger regex's test, `search(text)`, answered mostly without the regex.

    The regex is one alternation of ~600 stems between `(?<![\w])` and `(?![\w])`, tried at
    every position of the text (~50 µs a paragraph). Where a text has none of `_ASCII_FOLDS`,
    an ASCII stem matches exactly where the lowercased text holds it between two non-word
    characters (for every other character, `str.lower` keeps one character, a word
    character a word character and a non-ASCII one non-ASCII: tests/test_kinds.py checks
    it): a one-word stem is then one of the text's lowercased word runs, any other ASCII stem
    is found with `str.find`. Only the non-ASCII stems and the raw `patterns` are left to a
    smaller regex; a text with one of `_ASCII_FOLDS` gets the full regex."""

    __slots__ = ("_regex", "patterns", "phrases", "rest", "stems", "words")

    def __init__(self, stems: Iterable[str], patterns: Iterable[str]) -> None:
        stems, patterns = {s for s in stems if s}, sorted(set(patterns))
        self.stems, self.patterns = stems, patterns
        self._regex: re.Pattern[str] | None = None  # compiled for the first text that needs it
        plain = {s for s in stems if s.isascii()}
        self.words = frozenset(s.lower() for s in plain if _WORD.fullmatch(s))
        self.phrases = tuple(sorted({s.lower() for s in plain} - self.words))
        rest = stems - plain
        self.rest = _alternation(rest, patterns) if rest or patterns else None

    @property
    def regex(self) -> re.Pattern[str]:
        """The whole trigger as one regex (the texts `search` cannot answer without it are
        rare: a run that meets none never compiles it, ~5 ms per language)."""
        if self._regex is None:
            self._regex = _alternation(self.stems, self.patterns)
        return self._regex

    def search(self, text: str) -> bool:
        """Does the trigger regex find something in the text?"""
        if any(c in text for c in _ASCII_FOLDS):
            return self.regex.search(text) is not None
        lowered = text.lower()
        if not self.words.isdisjoint(_WORD.findall(lowered)):
            return True
        for phrase in self.phrases:
            at = lowered.find(phrase)
            while at >= 0:  # a whole word: no word character just before or after
                before = at > 0 and _WORD.match(lowered, at - 1)
                if not before and not _WORD.match(lowered, at + len(phrase)):
                    return True
                at = lowered.find(phrase, at + 1)
        return self.rest is not None and self.rest.search(text) is not None


def _alternation(stems: Iterable[str], patterns: Sequence[str]) -> re.Pattern[str]:
    """The stems as whole words, or one of the patterns, in one case-insensitive regex."""
    words = sorted((re.escape(s) for s in stems), key=len, reverse=True)
    alternatives = [r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])"] if words else []
    return re.compile("|".join(alternatives + list(patterns)) or "(?!)", re.I)


@cache
def _trigger(
    spec: tuple[tuple[str, tuple[str, ...]], ...], language: str, team: tuple[str, ...] = ()
) -> Trigger:
    stems: set[str] = set(team)
    patterns: list[str] = []
    for wordlist, keys in spec:
        if wordlist == "patterns":
            patterns.extend(keys)
            continue
        if wordlist == PHRASES:  # a phrases rule's own words: their first words
            stems |= {p.split()[0] for k in keys for p in words_for(json.loads(k), language)}
            continue
        for key in keys:
            stems |= _stems(entry(wordlist, key, language))
    return Trigger(stems, patterns)


def trigger_spec(rules: Iterable[Rule]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The union of the rules' `trigger` entries, as a hashable, ordered value."""
    merged: dict[str, set[str]] = {}
    for rule in rules:
        for wordlist, keys in (rule.params.get("trigger") or {}).items():
            merged.setdefault(wordlist, set()).update(keys)
        if rule.params["detector"] == PHRASES:
            words = json.dumps(rule.params["words"], sort_keys=True, default=dict)
            merged.setdefault(PHRASES, set()).add(words)
    return tuple((w, tuple(sorted(k))) for w, k in sorted(merged.items()))


def trigger(rules: Iterable[Rule], language: str, settings: Settings | None = None) -> Trigger:
    """A cheap test, `.search(text)`: does a text contain anything one of these blame rules
    could fire on?
    `settings`: the run's, whose team words (`wordlists.*`) the rules' detectors also read."""
    rules = tuple(rules)
    return _trigger(trigger_spec(rules), language, _team_stems(rules, settings, language))


def _prefilter(rules: Sequence[Rule], settings: Settings | None = None) -> Prefilter:
    spec = trigger_spec(rules)
    stems: dict[str, tuple[str, ...]] = {}  # by language

    def test(text: str, language: str) -> bool:
        if language not in stems:
            stems[language] = _team_stems(rules, settings, language)
        return _trigger(spec, language, stems[language]).search(text)

    return test


def _sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    """(start, end) of the parser sentences, merged where a split follows no final
    punctuation."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [(0, len(doc))]
    bounds, start = [], 0
    texts = view(doc).text  # (the last word's text, without making its Token)
    for _, end in parser_sentences(doc):
        if end == len(doc) or texts[end - 1] in FINAL:
            bounds.append((start, end))
            start = end
    return bounds


def _known(ctx: NlpContext) -> tuple[Rule, ...]:
    """The run's blame rules, enabled or not (their detectors run once for all of them)."""
    rules = tuple(r for r in ctx.rules if r.kind == KIND)
    return rules or tuple(r for r in shipped_rules() if r.kind == KIND)


def finding_key(rule: Rule) -> str:
    """The `Found.key` of the rule's candidates: its detector's, or its name for `phrases`."""
    detector = rule.params["detector"]
    return rule.name if detector == PHRASES else detector


def detectors_of(rule: Rule) -> tuple[Any, ...]:
    """The functions that find the rule's candidates (KeyError for an unknown detector)."""
    if rule.params["detector"] == PHRASES:
        words, exceptions = rule.params["words"], rule.params.get("exceptions")
        return (phrase_detector(rule.name, words, exceptions),)
    return DETECTORS[rule.params["detector"]]


def _detectors(rules: Sequence[Rule]) -> list[Any]:
    """The rules' detector functions: the shipped ones in ORDER, then the phrases ones."""
    wanted = [f for rule in rules for f in detectors_of(rule)]
    generic = [f for f in dict.fromkeys(wanted) if f not in ORDER]
    return [f for f in ORDER if f in wanted] + generic


def segment_findings(ctx: NlpContext, index: int) -> list[Found]:
    """Every blame candidate in a segment, at most one per (rule, sentence)."""
    doc = ctx.docs[index] if index < len(ctx.docs) else None
    segment = ctx.segments[index]
    # On the NLP context (it dies with its window of prose), as the names are.
    found = ctx.memo.get(("blame", index))
    if found is None:
        found = ctx.memo[("blame", index)] = _segment_findings(ctx, index, doc, segment)
    return found


# A detector's extra argument that is made per segment: the window's companies, the defect's
# effects (the team's words, the same for every segment, are in the plan itself).
_ORGANISATIONS, _EFFECTS = "organisations", "effects"


def _plan(ctx: NlpContext, language: str) -> tuple[Trigger, list[tuple[Any, ...]]]:
    """The trigger of the enabled rules and the detectors to run, each with its gate and its
    extra argument: the same for every segment of the context in one language, so made once
    (in its memo)."""
    found = ctx.memo.get(("blame-plan", language))
    if found is None:
        known = _known(ctx)
        settings = ctx.run.settings
        pattern = trigger([r for r in known if r.enabled], language, settings)
        team = team_words(settings, language)
        calls = []
        for detector in _detectors(known):
            words = team.get(TEAM_DETECTORS.get(detector, ""))
            gate = gate_of(detector, language, words or ())
            extra: Any = words
            if detector in KNOWN_ORGANISATIONS:
                extra = _ORGANISATIONS
            elif detector in DEFECT_EFFECTS:
                extra = _EFFECTS
            first = gate.first if gate is not None else None
            # A gate whose words are all it asks: shut wherever `first` misses.
            final = gate is None or gate.pattern is None
            more = gate is not None and bool(gate.rest or gate.test)
            calls.append((detector, extra, gate, first, final, more))
        found = (pattern, calls)
        ctx.memo[("blame-plan", language)] = found
    return found


def _segment_findings(ctx: NlpContext, index: int, doc: Any, segment: Any) -> list[Found]:
    found: list[Found] = []
    language = ctx.language_at(index)
    if doc is None or not len(doc):
        return found
    pattern, planned = _plan(ctx, language)
    if not pattern.search(segment.text):
        return found
    names = name_token_set(doc, segment_names(ctx, index))

    def orgs() -> frozenset[str]:  # asked for only when a bare name needs the evidence
        return document_companies(ctx, index)

    def effects() -> frozenset[str]:  # asked for only when a slip has no other excuse
        return document_defect_effects(ctx, language)

    # A sentence's words are words of its Doc: a gate the whole segment's words do not open
    # is shut on every sentence, so its detector is dropped here once (nlp/gates.py: the
    # words one of which each set must give the sentence).
    everywhere = doc_words(doc)
    calls = []
    for call in planned:
        detector, extra, gate, first, final, more = call
        if first is not None and not opens(gate, everywhere):
            continue
        if extra is _ORGANISATIONS:
            call = (detector, orgs, gate, first, final, more)
        elif extra is _EFFECTS:
            call = (detector, effects, gate, first, final, more)
        calls.append(call)
    for start, end in _sentence_bounds(doc):
        sent = Sentence.within(doc, start, end)  # (its Span only if a detector asks for it)
        words = sentence_words(sent)
        seen: set[str] = set()
        candidates = []
        for detector, extra, gate, first, final, more in calls:
            if first is not None:  # the detector cannot yield where its gate is shut
                miss = words.isdisjoint(first)
                if miss and final:
                    continue
                if (miss or more) and not admits(gate, sent, words, language, names):
                    continue
            args = (sent, language, names, extra) if extra else (sent, language, names)
            for item in detector(*args):
                if item.key in seen or segment.masked(item.start, item.end):
                    continue
                seen.add(item.key)
                candidates.append(item)
        # Overlaps between rules are resolved after selection and suppression (the rules'
        # `overlap` group in rules/blame.yaml), so every rule keeps its own candidates.
        found.extend(candidates)
    return found


# Blame reads the NER only through its segment's names, so it shares their gate.
@nlp_kind(KIND, needs=_COMPONENTS, prefilter=_prefilter, gates=GATES)
def blame(ctx: NlpContext, rule: Rule) -> Iterator[Hit]:
    """The sentences where this rule's detector finds blame, one hit per sentence."""
    quotes = ctx.run.settings.blockquotes
    key = finding_key(rule)
    for index, segment in enumerate(ctx.segments):
        if segment.quoted and not quotes:
            continue
        for item in segment_findings(ctx, index):
            if item.key == key:
                yield Hit(item.start, item.end, dict(item.values), index)


KINDS = (blame,)
