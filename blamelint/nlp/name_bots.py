"""A handle written right after a noun saying it is a bot (BL301 stays quiet): "the bridge bot
user (@relay:example.org) owns the room", "that bot is @bridgekeeper", "le robot @deploy".
The handle of a person keeps its finding ("the room owner (@quietloom)", "thanks to @tove,
who reported the bot problem": the noun must come right before the handle). Words:
rules/wordlists/roles.yaml `bot_nouns`, `bot_suffixes`.
"""

from __future__ import annotations

import re
from functools import cache

from blamelint.base.resources import load_data
from blamelint.nlp.lexicon import word_set

# How far before the handle the bot noun may end ("bot user (", "bot is `").
_LOOKBACK = 40


@cache
def _before_handle() -> re.Pattern[str]:
    data = load_data("wordlists/roles.yaml") or {}
    nouns = sorted(word_set(data.get("bot_nouns")), key=len, reverse=True)
    suffixes = sorted(word_set(data.get("bot_suffixes")), key=len, reverse=True)
    if not nouns:
        return re.compile(r"(?!)")
    noun = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    suffix = "|".join(re.escape(s) for s in suffixes) or "(?!)"
    return re.compile(
        rf"\b(?:{noun})(?:\s+(?:{suffix}))?\s*(?:[(:,]\s*|\s+(?:is|est)\s+)?[`*_]*$",
        re.IGNORECASE,
    )


def named_as_bot(text: str, start: int) -> bool:
    """The handle starting at `start` in `text` follows a noun that calls it a bot."""
    before = text[max(0, start - _LOOKBACK) : start]
    return _before_handle().search(before) is not None


@cache
def _bot_nouns() -> tuple[str, ...]:
    data = load_data("wordlists/roles.yaml") or {}
    return tuple(n for n in word_set(data.get("bot_nouns")) if " " not in n)


def bot_word(word: str) -> bool:
    """A one-word name that says it is a bot ("Kubebot", "deploy-bot", "relaydaemon")."""
    return bot_stem(word) is not None


def bot_stem(word: str) -> str | None:
    """What comes before the bot noun a word ends with ("kube" for "Kubebot", "kube" for
    "kuberobots"), None when it ends with none; the longest noun is taken."""
    low = word.lower()
    ending = max((n for n in _bot_nouns() if low.endswith(n)), key=len, default=None)
    return None if ending is None else low[: -len(ending)]
