"""`blamelint server` end to end: a real LSP client (pygls') talks to it over stdio."""

from __future__ import annotations

import asyncio
import contextlib
import json

import pytest
from click.testing import CliRunner
from lsprotocol import types

from blamelint.cli.main import main

from .lspclient import Client

pytestmark = pytest.mark.nlp

COMPLETE = """\
# Postmortem INC-7: checkout errors after a deploy

**Date**: 2026-03-02
**Duration**: 45 minutes
**Impact**: 3% of checkouts failed
**Severity**: SEV-2
**Status**: Final
**Resolved**: 2026-03-02 15:10 UTC
**Review meeting**: 2026-03-03 10:00 UTC
**Meeting duration**: 60 minutes
**Published**: 2026-03-04

## Summary

{summary}

## Timeline

- 14:25: the deploy of the payment service starts.
- 14:31: the checkout error alert fires.
- 15:10: the previous version is restored.

## Root causes (5 Whys)

1. Why did checkouts fail? The new build rejected a header the gateway sends.
2. Why did the build reject it? A parser upgrade made the header check strict.
3. Why was the upgrade not flagged? Its changelog was not part of the review.
4. Why was it not caught? The contract test suite does not cover that header.
5. Why not? The suite predates the header, and nobody owns updating it.

## Missed signals

- The canary error rate rose two minutes before the alert.

## Corrective actions

- [ ] ACT-1 Add the gateway header to the contract tests (owner: payments-team, deadline: 2026-04-01, validation: the suite fails on the old build)

## Lessons learned

- Canary error rates deserve their own alert.
"""
BLAMEFUL = COMPLETE.format(summary="Kevin was careless and pushed a broken build to production.")
FIXED = COMPLETE.format(summary="A build that rejected a gateway header reached production.")


LEVELS = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def _run(coroutine):
    return asyncio.run(coroutine)


def _apply(text: str, edit: types.TextEdit) -> str:
    """Apply one insertion (ASCII text: UTF-16 units are characters)."""
    lines = text.splitlines(keepends=True)
    start = edit.range.start
    offset = sum(len(line) for line in lines[: start.line]) + start.character
    return text[:offset] + edit.new_text + text[offset:]


def _check_json(root, path) -> list[tuple]:
    """`check --format json` on the file, from `root`, in this process (the server's side of
    the comparison is the subprocess; `check` needs no second cold spaCy load)."""
    with contextlib.chdir(root):
        out = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert out.exit_code in (0, 1), out.output
    data = json.loads(out.stdout)
    return sorted(
        (f["line"], f["column"], f["rule"], f["message"], LEVELS[f["severity"]])
        for f in data["findings"]
    )


def _seen(diagnostics) -> list[tuple]:
    return sorted(
        (
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.code,
            d.message.split("\n")[0],
            d.severity,
        )
        for d in diagnostics
    )


@pytest.mark.slow
def test_open_blameful_postmortem_then_fix_it(tmp_path):
    path = tmp_path / "postmortems" / "inc-7.md"
    path.parent.mkdir()
    path.write_text(BLAMEFUL, encoding="utf-8")

    async def scenario():
        client = Client()
        await client.start(tmp_path)
        try:
            uri = client.open(path, BLAMEFUL)
            opened = await client.diagnostics(uri)
            actions = await client.code_actions(uri, 14)
            client.replace(uri, 2, FIXED)
            fixed = await client.diagnostics(uri)
        finally:
            await client.stop()
        return opened, actions, fixed

    opened, actions, fixed = _run(scenario())
    codes = {d.code for d in opened.diagnostics}
    assert {"BL301", "BL405"} <= codes, opened.diagnostics
    name = next(d for d in opened.diagnostics if d.code == "BL301")
    assert (name.range.start.line, name.range.start.character) == (14, 0)
    assert (name.range.end.line, name.range.end.character) == (14, 5)
    assert name.source == "blamelint"
    assert name.severity == types.DiagnosticSeverity.Warning  # BL301's default
    assert name.code_description.href.endswith("docs/rules.md#bl301-personal-name")
    assert "\n" in name.message  # the suggestion follows the message
    # The same findings as `check` on the same file, at the same places.
    assert _seen(opened.diagnostics) == _check_json(tmp_path, path)
    titles = [a.title for a in actions]
    assert "Disable BL301 (personal-name) for this line" in titles
    assert list(fixed.diagnostics) == []
    assert fixed.version == 2


