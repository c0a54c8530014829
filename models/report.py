"""Report-back: reports of a subject (a practice group, a charter), feedback on them, and what is due.

A *subject* is any model registered with `@report_subject("kind")`; reports, feedback and
reminders refer to it by (subject_kind, subject_id), so one mechanism serves every kind.
See bot/services/reports/ for what a subject must offer.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, DueWork, StrEnumType

# kind → model class of every report subject; filled by @report_subject.
SUBJECT_TYPES: dict[str, type[Any]] = {}

T = TypeVar("T", bound=type[Any])


def report_subject(kind: str) -> Callable[[T], T]:
    """Register a model as a report subject of `kind` ("group", "charter")."""

    def register(cls: T) -> T:
        cls.subject_kind = kind
        SUBJECT_TYPES[kind] = cls
        return cls

    return register


class Cadence(StrEnum):
    """How often a subject reports back to the community."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return {"weekly": "Weekly", "biweekly": "Every two weeks", "monthly": "Monthly"}[self.value]

    def after(self, day: date) -> date:
        """The due date one period after `day`."""
        if self is Cadence.WEEKLY:
            return day + timedelta(days=7)
        if self is Cadence.BIWEEKLY:
            return day + timedelta(days=14)
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class FeedbackKind(StrEnum):
    ENDORSE = "endorse"
    CRITIQUE = "critique"
    REFINE = "refine"

    @property
    def label(self) -> str:
        return {"endorse": "Endorse", "critique": "Critique", "refine": "Suggest a refinement"}[self.value]


class ReminderKind(StrEnum):
    HEADS_UP = "heads_up"  # to the leads, before the due date
    PROMPT = "prompt"  # in the subject's place, on the day
    OVERDUE = "overdue"  # to the leads, a few days after


class Report(Base):
    """One report back to the community; `final` for a closing report (or a charter's findings)."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_subject", "subject_kind", "subject_id"), UniqueConstraint("team_id", "view_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    subject_name: Mapped[str] = mapped_column(String(120))
    author_id: Mapped[str] = mapped_column(String(32))
    final: Mapped[bool] = mapped_column(default=False)
    progress: Mapped[str] = mapped_column(Text)
    learnings: Mapped[str] = mapped_column(Text)
    asks: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    # The modal it came from: a repeated submission of one modal stores one report.
    view_id: Mapped[str | None] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))


class Feedback(Base):
    """An endorsement, critique or refinement of a report, replied in the report's thread."""

    __tablename__ = "report_feedback"
    # One endorsement a member a report, held by the database: `endorser_id` is set on endorsements
    # only (NULLs never clash), so critiques and refinements stay unlimited.
    __table_args__ = (UniqueConstraint("report_id", "endorser_id"), UniqueConstraint("team_id", "view_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[FeedbackKind] = mapped_column(StrEnumType(FeedbackKind, 16))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    view_id: Mapped[str | None] = mapped_column(String(64))
    endorser_id: Mapped[str | None] = mapped_column(String(32))


class ReportReminder(DueWork, Base):
    """A reminder due about one report due date of one subject; at most one of each kind."""

    __tablename__ = "report_reminders"
    __table_args__ = (UniqueConstraint("subject_kind", "subject_id", "report_due", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    kind: Mapped[ReminderKind] = mapped_column(StrEnumType(ReminderKind, 16))
    report_due: Mapped[date] = mapped_column(Date)


class Digest(DueWork, Base):
    """The weekly digest of one community, covering the week before `due_at`."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("team_id", "week_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    week_of: Mapped[date] = mapped_column(Date)  # the Monday it is posted on


class ReportHours(Base):
    """The hours one team member gave since the subject's last report, as told in a report (a charter's ledger)."""

    __tablename__ = "report_hours"
    __table_args__ = (
        UniqueConstraint("report_id", "user_id"),
        Index("ix_report_hours_subject", "subject_kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(32))
    hours: Mapped[float] = mapped_column(Float)
