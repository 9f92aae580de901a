"""Timeliness rules BL601-BL604 on dated metadata, edges included (48 h, 5 days, 90 min)."""

from __future__ import annotations

import datetime as dt

import pytest

from blamelint.base.errors import ConfigError
from blamelint.base.resources import rules_dir
from blamelint.document.parse import parse_document
from blamelint.document.timeparse import business_seconds, parse_duration, parse_moment
from blamelint.rules.kinds import REGISTRY, RunContext, Settings
from blamelint.rules.model import parse_rule_file
from blamelint.run.config import load_config

RULES = {rule.code: rule for rule in parse_rule_file(rules_dir() / "timeliness.yaml")}
BODY = {"en": "\n## Summary\n\nThe cache expired.\n", "fr": "\n## Résumé\n\nLe cache a expiré.\n"}


def run(code: str, metadata: str, language: str = "en", **settings) -> list[tuple[str, str]]:
    """(text under the hit, formatted message) for each hit of rule `code`."""
    text = f"# Postmortem\n\n{metadata.strip()}\n{BODY[language]}"
    doc = parse_document("pm.md", text, language=language)
    rule = RULES[code]
    hits = REGISTRY[rule.kind](doc, rule, RunContext(settings=Settings(**settings)))
    message = rule.message_for(doc.language)  # as the linter words it: in the document's language
    return [(doc.text[h.start : h.end], message.format(**h.values)) for h in hits]


# -- BL601 review-late ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resolved", "review", "late"),
    [
        ("2026-03-01 14:00 UTC", "2026-03-03 14:00 UTC", False),  # exactly 48 h
        ("2026-03-01 14:00 UTC", "2026-03-03 14:01 UTC", True),
        ("2026-03-01 14:00", "2026-03-03 13:59", False),
        ("2026-03-01T14:00:00Z", "2026-03-03T14:00:01Z", True),
        # 14:00 +01:00 is 13:00 UTC: 48 h exactly, then one minute over.
        ("2026-03-01 14:00 +01:00", "2026-03-03 13:00 UTC", False),
        ("2026-03-01 14:00 CET", "2026-03-03 13:01 UTC", True),
        # Day precision: late only when late whatever the hours were.
        ("2026-03-01", "2026-03-03", False),
        ("2026-03-01", "2026-03-04", True),
        ("2026-03-01 23:00 UTC", "2026-03-03", False),
    ],
)
def test_review_window(resolved: str, review: str, late: bool) -> None:
    hits = run("BL601", f"**Resolved**: {resolved}\n**Review meeting**: {review}")
    assert bool(hits) is late
    if late:
        assert hits[0][0] == review
        assert "the limit is 48 hours" in hits[0][1]


def test_review_late_french_fields() -> None:
    hits = run("BL601", "**Résolu** : 2026-03-02 09h00\n**Réunion** : 2026-03-05 09h00", "fr")
    assert hits == [
        (
            "2026-03-05 09h00",
            "réunion de revue tenue 72 h après la résolution ; la limite est de 48 heures",
        )
    ]
    assert run("BL601", "**Fin** : 2026-03-02 09:00\n**Revue** : 2026-03-04 09:00", "fr") == []


def test_review_business_days() -> None:
    # 2026-03-06 is a Friday: Fri 17:00 -> Tue 17:00 is 96 h, but 48 business hours.
    metadata = "**Resolved**: 2026-03-06 17:00 UTC\n**Review meeting**: 2026-03-10 {time} UTC"
    assert run("BL601", metadata.format(time="17:00"))
    assert run("BL601", metadata.format(time="17:00"), timeliness={"business_days": True}) == []
    late = run("BL601", metadata.format(time="17:01"), timeliness={"business_days": True})
    assert late and "48 business hours" in late[0][1]


def test_review_window_is_configurable() -> None:
    metadata = "**Resolved**: 2026-03-01 10:00\n**Review meeting**: 2026-03-02 11:00"
    assert run("BL601", metadata) == []
    assert run("BL601", metadata, timeliness={"review_within_hours": 24})


