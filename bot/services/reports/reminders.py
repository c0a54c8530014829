"""A subject's due dates in its community's time, and the reminders about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.db import insert_missing
from bot.services.community import get_community
from bot.services.reports.subjects import SubjectInfo, describe, load_subject
from models.report import Cadence, ReminderKind, ReportReminder

HEADS_UP_DAYS = 2
OVERDUE_DAYS = 3
REMINDER_HOUR = time(9, 0)


def community_zone(session: Session, team_id: str) -> ZoneInfo:
    return ZoneInfo(get_community(session, team_id).default_timezone)


def local_today(session: Session, team_id: str, now: datetime) -> date:
    return now.astimezone(community_zone(session, team_id)).date()


def at_reminder_hour(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, REMINDER_HOUR, tzinfo=zone).astimezone(ZoneInfo("UTC"))


def reminder_times(report_due: date, zone: ZoneInfo) -> dict[ReminderKind, datetime]:
    return {
        ReminderKind.HEADS_UP: at_reminder_hour(report_due - timedelta(days=HEADS_UP_DAYS), zone),
        ReminderKind.PROMPT: at_reminder_hour(report_due, zone),
        ReminderKind.OVERDUE: at_reminder_hour(report_due + timedelta(days=OVERDUE_DAYS), zone),
    }


def start_reporting(session: Session, subject: Any, now: datetime) -> None:
    """Give `subject` its first due date, one cadence from today, and schedule its reminders."""
    subject.next_report_due = Cadence(subject.report_cadence).after(local_today(session, subject.team_id, now))
    schedule_reminders(session, subject)


def schedule_reminders(session: Session, subject: Any) -> None:
    """Due rows for `subject.next_report_due`; idempotent, and the rows of older dates are dropped."""
    cancel_reminders(session, subject)
    if subject.next_report_due is None:
        return
    zone = community_zone(session, subject.team_id)
    insert_missing(session, ReportReminder, [
        {"team_id": subject.team_id, "subject_kind": subject.subject_kind, "subject_id": subject.id,
         "kind": kind.value, "report_due": subject.next_report_due, "due_at": due_at, "attempts": 0}
        for kind, due_at in reminder_times(subject.next_report_due, zone).items()
    ])


def cancel_reminders(session: Session, subject: Any) -> None:
    """Delete the unsent reminders of `subject` that are not about its current due date."""
    stale = [ReportReminder.done_at.is_(None), ReportReminder.claimed_by.is_(None), *_rows_of(subject)]
    if subject.next_report_due is not None and subject.accepts_reports:
        stale.append(ReportReminder.report_due != subject.next_report_due)
    session.query(ReportReminder).filter(*stale).delete(synchronize_session=False)


def _rows_of(subject: Any) -> list[Any]:
    return [ReportReminder.subject_kind == subject.subject_kind, ReportReminder.subject_id == subject.id]



@dataclass(frozen=True)
class ReminderPlan:
    """What one reminder row sends: which reminder, about which subject."""

    kind: ReminderKind
    subject: SubjectInfo
    late: bool = False  # sent after its day, when the bot was down then



def reminder_plan(session: Session, row: ReportReminder, now: datetime) -> ReminderPlan | None:
    """What to send for `row` at `now`; None when it is moot.

    Moot: the subject is gone or closed, its due date moved on (a report was posted), or a later
    reminder about the same date is due already (after downtime only the latest one is sent).
    """
    subject = load_subject(session, row.team_id, row.subject_kind, row.subject_id)
    if subject is None or not subject.accepts_reports or subject.next_report_due != row.report_due:
        return None
    kind = ReminderKind(row.kind)
    zone = community_zone(session, row.team_id)
    times = reminder_times(row.report_due, zone)
    later = list(ReminderKind)[list(ReminderKind).index(kind) + 1:]
    if any(times[other] <= now for other in later):
        return None
    late = now.astimezone(zone).date() > times[kind].astimezone(zone).date()
    return ReminderPlan(kind=kind, subject=describe(subject), late=late)

