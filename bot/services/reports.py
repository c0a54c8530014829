"""Report-back machinery, one for every kind of subject: reports, feedback, reminders and digest lines.

A *subject* is what reports back to the community: a practice group, a charter. To plug a new
kind in, decorate its model with `@report_subject("kind")` (models/report.py) and give it:

    id: int, team_id: str, name: str         columns
    report_cadence: str                      a models.report.Cadence value
    next_report_due: date | None             column; this module moves it when a report is posted
    channel_id: str | None                   the subject's own channel (its "place"), if any
    noun: ClassVar[str]                      "practice group", "charter"
    report_command: property -> str          how a member reports, e.g. "/practice report Data Viz"
    lead_ids, member_ids: property -> list   Slack user ids (leads are members too)
    accepts_reports: property -> bool        open for reports now (e.g. active, not archived)
    status_label: property -> str            its status in words: "proposed", "active", "archived"
    closed_by_final_report(now): method      what a final (closing) report does to it

Then `schedule_reminders(session, subject, tz=…)` when it first gets a due date (e.g. when it
becomes active). Everything else is generic and keyed by (subject_kind, subject_id):

- `/…report` → `bot/listeners/reports.py: open_report_modal(...)` (also the Report buttons of
  reminders and App Home, action `ReportAction.OPEN` with `subject_value(subject)`);
- on submit: `create_report` stores it and moves `next_report_due` on by the cadence, then the
  report is posted with Endorse / Critique / Suggest a refinement; feedback is stored, replied in
  the report's thread and counted on the report message;
- reminders (ReportReminder due rows, bot/jobs/reports.py): a heads-up DM to the leads two days
  before the due date, a prompt in the subject's channel (else a DM to each member) on the day,
  an overdue DM to the leads three days after; a reminder whose due date has moved is dropped;
- the weekly digest (bot/services/digest.py) lists reports with their feedback counts and every
  overdue subject; a domain adds its own lines with a section function there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import insert_missing
from bot.errors import UserError, collect_errors
from bot.ids import ReportField
from bot.services.community import get_community
from bot.words import plural
from models.report import SUBJECT_TYPES, Cadence, Feedback, FeedbackKind, ReminderKind, Report, ReportReminder

HEADS_UP_DAYS = 2
OVERDUE_DAYS = 3
REMINDER_HOUR = time(9, 0)
MAX_REPORT_TEXT = 3000
MAX_FEEDBACK_TEXT = 2000


@dataclass(frozen=True)
class SubjectInfo:
    """A snapshot of a subject, safe to use once its session is closed."""

    kind: str
    id: int
    team_id: str
    name: str
    noun: str
    lead_ids: tuple[str, ...]
    member_ids: tuple[str, ...]
    cadence: Cadence
    channel_id: str | None
    next_report_due: date | None
    accepts_reports: bool
    report_command: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.id}"


def describe(subject: Any) -> SubjectInfo:
    return SubjectInfo(
        kind=subject.subject_kind,
        id=subject.id,
        team_id=subject.team_id,
        name=subject.name,
        noun=subject.noun,
        lead_ids=tuple(subject.lead_ids),
        member_ids=tuple(subject.member_ids),
        cadence=Cadence(subject.report_cadence),
        channel_id=subject.channel_id,
        next_report_due=subject.next_report_due,
        accepts_reports=subject.accepts_reports,
        report_command=subject.report_command,
    )


def subject_value(subject: Any) -> str:
    """The button value that names `subject`: "kind:id"."""
    return f"{subject.subject_kind}:{subject.id}"


def load_subject(session: Session, team_id: str, kind: str, subject_id: int) -> Any | None:
    model = SUBJECT_TYPES.get(kind)
    if model is None:
        return None
    subject = session.get(model, subject_id)
    return subject if subject is not None and subject.team_id == team_id else None


def subject_from_value(session: Session, team_id: str, value: str) -> Any:
    """The subject a "kind:id" button value names; a UserError when it is gone."""
    kind, _, raw_id = value.partition(":")
    subject = load_subject(session, team_id, kind, int(raw_id)) if raw_id.isdigit() else None
    if subject is None:
        raise UserError("I can't find that any more; it may have been removed.")
    return subject


# -- dates ---------------------------------------------------------------------------------------


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


# -- reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportInput:
    progress: str
    learnings: str
    asks: str


def require_reporter(subject: Any, user_id: str, *, final: bool = False, is_coordinator: bool = False) -> None:
    """Members report while the subject accepts reports; a final report is for its leads and coordinators."""
    if not subject.accepts_reports:
        raise UserError(f"*{subject.name}* is not taking reports: it is {subject.status_label}.")
    if final and not (user_id in subject.lead_ids or is_coordinator):
        raise UserError(f"Only the leads of *{subject.name}* and coordinators can close it.")
    if not final and user_id not in subject.member_ids:
        raise UserError(f"Only members of *{subject.name}* can report for it. Join it first.")


def validate_report(values: ReportInput) -> ReportInput:
    fields = {ReportField.PROGRESS: values.progress, ReportField.LEARNINGS: values.learnings,
              ReportField.ASKS: values.asks}
    errors: dict[str, str] = {}
    for field, text in fields.items():
        if not (text or "").strip():
            errors[field] = "Please fill this in."
        elif len(text) > MAX_REPORT_TEXT:
            errors[field] = f"Keep this under {MAX_REPORT_TEXT} characters (it has {len(text)})."
    collect_errors(errors)
    return ReportInput(values.progress.strip(), values.learnings.strip(), values.asks.strip())


def create_report(session: Session, subject: Any, author_id: str, values: ReportInput, *, final: bool,
                  now: datetime, view_id: str | None = None, is_coordinator: bool = False) -> tuple[Report, bool]:
    """Store a report of `subject` and move its next due date on (or close it, for a final report).

    Returns the report and whether it is new: a repeated submission of the same modal
    (`view_id`) returns the report already stored.
    """
    if view_id is not None:
        earlier = session.scalar(select(Report).where(Report.view_id == view_id))
        if earlier is not None:
            return earlier, False
    require_reporter(subject, author_id, final=final, is_coordinator=is_coordinator)
    values = validate_report(values)
    report = Report(
        team_id=subject.team_id, subject_kind=subject.subject_kind, subject_id=subject.id, subject_name=subject.name,
        author_id=author_id, final=final, progress=values.progress, learnings=values.learnings, asks=values.asks,
        created_at=now, view_id=view_id,
    )
    session.add(report)
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


# -- feedback ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackCounts:
    endorsements: int = 0
    critiques: int = 0
    refinements: int = 0

    @property
    def total(self) -> int:
        return self.endorsements + self.critiques + self.refinements

    @property
    def summary(self) -> str:
        """E.g. "1 endorsement · 0 critiques · 2 suggested refinements"."""
        return " · ".join([plural(self.endorsements, "endorsement"), plural(self.critiques, "critique"),
                           plural(self.refinements, "suggested refinement")])


def validate_feedback(kind: FeedbackKind, text: str) -> str:
    text = (text or "").strip()
    if kind is not FeedbackKind.ENDORSE and not text:
        raise UserError("Please write your feedback.", field=ReportField.FEEDBACK)
    if len(text) > MAX_FEEDBACK_TEXT:
        raise UserError(f"Keep this under {MAX_FEEDBACK_TEXT} characters (it has {len(text)}).",
                        field=ReportField.FEEDBACK)
    return text


def add_feedback(session: Session, report: Report, user_id: str, kind: FeedbackKind, text: str, *,
                 now: datetime, view_id: str | None = None) -> tuple[Feedback, bool]:
    """Store feedback on `report`; one endorsement a member, and one row per submitted modal.

    Returns the feedback and whether it is new (False for a repeated submission of one modal).
    """
    if view_id is not None:
        earlier = session.scalar(select(Feedback).where(Feedback.view_id == view_id))
        if earlier is not None:
            return earlier, False
    text = validate_feedback(kind, text)
    endorse = kind is FeedbackKind.ENDORSE
    already = UserError("You have already endorsed this report.", field=ReportField.FEEDBACK)
    if endorse and session.scalar(
        select(Feedback.id).where(Feedback.report_id == report.id, Feedback.endorser_id == user_id)
    ):
        raise already
    feedback = Feedback(team_id=report.team_id, report_id=report.id, user_id=user_id, kind=kind, text=text,
                        created_at=now, view_id=view_id, endorser_id=user_id if endorse else None)
    session.add(feedback)
    try:
        session.flush()
    except IntegrityError:
        # Two endorse forms of one member submitted at once: the database keeps the first.
        raise already from None
    return feedback, True


def feedback_counts(session: Session, report_ids: list[int]) -> dict[int, FeedbackCounts]:
    """Endorsements, critiques and refinements of each report."""
    rows = session.execute(
        select(Feedback.report_id, Feedback.kind, func.count())
        .where(Feedback.report_id.in_(report_ids))
        .group_by(Feedback.report_id, Feedback.kind)
    ).all()
    counts: dict[int, dict[str, int]] = {report_id: {} for report_id in report_ids}
    for report_id, kind, count in rows:
        counts[report_id][kind] = count
    return {
        report_id: FeedbackCounts(c.get(FeedbackKind.ENDORSE, 0), c.get(FeedbackKind.CRITIQUE, 0),
                                  c.get(FeedbackKind.REFINE, 0))
        for report_id, c in counts.items()
    }


# -- reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderPlan:
    """What one reminder row sends: which reminder, about which subject."""

    kind: ReminderKind
    subject: SubjectInfo
    late: bool = False  # sent after its day, when the bot was down then


def subject_noun(kind: str) -> str:
    model = SUBJECT_TYPES.get(kind)
    return str(model.noun) if model is not None else kind


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


# -- the digest ----------------------------------------------------------------------------------


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


def overdue_subjects(session: Session, team_id: str, today: date) -> list[SubjectInfo]:
    """Subjects of every kind whose report is past due."""
    found: list[SubjectInfo] = []
    for model in SUBJECT_TYPES.values():
        subjects = session.scalars(
            select(model).where(model.team_id == team_id, model.next_report_due < today).order_by(model.next_report_due)
        )
        found += [describe(s) for s in subjects if s.accepts_reports]
    return sorted(found, key=lambda s: (s.next_report_due, s.name.lower()))
