"""The charters' part of the weekly digest."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.digest_types import DigestSection, DigestWindow
from bot.words import plural
from models import Charter
from models.charter import CharterStatus as S


def digest_section(session: Session, window: DigestWindow) -> DigestSection | None:
    """The week's charters: new proposals (with their open seats) and findings brought back.

    Reports and overdue reports of charters are in the digest's generic sections.
    """
    proposed = session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.submitted_at >= window.since, Charter.submitted_at < window.until,
        Charter.status != S.DRAFT,
    ).order_by(Charter.id))
    completed = session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.status == S.COMPLETED, Charter.closed_at >= window.since,
        Charter.closed_at < window.until,
    ).order_by(Charter.id))
    lines = [
        f"*{c.name}* proposed by <@{c.proposer_id}> — {c.status}, {c.hours_per_week} h/week × {plural(c.weeks, 'week')}"
        + (f", {plural(c.open_seats, 'open seat')}: `/charter volunteer {c.id}`" if c.open_seats and not c.is_closed
           else "")
        for c in proposed
    ]
    lines += [f"*{c.name}* brought back its findings: <{c.findings_link}>" for c in completed]
    return DigestSection("Charters", lines) if lines else None
