"""Journal export: who may export which entries, and the file as CSV (spreadsheets) or Markdown (reading)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from models import Challenge, ChallengeDay, JournalEntry, Participant

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


# -- what a member may export ----------------------------------------------------------------------

NOT_FOUND = ("I can't find a challenge called “{name}” that you can export. You can export the journal of a "
             "challenge you take part in or created; coordinators can export any.")


def parse_request(args: str) -> tuple[str, str | None]:
    """`NAME [csv|md]` → (name, format word or None); the format is the last word when there are two or more."""
    words = args.split()
    if len(words) >= 2 and len(words[-1]) <= 10 and words[-1].isalpha():
        return " ".join(words[:-1]), words[-1]
    return " ".join(words), None


@dataclass(frozen=True)
class ExportScope:
    challenge: Challenge
    everyone: bool  # every public entry (coordinators, the creator), or only the member's own


def find_export(session: Session, team_id: str, user_id: str, args: str, *,
                coordinator: bool) -> tuple[ExportScope, str]:
    """The challenge named in `args` that the member may export, and the format; a UserError otherwise.

    A challenge the member may not export gets the same answer as an unknown one, so that a
    challenge of a private channel is not revealed.
    """
    if not args.strip():
        raise UserError("Name the challenge: `/challenge export NAME [csv|md]`.")
    candidates: list[tuple[str, str | None]] = [(" ".join(args.split()), None)]
    name, word = parse_request(args)
    if word is not None:
        candidates.append((name, word))
    for title, fmt_word in candidates:
        for challenge in session.scalars(
            select(Challenge).where(Challenge.team_id == team_id, func.lower(Challenge.title) == title.lower())
            .order_by(Challenge.id.desc())
        ):
            scope = _scope(session, challenge, user_id, coordinator=coordinator)
            if scope is not None:
                return scope, parse_format(fmt_word)
    shown = name if word and word.lower().lstrip(".") in (*FORMATS, "markdown") else " ".join(args.split())
    raise UserError(NOT_FOUND.format(name=shown[:80]))


def _scope(session: Session, challenge: Challenge, user_id: str, *, coordinator: bool) -> ExportScope | None:
    if coordinator or challenge.creator_id == user_id:
        return ExportScope(challenge, everyone=True)
    took_part = session.scalar(select(func.count()).select_from(Participant).where(
        Participant.challenge_id == challenge.id, Participant.user_id == user_id))
    return ExportScope(challenge, everyone=False) if took_part else None


def export_rows(session: Session, scope: ExportScope, user_id: str) -> list[JournalEntry]:
    """Every public entry plus the member's own private ones, or only the member's own."""
    mine = JournalEntry.user_id == user_id
    query = select(JournalEntry).where(JournalEntry.challenge_id == scope.challenge.id)
    query = query.where(or_(JournalEntry.private.is_(False), mine) if scope.everyone else mine)
    return list(session.scalars(query.order_by(JournalEntry.day_number, JournalEntry.created_at)))


def export_entries(session: Session, scope: ExportScope, rows: Sequence[JournalEntry],
                   names: dict[str, str]) -> list[ExportEntry]:
    """The `rows` of `export_rows` as the file lists them: with the day's date, activity and author's name."""
    challenge = scope.challenge
    dates = dict(session.execute(select(ChallengeDay.number, ChallengeDay.local_date).where(
        ChallengeDay.challenge_id == challenge.id)).all())
    return [
        ExportEntry(
            day=e.day_number, date=dates.get(e.day_number, challenge.start_date),
            activity=_activity_title(challenge, e.day_number), member_id=e.user_id,
            member=names.get(e.user_id, e.user_id), text=e.text, private=e.private, written_at=e.created_at,
        )
        for e in rows
    ]


def _activity_title(challenge: Challenge, day: int) -> str:
    items = challenge.activities or []
    return str(items[day - 1].get("title", "")) if 1 <= day <= len(items) else ""


def render(scope: ExportScope, entries: Sequence[ExportEntry], fmt: str) -> bytes:
    if fmt == "md":
        return to_markdown(scope.challenge.title, entries, days=scope.challenge.days)
    return to_csv(entries)