def test_review_front_matter() -> None:
    text = (
        "---\ndate: 2026-03-01\nresolved: 2026-03-01 14:00:00\nreview: '2026-03-04 09:00'\n---\n"
        "# Postmortem\n\n## Summary\n\nThe cache expired.\n"
    )
    doc = parse_document("pm.md", text)
    rule = RULES["BL601"]
    hits = list(REGISTRY[rule.kind](doc, rule, RunContext()))
    assert len(hits) == 1
    assert RULES["BL601"].message.format(**hits[0].values).startswith("review meeting held 67 h")


@pytest.mark.parametrize(
    "metadata",
    [
        "**Resolved**: 2026-03-01 14:00 UTC",  # no review line: BL604's job
        "**Review meeting**: 2026-03-09 10:00 UTC",  # no resolution line
        "**Resolved**: YYYY-MM-DD HH:MM UTC\n**Review meeting**: 2026-03-09 10:00",  # template
        "**Resolved**: last night\n**Review meeting**: 2026-03-09 10:00",  # unreadable
        "**Resolved**: 2026-03-09 10:00\n**Review meeting**: 2026-03-01 10:00",  # reversed
    ],
)
def test_review_never_guesses(metadata: str) -> None:
    assert run("BL601", metadata) == []


# -- BL602 publication-late -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "published", "late"),
    [
        ("2026-03-01", "2026-03-06", False),  # exactly 5 days
        ("2026-03-01", "2026-03-07", True),
        ("2026-03-01", "2026-03-01", False),
        ("2026-03-01 10:00 UTC", "2026-03-06 10:00 UTC", False),
        ("2026-03-01 10:00 UTC", "2026-03-06 10:01 UTC", True),
        ("2026-03-01", "2026-03-06 23:59 UTC", False),  # a date alone counts in days
    ],
)
def test_publication_window(date: str, published: str, late: bool) -> None:
    hits = run("BL602", f"**Date**: {date}\n**Published**: {published}")
    assert bool(hits) is late
    if late:
        assert hits[0][0] == published


def test_publication_late_french() -> None:
    hits = run("BL602", "**Date** : 2026-03-02\n**Publié** : 2026-03-10", "fr")
    assert hits == [
        (
            "2026-03-10",
            "post-mortem publié 8 jours après l'incident ; la limite est de 5 jours",
        )
    ]
    assert run("BL602", "**Date** : 2026-03-02\n**Publication** : 2026-03-07", "fr") == []


def test_publication_business_days() -> None:
    # Friday 2026-03-06 -> Friday 2026-03-13: 7 days, 5 business days.
    metadata = "**Date**: 2026-03-06\n**Published**: {day}"
    business = {"timeliness": {"business_days": True}}
    assert run("BL602", metadata.format(day="2026-03-13"))
    assert run("BL602", metadata.format(day="2026-03-13"), **business) == []
    assert run("BL602", metadata.format(day="2026-03-15"), **business) == []  # a Sunday
    late = run("BL602", metadata.format(day="2026-03-16"), **business)
    assert late and "6 business days" in late[0][1] and "5 business days" in late[0][1]


def test_publication_window_is_configurable() -> None:
    metadata = "**Date**: 2026-03-01\n**Published**: 2026-03-04"
    assert run("BL602", metadata, timeliness={"publish_within_days": 2})
    assert run("BL602", metadata, timeliness={"publish_within_days": 3}) == []


@pytest.mark.parametrize(
    "metadata",
    [
        "**Date**: 2026-03-01",
        "**Published**: 2026-04-01",
        "**Date**: 2026-03-01\n**Published**: YYYY-MM-DD",
        "**Date**: 2026-03-01\n**Published**: soon",
        "**Date**: 2026-03-09\n**Published**: 2026-03-01",
    ],
)
def test_publication_never_guesses(metadata: str) -> None:
    assert run("BL602", metadata) == []


