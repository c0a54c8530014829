"""The charters' part of the weekly digest."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.digest_types import CharterNews, DigestWindow
from models import Charter
from models.charter import CharterStatus as S


def digest_section(session: Session, window: DigestWindow) -> CharterNews | None:
    """The week's charters: new proposals (with their open seats) and findings brought back.

    Reports and overdue reports of charters are in the digest's generic sections.
    """
    proposed = list(session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.submitted_at >= window.since, Charter.submitted_at < window.until,
        Charter.status != S.DRAFT,
    ).order_by(Charter.id)))
    completed = list(session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.status == S.COMPLETED, Charter.closed_at >= window.since,
        Charter.closed_at < window.until,
    ).order_by(Charter.id)))
    return CharterNews(proposed, completed) if proposed or completed else None
