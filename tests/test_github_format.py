"""GitHub Actions annotations: one workflow command per finding, escaped as GitHub parses them."""

from __future__ import annotations

from pathlib import Path

from blamelint.base.finding import Finding, Severity, Span
from blamelint.report import Report, renderer
from blamelint.report.github import annotation, escape_data, escape_property


def make(
    path="docs/pm.md",
    severity=Severity.ERROR,
    message="personal name 'Dana' in prose",
    suggestion="",
    span: Span | None = None,
    rule="BL301",
    name="personal-name",
) -> Finding:
    return Finding(
        path=path,
        span=span or Span(12, 5, 12, 9),
        rule=rule,
        name=name,
        tags=("names",),
        severity=severity,
        message=message,
        suggestion=suggestion,
    )


def test_annotation_line() -> None:
    assert annotation(make()) == (
        "::error file=docs/pm.md,line=12,col=5,endLine=12,endColumn=9,"
        "title=BL301 personal-name::personal name 'Dana' in prose"
    )


def test_levels() -> None:
    assert annotation(make(severity=Severity.WARNING)).startswith("::warning ")
    assert annotation(make(severity=Severity.INFO)).startswith("::notice ")


def test_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation(make(path="docs/a,b:c.md", message="100% sure:\nsee, here"))
    assert "file=docs/a%2Cb%3Ac.md," in line
    # Only the message part keeps ':' and ',' literal; newlines never survive.
    assert line.endswith("::100%25 sure:%0Asee, here")
    assert "\n" not in line and "\r" not in line


def test_suggestion_on_a_second_line() -> None:
    line = annotation(make(suggestion="Name the role."))
    assert line.endswith("in prose%0AName the role.")
    assert not annotation(make(suggestion="Name the role."), show_suggestion=False).endswith(
        "role."
    )


def test_render_sorted_with_errors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    findings = [
        make(path=str(tmp_path / "b.md"), span=Span(3, 1, 3, 4)),
        make(path="a.md", span=Span(9, 1, 9, 4)),
        make(path="a.md", span=Span(2, 1, 2, 4), severity=Severity.INFO),
    ]
    text = renderer("github")(Report(findings=findings, files=[], errors=("x.md: not UTF-8",)))
    lines = text.splitlines()
    assert [line.split(",")[0:2] for line in lines[:3]] == [
        ["::notice file=a.md", "line=2"],
        ["::error file=a.md", "line=9"],
        ["::error file=b.md", "line=3"],  # absolute path made relative to the work dir
    ]
    assert lines[3] == "::error title=blamelint::x.md: not UTF-8"
    assert text.endswith("\n")


def test_no_findings_prints_nothing() -> None:
    assert renderer("github")(Report(findings=[], files=["a.md"])) == ""
