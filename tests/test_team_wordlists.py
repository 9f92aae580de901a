"""Teams extend BL405's judgmental words and BL402's human-error phrases from their config
(issue 11, item 2): `wordlists.judgmental` and `wordlists.human_error`, a list for every
language or lists by language. The words reach the detectors and the blame trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamelint.base.errors import ConfigError
from blamelint.rules.kinds.blame import trigger
from blamelint.run.config import load_config
from blamelint.run.runner import RunOptions, run

DOC_EN = """\
# Postmortem: checkout latency

## Summary

The release was a cowboy deploy with no canary. Nobody checked the queue depth.
The `cowboy` flag in the release tool is unrelated.

```
cowboy --force
```

The root cause was an operator fumble during the failover.
"""

DOC_FR = """\
# Postmortem : latence du paiement

## Résumé

Le déploiement était un cowboy sans canari et le correctif a été bricolé dans la nuit.
La file d'attente a débordé pendant deux heures et les clients ont attendu.
"""


def _findings(tmp_path: Path, config: str, rules=("BL402", "BL405"), **options):
    (tmp_path / ".blamelint.yaml").write_text(config, encoding="utf-8")
    result = run(["."], RunOptions(select=list(rules), **options))
    assert not result.errors, result.errors
    return [
        (Path(f.path).name, f.line, f.column, f.span.end_column, f.rule) for f in result.findings
    ]


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.md").write_text(DOC_EN, encoding="utf-8")
    (tmp_path / "fr.md").write_text(DOC_FR, encoding="utf-8")
    return tmp_path


def test_without_team_words_the_invented_words_are_quiet(docs):
    assert _findings(docs, "wordlists: {}\n") == []


def test_a_team_judgmental_word_fires_bl405_with_its_span(docs):
    found = _findings(docs, "wordlists:\n  judgmental: [Cowboy]\n", rules=("BL405",))
    # Line 5, "cowboy" at columns 19-25 (end exclusive); the inline code and the code block
    # stay quiet. A plain list is for every language: the French "un cowboy" fires too.
    assert ("en.md", 5, 19, 25, "BL405") in found
    assert [f for f in found if f[0] == "en.md"] == [("en.md", 5, 19, 25, "BL405")]
    assert [f[:2] for f in found if f[0] == "fr.md"] == [("fr.md", 5)]


def test_a_team_human_error_phrase_fires_bl402(docs):
    found = _findings(docs, "wordlists:\n  human_error: [operator fumble]\n", rules=("BL402",))
    # "operator fumble": columns 23-38 of line 12.
    assert found == [("en.md", 12, 23, 38, "BL402")]


def test_words_by_language_stay_in_their_language(docs):
    config = "wordlists:\n  judgmental:\n    en: [cowboy]\n    fr: [bricolé]\n"
    found = _findings(docs, config, rules=("BL405",))
    assert ("en.md", 5, 19, 25, "BL405") in found
    french = [f for f in found if f[0] == "fr.md"]
    # "bricolé" is the team's French word; "cowboy" is only English for this team.
    line = DOC_FR.splitlines()[4]
    start = line.index("bricolé") + 1
    assert french == [("fr.md", 5, start, start + len("bricolé"), "BL405")]


def test_the_team_words_pass_the_trigger_of_the_rules_that_read_them(tmp_path):
    path = tmp_path / ".blamelint.yaml"
    path.write_text("wordlists:\n  judgmental: [cowboy]\n  human_error: [operator fumble]\n")
    config = load_config(path)
    rules = {r.code: r for r in config.rules}
    text = "It was a cowboy release."
    assert not trigger([rules["BL405"]], "en").search(text)  # shipped words only
    assert trigger([rules["BL405"]], "en", config.settings).search(text)
    assert not trigger([rules["BL402"]], "en", config.settings).search(text)
    assert trigger([rules["BL402"]], "en", config.settings).search("an Operator fumble")


def test_the_team_words_are_part_of_the_cache_key(docs, tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("cache")
    options = {"rules": ("BL405",), "cache": True, "cache_dir": cache_dir}
    assert _findings(docs, "wordlists:\n  judgmental: [gremlin]\n", **options) == []
    assert _findings(docs, "wordlists:\n  judgmental: [gremlin]\n", **options) == []
    assert list(cache_dir.glob("v*/*/*.json"))  # entries written and served
    found = _findings(docs, "wordlists:\n  judgmental: [cowboy]\n", **options)
    assert ("en.md", 5, 19, 25, "BL405") in found


@pytest.mark.parametrize(
    ("config", "line"),
    [
        ("wordlists:\n  judgmental: cowboy\n", 2),
        ("wordlists:\n  human_error: [operator fumble, 3]\n", 2),
        ("wordlists:\n  judgmental:\n    de: [Cowboy]\n", 3),
        ("wordlists:\n  judgmental: ['']\n", 2),
        ("language: auto\nwordlists:\n  judgemental: [cowboy]\n", 3),
    ],
)
def test_a_bad_team_word_list_is_a_config_error_with_file_and_line(tmp_path, config, line):
    path = tmp_path / ".blamelint.yaml"
    path.write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert Path(caught.value.path).name == ".blamelint.yaml"
    assert caught.value.line == line, (caught.value.line, caught.value.message)