# -- BL603 meeting-too-long -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "too_long"),
    [
        ("90 min", False),  # exactly the limit
        ("91 min", True),
        ("1 h 30", False),
        ("1h31", True),
        ("1 h 30 min", False),
        ("1.5 h", False),
        ("2 hours", True),
        ("45 minutes (10:00-10:45)", False),
        ("90", False),  # bare number: unreadable, BL604 asks for a unit
        ("TBD", False),
    ],
)
def test_meeting_length(duration: str, too_long: bool) -> None:
    hits = run("BL603", f"**Meeting duration**: {duration}")
    assert bool(hits) is too_long
    if too_long:
        assert hits[0][0] == duration
        assert hits[0][1].endswith("the limit is 90 min")


def test_meeting_length_from_team_config() -> None:
    # `postmortem.max_duration` reaches the kind as settings.max_duration.
    assert run("BL603", "**Meeting duration**: 61 min", max_duration=60)
    assert run("BL603", "**Meeting duration**: 60 min", max_duration=60) == []
    # The config passes None when the team's file has no max_duration: the default applies.
    assert run("BL603", "**Meeting duration**: 90 min", max_duration=None) == []


def test_meeting_length_from_slot_french() -> None:
    assert run("BL603", "**Réunion** : 2026-03-03 10:00–11:30 UTC", "fr") == []
    hits = run("BL603", "**Réunion** : 2026-03-03 10h00–11h31 UTC", "fr")
    assert hits == [
        (
            "2026-03-03 10h00–11h31 UTC",
            "la réunion de revue a duré 91 min ; la limite est de 90 min",
        )
    ]
    assert run("BL603", "**Durée de la réunion** : 1 h 45", "fr")


# -- BL604 timeliness-metadata-missing --------------------------------------------------------

COMPLETE = (
    "**Date**: 2026-03-01\n**Resolved**: 2026-03-01 15:00 UTC\n"
    "**Review meeting**: 2026-03-02 10:00 UTC\n**Meeting duration**: 45 min\n"
    "**Published**: 2026-03-04"
)


def test_fields_complete_is_quiet() -> None:
    assert run("BL604", COMPLETE) == []


def test_fields_missing_are_named_once_on_the_metadata_line() -> None:
    hits = run("BL604", "**Date**: 2026-03-01\n**Duration**: 40 min")
    assert hits == [
        (
            "**Date**: 2026-03-01",
            "timeliness cannot be checked: add metadata lines for: Resolved, Review meeting, "
            "Published, Meeting duration",
        )
    ]


def test_fields_missing_french_names() -> None:
    hits = run("BL604", "**Date** : 2026-03-01\n**Résolu** : 2026-03-01 10:00", "fr")
    assert len(hits) == 1
    assert hits[0][1].endswith("Réunion, Publié, Durée de la réunion")


def test_fields_missing_without_metadata_points_at_line_one() -> None:
    doc = parse_document("pm.md", "# Postmortem\n\n## Summary\n\nText.\n")
    rule = RULES["BL604"]
    hits = list(REGISTRY[rule.kind](doc, rule, RunContext()))
    assert len(hits) == 1 and doc.position(hits[0].start) == (1, 1)


def test_fields_slot_stands_for_meeting_duration() -> None:
    metadata = COMPLETE.replace("**Meeting duration**: 45 min\n", "").replace(
        "2026-03-02 10:00 UTC", "2026-03-02 10:00-10:45 UTC"
    )
    assert run("BL604", metadata) == []


def test_fields_unreadable_value_is_reported_on_the_value() -> None:
    hits = run("BL604", COMPLETE.replace("2026-03-01 15:00 UTC", "hier soir"))
    assert len(hits) == 1
    assert hits[0][0] == "hier soir"
    assert "cannot read Resolved value 'hier soir'" in hits[0][1]
    hits = run("BL604", COMPLETE.replace("45 min", "45"))
    assert hits[0][0] == "45" and "a duration such as" in hits[0][1]


