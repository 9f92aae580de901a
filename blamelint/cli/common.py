"""What every command module shares: the `main` group, exit codes, error output, options.

`blamelint.cli.main` and `blamelint.cli.workflow` both register commands on `main`; neither
imports the other's internals.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from blamelint.base.errors import BlamelintError
from blamelint.base.printable import printable

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultGroup(click.Group):
    """`blamelint FILE...` means `blamelint check FILE...`, as `ruff FILE` once did."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            first = args[0]
            if not first.startswith("-") and first != "-" and not _looks_like_path(first):
                from .support import did_you_mean

                hint = did_you_mean(first, self.commands)
                if hint:  # `blamelint chek`: a mistyped command, not a file called "chek"
                    raise click.UsageError(f"unknown command '{first}'{hint}", ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _looks_like_path(text: str) -> bool:
    return os.path.exists(text) or "/" in text or os.sep in text or "." in text


def _print_version(ctx: click.Context) -> None:
    from .support import version_text

    click.echo(version_text())
    ctx.exit(0)


def fail(error: BlamelintError | str) -> None:
    click.echo(f"blamelint: {printable(str(error))}", err=True)  # control characters escaped


def config_options(command):
    """--config and --isolated, shared by every command that reads postmortems."""
    command = click.option(
        "--isolated", is_flag=True, help="Ignore every config file; use the defaults."
    )(command)
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Use this config file instead of discovering .blamelint.yaml.",
    )(command)


@click.group(
    cls=_DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
    no_args_is_help=False,
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    help="Show blamelint's, spaCy's and the models' versions and exit.",
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Lint incident postmortems: structure, personal names, blame language, action items.

    \b
    blamelint postmortems/            lint every Markdown file below a folder
    blamelint check                   lint this folder (the same as blamelint .)
    blamelint rules                   list the rules
    blamelint rule BL401              explain one rule
    """
    if ctx.invoked_subcommand is None:  # bare `blamelint`: help, exit 0 (as `ruff` does)
        click.echo(ctx.get_help())
        ctx.exit(EXIT_CLEAN)


def write_report(path: Path, text: str, inputs) -> None:
    """Write a report the user asked for with -o; exit 2 with one line if it cannot be."""
    from blamelint.base.fileio import write_output

    try:
        write_output(path, text, inputs)
    except BlamelintError as exc:
        fail(exc)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        fail(f"{path}: cannot write report: {exc.strerror}")
        sys.exit(EXIT_ERROR)
