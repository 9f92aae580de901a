"""What every command module shares: the `main` group, exit codes, error output, options.

`blamelint.cli.main` and `blamelint.cli.workflow` both register commands on `main`; neither
imports the other's internals.
"""

from __future__ import annotations

from pathlib import Path

import click

from blamelint import __version__
from blamelint.base.errors import BlamelintError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultGroup(click.Group):
    """`blamelint FILE...` means `blamelint check FILE...`, as `ruff FILE` once did."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def fail(error: BlamelintError | str) -> None:
    click.echo(f"blamelint: {error}", err=True)


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


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="blamelint")
def main() -> None:
    """Lint incident postmortems: structure, personal names, blame language, action items.

    \b
    blamelint postmortems/            lint every Markdown file below a folder
    blamelint rules                   list the rules
    blamelint rule BL401              explain one rule
    """
