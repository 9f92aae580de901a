"""How the rule tests lint the sentences written for them.

Each sentence is its own document; a module lints all of its sentences of one language in one
batched NLP pass (`lint_cases`) instead of one pass per sentence, then reads the rules or the
name spans each sentence got.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from blamelint.base.finding import Finding
from blamelint.run.config import Config, resolve
from blamelint.run.lint import lint_text, lint_texts

BLAME = frozenset({"BL401", "BL402", "BL403", "BL404", "BL405", "BL406", "BL407"})


def lint_cases(
    texts: Sequence[str], language: str, config: Config | None = None
) -> list[list[Finding]]:
    """The findings of each text, in the order given, from one batched run."""
    items = [(str(index), text) for index, text in enumerate(texts)]
    found = lint_texts(items, config=config or resolve({}, None), language=language)
    by_text: list[list[Finding]] = [[] for _ in texts]
    for finding in found:
        by_text[int(finding.path)].append(finding)
    return by_text


def lint_by_language(**cases: Sequence[tuple[str, object]]) -> dict[str, list[list[Finding]]]:
    """`lint_cases` per language over (text, expected) cases: `lint_by_language(en=EN, fr=FR)`."""
    return {
        language: lint_cases([text for text, _ in pairs], language)
        for language, pairs in cases.items()
    }


def rules_of(findings: Sequence[Finding], family: frozenset[str] = BLAME) -> set[str]:
    return {finding.rule for finding in findings if finding.rule in family}


def blame_of(text: str, language: str = "en") -> set[str]:
    """The blame rules one text gets on its own (for tests of a single sentence)."""
    return rules_of(lint_text(text, language=language))


def spans(findings: Sequence[Finding], text: str, rule: str = "BL301") -> list[str]:
    """The text each finding of `rule` covers; a span never crosses a line end."""
    lines = text.split("\n")
    found = []
    for finding in sorted(findings, key=lambda f: (f.span.line, f.span.column)):
        if finding.rule == rule:
            assert finding.span.line == finding.span.end_line, "a span never crosses a line end"
            line = lines[finding.line - 1]
            found.append(line[finding.column - 1 : finding.span.end_column - 1])
    return found


def quiet_and_firing(
    quiet: Mapping[str, Sequence[str]], fire: Mapping[str, Sequence[str]]
) -> dict[str, list[tuple[str, bool]]]:
    """(text, must fire) cases per language: the texts that must stay quiet, then those that
    must fire."""
    return {
        lang: [(t, False) for t in quiet[lang]] + [(t, True) for t in fire[lang]] for lang in quiet
    }


def mistaken(
    cases: Sequence[tuple[str, bool]],
    found: Sequence[Sequence[Finding]],
    fires: Callable[[Sequence[Finding]], bool],
) -> list[tuple[str, bool, list[str]]]:
    """The cases whose findings do not fire as expected: (text, expected, the blame rules it
    got); an empty list when every case behaves."""
    return [
        (text, expected, sorted(rules_of(findings)))
        for (text, expected), findings in zip(cases, found, strict=True)
        if fires(findings) != expected
    ]
