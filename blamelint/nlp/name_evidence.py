"""Document-level evidence about names: what the whole postmortem says about a capitalised word.

A sentence alone cannot tell "Core" or "Mastodon" from a surname; the document can. A word the
same document writes in lowercase prose ("the core team", "a mastodon instance"), inside code
(`mastodon`, a fenced block) or as a project in a URL path (github.com/org/mastodon) is used as
a thing, so a name candidate whose head word is such a word is not a person, unless it holds a
known given name ("Mirela Thót" stays). Conversely, the document names its people in places a
parser does not read: chat-log speakers (`<nick> text`, `**<nick>**`) and the authors of its
front matter. Those strings, found once, are names wherever the prose repeats them.

No spaCy here: plain text and regular expressions over the Markdown source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.base.resources import load_data
from blamelint.document.placeholders import has_placeholder
from blamelint.nlp.lexicon import People, fold, grammar, norm
from blamelint.nlp.name_bots import bot_stem
from blamelint.nlp.name_context import name_context
from blamelint.nlp.name_credits import credited_owner

_WORD = re.compile(r"[^\W\d_]{2,}")
_INLINE = re.compile(r"`[^`\n]+`")
_URL = re.compile(r"https?://([^\s)>\]\"']+)")
# A chat line: optional list marker and time, then the speaker in angle brackets (escaped or
# bold in Markdown): "<nick> text", "**\<nick\>** text", "[12:01] <nick> text".
_SPEAKER = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?(?:\*\*)?\\?<"
    r"(?P<nick>(?:\\_)*[^\s<>\\]+(?:\\_[^\s<>\\]*)*(?:\\?_)?(?:\[m\])?)\\?>(?:\*\*)?[ \t]",
    re.M,
)
_VERSIONED = re.compile(r"\b((?:[A-Z][\w.-]*[ \t]+){1,3})v?\d+\.\d+")
_VERSION = re.compile(r"\d\.\d")  # what any `_VERSIONED` match holds: a cheap test first
_HANDLE = re.compile(r"@[\w.-]+")
_AUTHOR_PARTS = re.compile(r"\s*(?:,|;|/|&|\band\b|\bet\b)\s*")


@dataclass(frozen=True)
class Evidence:
    things: frozenset[str]  # folded words used as things (lowercase prose, code, URL paths)
    code: frozenset[str]  # folded words seen in code only
    prose: frozenset[str] = frozenset()  # folded lowercase words of prose outside any @handle
    url_only: frozenset[str] = frozenset()  # folded words seen in URL paths only
    urls: frozenset[str] = frozenset()  # folded words seen in URL paths


def _url_words(url: str) -> Iterator[str]:
    """Project names in a URL path (after the first path segment, which may be a user)."""
    parts = url.split("/")
    for segment in parts[2:]:
        if segment.startswith("@"):
            continue
        yield from _WORD.findall(segment)


def evidence(document: Any, segment_texts: Iterable[str]) -> Evidence:
    text = document.text
    code: set[str] = set()
    # The parser's code blocks, not a regex: fences pair as CommonMark says they do.
    for block in _blocks(document):
        code.update(fold(w) for w in _WORD.findall(block.content))
    for match in _INLINE.finditer(text):
        code.update(fold(w) for w in _WORD.findall(match.group()))
    things = set(code)
    prose: set[str] = set()
    urls: set[str] = set()
    for match in _URL.finditer(text):
        urls.update(fold(w) for w in _url_words(match.group(1)))
    things |= urls
    folded: dict[str, str] = {}  # the same words come back in every segment: folded once

    def once(word: str) -> str:
        if word.isascii():
            return word  # (the words asked are lowercase: an ASCII one is its own fold)
        found = folded.get(word)
        if found is None:
            found = folded[word] = fold(word)
        return found

    for segment in segment_texts:
        lowercase = {once(w) for w in {w for w in _WORD.findall(segment) if w.islower()}}
        things |= lowercase
        if "@" in segment:  # (without a handle the bare text is the segment)
            bare = _HANDLE.sub(" ", segment)
            prose.update(once(w) for w in _WORD.findall(bare) if w.islower())
        else:
            prose |= lowercase
        # "Bitcoin Core 0.16.3", "Dramatiq v1.2": a versioned name is software.
        for match in _VERSIONED.finditer(segment) if _VERSION.search(segment) else ():
            things.update(fold(w) for w in _WORD.findall(match.group(1)))
    plain = {w for w in things if w not in urls} | code | prose
    return Evidence(
        frozenset(things),
        frozenset(code),
        frozenset(prose),
        frozenset(urls - plain),
        frozenset(urls),
    )


def glossary_handle(handle: str, ev: Evidence) -> bool:
    """ "@transaction", "@ring-signature": lowercase markup on words the same document writes
    as plain prose ("the transaction", "a ring signature"), so a term, not an account."""
    body = handle[1:]
    words = _WORD.findall(body)
    return (
        bool(words)
        and body.islower()
        and "".join(words) == re.sub(r"[-_.]", "", body)
        and all(any(fold(w) + s in ev.prose for s in ("", "s", "es")) for w in words)
    )


def glossary_markup(handle: str, dictionary: frozenset[str], p: People) -> bool:
    """ "@ring-signature" where the document marks terms as handles ("@transaction" beside
    "the transaction"): a lowercase handle of dictionary words, none a given name, is a term
    too. `dictionary`: the English words; handles with other parts stay accounts."""
    body = handle[1:]
    words = re.split(r"[-_.]", body)
    wide = name_context(p.language).wide_names
    return (
        bool(dictionary)
        and body.islower()
        and all(w.isalpha() and len(w) > 1 for w in words)
        and all(w in dictionary and w not in p.first_names and w not in wide for w in words)
    )


def used_as_thing(name: str, ev: Evidence, p: People) -> bool:
    """A name candidate with a word the document uses as a thing, and no given name."""
    words = _WORD.findall(name)
    if not words:
        return False
    wide = name_context(p.language).wide_names
    for word in words:
        low = norm(word)
        if (low in p.first_names and low not in p.common_words) or low in wide:
            return False  # a given name wins, even where a git log repeats it in code
    if len(words) > 1:
        # Particles are lowercase by nature ("van der Laan"); a blog URL's slug often spells
        # its author ("/inside-acme-tom-varga"): neither makes "Tom Varga" a thing.
        things = ev.things - ev.url_only if norm(words[0]) in p.first_names else ev.things
        return any(fold(w) in things for w in words if norm(w) not in p.particles)
    return fold(words[-1]) in ev.things


@cache
def _saint_regex() -> re.Pattern[str]:
    words = (load_data("wordlists/name-context.yaml") or {}).get("saint_prefixes") or ()
    body = "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:^|(?<=[^\w.]))(?:" + body + r")[ \t.\-‐]*$")


def after_saint(text: str, start: int) -> bool:
    """The name at `start` follows a saint's abbreviation or title: a place, a day or a thing
    ("St. Louis", "St Patrick's Day", "Saint-Étienne", "San Francisco"), not a person."""
    return bool(_saint_regex().search(text[max(0, start - 12) : start]))


@cache
def _appositive_regex(language: str) -> re.Pattern[str]:
    data = load_data("wordlists/name-context.yaml") or {}
    # Both languages' nouns: a French sentence may stand in an English document.
    heads = name_context(language).org_heads | name_context("fr").org_heads

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))

    articles = alternation(data.get("appositive_articles") or ())
    followers = alternation(data.get("appositive_followers") or ())
    return re.compile(
        r"\s*,\s*(?i:"
        + articles
        + r")\s*(?:[^\W\d_][\w-]*\s+){0,3}?(?i:"
        + alternation(heads)
        + r")(?=\s*(?:[,.;:)!?]|$)|\s+(?i:"
        + followers
        + r")(?:(?<=['’])|(?![\w])))"
    )


def appositive_org(text: str, end: int, language: str) -> bool:
    """The name ending at `end` is followed by ", a/an <organisation noun>": a company
    ("reported by Brackwell, an auditing firm,", "Parapet, une société d'audit")."""
    return bool(_appositive_regex(language).match(text, end))


@cache
def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True)
    )
    word = r"(?:[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*\.?)"
    particle = r"(?:(?:van|von|der|den|de|du|da|di|le|la|ter|ten)\s+)"
    return re.compile(
        r"(?<![\w])(?i:"
        + body
        + r")\s+(?P<name>"
        + word
        + r"(?:\s+"
        + particle
        + r"*"
        + word
        + r"){0,3})"
    )


def _bot_name(word: str, p: People) -> bool:
    """ "Kubebot", "Relaydaemon": a bot word after four letters or more, no listed name
    ("Talbot", "Cabot" stay names)."""
    c = name_context(p.language)
    if word in p.first_names or word in c.wide_names or word in c.surnames:
        return False
    stem = bot_stem(word)
    return stem is not None and len(stem) >= 4


def cue_names(text: str, cues: tuple[str, ...], p: People, ev: Evidence) -> list[tuple[int, int]]:
    """Character ranges of names after a credit cue ("thanks to Ana Lima", "merci à Zoé")."""
    found = []
    for match in _cue_regex(cues).finditer(text):
        name = match.group("name").rstrip(".")
        name = credited_owner(text, match.start("name"), name, p)
        if name is None:
            continue  # "thanks to KFrog's team": a company's team
        words = [norm(w) for w in _WORD.findall(name)]
        if not words or any(w in p.tech or w in p.corporate or w in p.roles for w in words):
            continue
        if used_as_thing(name, ev, p) or all(w in grammar().team_words for w in words):
            continue
        if len(words) == 1 and _bot_name(words[0], p):
            continue  # "thanks to Kubebot": a bot, not a person
        start = match.start("name")
        if after_saint(text, start) or appositive_org(text, start + len(name), p.language):
            continue  # "reported by Brackwell, an auditing firm": a company
        found.append((start, start + len(name)))
    return found


def speakers(document: Any) -> list[tuple[int, int, str]]:
    """(start, end, rendered nick) of chat-log speakers, in document offsets."""
    found = []
    for match in _SPEAKER.finditer(document.text):
        start, end = match.span("nick")
        found.append((start, end, match.group("nick").replace("\\", "")))
    return found


_AUTHOR_KEYS = ("author", "authors", "byline", "auteur", "auteurs", "autrice", "by")
_AUTHOR_KEYS += ("assignee", "assignees", "reviewer", "reviewers")


_ACCOUNT = re.compile(r"@?[A-Za-z][\w.-]*[A-Za-z0-9]")


@cache
def _account_keys() -> frozenset[str]:
    data = load_data("wordlists/name-context.yaml") or {}
    return frozenset(str(k).lower() for k in data.get("author_account_keys") or ())


def _author_values(data: Any, key: str | None = None) -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            k = str(k).lower()
            if k in _AUTHOR_KEYS or (k == "name" and key in _AUTHOR_KEYS):
                yield from _author_values(v, k) if not isinstance(v, str) else [v]
            elif k in _account_keys() and key in _AUTHOR_KEYS and isinstance(v, str):
                if _ACCOUNT.fullmatch(v.strip()):
                    yield v.strip()  # "twitter: '@troggo'" under an author: the author's handle
            elif isinstance(v, (dict, list)):
                yield from _author_values(v, k)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, str) and key in _AUTHOR_KEYS:
                yield item
            else:
                yield from _author_values(item, key)


def _person_part(part: str, p: People) -> bool:
    words = part.split()
    if len(words) == 1 and re.fullmatch(r"@[A-Za-z][\w.-]*", part):
        return True
    if len(words) == 1 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]", part):
        pass  # a handle as the author ("kestrel512")
    elif not words or len(words) > 5 or any(ch.isdigit() for ch in part):
        return False
    pieces = [x for x in re.split(r"[._+-]", part.lower()) if x]
    if any(x in p.groups or x in grammar().team_words for x in pieces):
        return False  # "sre-team", "network-team"
    if not all(w[:1].isalpha() or w.startswith("@") for w in words):
        return False
    lowered = [norm(w) for w in words]
    if any(w in p.roles or w in grammar().team_words or w in p.corporate for w in lowered):
        return False
    return len(words) == 1 or all(w[:1].isupper() or norm(w) in p.particles for w in words)


def front_matter_authors(document: Any, p: People) -> list[tuple[int, int, str]]:
    """(start, end, text) of the people a front matter names as authors (document offsets)."""
    if not document.front_matter or not document.front_matter_lines:
        return []
    first, last = document.front_matter_lines
    lo = document.line_offset(first)
    hi = document.line_offset(last) if last <= len(document.line_starts) else len(document.text)
    raw = document.text[lo:hi]
    found: list[tuple[int, int, str]] = []
    for value in _author_values(document.front_matter):
        value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)  # link text only
        value = re.sub(r"^[^:]{1,20}:\s*", "", value)  # "Photo: Mirela Thót"
        value = re.sub(r"<[^>]*>", " ", value)  # e-mails are found by the handle rule
        for chunk in value.split(","):
            handles = re.findall(r"@[A-Za-z][\w.-]*[A-Za-z0-9]", chunk)
            chunk = re.sub(r"\([^)]*\)", " ", chunk).strip()
            for handle in handles:
                for m in re.finditer(r"(?<![\w@/])" + re.escape(handle) + r"(?![\w/-])", raw):
                    found.append((lo + m.start(), lo + m.end(), handle))
            if any(norm(w) in p.roles or norm(w) in grammar().team_words for w in chunk.split()):
                continue  # "Cloud and Site Reliability Engineering (SRE) Team Lead"
            for part in _AUTHOR_PARTS.split(chunk):
                part = part.strip(" \"'")
                if not _person_part(part, p):
                    continue
                for m in re.finditer(r"(?<![\w@/])" + re.escape(part) + r"(?![\w])", raw):
                    found.append((lo + m.start(), lo + m.end(), part))
    return sorted(set(found))


@cache
def _document_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...], frozenset[str]]:
    data = load_data("wordlists/name-context.yaml") or {}
    bylines = tuple(re.compile(r) for r in data.get("bylines") or ())
    hosts = tuple(str(h).lower() for h in data.get("profile_hosts") or ())
    labels = frozenset(str(w).lower() for w in data.get("chat_labels") or ())
    return bylines, hosts, labels


def _blocks(document: Any) -> list[Any]:
    return list(getattr(document, "code_blocks", None) or ())


def _code_ranges(document: Any) -> list[tuple[int, int]]:
    blocks = [(b.offset, b.end) for b in _blocks(document)]
    return blocks + [m.span() for m in _INLINE.finditer(document.text)]


def _byline_part(part: str, p: People) -> bool:
    """One author of a byline: a handle ("tmolnar", "__orbit", "PixelMoth") or one to four
    capitalised words ("Ana Lima"), never a role, a team or a technology."""
    words = part.split()
    if not words or len(words) > 4 or has_placeholder(part):
        return False  # (and "Authors: TBD": template text left unfilled)
    lowered = [norm(w) for w in words]
    if any(w in p.roles or w in p.tech or w in p.corporate for w in lowered):
        return False
    if any(w in grammar().team_words for w in lowered):
        return False
    pieces = [x for x in re.split(r"[._+-]", part.lower()) if x]
    if any(x in p.groups or x in grammar().team_words for x in pieces):
        return False  # "sre-team", "network-team"
    if len(words) == 1:
        return bool(re.fullmatch(r"@?[\w][\w.-]*", part)) and any(c.isalpha() for c in part)
    return all(w[:1].isupper() or norm(w) in p.particles for w in words)


def may_be_byline(text: str) -> bool:
    """Whether a segment's text matches a byline pattern (a lowercase one is worth reading)."""
    return any(pattern.search(text) for pattern in _document_patterns()[0])


