"""Finding a challenge (by name, in a channel, behind a button), its current day and each day's activity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.challenges.members import local_today
from bot.services.challenges.templates import Activity
from models import Challenge, ChallengeDay
from models.challenge import ChallengeStatus


def activity(challenge: Challenge, number: int) -> Activity:
    """The activity of day `number` (1-based)."""
    return Activity.from_dict(challenge.activities[number - 1])


def is_over(challenge: Challenge, now: datetime) -> bool:
    """Finished (its last local day is past), or stopped."""
    return challenge.status != ChallengeStatus.ACTIVE or local_today(challenge.timezone, now) > challenge.end_date


def current_day(session: Session, challenge_id: int, now: datetime) -> ChallengeDay | None:
    """The latest day whose post time has come (posted or not); None before the first."""
    return session.scalars(
        select(ChallengeDay).where(ChallengeDay.challenge_id == challenge_id, ChallengeDay.due_at <= now)
        .order_by(ChallengeDay.number.desc()).limit(1)
    ).first()


def open_challenges(session: Session, team_id: str, now: datetime, *, channel_id: str | None = None) -> list[Challenge]:
    """The workspace's challenges that are not over, oldest first; in one channel when given."""
    query = select(Challenge).where(Challenge.team_id == team_id, Challenge.status == ChallengeStatus.ACTIVE)
    if channel_id:
        query = query.where(Challenge.channel_id == channel_id)
    return [c for c in session.scalars(query.order_by(Challenge.id)) if not is_over(c, now)]


def _names(challenges: list[Challenge]) -> tuple[str, list[str]]:
    """A `{}` for each of (at most ten) challenges' titles, and the titles, for UserError's `names`."""
    return ", ".join("“{}”" for _ in challenges[:10]), [c.title for c in challenges[:10]]


def find_challenge(session: Session, team_id: str, name: str, *, channel_id: str, now: datetime) -> Challenge:
    """The open challenge called `name`, or the one open in `channel_id` when no name is given.

    A UserError says what to do instead: name one, or that it is unknown or finished.
    """
    name = " ".join(name.split())
    if not name:
        here = open_challenges(session, team_id, now, channel_id=channel_id)
        if len(here) == 1:
            return here[0]
        anywhere = here or open_challenges(session, team_id, now)
        if not anywhere:
            raise UserError("There is no challenge running right now. Start one with `/challenge new`.")
        where = "in this channel" if here else "here"
        listed, titles = _names(anywhere)
        raise UserError(f"{'Several challenges are' if here else 'No challenge is'} running {where}: add the "
                        "challenge's name after the command, e.g. `/challenge status {}`. "
                        f"Running: {listed}.", names=[anywhere[0].title, *titles])
    matches = session.scalars(
        select(Challenge).where(Challenge.team_id == team_id, func.lower(Challenge.title) == name.lower())
        .order_by(Challenge.id.desc())
    ).all()
    open_matches = [c for c in matches if not is_over(c, now)]
    if open_matches:
        return open_matches[0]
    if matches:
        ended = matches[0]
        how = "was stopped" if ended.status == ChallengeStatus.STOPPED else f"finished on {ended.end_date:%a %d %b}"
        raise UserError(f"“{{}}” {how}. Start a new one with `/challenge new`.", names=[ended.title])
    listed, titles = _names(open_challenges(session, team_id, now))
    hint = f" Running now: {listed}." if titles else " Start one with `/challenge new`."
    raise UserError(f"I don't know a challenge called “{{}}”.{hint}", names=[name[:80], *titles])


def get_challenge(session: Session, team_id: str, challenge_id: int, *, field: str | None = None) -> Challenge:
    """The workspace's challenge with this id; a UserError (on `field`) when it is gone."""
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or challenge.team_id != team_id:
        raise UserError("That challenge no longer exists.", field=field)
    return challenge


def get_open_challenge(session: Session, team_id: str, challenge_id: int, now: datetime) -> Challenge:
    """The challenge behind a button; a UserError when it is gone or over."""
    challenge = get_challenge(session, team_id, challenge_id)
    if is_over(challenge, now):
        raise UserError("“{}” is over. Start a new one with `/challenge new`.", names=[challenge.title])
    return challenge
