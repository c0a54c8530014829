"""Journal export files: CSV and Markdown."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.services.challenges.journal_export import (
    CSV_COLUMNS,
    ExportEntry,
    file_name,
    parse_format,
    to_csv,
    to_markdown,
)

AT = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
ENTRIES = [
    ExportEntry(2, date(2026, 11, 3), "Tell a story in 2 minutes", "U2", "Grace", "=HYPERLINK(\"x\")", False, AT),
    ExportEntry(1, date(2026, 11, 2), "Record yourself", "U1", "Ada", "Felt odd.\n\nBut useful.", True, AT),
    ExportEntry(1, date(2026, 11, 2), "Record yourself", "U2", "Grace", "Done, 3 takes", False, AT),
]


@pytest.mark.parametrize("word, fmt", [(None, "csv"), ("", "csv"), ("CSV", "csv"), ("md", "md"), ("markdown", "md")])
def test_formats(word: str | None, fmt: str) -> None:
    assert parse_format(word) == fmt


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UserError) as raised:
        parse_format("pdf")
    assert "csv" in raised.value.message and "md" in raised.value.message and "pdf" in raised.value.message


def test_csv_has_a_header_and_one_row_an_entry_by_day() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(ENTRIES).decode("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r[0], r[3], r[5]) for r in rows[1:]] == [("1", "Ada", "private"), ("1", "Grace", "public"),
                                                      ("2", "Grace", "public")]
    assert rows[1][7] == "Felt odd.\n\nBut useful."
    # A spreadsheet would run this as a formula: it is kept as text.
    assert rows[3][7] == "'=HYPERLINK(\"x\")"


def test_markdown_groups_entries_by_day() -> None:
    text = to_markdown("Public speaking", ENTRIES, days=30).decode("utf-8")
    assert text.startswith("# Public speaking — journal")
    headings = ("## Day 1 of 30 — Mon 02 Nov 2026", "**Ada** (private)", "## Day 2 of 30")
    day1, ada, day2 = (text.index(heading) for heading in headings)
    assert day1 < ada < day2
    assert "> Felt odd.\n>\n> But useful." in text
    assert to_markdown("Empty", [], days=30).decode().count("_No entries._") == 1


def test_file_names_are_plain() -> None:
    assert file_name("Public Speaking: 30 days!", "md") == "public-speaking-30-days-journal.md"
    assert file_name("🎤", "csv") == "challenge-journal.csv"
