"""Lists written once: the output formats (report registry, the tracker's report.actions) are
what the CLI offers."""

from __future__ import annotations

import click

from blamelint.cli.main import main
from blamelint.report import FORMATS, Report, renderer


def test_cli_format_choices_are_the_report_registry() -> None:
    check = main.commands["check"]
    option = next(p for p in check.params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == FORMATS


def test_every_registered_format_renders_an_empty_report() -> None:
    for name in FORMATS:
        assert isinstance(renderer(name)(Report(findings=(), files=())), str)


def test_actions_format_choices_are_the_tracker_registry() -> None:
    from blamelint.report.actions import ACTION_FORMATS
    from blamelint.workflow.tracker import FORMATS as TRACKER_FORMATS

    option = next(p for p in main.commands["actions"].params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == tuple(ACTION_FORMATS) == TRACKER_FORMATS
    assert TRACKER_FORMATS == ("table", "json", "csv", "markdown", "jira-csv")