def byline_names(document: Any, p: People) -> list[tuple[int, int, str]]:
    """(start, end, text) of the authors that forum and blog bylines name, in document
    offsets ("by tmolnar on 5/2/2023", "· by Ana Lima and Bo Chen</div>"); not in code."""
    text = document.text
    code = _code_ranges(document)
    found: set[tuple[int, int, str]] = set()
    for pattern in _document_patterns()[0]:
        for match in pattern.finditer(text):
            a = match.start("names")
            if any(x <= a < y for x, y in code):
                continue
            # Same length as the match: links keep their text, brackets and tags are blanked
            # ("Mirela Thót ([@mirelath](https://...))" is one author, not a URL).
            value = re.sub(
                r"\(https?://[^)\s]*\)", lambda m: " " * len(m.group()), match.group("names")
            )
            value = re.sub(r"[(\[][^)\]]*[)\]]|<[^>]*>", lambda m: " " * len(m.group()), value)
            value = re.sub(r"https?://\S*", lambda m: " " * len(m.group()), value)
            for part in re.finditer(r"[^,&/;]+", value):
                for piece in re.split(r"\s+(?:and|et)\s+", part.group()):
                    name = piece.strip(" \t()[]<>\"'").rstrip("@")  # "serathius@": a mention
                    if not _byline_part(name, p):
                        continue
                    start = a + part.start() + part.group().index(name)
                    found.add((start, start + len(name), name))
    return sorted(found)