def test_fields_placeholders_are_left_to_the_placeholder_rule() -> None:
    template = (
        "**Date**: 2026-03-01\n**Resolved**: YYYY-MM-DD HH:MM UTC\n"
        "**Review meeting**: YYYY-MM-DD HH:MM UTC\n**Meeting duration**: TBD\n"
        "**Published**: YYYY-MM-DD"
    )
    assert run("BL604", template) == []


def test_fields_dates_out_of_order() -> None:
    hits = run("BL604", COMPLETE.replace("2026-03-02 10:00 UTC", "2026-02-28 10:00 UTC"))
    assert len(hits) == 1
    assert "Review meeting (2026-02-28 10:00 UTC) is before Resolved" in hits[0][1]
    hits = run("BL604", COMPLETE.replace("**Published**: 2026-03-04", "**Published**: 2026-02-04"))
    assert hits[0][0] == "2026-02-04"


def test_fields_required_fields_setting() -> None:
    only = {"required_fields": ["published"]}
    assert run("BL604", "**Date**: 2026-03-01\n**Published**: 2026-03-02", timeliness=only) == []
    hits = run("BL604", "**Date**: 2026-03-01", timeliness=only)
    assert hits[0][1].endswith("add metadata lines for: Published")


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ("timeliness:\n  required_fields: [nonsense]\n", "required_fields"),
        ("timeliness:\n  required_fields: published\n", "required_fields"),
        ("timeliness:\n  review_within_hours: '48'\n", "review_within_hours"),
        ("timeliness:\n  business_days: 1\n", "business_days"),
        ("timeliness:\n  publish_within_days: 0\n", "publish_within_days"),
        ("postmortem:\n  max_duration: true\n", "max_duration"),
        ("rules:\n  BL601:\n    options: {review_within_hours: -1}\n", "review_within_hours"),
    ],
)
def test_bad_settings_are_refused_when_the_config_loads(tmp_path, config: str, key: str) -> None:
    """Validated at load, naming the file, line and key: the kinds never raise while linting."""
    path = tmp_path / ".blamelint.yml"
    path.write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert key in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line == 2 + ("rules" in config)


# -- rule data --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_examples(code: str) -> None:
    rule = RULES[code]
    assert rule.tags == ("timeliness",)
    for verdict, examples in rule.examples.items():
        for example in examples:
            language = "fr" if "**Date** :" in example or "**Réunion**" in example else "en"
            assert bool(run(code, example, language)) is (verdict == "fail"), example


# -- parsing ----------------------------------------------------------------------------------


def test_parse_moment_forms() -> None:
    assert parse_moment("2026-03-01").time is None
    moment = parse_moment("2026-03-01 à 14h30 UTC (visio)")
    assert moment and moment.time == dt.time(14, 30) and moment.offset_minutes == 0
    assert parse_moment("2026-03-01 14:30 +0530").utc() == dt.datetime(2026, 3, 1, 9, 0)
    assert parse_moment("2026-03-03 23:30-00:45").minutes == 75
    for bad in ("2026-02-30", "2026-03-01 25:00", "2026-03-01 14:30 PST", "03/01/2026", "soon"):
        assert parse_moment(bad) is None, bad


def test_parse_duration_forms() -> None:
    assert parse_duration("2 heures") == 120
    assert parse_duration("1,5 h") == 90
    assert parse_duration("1:30") == 90
    for bad in ("90", "", "1 hamster", "1:75", "about an hour"):
        assert parse_duration(bad) is None, bad


def test_business_seconds_skip_weekends() -> None:
    friday = dt.datetime(2026, 3, 6, 12, 0)
    monday = dt.datetime(2026, 3, 9, 12, 0)
    assert business_seconds(monday) - business_seconds(friday) == 24 * 3600
    saturday, sunday = dt.datetime(2026, 3, 7, 9, 0), dt.datetime(2026, 3, 8, 18, 0)
    assert business_seconds(saturday) == business_seconds(sunday)
