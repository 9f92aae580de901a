"""Workflow commands: `init` and `new` (templates), `actions` (the weekly action review),
`report` (the archive report, HTML or JSON).

Registered on the `main` group (blamelint.cli.common) when `blamelint.cli.main` imports this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from blamelint.base.errors import BlamelintError
from blamelint.base.languages import codes, default_language
from blamelint.report.actions import ACTION_FORMATS

from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, config_options, fail, main, write_report


@main.command("init")
@click.option(
    "--lang",
    type=click.Choice(codes()),
    default=default_language(),
    show_default=True,
    help="Language of the postmortem template.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option(
    "--from",
    "sources",
    multiple=True,
    metavar="PATH",
    help="Fit .blamelint.yaml to the team's existing postmortems (files or folders; repeatable).",
)
def init_command(lang: str, force: bool, sources: tuple[str, ...]) -> None:
    """Write .blamelint.yaml (the team format, commented) and postmortem-template.md here.

    With --from, write only .blamelint.yaml, fitted to the postmortems under PATH.
    """
    from blamelint.workflow.scaffold import CONFIG_NAME, init_project, write_new_file

    if sources:
        from blamelint.workflow import archive_init

        try:
            analysis = archive_init.analyse(sources)
            target = Path.cwd() / CONFIG_NAME
            write_new_file(target, archive_init.config_text(analysis), force=force)
        except BlamelintError as exc:
            fail(exc)
            sys.exit(EXIT_ERROR)
        click.echo(archive_init.summary(analysis), nl=False)
        click.echo(f"wrote {target.name}")
        return
    try:
        written = init_project(Path.cwd(), lang, force=force)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    for path in written:
        click.echo(f"wrote {path.name}")


@main.command("new")
@click.argument("incident_id")
@click.option("--impact", required=True, help="Who or what was affected (one line).")
@click.option("--duration", help="How long the impact lasted, e.g. '47 min' [default: TBD].")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Incident date [default: today].")
@click.option(
    "--lang",
    type=click.Choice(codes()),
    default=None,
    help="Shipped template language [default: ./postmortem-template.md if any, else en].",
)
@click.option(
    "--template", type=click.Path(dir_okay=False, path_type=Path), help="Template to fill."
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for postmortem-<ID>.md (created if needed).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing postmortem-<ID>.md.")
@click.option(
    "--commit",
    is_flag=True,
    help="git add and commit the new file: 'chore: postmortem <ID> (blameless)'.",
)
@click.option(
    "--no-verify",
    is_flag=True,
    help="With --commit: skip the repository's hooks (git commit --no-verify). A first draft "
    "still has template text, which the blamelint hook rejects by design.",
)
def new_command(
    incident_id, impact, duration, date_text, lang, template, output_dir, force, commit, no_verify
) -> None:
    """Start postmortem INCIDENT_ID from the template; print the new file's path."""
    import datetime as dt

    from blamelint.workflow.scaffold import (
        CommitError,
        Incident,
        commit_repository,
        git_commit,
        new_postmortem,
        parse_date,
    )

    if no_verify and not commit:
        fail("--no-verify only applies with --commit")
        sys.exit(EXIT_ERROR)
    try:
        date = parse_date(date_text) if date_text else dt.date.today()
        incident = Incident(incident_id, impact, date, duration)
        if commit:
            # Before writing: a refused --commit must not leave a file behind.
            commit_repository(output_dir)
        path = new_postmortem(
            incident, output_dir=output_dir, template=template, language=lang, force=force
        )
        sha = git_commit(path, incident_id, verify=not no_verify) if commit else None
    except CommitError as exc:
        # The hook's whole report (every finding), then blamelint's one-line summary. The
        # path goes to stdout only on success, so `path=$(blamelint new ... --commit)`
        # never hands an uncommitted draft to the next command.
        if exc.output.strip():
            click.echo(exc.output.rstrip("\n"), err=True)
        fail(exc)
        if not no_verify:
            fail(f"to commit the draft as it is: {_commit_command(exc.path, incident_id)}")
        sys.exit(EXIT_ERROR)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(str(path))
    if sha:
        click.echo(f"committed {path.name} as {sha[:12]}", err=True)


def _commit_command(path: str, incident_id: str) -> str:
    """The git command that commits a refused draft (re-running `new` would find the file
    already written)."""
    import shlex

    from blamelint.workflow.scaffold import COMMIT_MESSAGE

    quoted, message = shlex.quote(path), shlex.quote(COMMIT_MESSAGE.format(id=incident_id))
    return f"git add -- {quoted} && git commit --no-verify -m {message} -- {quoted}"


