"""The kind registry and the blame kind: every rule runs, no rule silently never fires."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from blamelint.base.errors import ConfigError
from blamelint.base.resources import rules_dir
from blamelint.document.language import detect
from blamelint.rules import kinds
from blamelint.rules.kinds.blame import _ASCII_FOLDS, DETECTORS, ORDER, PHRASES, trigger
from blamelint.rules.model import parse_rule_file, shipped_rules
from blamelint.run.config import default_config
from blamelint.run.lint import lint_text

RULES = shipped_rules()
BLAME = [r for r in RULES if r.kind == "blame"]


def test_every_shipped_rule_file_passes_the_rule_schema():
    # A run reads the shipped files without the schema check (trusted); this is that check.
    checked = []
    for path in sorted(rules_dir().glob("*.yaml")):
        checked.extend(parse_rule_file(path))  # untrusted: validated, ConfigError if not
    assert sorted(checked, key=lambda r: r.code) == list(RULES)


def test_every_registered_kind_runs_a_rule():
    used = {r.kind for r in RULES} | {"custom.existence", "custom.substitution"}  # team rules
    assert set(kinds.REGISTRY) == used


def test_a_one_rule_kind_has_the_rule_name_and_function_name():
    shared = {r.kind for r in RULES if r.kind != r.name}
    assert shared == {"blame"}, "only shared kinds are named in the rule entry"
    for rule in RULES:
        kind = kinds.REGISTRY[rule.kind]
        assert kind.check.__name__ == kind.name.replace("-", "_"), rule.code


def test_kinds_declare_what_they_need():
    needs = {name: kind.needs for name, kind in kinds.REGISTRY.items()}
    assert needs["blame"] == {"ner", "tagger", "parser"}
    assert needs["personal-name"] >= {"ner"}
    assert needs["missing-section"] == kinds.DOCUMENT
    assert all(k.prefilter is not None for k in kinds.REGISTRY.values() if k.nlp)


def test_an_unregistered_kind_is_an_error_naming_the_rule():
    rule = RULES[0].with_settings()
    orphan = type(rule)(**{**rule.__dict__, "kind": "no-such-kind"})
    with pytest.raises(ConfigError, match=rf"{rule.code} .*no-such-kind"):
        kinds.kind_of(orphan)


def test_every_blame_rule_names_a_registered_detector_and_a_distinct_overlap_rank():
    assert BLAME
    assert all(r.params["detector"] in DETECTORS or r.params["detector"] == PHRASES for r in BLAME)
    ranks = [r.overlap for r in BLAME]
    assert None not in ranks and len(set(ranks)) == len(ranks)
    assert {f for functions in DETECTORS.values() for f in functions} == set(ORDER)
    named = {r.params["detector"] for r in BLAME} - {PHRASES}
    assert named == set(DETECTORS), "a detector no rule reports"


@pytest.mark.parametrize("rule", BLAME, ids=lambda r: r.code)
def test_each_blame_rule_contributes_to_the_trigger(rule):
    """The rule's own trigger matches each of its failing examples (in their language)."""
    for example in rule.examples["fail"]:
        assert trigger([rule], detect(example)).search(example), f"{rule.code}: {example}"


def test_the_trigger_is_built_from_the_enabled_rules_only():
    judgmental = next(r for r in BLAME if r.params["detector"] == "judgmental")
    others = [r for r in BLAME if r is not judgmental]
    text = "This was a sloppy deploy."
    assert trigger(BLAME, "en").search(text)
    assert not trigger(others, "en").search(text)
    # The prefilter the engine asks for reads the rules it is given.
    prefilter = kinds.REGISTRY["blame"].prefilter
    assert prefilter([judgmental])(text, "en") and not prefilter(others)(text, "en")


def test_the_trigger_may_lowercase_a_text_without_the_ascii_folds():
    """What `Trigger.search` rests on: only the `_ASCII_FOLDS` characters match an ASCII
    character under re.IGNORECASE, and for every other character `str.lower` gives one
    character, a word character for a word character, a non-ASCII one for a non-ASCII one."""
    others = "".join(c for c in map(chr, range(0x80, 0x110000)) if c not in _ASCII_FOLDS)
    assert re.findall(r"[\x00-\x7f]", others, re.I) == []
    assert all(re.search(c, "IiSK", re.I) for c in _ASCII_FOLDS)  # each one is needed
    lowered = others.lower()
    assert len(lowered) == len(others) and re.search(r"[\x00-\x7f]", lowered) is None
    words = re.compile(r"\w")
    assert [m.start() for m in words.finditer(lowered)] == [
        m.start() for m in words.finditer(others)
    ]


