"""Reminders on a real database: their times in the community's zone, rescheduling, and when one is moot."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.reports.reminders import reminder_plan, reminder_times, schedule_reminders
from bot.services.reports.reports import ReportInput, create_report
from models.report import ReminderKind, ReportReminder
from tests.support.charters import NOW, an_active_group, service_session

__all__ = ["service_session"]


def rows(session: Session) -> list[ReportReminder]:
    return list(session.scalars(select(ReportReminder).order_by(ReportReminder.due_at)))


def test_reminders_are_at_nine_in_the_communitys_zone() -> None:
    times = reminder_times(date(2026, 11, 30), ZoneInfo("Europe/Zurich"))
    assert times == {
        ReminderKind.HEADS_UP: datetime(2026, 11, 28, 8, 0, tzinfo=UTC),
        ReminderKind.PROMPT: datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
        ReminderKind.OVERDUE: datetime(2026, 12, 3, 8, 0, tzinfo=UTC),
    }


def test_an_active_subject_has_one_reminder_of_each_kind_and_a_report_moves_them(service_session: Session) -> None:
    group = an_active_group(service_session)
    schedule_reminders(service_session, group)  # idempotent
    assert [(r.kind, r.report_due) for r in rows(service_session)] == [
        (kind, date(2026, 11, 30)) for kind in ("heads_up", "prompt", "overdue")
    ]
    create_report(service_session, group, "U2", ReportInput("P", "L", "A"), final=False, now=NOW + timedelta(days=6))
    assert {r.report_due for r in rows(service_session)} == {date(2026, 12, 6)}


def test_a_reminder_is_moot_once_its_date_moved_or_a_later_one_is_due(service_session: Session) -> None:
    group = an_active_group(service_session)
    heads_up, prompt, _ = rows(service_session)
    plan = reminder_plan(service_session, heads_up, datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    assert plan is not None and (plan.kind, plan.subject.name, plan.subject.lead_ids) == (
        ReminderKind.HEADS_UP, "Data Viz", ("U1",))
    # After downtime, only the latest reminder about a date is sent.
    assert reminder_plan(service_session, heads_up, datetime(2026, 11, 30, 10, 0, tzinfo=UTC)) is None
    group.next_report_due = date(2026, 12, 7)
    assert reminder_plan(service_session, prompt, datetime(2026, 11, 30, 9, 0, tzinfo=UTC)) is None
