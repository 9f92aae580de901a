"""The command line: parse options, run, pick a reporter, exit code. Nothing else.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it;
2 usage, configuration or input error (one line each on stderr).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from blamelint import __version__
from blamelint.base.errors import BlamelintError
from blamelint.base.finding import Severity

# Importing the workflow module registers its commands (init, new, actions) on `main`.
from . import workflow  # noqa: F401
from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, config_options, fail, main


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default=None,
    help="Output format [default: text; github under GitHub Actions].",
)
@config_options
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names, tags).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes, names, tags).")
@click.option(
    "--fail-level",
    type=click.Choice(["info", "warning", "error"]),
    default=None,
    help="Lowest severity that fails the run [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Print findings only: no suggestions, no summary."
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option(
    "--language",
    type=click.Choice(["auto", "en", "fr"]),
    default=None,
    help="Language of the documents [default: from config, else detected].",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the config's exclude patterns to files named on the command line too.",
)
@click.option("--stdin-filename", help="The path to report for input read from '-'.")
@click.option(
    "--changed-since",
    metavar="REF",
    help="Lint only the files changed since this git ref (from its merge base with HEAD).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option(
    "-j",
    "--jobs",
    default="auto",
    show_default=True,
    callback=lambda _ctx, _param, value: _jobs(value),
    help="Worker processes: a number, or auto (one per core once the input is large).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Findings cache folder [default: cache.dir in the config, else ./.blamelint_cache].",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings this baseline does not hold "
    "[default: .blamelint-baseline.json beside the config, when present].",
)
@click.option("--no-baseline", is_flag=True, help="Report every finding, ignoring any baseline.")
def check(
    paths,
    output_format,
    config_path,
    isolated,
    select,
    ignore,
    fail_level,
    exit_zero,
    quiet,
    color,
    language,
    force_exclude,
    stdin_filename,
    output_file,
    statistics,
    changed_since,
    jobs,
    no_cache,
    cache_dir,
    baseline_file,
    no_baseline,
):
    """Lint postmortems (files, folders, or - for standard input; default: this folder)."""
    from blamelint.report import Report, renderer
    from blamelint.run.runner import RunOptions, run

    if statistics and output_format not in (None, "text"):
        raise click.UsageError("--statistics goes with the text format (JSON has summary.by_rule)")
    paths = paths or (".",)
    options = RunOptions(
        config_path=config_path,
        isolated=isolated,
        select=_split(select),
        ignore=_split(ignore),
        language=None if language in (None, "auto") else language,
        force_exclude=force_exclude,
        stdin_filename=stdin_filename,
        changed_since=changed_since,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=cache_dir,
    )
    try:
        result = run(paths, options)
        if not no_baseline:
            from blamelint.run import baseline

            where = baseline.location(config_path, isolated)
            outcome = baseline.for_check(result.findings, paths, baseline_file, where)
            if outcome is not None:
                result.findings = outcome.findings
                if outcome.stale:
                    fail(
                        f"{outcome.stale} baseline entr{'y' if outcome.stale == 1 else 'ies'} "
                        "no longer match (stale); remove them with `blamelint baseline --prune`"
                    )
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    use_color = color == "always" or (
        color == "auto"
        and output_file is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    report = Report(
        findings=result.findings,
        files=result.files,
        rules=_descriptors(result),
        version=__version__,
        color=use_color,
        show_suggestions=not quiet,
        errors=tuple(result.errors),
    )
    text = renderer(output_format)(report)
    if statistics:
        text += _statistics(result.findings)
    if output_file is not None:
        _write_report(output_file, text)
    else:
        click.echo(text, nl=False)
    for error in result.errors:
        fail(error)
    if result.errors:
        sys.exit(EXIT_ERROR)
    failing = any(f.severity >= _threshold(f.path, fail_level, result) for f in result.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _threshold(path: str, option: str | None, result) -> Severity:
    """--fail-level, else the fail level of the file's own config, else warning."""
    if option:
        return Severity.parse(option)
    return result.fail_levels.get(path) or Severity.WARNING


def _jobs(value: str) -> int | str:
    if value == "auto":
        return value
    if not value.isdigit() or int(value) < 1:
        raise click.BadParameter(f"'{value}' is not a positive number or auto")
    return int(value)


def _descriptors(result):
    from blamelint.report import RuleDescriptor
    from blamelint.rules.model import shipped_rules

    used = {f.rule for f in result.findings}
    return tuple(
        RuleDescriptor(
            code=r.code,
            name=r.name,
            description=r.description,
            message=r.message,
            suggestion=r.suggestion_for("en"),
            severity=r.severity.label,
            tags=r.tags,
        )
        for r in shipped_rules()
        if r.code in used
    )


def _statistics(findings) -> str:
    from collections import Counter

    counts = Counter((f.rule, f.name) for f in findings)
    lines = [f"{n:5d}  {code}  {name}" for (code, name), n in sorted(counts.items())]
    return "\n".join(lines) + ("\n" if lines else "")


def _write_report(path: Path, text: str) -> None:
    from blamelint.base.fileio import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        fail(f"{path}: cannot write report: {exc.strerror}")
        sys.exit(EXIT_ERROR)


@main.command("clean")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The cache folder to remove [default: as for check].",
)
def clean_command(cache_dir: Path | None) -> None:
    """Remove the findings cache."""
    from blamelint.run.cache import clean, default_directory
    from blamelint.run.config import discover, load_config

    try:
        found = None if cache_dir else discover(Path.cwd())
        folder = default_directory(cache_dir, load_config(found) if found else None)
        removed = clean(folder)
    except (BlamelintError, ValueError, OSError) as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(f"removed {folder}" if removed else f"no cache at {folder}")


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("--all", "show_all", is_flag=True, help="Include rules that are off by default.")
def list_rules(output_format: str, show_all: bool) -> None:
    """List the rules: code, name, tags, default severity."""
    from blamelint.rules.docs import rules_json, rules_markdown, rules_table
    from blamelint.rules.model import shipped_rules

    rules = [r for r in shipped_rules() if show_all or r.enabled or output_format != "text"]
    render = {"text": rules_table, "json": rules_json, "markdown": rules_markdown}[output_format]
    click.echo(render(rules), nl=False)


@main.command("rule")
@click.argument("code")
def explain_rule(code: str) -> None:
    """Explain one rule, by code (BL101) or name (missing-section)."""
    from blamelint.rules.docs import explain
    from blamelint.rules.model import find_rule

    rule = find_rule(code)
    if rule is None:
        fail(f"unknown rule '{code}' (blamelint rules lists them)")
        sys.exit(EXIT_ERROR)
    click.echo(explain(rule), nl=False)


def entry() -> None:
    """The console script: like `main`, but skips interpreter teardown once spaCy is loaded.

    Tearing down spaCy's modules costs 0.13-0.17 s per run (measured in the spaCy probe),
    which a pre-commit hook pays on every commit. Output is flushed first.
    """
    try:
        main.main(prog_name="blamelint")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
    if "spacy" not in sys.modules:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