def _trigger_probes(stem: str) -> list[str]:
    """The stem in texts where the regex's lookarounds decide: inside or beside other words,
    in other cases, beside non-ASCII letters and punctuation, with letters IGNORECASE folds."""
    folded = stem.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131")
    around = ("", "x", "_", "9", "é", "’", "-", " ", ".", "\u0130")
    return [
        f"{before}{form}{after}"
        for form in (
            stem,
            stem.upper(),
            stem.title(),
            stem[:-1],
            folded,
            stem.replace("i", "\u0130"),
        )
        for before in around
        for after in around
    ] + [f"A {stem} B {stem}x", f"x{stem} {stem}", f"{stem}{stem}"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_trigger_finds_what_its_regex_finds(language):
    found = trigger(BLAME, language)
    stems = [*sorted(found.words), *found.phrases, "bâclé", "irresponsabilité", "n't", "c'est"]
    texts = [p for stem in stems for p in _trigger_probes(stem)]
    texts += ["", "Nothing here.", "Le runbook était bâclé.", "didn’t", "C’est aux", "misread"]
    assert any(found.search(t) for t in texts) and not all(found.search(t) for t in texts)
    for text in texts:
        assert found.search(text) == bool(found.regex.search(text)), repr(text)


def _blame_entry(extra: str) -> str:
    return (
        "rules:\n  - code: BL499\n    name: test-blame\n    kind: blame\n"
        f"{extra}"
        "    tags: [blame]\n    severity: warning\n    message: m\n    suggestion: s\n"
        "    description: d\n    examples: {fail: [x], pass: [y]}\n"
    )


def test_a_blame_rule_without_detector_is_refused_at_load(tmp_path):
    path = tmp_path / "r.yaml"
    with pytest.raises(ConfigError, match="detector"):
        parse_rule_file(path, _blame_entry("    trigger: {patterns: [x]}\n"))


def test_detector_parameters_belong_to_the_blame_kind_only(tmp_path):
    text = (rules_dir() / "structure.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "name: missing-section\n", "name: missing-section\n    detector: person\n", 1
    )
    with pytest.raises(ConfigError, match="invalid rule file"):
        parse_rule_file(tmp_path / "structure.yaml", text)


def test_a_blame_rule_entry_loads_its_parameters(tmp_path):
    rules = parse_rule_file(
        tmp_path / "r.yaml",
        _blame_entry("    detector: judgmental\n    trigger: {judgmental.yaml: [words]}\n"),
    )
    assert rules[0].params["detector"] == "judgmental"
    assert trigger(rules, "fr").search("Le runbook était bâclé.")


@pytest.mark.parametrize("rule", BLAME, ids=lambda r: r.code)
def test_each_trigger_entry_exists_in_its_word_list(rule):
    from blamelint.nlp.lexicon import entry

    for wordlist, keys in (rule.params.get("trigger") or {}).items():
        if wordlist == "patterns":
            continue
        for key in keys:  # some entries are empty in one language ("modals" in French)
            found = [entry(wordlist, key, language) for language in ("en", "fr")]
            assert any(found), f"{rule.code}: {wordlist} has no entry {key}"


# A lexical blame rule that is data only: the generic `phrases` detector reads its words.
PHRASE_RULE = """
    detector: phrases
    words: {en: [asleep at the wheel, dropped the ball], fr: [dormait aux commandes]}
    exceptions: {en: [not asleep at the wheel]}
"""


def _with_phrase_rule(tmp_path, extra=PHRASE_RULE):
    rule = parse_rule_file(tmp_path / "r.yaml", _blame_entry(extra.lstrip("\n")))[0]
    config = default_config()
    return rule, replace(config, rules=(*config.rules, rule))


def test_a_phrases_rule_fires_with_no_python(tmp_path):
    rule, config = _with_phrase_rule(tmp_path)
    text = "# Review\n\nThe reviewer was asleep at the wheel during the rollout.\n"
    found = [f for f in lint_text(text, config=config) if f.rule == "BL499"]
    assert [(f.line, f.column, f.name) for f in found] == [(3, 18, "test-blame")]
    assert trigger([rule], "en").search(text)


def test_a_phrases_rule_is_quiet_in_its_exceptions_and_once_per_sentence(tmp_path):
    _, config = _with_phrase_rule(tmp_path)
    quiet = "The watchdog was not asleep at the wheel: it restarted the pod at 14:02.\n"
    assert not [f for f in lint_text(quiet, config=config) if f.rule == "BL499"]
    twice = "The rota dropped the ball and then dropped the ball again on the retry path.\n"
    assert len([f for f in lint_text(twice, config=config) if f.rule == "BL499"]) == 1


def test_a_phrases_rule_reads_its_own_language_never_english(tmp_path):
    english_only = PHRASE_RULE.replace(", fr: [dormait aux commandes]", "")
    _, config = _with_phrase_rule(tmp_path, english_only)
    french = "Le relecteur était asleep at the wheel pendant tout le déploiement de la base.\n"
    assert not [f for f in lint_text(french, config=config, language="fr") if f.rule == "BL499"]
    _, config = _with_phrase_rule(tmp_path)
    french = "Le relecteur dormait aux commandes pendant tout le déploiement de la base.\n"
    assert [f for f in lint_text(french, config=config, language="fr") if f.rule == "BL499"]


def test_a_phrases_rule_needs_words(tmp_path):
    with pytest.raises(ConfigError, match="words"):
        parse_rule_file(tmp_path / "r.yaml", _blame_entry("    detector: phrases\n"))
