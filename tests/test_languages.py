"""The language registry: every language list reads it; an unknown language is never English."""

from __future__ import annotations

import json

from click.testing import CliRunner

from blamelint.base.languages import codes, default_language, languages
from blamelint.base.resources import load_data, rules_dir, schemas_dir
from blamelint.cli.main import main
from blamelint.document.language import detect, normalize_language
from blamelint.nlp.engine import resolve_model
from blamelint.run.config import resolve
from blamelint.run.lint import lint_text
from blamelint.workflow.scaffold import shipped_template


def test_the_registry_lists_the_shipped_languages():
    assert codes() == ("en", "fr")
    assert default_language() in codes()


def test_every_language_has_its_word_list_sections_and_template():
    for code, language in languages().items():
        for name in language.wordlists:
            data = load_data(f"wordlists/{name}") or {}
            assert data.get(code), f"{name} has no section for {code}"
        assert shipped_template(code).startswith("#") or "---" in shipped_template(code)
        assert language.models and language.stopwords and language.unknown


def test_word_lists_with_language_sections_are_named_by_each_language():
    sectioned = {
        p.name
        for p in (rules_dir() / "wordlists").glob("*.yaml")
        if set(load_data(f"wordlists/{p.name}") or {}) & set(codes())
    }
    for language in languages().values():
        assert set(language.wordlists) == sectioned


def test_models_come_from_the_registry():
    for code, language in languages().items():
        assert resolve_model(code) in language.models


def test_static_schemas_name_the_registered_languages():
    config = json.loads((schemas_dir() / "config.schema.json").read_text(encoding="utf-8"))
    assert config["properties"]["language"]["enum"] == ["auto", *codes()]
    assert config["$defs"]["customRule"]["properties"]["language"]["enum"] == ["any", *codes()]
    models = config["properties"]["nlp"]["properties"]["models"]["properties"]
    assert set(models) == set(codes())
    assert len({json.dumps(m, sort_keys=True) for m in models.values()}) == 1


def test_cli_choices_read_the_registry():
    result = CliRunner().invoke(main, ["check", "--language", "de", "-"], input="# x\n")
    assert result.exit_code == 2
    expected = ", ".join(repr(c) for c in ("auto", *codes()))
    assert f"is not one of {expected}" in result.output


def test_aliases_and_regional_codes():
    assert normalize_language("Français") == "fr"
    assert normalize_language("en-GB") == "en"
    assert normalize_language("de") is None
    assert detect("Le service est tombé et la base de données a été restaurée.") == "fr"


GERMAN = (
    "---\nlanguage: de\n---\n# Postmortem\n\n"
    "Der Bereitschaftsingenieur hat die Warnung ignoriert, Priya war schuld.\n"
)


def test_a_declared_unsupported_language_is_reported_not_read_as_english():
    config = resolve({"rules": {"BL301": "warning", "BL401": "warning"}}, None)
    findings = lint_text(GERMAN, config=config)
    codes_found = {f.rule for f in findings}
    assert "BL203" in codes_found
    assert not codes_found & {"BL301", "BL401", "BL402", "BL403", "BL405", "BL406"}
    bl203 = next(f for f in findings if f.rule == "BL203")
    assert (bl203.line, bl203.column) == (2, 11)
    assert "'de'" in bl203.message and "en, fr" in bl203.message


def test_a_supported_declared_language_and_a_placeholder_are_not_reported():
    french = GERMAN.replace("language: de", "language: fr")
    assert not [f for f in lint_text(french) if f.rule == "BL203"]
    template = GERMAN.replace("language: de", "language: TBD")
    assert not [f for f in lint_text(template) if f.rule == "BL203"]