def profile_links(document: Any) -> list[tuple[int, int, str]]:
    """(start, end, text) of link texts that name the personal profile they link to
    ("[jdoe](https://github.com/jdoe)"), unless the account owns a repository linked in the
    same document (then it is a project or an organisation)."""
    text = document.text
    _, hosts, _ = _document_patterns()
    if not hosts:
        return []
    host = "|".join(re.escape(h) for h in hosts)
    link = re.compile(
        r"\[@?(?P<text>[\w][\w.-]*)(?:['’]s)?\]"
        r"\(https?://(?:www\.)?(?:" + host + r")/@?(?P<user>[\w.-]+)/?\)"
    )
    owners = {m.group(1).lower() for m in re.finditer(r"(?:" + host + r")/([\w.-]+)/[\w.-]+", text)}
    code = _code_ranges(document)
    found = [
        (m.start("text"), m.end("text"), m.group("text"))
        for m in link.finditer(text)
        if m.group("text").lower() == m.group("user").lower()
        and m.group("user").lower() not in owners
        and not any(a <= m.start() < b for a, b in code)
    ]
    return found + _profile_references(text, host, owners, code)


def _profile_references(
    text: str, host: str, owners: set[str], code: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Reference links to a profile: "[jdoe] joins the call" with "[jdoe]:
    https://github.com/jdoe" defined further on. The label, where the prose uses it, names
    the account; the definition line itself is no prose."""
    definition = re.compile(
        r"^[ ]{0,3}\[@?(?P<label>[\w][\w.-]*)\]:[ \t]*<?https?://(?:www\.)?(?:"
        + host
        + r")/@?(?P<user>[\w.-]+)/?>?[ \t]*$",
        re.MULTILINE,
    )
    labels = {
        m.group("label").lower()
        for m in definition.finditer(text)
        if m.group("label").lower() == m.group("user").lower()
        and m.group("user").lower() not in owners
        and not any(a <= m.start() < b for a, b in code)
    }
    if not labels:
        return []
    use = re.compile(r"\[@?(?P<text>[\w][\w.-]*)\](?:\[\])?(?![:(\[])")
    return [
        (m.start("text"), m.end("text"), m.group("text"))
        for m in use.finditer(text)
        if m.group("text").lower() in labels and not any(a <= m.start() < b for a, b in code)
    ]


@cache
def _chat_events() -> tuple[re.Pattern[str], ...]:
    data = load_data("wordlists/name-context.yaml") or {}
    return tuple(re.compile(r) for r in data.get("chat_events") or ())


def chat_event_nicks(document: Any) -> set[str]:
    """Nicks that IRC status lines name ("* jdoe was kicked by ana", "*** bo has joined")."""
    code = _code_ranges(document)
    found = set()
    for pattern in _chat_events():
        for match in pattern.finditer(document.text):
            if any(a <= match.start() < b for a, b in code):
                continue
            for key, value in match.groupdict().items():
                if key.startswith("nick") and value:
                    found.add(value.replace("\\", ""))
    return found


_ADDRESSEE = re.compile(r"[ \t]*\\?(?P<nick>[^\W\d_][\w\\-]{1,30}):[ \t]")


@cache
def _greeting() -> re.Pattern[str] | None:
    words = (load_data("wordlists/name-context.yaml") or {}).get("chat_greetings") or ()
    if not words:
        return None
    body = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"[ \t]*(?i:" + body + r")[ \t]*,?[ \t]+(?P<nick>[^\W\d_][\w-]{1,30})\b")


def addressees(document: Any, p: People) -> set[str]:
    """Nicks addressed at the start of a chat message ("<ana> bo: can you check?"), and
    given names greeted or thanked there ("<bo> hi diego", name-context.yaml
    chat_greetings): a lowercase given name in a greeting is a person."""
    _, _, labels = _document_patterns()
    greeting = _greeting()
    wide = name_context(p.language).wide_names
    found = set()
    for match in _SPEAKER.finditer(document.text):
        greeted = greeting.match(document.text, match.end() - 1) if greeting else None
        if greeted is not None:
            nick = greeted.group("nick")
            if norm(nick) in p.first_names or norm(nick) in wide:
                found.add(nick)
        addressed = _ADDRESSEE.match(document.text, match.end() - 1)
        if addressed is None:
            continue
        nick = addressed.group("nick").replace("\\", "")
        low = norm(nick)
        if low in labels or low in p.common_words or low in p.tech or low in p.roles:
            continue
        found.add(nick)
    return found
