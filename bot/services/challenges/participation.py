"""Taking part in a challenge: joining (late, or again after leaving) and leaving."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from models import Challenge, Participant


def participant(session: Session, challenge_id: int, user_id: str) -> Participant | None:
    """The member's participation, if they are taking part now (not after leaving)."""
    found = session.scalars(
        select(Participant).where(Participant.challenge_id == challenge_id, Participant.user_id == user_id)
    ).first()
    return found if found is not None and found.left_at is None else None


def join(session: Session, challenge: Challenge, user_id: str, *, now: datetime) -> Participant:
    """Add the member (joining late is fine; joining again after leaving too); UserError if already in."""
    found = session.scalars(
        select(Participant).where(Participant.challenge_id == challenge.id, Participant.user_id == user_id)
    ).first()
    if found is not None and found.left_at is None:
        raise UserError("You are already taking part in “{}”.", names=[challenge.title])
    if found is None:
        found = Participant(team_id=challenge.team_id, challenge_id=challenge.id, user_id=user_id, joined_at=now)
        session.add(found)
    else:
        found.joined_at, found.left_at = now, None
    session.flush()
    return found


def leave(session: Session, challenge: Challenge, user_id: str, *, now: datetime) -> Participant:
    found = participant(session, challenge.id, user_id)
    if found is None:
        raise UserError("You are not taking part in “{}”.", names=[challenge.title])
    found.left_at = now
    session.flush()
    return found
