"""What App Home and `/challenge status` show of partners, time away, nudges and finished challenges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.challenges import members
from bot.services.challenges.lookup import is_over
from bot.services.challenges.partners import MyPartners, my_partners
from bot.services.challenges.wrapup import Finished, finished_since
from models import Challenge, ChallengeDay, Participant
from models.challenge import ChallengeStatus

# A finished challenge stays on App Home this long after its wrap-up.
FINISHED_SHOWN = timedelta(days=30)


@dataclass(frozen=True)
class SocialHome:
    partners: list[MyPartners] = field(default_factory=list)
    away_until: date | None = None
    nudges_off: bool = False
    finished: list[Finished] = field(default_factory=list)


def away_until(session: Session, team_id: str, user_id: str, now: datetime) -> date | None:
    zone = members.prefs(session, team_id, user_id).timezone
    today = members.local_today(zone, now)
    period = members.current_away(session, team_id, user_id, today)
    return period.last_day if period is not None and period.first_day <= today else None


def away_days(session: Session, challenge: Challenge, user_id: str) -> list[int]:
    """The challenge days the member was away: they neither count nor break a streak."""
    periods = members.away_periods(session, challenge.team_id, [user_id])[user_id]
    if not periods:
        return []
    return [number for number, day in session.execute(
        select(ChallengeDay.number, ChallengeDay.local_date).where(ChallengeDay.challenge_id == challenge.id)
    ).all() if members.is_away(periods, day)]


def social_home(session: Session, team_id: str, user_id: str, *, now: datetime) -> SocialHome:
    running = [c for c in session.scalars(
        select(Challenge).join(Participant, Participant.challenge_id == Challenge.id).where(
            Challenge.team_id == team_id, Challenge.status == ChallengeStatus.ACTIVE, Challenge.partners.is_(True),
            Participant.user_id == user_id, Participant.left_at.is_(None)).order_by(Challenge.id)
    ) if not is_over(c, now)]
    return SocialHome(
        partners=[my_partners(session, c, user_id, now) for c in running],
        away_until=away_until(session, team_id, user_id, now),
        nudges_off=members.prefs(session, team_id, user_id).nudges_off,
        finished=finished_since(session, team_id, now - FINISHED_SHOWN, user_id=user_id),
    )
