"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=docs/pm.md,line=12,col=5,endLine=12,endColumn=17,title=BL301 personal-name::…

GitHub parses these lines from the step's output, so the escaping is its own (from
actions/toolkit `command.ts`): in the message `%`, CR and LF are percent-encoded; in a
property value `:` and `,` are too, since they separate the properties. Without it a message
containing a newline would end the annotation early and print the rest as plain log text.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from blamelint.base.finding import Finding, Severity

from . import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    # GitHub matches the annotation against the repository tree: relative, forward slashes.
    native = Path(path)
    if native.is_absolute():
        try:
            native = native.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return native.as_posix()
    text = PurePosixPath(*native.parts).as_posix() if native.parts else "."
    return text[2:] if text.startswith("./") else text


def annotation(finding: Finding, show_suggestion: bool = True) -> str:
    span = finding.span
    properties = [
        ("file", _file(finding.path)),
        ("line", str(span.line)),
        ("col", str(span.column)),
        ("endLine", str(max(span.end_line, span.line))),
        ("endColumn", str(span.end_column)),
        ("title", f"{finding.rule} {finding.name}"),
    ]
    message = finding.message
    if show_suggestion and finding.suggestion:
        message = f"{message}\n{finding.suggestion}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def _error_annotation(error: object) -> str:
    path, line = getattr(error, "path", None), getattr(error, "line", None)
    properties = [("file", _file(path))] if path and path != "-" else []
    if properties and line:
        properties.append(("line", str(line)))
    properties.append(("title", "blamelint"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::error {joined}::{escape_data(str(error))}"


def render(report: Report) -> str:
    # Sorted as displayed (relative paths), so the order does not depend on how paths were
    # spelled on the command line.
    ordered = sorted(report.findings, key=lambda f: (_file(f.path), *f.sort_key()[1:]))
    lines = [annotation(finding, report.show_suggestions) for finding in ordered]
    # A file that could not be read is a failure of the step, shown as an error annotation.
    lines.extend(_error_annotation(error) for error in report.errors)
    return "\n".join(lines) + "\n" if lines else ""
