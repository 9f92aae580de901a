"""`blamelint server`: the language server (LSP over stdio, with pygls).

`session` lints one open document exactly as `check` lints a file (same config discovery,
suppressions and cache); `actions` computes the code actions as plain edits; `app` is the
pygls server that turns both into LSP messages. Only `app` imports pygls.
"""
