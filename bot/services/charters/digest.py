"""The charters' part of the weekly digest."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.charters.ledger import ledgers
from bot.services.digest_types import CharterNews, DigestWindow
from models import Charter
from models.charter import CharterStatus as S


def digest_section(session: Session, window: DigestWindow) -> CharterNews | None:
    """The week's charters: new proposals (with their open seats), those at work and findings brought back, with
    the hours pledged and reported of those at work and those completed.

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
    active = list(session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.status == S.ACTIVE).order_by(Charter.id)))
    if not (proposed or completed or active):
        return None
    return CharterNews(proposed, completed, active, ledgers(session, active + completed))
