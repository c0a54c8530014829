"""Journal entries as a file: CSV for spreadsheets, Markdown for reading."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from bot.errors import UserError

FORMATS = ("csv", "md")
CSV_COLUMNS = ("day", "date", "activity", "member", "member_id", "visibility", "written_at", "entry")


@dataclass(frozen=True)
class ExportEntry:
    day: int
    date: date
    activity: str
    member_id: str
    member: str
    text: str
    private: bool
    written_at: datetime


def parse_format(word: str | None) -> str:
    """`csv` or `md` (the default is csv); a UserError naming the formats otherwise."""
    chosen = (word or "csv").strip().lower().lstrip(".")
    chosen = {"markdown": "md"}.get(chosen, chosen)
    if chosen not in FORMATS:
        raise UserError(f"I can export as `csv` or `md` (Markdown), not “{(word or '')[:20]}”.")
    return chosen


def file_name(title: str, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "challenge"
    return f"{slug}-journal.{fmt}"


def _ordered(entries: Sequence[ExportEntry]) -> list[ExportEntry]:
    return sorted(entries, key=lambda e: (e.day, e.member.casefold(), e.written_at))


def _cell(value: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is quoted with an apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(entries: Sequence[ExportEntry]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in _ordered(entries):
        writer.writerow([
            e.day, e.date.isoformat(), _cell(e.activity), _cell(e.member), e.member_id,
            "private" if e.private else "public", e.written_at.isoformat(timespec="seconds"), _cell(e.text),
        ])
    return out.getvalue().encode("utf-8")


def to_markdown(title: str, entries: Sequence[ExportEntry], *, days: int) -> bytes:
    lines = [f"# {title} — journal", ""]
    if not entries:
        lines += ["_No entries._", ""]
    for (day, when, activity), same_day in groupby(_ordered(entries), key=lambda e: (e.day, e.date, e.activity)):
        lines += [f"## Day {day} of {days} — {when:%a %d %b %Y}", "", activity.strip(), ""]
        for e in same_day:
            lines.append(f"**{e.member}**" + (" (private)" if e.private else ""))
            lines.append("")
            lines += [f"> {line}" if line else ">" for line in e.text.strip().splitlines()] or [">"]
            lines.append("")
    return "\n".join(lines).encode("utf-8")
