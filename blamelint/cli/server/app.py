"""The pygls language server: LSP messages in, `Session` lints, diagnostics and actions out.

Diagnostics are published on open and save at once, and on change after a short pause
(debounce, 0.3 s by default; `initializationOptions: {"debounce": seconds}`), so typing does
not queue a lint per keystroke. Linting runs on one worker thread, in order; a result for a
version the editor has already replaced is dropped. Anything that goes wrong with one
document (a broken config, a binary or huge buffer, a bug) is logged to the client and shown
as one diagnostic where it has a line; the server keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition, ServerTextRange

from blamelint import __version__
from blamelint.base.finding import Finding, Severity
from blamelint.rules.docs import rule_link, rule_url

from .actions import Edit, parse, section_actions, suppress_action
from .session import LintResult, Session

logger = logging.getLogger("blamelint.cli.server")

DEBOUNCE_SECONDS = 0.3
SOURCE = "blamelint"
MARKDOWN_IDS = frozenset({"markdown", "mdx", "quarto", "rmd"})
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd", ".qmd")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class Linted:
    """The last published lint of a document: the text it read and what it found."""

    version: int | None
    text: str
    result: LintResult


def split_lines(text: str) -> list[str]:
    """Lines as LSP counts them: ended by LF, CRLF or CR only (not str.splitlines' set)."""
    return _LINE.findall(text) or [""]


class BlamelintServer(LanguageServer):
    def __init__(self, session: Session | None = None) -> None:
        super().__init__("blamelint", __version__)
        self.session = session or Session()
        self.debounce = DEBOUNCE_SECONDS
        self.linted: dict[str, Linted] = {}
        self._pending: dict[str, asyncio.Task] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="blamelint-lint")

    def report_server_error(self, error: Exception, source) -> None:
        logger.error("%s: %s", getattr(source, "__name__", source), error)
        super().report_server_error(error, source)

    def log(self, level: types.MessageType, message: str) -> None:
        (logger.error if level == types.MessageType.Error else logger.info)("%s", message)
        self.window_log_message(types.LogMessageParams(type=level, message=message))

    def schedule(self, uri: str) -> None:
        self.cancel(uri)
        self._pending[uri] = asyncio.ensure_future(self._later(uri))

    def cancel(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self._pending.pop(uri, None)
        await self.lint(uri)

    def root(self) -> Path | None:
        folders = list(self.workspace.folders.values())
        if folders:
            path = to_fs_path(folders[0].uri)
            return Path(path) if path else None
        return Path(self.workspace.root_path) if self.workspace.root_path else None

    async def lint(self, uri: str) -> None:
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        text, version = document.source, document.version
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        path = Path(fs_path) if fs_path else None
        if not _is_markdown(document.language_id, path):
            self.log(
                types.MessageType.Warning,
                f"{uri}: not Markdown (languageId {document.language_id!r}); not linted",
            )
            self._publish(uri, version, [])
            return
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                self._worker, self.session.lint, path, text, self.root()
            )
        except Exception as exc:  # a bug in one lint must not stop the server
            logger.exception("linting %s failed", uri)
            self.log(types.MessageType.Error, f"{uri}: internal error: {exc!r}")
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return  # closed or edited meanwhile: a newer lint is on its way
        self.linted[uri] = Linted(version, text, result)
        lines = split_lines(text)
        codec = current.position_codec
        if result.error is not None:
            self.log(types.MessageType.Error, str(result.error))
            diagnostics = [error_diagnostic(result.error, lines, codec)]
        else:
            links = {r.code: rule_link(r) for r in result.config.rules} if result.config else {}
            diagnostics = [diagnostic(f, lines, codec, links) for f in result.findings]
        self._publish(uri, version, diagnostics)

    def _publish(self, uri: str, version: int | None, diagnostics: list) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def forget(self, uri: str) -> None:
        self.cancel(uri)
        self.linted.pop(uri, None)
        self._publish(uri, None, [])


def _is_markdown(language_id: str | None, path: Path | None) -> bool:
    if language_id and language_id.lower() in MARKDOWN_IDS:
        return True
    return path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES


def _range(lines: list[str], codec: PositionCodec, span) -> types.Range:
    start = ServerTextPosition(span.line - 1, span.column - 1)
    end = ServerTextPosition(max(span.end_line, span.line) - 1, span.end_column - 1)
    return codec.range_to_client_units(lines, ServerTextRange(start, max(start, end)))


def diagnostic(
    finding: Finding, lines: list[str], codec: PositionCodec, links: dict[str, str] | None = None
) -> types.Diagnostic:
    """`links`: rule code -> documentation URL (team-defined rules bring their own)."""
    link = (links or {}).get(finding.rule, rule_url(finding.rule, finding.name))
    message = finding.message
    if finding.suggestion:
        message = f"{message}\n{finding.suggestion}"
    return types.Diagnostic(
        range=_range(lines, codec, finding.span),
        message=message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        data={"name": finding.name},
    )


def error_diagnostic(error, lines: list[str], codec: PositionCodec) -> types.Diagnostic:
    line = max(1, getattr(error, "line", None) or 1)
    position = ServerTextPosition(line - 1, 0)
    start = codec.position_to_client_units(lines, position)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=str(error),
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def _edit(edit: Edit, lines: list[str], codec: PositionCodec) -> types.TextEdit:
    at = codec.position_to_client_units(lines, ServerTextPosition(edit.line, edit.column))
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=edit.text)


def code_actions(server: BlamelintServer, params: types.CodeActionParams) -> list:
    uri = params.text_document.uri
    linted = server.linted.get(uri)
    document = server.workspace.text_documents.get(uri)
    if linted is None or document is None or document.source != linted.text:
        return []
    result = linted.result
    if result.config is None or not result.findings:
        return []
    lines = split_lines(linted.text)
    codec = document.position_codec
    first, last = params.range.start.line + 1, params.range.end.line + 1
    wanted = [f for f in result.findings if first <= f.line <= last]
    if not wanted:
        return []
    doc = parse(result.config, result.display, linted.text)
    actions, seen = [], set()
    for finding, action in section_actions(doc, wanted, result.config).items():
        actions.append(_code_action(uri, action, finding, lines, codec, preferred=True))
    for finding in wanted:
        action = suppress_action(doc, finding)
        if action is None or (finding.rule, finding.line) in seen:
            continue
        seen.add((finding.rule, finding.line))
        actions.append(_code_action(uri, action, finding, lines, codec))
    return actions


def _code_action(uri, action, finding, lines, codec, preferred=False) -> types.CodeAction:
    return types.CodeAction(
        title=action.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, lines, codec)],
        edit=types.WorkspaceEdit(changes={uri: [_edit(action.edit, lines, codec)]}),
        is_preferred=preferred or None,
    )


def build_server(session: Session | None = None) -> BlamelintServer:
    server = BlamelintServer(session)

    @server.feature(types.INITIALIZE)
    def initialize(ls: BlamelintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(options["debounce"]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: BlamelintServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: BlamelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: BlamelintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.cancel(params.text_document.uri)
        await ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BlamelintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: BlamelintServer, params: types.CodeActionParams) -> list:
        try:
            return code_actions(ls, params)
        except Exception as exc:
            logger.exception("code actions for %s failed", params.text_document.uri)
            ls.log(types.MessageType.Error, f"code actions failed: {exc!r}")
            return []

    return server


def serve(cache: bool = True) -> None:
    """Speak LSP on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="blamelint server: %(message)s")
    build_server(Session(cache=cache)).start_io()