@main.command("actions")
@click.argument("paths", nargs=-1)
@click.option(
    "--status",
    type=click.Choice(["open", "done", "overdue"]),
    default=None,
    help="Only actions in this state (open includes overdue).",
)
@click.option("--owner", help="Only actions of this owner (case-insensitive, a leading @ ignored).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(ACTION_FORMATS)),
    default="table",
    show_default=True,
    help="jira-csv: Summary, Assignee, Due date (yyyy-MM-dd), Description, Labels; and first "
    "Project when the config sets postmortem.integrations.jira_project.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day 'overdue' is judged against (YYYY-MM-DD) [default: today].",
)
@click.option(
    "--fail-on-overdue", is_flag=True, help="Exit 1 when a listed action is overdue (for CI)."
)
@click.option("--language", type=click.Choice(["auto", *codes()]), default="auto")
@config_options
def actions_command(
    paths, status, owner, output_format, today, fail_on_overdue, language, config_path, isolated
):
    """List every action item across postmortems (default: this folder): the weekly review.

    Files are found and read as `blamelint check` finds them: the config's include/exclude,
    section names and limits apply, and jira-csv gets a Project column from
    postmortem.integrations.jira_project.
    """
    import datetime as dt

    from blamelint.run.runner import RunOptions
    from blamelint.workflow.tracker import collect, render, select, summary

    day = today.date() if today else dt.date.today()
    options = RunOptions(
        config_path=config_path,
        isolated=isolated,
        language=None if language == "auto" else language,
    )
    try:
        collection = collect(paths or (".",), options)
    except BlamelintError as error:
        fail(error)
        sys.exit(EXIT_ERROR)
    chosen = select(collection.actions, today=day, status=status, owner=owner)
    click.echo(render(chosen, output_format, day), nl=False)
    if output_format == "table":
        click.echo(summary(chosen, day))
    for message in [*collection.errors, *collection.warnings]:
        fail(message)
    if collection.errors:
        sys.exit(EXIT_ERROR)
    overdue = any(action.status(day) == "overdue" for action in chosen)
    sys.exit(EXIT_FINDINGS if fail_on_overdue and overdue else EXIT_CLEAN)


@main.command("baseline")
@click.argument("paths", nargs=-1)
@config_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Baseline file [default: .blamelint-baseline.json beside the config].",
)
@click.option("--prune", is_flag=True, help="Only drop the entries that no longer match; add none.")
def baseline_command(paths, config_path, isolated, output, prune) -> None:
    """Record the findings of PATHS so that `check` reports only new ones."""
    from blamelint.run import baseline
    from blamelint.run.runner import RunOptions, run

    paths = paths or (".",)
    if "-" in paths:
        raise click.UsageError("a baseline is made of files, not of standard input")
    target = output or baseline.location(config_path, isolated)
    try:
        entries = baseline.load(target) if prune else None
        result = run(paths, RunOptions(config_path=config_path, isolated=isolated))
        if result.errors:
            for error in result.errors:
                fail(error)
            fail(f"{target}: not written (some files could not be read)")
            sys.exit(EXIT_ERROR)
        where = baseline.scopes(paths, target.parent)
        if prune:
            kept, removed = baseline.prune(result.findings, entries, target, where)
            word = "entry" if removed == 1 else "entries"
            click.echo(f"pruned {target}: {removed} stale {word} removed, {kept} kept")
            return
        count = baseline.write(target, result.findings)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(f"wrote {target}: {count} finding(s) in {len(result.files)} file(s)")


@main.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file [default: standard output].",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "json"]),
    default="html",
    show_default=True,
    help="html: one self-contained page; json: the same data (schemas/report.schema.json).",
)
@click.option("--title", default="Postmortem archive", show_default=True, help="Page title.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day 'overdue' and ages are judged against (YYYY-MM-DD) [default: today].",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only postmortems dated on or after this day (undated ones are kept); open actions "
    "are listed whatever their date.",
)
@click.option("--language", type=click.Choice(["auto", *codes()]), default="auto")
@config_options
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Findings cache folder [default: as for check].",
)
def report_command(
    paths,
    output_file,
    output_format,
    title,
    today,
    since,
    language,
    config_path,
    isolated,
    no_cache,
    cache_dir,
):
    """Write the archive report: overview, weekly action review, timeliness, findings.

    Findings are those of `blamelint check` (same config per file, same cache) and actions
    those of `blamelint actions`. Files that cannot be read are listed in the report, named
    on standard error, and make the exit code 2.
    """
    import datetime as dt
    import json

    from blamelint.run.runner import STDIN, RunOptions
    from blamelint.workflow.archive_report import gather

    if STDIN in paths:
        # Findings and actions are two reads of each file; standard input can be read once.
        fail("report reads files and folders, not standard input ('-')")
        sys.exit(EXIT_ERROR)
    options = RunOptions(
        config_path=config_path,
        isolated=isolated,
        language=None if language == "auto" else language,
        jobs="auto",
        cache=not no_cache,
        cache_dir=cache_dir,
    )
    try:
        data, inputs = gather(
            paths,
            options,
            today=today.date() if today else dt.date.today(),
            since=since.date() if since else None,
            title=title,
        )
    except BlamelintError as error:
        fail(error)
        sys.exit(EXIT_ERROR)
    if output_format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from blamelint.workflow.archive_html import render_html

        text = render_html(data, output_file.parent if output_file else None)
    if output_file is not None:
        write_report(output_file, text, inputs)
    else:
        click.echo(text, nl=False)
    for message in [*data["errors"], *data["warnings"]]:
        fail(message)
    sys.exit(EXIT_ERROR if data["errors"] else EXIT_CLEAN)
