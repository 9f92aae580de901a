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
from blamelint.base.languages import codes
from blamelint.report import FORMATS

# Importing the workflow module registers its commands (init, new, actions) on `main`.
from . import workflow  # noqa: F401
from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, config_options, fail, main, write_report


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMATS),
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
    type=click.Choice(["auto", *codes()]),
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
@click.option(
    "--statistics",
    is_flag=True,
    help="Print only the number of findings per rule (JSON with --format json).",
)
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
    help="Findings cache folder [default: cache.dir in the config, else "
    "$BLAMELINT_CACHE_DIR, else ~/.cache/blamelint/findings].",
)
@click.option("--show-files", is_flag=True, help="List the files that would be linted; lint none.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print each named file's effective settings and where each came from; lint none.",
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
    show_files,
    show_settings,
    baseline_file,
    no_baseline,
):
    """Lint postmortems (files, folders, or - for standard input; default: this folder)."""
    from blamelint.report import Report, renderer
    from blamelint.run.runner import RunOptions, files_read, run

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
    if show_files or show_settings:
        _show(paths, options, show_settings)
    from .support import Progress

    progress = Progress(sys.stderr)
    options.progress = progress if progress.enabled else None
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
    finally:
        progress.close()
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
        base=_report_base(output_format),
    )
    if statistics:
        from blamelint.report import statistics as stats

        text = stats.render(result.findings, output_format)
    else:
        text = renderer(output_format)(report)
    if output_file is not None:
        write_report(output_file, text, files_read(result, paths))
    else:
        # click strips colour codes when stdout is not a terminal unless told: --color always
        # means colour in a pipe too.
        click.echo(text, nl=False, color=use_color)
    for warning in result.warnings:
        fail(f"warning: {warning}")
    for error in result.errors:
        fail(error)
    if result.errors:
        sys.exit(EXIT_ERROR)
    failing = any(f.severity >= _threshold(f.path, fail_level, result) for f in result.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _show(paths, options, settings: bool) -> None:
    from blamelint.run.show import settings_for, show_files

    try:
        if settings:
            click.echo(settings_for(paths, options), nl=False)
            sys.exit(EXIT_CLEAN)
        files, errors = show_files(paths, options)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    for name in files:
        click.echo(name)
    for error in errors:
        fail(error)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


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


def _report_base(output_format: str) -> str:
    """SARIF and GitLab paths are relative to the repository root, wherever the run starts."""
    if output_format not in ("sarif", "gitlab"):
        return ""
    from .support import repository_root

    return str(repository_root())


def _descriptors(result):
    from blamelint.report import RuleDescriptor
    from blamelint.rules.docs import rule_link
    from blamelint.rules.model import shipped_rules

    used = {f.rule for f in result.findings}
    known = {r.code: r for r in shipped_rules()}
    for config in result.configs.values():  # team-defined rules come with their configs
        for rule in config.rules:
            known.setdefault(rule.code, rule)
    return tuple(
        RuleDescriptor(
            code=r.code,
            name=r.name,
            description=r.description,
            message=r.message,
            suggestion=r.suggestion_for("en"),
            severity=r.severity.label,
            tags=r.tags,
            help_uri=rule_link(r),
        )
        for code, r in sorted(known.items())
        if code in used
    )


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
        folder = default_directory(cache_dir, load_config(found) if found else None).path
        removed = clean(folder)
    except (BlamelintError, ValueError, OSError) as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(f"removed {folder}" if removed else f"no cache at {folder}")


def _all_rules():
    """blamelint's rules and the team-defined ones of the config found from this folder
    (shipped defaults for the rest: `rules` lists what exists, not what a file enables)."""
    from blamelint.rules.model import shipped_rules
    from blamelint.run.config import discover, load_config

    try:
        found = discover(Path.cwd())
        config = load_config(found) if found else None
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    if config is None:
        return list(shipped_rules())
    shipped = {r.code: r for r in shipped_rules()}
    return [shipped.get(r.code, r) for r in config.rules]


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
    """List the rules (with this folder's team-defined ones): code, name, tags, severity."""
    from blamelint.rules.docs import rules_json, rules_markdown, rules_table

    rules = [r for r in _all_rules() if show_all or r.enabled or output_format != "text"]
    render = {"text": rules_table, "json": rules_json, "markdown": rules_markdown}[output_format]
    click.echo(render(rules), nl=False)


@main.command("rule")
@click.argument("code")
def explain_rule(code: str) -> None:
    """Explain one rule, by code (BL101) or name (missing-section)."""
    from blamelint.rules.docs import explain
    from blamelint.rules.model import find_rule

    rules = _all_rules()
    rule = find_rule(code, rules)
    if rule is None:
        from .support import did_you_mean

        names = [name for r in rules for name in (r.code, r.name)]
        hint = did_you_mean(code, names) or " (blamelint rules lists them)"
        fail(f"unknown rule '{code}'{hint}")
        sys.exit(EXIT_ERROR)
    click.echo(explain(rule), nl=False)


@main.command("server")
@click.option("--stdio", is_flag=True, help="Speak LSP over stdin/stdout (the only transport).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
def server_command(stdio: bool, no_cache: bool) -> None:
    """Run the language server for editors (LSP over stdin/stdout)."""
    from .server.app import serve

    serve(cache=not no_cache)


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
