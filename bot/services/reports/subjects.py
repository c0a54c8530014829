"""Report subjects of every kind: a snapshot, the button value that names one, finding one, who is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from models.report import SUBJECT_TYPES, Cadence


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



def subject_noun(kind: str) -> str:
    model = SUBJECT_TYPES.get(kind)
    return str(model.noun) if model is not None else kind



def overdue_subjects(session: Session, team_id: str, today: date) -> list[SubjectInfo]:
    """Subjects of every kind whose report is past due."""
    found: list[SubjectInfo] = []
    for model in SUBJECT_TYPES.values():
        subjects = session.scalars(
            select(model).where(model.team_id == team_id, model.next_report_due < today).order_by(model.next_report_due)
        )
        found += [describe(s) for s in subjects if s.accepts_reports]
    return sorted(found, key=lambda s: (s.next_report_due, s.name.lower()))
