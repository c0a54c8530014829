"""Feedback on a report: endorsements, critiques and suggested refinements, and their counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import ReportField
from bot.words import plural
from models.report import Feedback, FeedbackKind, Report

MAX_FEEDBACK_TEXT = 2000


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
        earlier = session.scalar(select(Feedback).where(Feedback.team_id == report.team_id,
                                                        Feedback.view_id == view_id))
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

