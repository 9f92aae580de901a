"""Metadata as teams write it, and TODO as a status value."""

from __future__ import annotations

import datetime as dt

from blamelint.document.parse import parse_document
from blamelint.run.lint import lint_text

SECTIONS = "## Summary\n\nThe cache expired.\n"


def meta(text: str, path: str = "pm.md"):
    return parse_document(path, text).metadata


def test_plain_key_lines_before_the_first_section():
    found = meta(
        "# Outage\n\nDate: 2026-03-01\n- Duration: 45 min\nImpact: logins failed\n\n" + SECTIONS
    )
    assert found["date"].value == dt.date(2026, 3, 1) and found["date"].line == 3
    assert found["duration"].raw == "45 min" and found["impact"].source == "plain"


def test_plain_lines_after_the_first_section_are_prose_not_metadata():
    found = meta("# Outage\n\n## Summary\n\nImpact: logins failed for an hour.\n")
    assert "impact" not in found


def test_key_value_table_and_header_table():
    pairs = (
        "# Outage\n\n| Field | Value |\n|---|---|\n| Date | 2026-03-01 |\n| Severity | SEV-2 |\n\n"
    )
    found = meta(pairs + SECTIONS)
    assert found["date"].value == dt.date(2026, 3, 1) and found["date"].line == 5
    doc = parse_document("pm.md", pairs + SECTIONS)
    field = doc.metadata["severity"]
    assert doc.text[field.value_offset : field.value_end] == "SEV-2"
    header = "# Outage\n\n| Date | Duration | Impact |\n|---|---|---|\n| 2026-03-01 | 20 min | slow pages |\n\n"
    found = meta(header + SECTIONS)
    assert (found["duration"].raw, found["impact"].raw) == ("20 min", "slow pages")


def test_written_dates_with_a_year_are_dates():
    assert meta("# O\n\n**Date**: February 9, 2017\n\n" + SECTIONS)["date"].value == dt.date(
        2017, 2, 9
    )
    assert meta("# O\n\nDate : 9 février 2017\n\n" + SECTIONS)["date"].value == dt.date(2017, 2, 9)
    assert meta("# O\n\nDate: February 9\n\n" + SECTIONS)["date"].value == "February 9"


def test_date_from_the_file_name_is_a_fallback():
    found = meta("# Outage\n\n" + SECTIONS, path="archive/2026-03-01-db-outage.md")
    assert found["date"].value == dt.date(2026, 3, 1) and found["date"].source == "file_name"
    written = meta("# O\n\nDate: 2026-02-27\n\n" + SECTIONS, path="2026-03-01-db-outage.md")
    assert written["date"].value == dt.date(2026, 2, 27)
    assert "date" not in meta("# O\n\n" + SECTIONS, path="2026-13-45-outage.md")


def test_missing_metadata_is_satisfied_by_the_new_forms():
    text = "# Outage\n\nDuration: 45 min\nImpact: logins failed\n\n" + SECTIONS
    assert [
        f for f in lint_text(text, path="2026-03-01-x.md") if f.rule in ("BL201", "BL202")
    ] == []
    (finding,) = [f for f in lint_text(text, path="outage.md") if f.rule == "BL201"]
    assert finding.message == "required metadata missing: 'Date'"


def placeholders(text: str) -> list[str]:
    return [f.message for f in lint_text(text) if f.rule == "BL103"]


def test_todo_as_a_status_value_is_a_status():
    table = "# O\n\n## Action items\n\n| Action | Owner | Status |\n|---|---|---|\n| Rotate the key | sec-team | TODO |\n"
    assert placeholders(table) == []
    french = "# O\n\n## Plan d'action\n\n| Action | Responsable | Statut |\n|---|---|---|\n| Changer la clé | equipe-sec | À faire |\n"
    assert placeholders(french) == []
    other = "# O\n\n## Notes\n\n| Task | State |\n|---|---|\n| backups | TODO |\n"
    assert placeholders(other) == []
    assert placeholders("# O\n\nStatus: TODO\n\n" + SECTIONS) == []


def test_todo_elsewhere_is_still_a_placeholder():
    table = "# O\n\n## Action items\n\n| Action | Owner | Status |\n|---|---|---|\n| TODO | sec-team | open |\n"
    assert placeholders(table) == ["unfilled template placeholder 'TODO'"]
    assert placeholders("# O\n\n## Summary\n\nTODO\n") == ["unfilled template placeholder 'TODO'"]


def test_front_matter_with_a_handle_value_is_read_as_plain_lines():
    found = meta("---\ndate: 2026-03-01\nauthors: @kim\n---\n# Outage\n\n" + SECTIONS)
    assert found["date"].value == dt.date(2026, 3, 1) and found["authors"].raw == "@kim"
