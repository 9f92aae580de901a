"""Language server benchmark: didChange -> publishDiagnostics on a 1,000-word postmortem.

    python bench/server_bench.py [--words 1000] [--edits 20]

Starts `blamelint server` in a subprocess and drives it over stdio with pygls' client (the
one the tests use). Measures, in wall-clock time at the client:
- start-up: initialize -> didOpen -> first diagnostics (includes the spaCy model load);
- didChange -> diagnostics for `--edits` edits, each a new sentence so no edit hits the cache,
  with the debounce set to 0 (the lint itself plus the protocol round trip) and with the
  default debounce (what a user waits once typing stops).
Prints figures; asserts nothing. The cache is off so that every edit is really linted.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import postmortem  # noqa: E402

from blamelint.cli.server.app import DEBOUNCE_SECONDS  # noqa: E402
from tests.lspclient import Client  # noqa: E402


async def _measure(root: Path, text: str, edits: int, debounce: float) -> tuple[float, list]:
    client = Client()
    path = root / "postmortem.md"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    await client.start(root, "--no-cache", options={"debounce": debounce})
    uri = client.open(path, text)
    await client.diagnostics(uri)
    first = time.perf_counter() - start
    times = []
    for version in range(2, edits + 2):
        changed = text + f"\nThe replica number {version} caught up after the failover.\n"
        sent = time.perf_counter()
        client.replace(uri, version, changed)
        got = await client.diagnostics(uri)
        while got.version != version:
            got = await client.diagnostics(uri)
        times.append(time.perf_counter() - sent)
    await client.stop()
    return first, times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    text = postmortem(random.Random(11), "en", args.words)
    words = len(text.split())
    print(f"# blamelint server: {words} words, {args.edits} edits per series")
    print(f"python {platform.python_version()}, {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        for debounce in (0.0, DEBOUNCE_SECONDS):
            first, times = asyncio.run(_measure(Path(folder), text, args.edits, debounce))
            print(
                f"debounce {debounce:.2f} s: first diagnostics {_ms(first)} "
                "(start-up, model load); "
                f"didChange -> diagnostics median {_ms(statistics.median(times))}, "
                f"min {_ms(min(times))}, max {_ms(max(times))}"
            )


if __name__ == "__main__":
    main()
