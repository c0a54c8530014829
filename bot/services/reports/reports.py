"""Reports back to the community: who may post one, storing it, and the week's reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.errors import UserError, collect_errors
from bot.ids import ReportField
from bot.services.reports.feedback import FeedbackCounts, feedback_counts
from bot.services.reports.hours import hours_ask, store_hours, validate_hours
from bot.services.reports.reminders import local_today, schedule_reminders
from models.report import Cadence, Report

MAX_REPORT_TEXT = 3000


@dataclass(frozen=True)
class ReportInput:
    progress: str
    learnings: str
    asks: str
    hours: dict[str, str] = field(default_factory=dict)  # by member: the hours they gave, as typed


def require_reporter(subject: Any, user_id: str, *, final: bool = False, is_coordinator: bool = False) -> None:
    """Members report while the subject accepts reports; a final report is for its leads and coordinators."""
    if not subject.accepts_reports:
        raise UserError(f"*{{}}* is not taking reports: it is {subject.status_label}.", names=[subject.name])
    if final and not (user_id in subject.lead_ids or is_coordinator):
        raise UserError("Only the leads of *{}* and coordinators can close it.", names=[subject.name])
    if not final and user_id not in subject.member_ids:
        raise UserError("Only members of *{}* can report for it. Join it first.", names=[subject.name])


def validate_report(values: ReportInput) -> ReportInput:
    fields = {ReportField.PROGRESS: values.progress, ReportField.LEARNINGS: values.learnings,
              ReportField.ASKS: values.asks}
    errors: dict[str, str] = {}
    for block, text in fields.items():
        if not (text or "").strip():
            errors[block] = "Please fill this in."
        elif len(text) > MAX_REPORT_TEXT:
            errors[block] = f"Keep this under {MAX_REPORT_TEXT} characters (it has {len(text)})."
    collect_errors(errors)
    return ReportInput(values.progress.strip(), values.learnings.strip(), values.asks.strip(), values.hours)


def create_report(session: Session, subject: Any, author_id: str, values: ReportInput, *, final: bool,
                  now: datetime, view_id: str | None = None, is_coordinator: bool = False) -> tuple[Report, bool]:
    """Store a report of `subject` and move its next due date on (or close it, for a final report).

    Returns the report and whether it is new: a repeated submission of the same modal
    (`view_id`) returns the report already stored.
    """
    if view_id is not None:
        earlier = session.scalar(select(Report).where(Report.team_id == subject.team_id, Report.view_id == view_id))
        if earlier is not None:
            return earlier, False
    require_reporter(subject, author_id, final=final, is_coordinator=is_coordinator)
    values = validate_report(values)
    hours = validate_hours(values.hours, None if final else hours_ask(session, subject, now))
    report = Report(
        team_id=subject.team_id, subject_kind=subject.subject_kind, subject_id=subject.id, subject_name=subject.name,
        author_id=author_id, final=final, progress=values.progress, learnings=values.learnings, asks=values.asks,
        created_at=now, view_id=view_id,
    )
    session.add(report)
    session.flush()
    store_hours(session, report, hours)
    if final:
        subject.closed_by_final_report(now)
        subject.next_report_due = None
    else:
        subject.next_report_due = Cadence(subject.report_cadence).after(local_today(session, subject.team_id, now))
    schedule_reminders(session, subject)
    session.flush()
    return report, True


def set_report_message(session: Session, report_id: int, channel_id: str, ts: str) -> None:
    session.execute(update(Report).where(Report.id == report_id).values(channel_id=channel_id, message_ts=ts))


def get_report(session: Session, team_id: str, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or report.team_id != team_id:
        raise UserError("I can't find that report any more.")
    return report



@dataclass(frozen=True)
class ReportLine:
    report: Report
    counts: FeedbackCounts


def reports_between(session: Session, team_id: str, since: datetime, until: datetime) -> list[ReportLine]:
    reports = list(
        session.scalars(
            select(Report)
            .where(Report.team_id == team_id, Report.created_at >= since, Report.created_at < until)
            .order_by(Report.created_at, Report.id)
        )
    )
    counts = feedback_counts(session, [r.id for r in reports])
    return [ReportLine(report, counts[report.id]) for report in reports]