@pytest.mark.slow
def test_code_actions_silence_a_rule_and_add_a_missing_section(tmp_path):
    text = BLAMEFUL.replace(
        "## Missed signals\n\n- The canary error rate rose two minutes before the alert.\n\n", ""
    )
    path = tmp_path / "inc-8.md"
    path.write_text(text, encoding="utf-8")

    async def scenario():
        client = Client()
        await client.start(tmp_path)
        try:
            uri = client.open(path, text)
            first = await client.diagnostics(uri)
            line_actions = await client.code_actions(uri, 14)
            silence = next(a for a in line_actions if "BL301" in a.title)
            silenced = _apply(text, silence.edit.changes[uri][0])
            client.replace(uri, 2, silenced)
            second = await client.diagnostics(uri)
            section = next(
                a for a in await client.code_actions(uri, 0) if a.title.startswith("Add the")
            )
            completed = _apply(silenced, section.edit.changes[uri][0])
            client.replace(uri, 3, completed)
            third = await client.diagnostics(uri)
        finally:
            await client.stop()
        return first, silenced, second, section, completed, third

    first, silenced, second, section, completed, third = _run(scenario())
    assert "BL101" in {d.code for d in first.diagnostics}
    assert "<!-- blamelint-disable-next-line BL301 -->\nKevin was careless" in silenced
    assert "BL301" not in {d.code for d in second.diagnostics}
    assert "BL001" not in {d.code for d in second.diagnostics}  # the comment is used
    assert section.title == "Add the 'Missed signals' section"
    assert section.kind == types.CodeActionKind.QuickFix
    # The template puts Missed signals before Corrective actions: inserted there.
    assert completed.index("## Missed signals") < completed.index("## Corrective actions")
    assert completed.index("## Root causes") < completed.index("## Missed signals")
    assert "BL101" not in {d.code for d in third.diagnostics}


@pytest.mark.slow
def test_bad_input_is_logged_and_the_server_keeps_serving(tmp_path):
    (tmp_path / ".blamelint.yaml").write_text("rules:\n  judgmental-word: off\n", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".blamelint.yaml").write_text("no_such_key: 1\n", encoding="utf-8")
    doomed = tmp_path / "doomed.md"
    doomed.write_text(BLAMEFUL, encoding="utf-8")

    async def scenario():
        client = Client()
        await client.start(tmp_path)
        try:
            # Garbage on the wire: not JSON-RPC at all.
            client.lsp._server.stdin.write(b"Content-Length: 9\r\n\r\n{garbage}")
            binary = client.open(tmp_path / "binary.md", "a\x00b\n")
            got_binary = await client.diagnostics(binary)
            python = client.open(tmp_path / "tool.py", "print('Kevin')\n", "python")
            got_python = await client.diagnostics(python)
            config = client.open(broken / "inc.md", FIXED)
            got_config = await client.diagnostics(config)
            uri = client.open(doomed, BLAMEFUL)
            await client.diagnostics(uri)
            doomed.unlink()  # deleted while open: the buffer is still linted
            client.replace(uri, 2, BLAMEFUL + "\nKevin pushed it again.\n")
            got_deleted = await client.diagnostics(uri)
        finally:
            await client.stop()
        return client, got_binary, got_python, got_config, got_deleted

    client, got_binary, got_python, got_config, got_deleted = _run(scenario())
    assert [d.message for d in got_binary.diagnostics] == [
        "binary.md:1: binary file (contains NUL bytes), not Markdown"
    ]
    assert list(got_python.diagnostics) == []
    assert len(got_config.diagnostics) == 1
    assert "no_such_key" in got_config.diagnostics[0].message
    # The workspace config turned judgmental-word off: as `check` would, no BL405.
    codes = [d.code for d in got_deleted.diagnostics]
    assert codes.count("BL301") == 2 and "BL405" not in codes
    messages = " ".join(log.message for log in client.logs)
    assert "not Markdown" in messages and "NUL bytes" in messages
