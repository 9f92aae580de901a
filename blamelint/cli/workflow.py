"""Workflow commands: `init` and `new` (templates), `actions` (the weekly action review).

Registered on the `main` group (blamelint.cli.common) when `blamelint.cli.main` imports this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from blamelint.base.errors import BlamelintError

from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, config_options, fail, main


@main.command("init")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default="en",
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
    type=click.Choice(["en", "fr"]),
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
        sys.exit(EXIT_ERROR)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(str(path))
    if sha:
        click.echo(f"committed {path.name} as {sha[:12]}", err=True)


@main.command("actions")
@click.argument("paths", nargs=-1, required=True)
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
    type=click.Choice(["table", "json", "csv", "markdown", "jira-csv"]),
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
@click.option("--language", type=click.Choice(["auto", "en", "fr"]), default="auto")
@config_options
def actions_command(
    paths, status, owner, output_format, today, fail_on_overdue, language, config_path, isolated
):
    """List every action item across postmortems: the weekly action review.

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
        collection = collect(paths, options)
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
