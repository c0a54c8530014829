"""Hours each team member gave since the last report, asked in the report form of subjects that keep a ledger.

A subject keeps one when its model says `keeps_hours = True` (charters): its report form asks one
number per team member, checked against 168 hours a week since its last report (or its start).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import collect_errors
from bot.ids import ReportField
from bot.words import plural
from models.report import Report, ReportHours

HOURS_IN_A_WEEK = 168
WEEK_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class HoursAsk:
    """What the report form asks: each member's hours over `weeks` weeks (at most `limit` hours each)."""

    member_ids: tuple[str, ...]
    weeks: int

    @property
    def limit(self) -> int:
        return HOURS_IN_A_WEEK * self.weeks


def hours_field(user_id: str) -> str:
    """The block_id of one member's hours input."""
    return f"{ReportField.HOURS}:{user_id}"


def hours_answers(values: dict[str, Any]) -> dict[str, str]:
    """A submitted form's hours answers by member, from its values by block_id."""
    prefix = f"{ReportField.HOURS}:"
    return {block[len(prefix):]: str(value or "").strip() for block, value in values.items()
            if block.startswith(prefix)}


def keeps_hours(subject: Any) -> bool:
    return bool(getattr(subject, "keeps_hours", False))


def hours_ask(session: Session, subject: Any, now: datetime) -> HoursAsk | None:
    """What the report form of `subject` asks about hours now; None when the subject keeps no ledger."""
    if not keeps_hours(subject):
        return None
    last = session.scalar(select(func.max(Report.created_at)).where(
        Report.subject_kind == subject.subject_kind, Report.subject_id == subject.id))
    since = last or getattr(subject, "started_at", None)
    seconds = (now - since).total_seconds() if since else 0
    return HoursAsk(tuple(subject.member_ids), max(1, math.ceil(seconds / WEEK_SECONDS)))


def parse_hours(text: str, ask: HoursAsk) -> float | str:
    """The hours `text` gives, or why it cannot be taken."""
    try:
        hours = float(text.replace(",", "."))
    except ValueError:
        return "Write the hours as a number, such as 6 or 2.5."
    if not math.isfinite(hours):
        return "Write the hours as a number, such as 6 or 2.5."
    if hours < 0:
        return "Hours can't be negative: write 0 if they gave none."
    if hours > ask.limit:
        return (f"That is more than {HOURS_IN_A_WEEK} hours a week: at most {ask.limit} hours in the "
                f"{plural(ask.weeks, 'week')} since the last report.")
    return round(hours, 1)


def validate_hours(answers: dict[str, str], ask: HoursAsk | None) -> dict[str, float]:
    """The hours given by member (blanks left out); every bad answer raised inline on its own field."""
    if ask is None:
        return {}
    hours: dict[str, float] = {}
    errors: dict[str, str] = {}
    for user_id in ask.member_ids:
        text = answers.get(user_id, "")
        if not text:
            continue
        parsed = parse_hours(text, ask)
        if isinstance(parsed, str):
            errors[hours_field(user_id)] = parsed
        else:
            hours[user_id] = parsed
    collect_errors(errors)
    return hours


def store_hours(session: Session, report: Report, hours: dict[str, float]) -> None:
    session.add_all(ReportHours(report_id=report.id, subject_kind=report.subject_kind, subject_id=report.subject_id,
                                user_id=user_id, hours=given) for user_id, given in hours.items())


def hours_reported(session: Session, kind: str, subject_ids: list[int]) -> dict[int, dict[str, float]]:
    """The hours reported so far by subject and member."""
    found: dict[int, dict[str, float]] = {}
    if not subject_ids:
        return found
    rows = session.execute(
        select(ReportHours.subject_id, ReportHours.user_id, func.sum(ReportHours.hours))
        .where(ReportHours.subject_kind == kind, ReportHours.subject_id.in_(subject_ids))
        .group_by(ReportHours.subject_id, ReportHours.user_id)
    )
    for subject_id, user_id, total in rows:
        found.setdefault(subject_id, {})[user_id] = float(total or 0)
    return found
