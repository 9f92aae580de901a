"""A real LSP client over stdio (pygls' own), driving `blamelint server` in a subprocess."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

SERVER = [sys.executable, "-c", "from blamelint.cli.main import entry; entry()", "server"]
TIMEOUT = 120  # the first lint loads a spaCy model


class Client:
    """Collects publishDiagnostics and logMessage notifications as they arrive."""

    def __init__(self) -> None:
        self.lsp = LanguageClient("blamelint-tests", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.logs: list[types.LogMessageParams] = []

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        @self.lsp.feature(types.WINDOW_LOG_MESSAGE)
        def _log(params: types.LogMessageParams) -> None:
            self.logs.append(params)

        @self.lsp.feature(types.WINDOW_SHOW_MESSAGE)
        def _show(params: types.ShowMessageParams) -> None:
            self.logs.append(types.LogMessageParams(type=params.type, message=params.message))

    async def start(self, root: Path, *args: str, options: dict | None = None) -> None:
        await self.lsp.start_io(*SERVER, *args, cwd=str(root))
        await asyncio.wait_for(
            self.lsp.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=root.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="root")],
                    initialization_options=options or {"debounce": 0.05},
                )
            ),
            TIMEOUT,
        )
        self.lsp.initialized(types.InitializedParams())

    def open(self, path: Path, text: str, language_id: str = "markdown") -> str:
        uri = path.as_uri()
        self.lsp.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language_id, version=1, text=text
                )
            )
        )
        return uri

    def replace(self, uri: str, version: int, text: str) -> None:
        """didChange with the whole new text (a change event without a range)."""
        self.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def diagnostics(self, uri: str) -> types.PublishDiagnosticsParams:
        """The next diagnostics published for `uri`."""
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri:
                return params

    async def code_actions(self, uri: str, line: int) -> list[types.CodeAction]:
        where = types.Range(
            start=types.Position(line=line, character=0),
            end=types.Position(line=line, character=0),
        )
        result = await asyncio.wait_for(
            self.lsp.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=where,
                    context=types.CodeActionContext(diagnostics=[]),
                )
            ),
            TIMEOUT,
        )
        return list(result or [])

    async def stop(self) -> None:
        await asyncio.wait_for(self.lsp.shutdown_async(None), TIMEOUT)
        self.lsp.exit(None)
        await asyncio.wait_for(self.lsp.stop(), TIMEOUT)
