"""The daily post of each challenge day: what to post, where it went, and stopping when the channel is lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models import Challenge, ChallengeDay
from models.challenge import ChallengeStatus


def stop_for_lost_channel(session: Session, challenge_id: int, reason: str) -> Challenge | None:
    """Stop a challenge whose channel can no longer be posted to; the challenge only the first time."""
    stopped = session.execute(
        update(Challenge).where(Challenge.id == challenge_id, Challenge.status == ChallengeStatus.ACTIVE)
        .values(status=ChallengeStatus.STOPPED, stopped_reason=reason)
    )
    return session.get(Challenge, challenge_id) if stopped.rowcount else None  # type: ignore[attr-defined]


@dataclass(frozen=True)
class DayPost:
    """What the daily job posts for a day: the challenge, the day, and earlier days that were missed."""

    challenge: Challenge
    day: ChallengeDay
    missed: list[int]


def plan_day_post(session: Session, day_id: int, now: datetime) -> DayPost | None:
    """The post for a due day, or None when nothing is to be posted.

    Nothing when the challenge was stopped, or when a later day is already due (the bot was down):
    that day is marked missed and the next post mentions it, so the channel is not flooded.
    """
    day = session.get_one(ChallengeDay, day_id)
    challenge = session.get_one(Challenge, day.challenge_id)
    if challenge.status != ChallengeStatus.ACTIVE:
        return None
    later_due = session.scalar(
        select(func.count()).select_from(ChallengeDay)
        .where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.number > day.number, ChallengeDay.due_at <= now)
    )
    if later_due:
        day.missed = True
        return None
    last_posted = session.scalar(
        select(func.max(ChallengeDay.number))
        .where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.number < day.number,
               ChallengeDay.post_ts.is_not(None))
    ) or 0
    missed = session.scalars(
        select(ChallengeDay.number)
        .where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.missed.is_(True),
               ChallengeDay.number > last_posted, ChallengeDay.number < day.number)
        .order_by(ChallengeDay.number)
    ).all()
    return DayPost(challenge, day, list(missed))


def record_post(session: Session, day_id: int, ts: str) -> None:
    session.execute(update(ChallengeDay).where(ChallengeDay.id == day_id).values(post_ts=ts))
