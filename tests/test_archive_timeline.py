"""Timelines as teams write them: timeline-order reports only real inversions."""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text


def order(body: str, meta: str = "") -> list[tuple[int, str]]:
    text = f"# Outage\n\n{meta}## Timeline\n\n{body}"
    return [(f.line, f.message) for f in lint_text(text) if f.rule == "BL106"]


def fmt(body: str) -> list[int]:
    text = f"# Outage\n\n## Timeline\n\n{body}"
    return [f.line for f in lint_text(text) if f.rule == "BL105"]


QUIET = {
    "day line": "- 22:10 deploy starts\n- 23:40 errors rise\n\nMarch 3, 2026:\n\n- 08:15 rollback\n- 09:00 fixed\n",
    "day sub-heading": "### 2026-03-02\n\n- 18:00 deploy\n- 21:00 alert\n\n### 2026-03-03\n\n- 09:00 fix\n",
    "French day heading": "### Mardi 3 mars\n\n- 18h00 déploiement\n\n### Mercredi 4 mars\n\n- 09h00 correctif\n",
    "day item over nested entries": "- March 2\n  - 18:00 deploy\n  - 21:00 alert\n- March 3\n  - 07:00 fix\n",
    "bold day line": "**Day 1**\n\n- 16:00 alert\n\n**Day 2**\n\n- 10:00 fix\n",
    "date prefix on the first entry of a day": "- 2026-03-02 21:00 alert\n- 23:00 escalation\n- 2026-03-03 08:00 fix\n- 09:00 closed\n",
    "past midnight": "- 22:50 alert\n- 23:55 page\n- 00:20 rollback\n- 01:05 closed\n",
    "past midnight on a day line": "March 2:\n\n- 23:30 alert\n- 00:40 rollback\n",
    "time zones": "- 10:00 PST alert fires\n- 18:05 UTC the provider confirms\n- 10:30 PST fixed\n",
    "offsets": "- 14:00 +02:00 alert\n- 12:10Z page\n",
    "ISO date-times": "- 2026-03-02T23:10:00Z alert\n- 2026-03-03T00:05:00Z page\n",
    "relative times": "- T+0 alert fires\n- T+5m page\n- T+1h10m rollback\n",
    "twelve-hour clock without AM/PM": "- 11:40 alert\n- 12:05 page\n- 1:10 rollback\n- 2:30 closed\n",
    "twelve-hour clock with AM/PM": "- 11:50 AM alert\n- 12:10 PM page\n- 1:05 PM fix\n",
    "table with a date column": "| Date | Time | Event |\n|---|---|---|\n| 2026-03-02 | 22:00 | alert |\n| 2026-03-03 | 06:00 | fix |\n",
    "timed sub-headings": "### 21:10 proxy restarts\n\nDetails.\n\n### 21:40 users back\n\nMore.\n",
    "days only": "- **2026-05-11** — job starts failing\n- **2026-05-25** — cause found\n",
    "paragraph lines": "**21:10** proxy restarts\n\n**21:40** users back\n",
}


@pytest.mark.parametrize("body", QUIET.values(), ids=QUIET.keys())
def test_real_timelines_are_in_order(body):
    assert order(body) == []


LOUD = {
    "swapped entries": ("- 10:05 page\n- 10:00 alert\n", 6),
    "swapped after a day line": ("March 3:\n\n- 09:00 fix\n- 08:00 alert\n", 8),
    "dates going back": ("- 2026-03-03 09:00 fix\n- 2026-03-02 21:00 alert\n", 6),
    "zones making it earlier": ("- 18:00 UTC alert\n- 09:00 PST page\n", 6),
    "relative times going back": ("- T+10m page\n- T+5m alert\n", 6),
    "table rows": ("| Time | Event |\n|---|---|\n| 10:05 | page |\n| 10:00 | alert |\n", 8),
    "days going back": ("- 2021-12-01 report\n- 2021-01-28 report\n", 6),
    "day lines going back": (
        "### 2026-03-03\n\n- 09:00 fix\n\n### 2026-03-02\n\n- 21:00 alert\n",
        11,
    ),
}


@pytest.mark.parametrize(("body", "line"), LOUD.values(), ids=LOUD.keys())
def test_real_inversions_are_reported(body, line):
    assert [found for found, _ in order(body)] == [line]


def test_message_shows_the_times_as_written():
    ((_, message),) = order("- 10:05 UTC page\n- 10:00 UTC alert\n")
    assert message == "timeline entry at 10:00 UTC comes after an entry at 10:05 UTC"


def test_format_reads_the_new_forms_and_still_flags_untimed_entries():
    assert fmt("- T+0 alert\n- T+5m page\n- 3pm fix\n") == []
    assert fmt("- 10:00 alert\n- 10:05 page\n- then the rollback\n") == [7]
    assert fmt("- 2012-04-01: bug introduced\n- ...\n- 2017-09-21: bug reported\n") == []
    assert (
        fmt(
            "| Date | Event |\n|---|---|\n| 2026-03-01 10:00 | a |\n| Between 2026-03-02 and 2026-03-04 | b |\n"
        )
        == []
    )
    # Day lines are not entries without a time.
    assert fmt("March 3:\n\n- 10:00 alert\n- 10:05 page\n") == []


def test_items_under_a_timed_heading_are_its_details():
    body = (
        "### 21:10 proxy restarts\n\n- the pool drained first\n- https://example.com/runbook\n\n"
        "1. disk metadata checked\n2. keys present on every node\n\n### 21:40 users back\n"
    )
    assert fmt(body) == []
    # A timed item under a timed heading is still an entry, and still ordered.
    assert order("### 21:10 proxy restarts\n\n- 21:20 retry\n- 21:15 alert\n") == [
        (8, "timeline entry at 21:15 comes after an entry at 21:20")
    ]
    # Under a day heading items are entries and need their time.
    assert fmt("### 2026-03-02\n\n- 18:00 deploy\n- 18:05 page\n- then the rollback\n") == [9]


def test_day_written_with_a_dot_after_the_number():
    body = "### 18. April, 19:47\n\nDeploy fails.\n\n### 19. April, 11:00\n\nFix applied.\n\n### 11:07\n\nDeployed.\n"
    assert order(body) == []
    assert order("### 19. April, 11:00\n\nFix.\n\n### 18. April, 12:00\n\nOlder.\n") != []
