"""Lasting Slack problems (a lost channel, a missing permission): each told once, until it is mended."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.problem import SlackProblem


def channel_place(channel_id: str) -> str:
    return f"channel:{channel_id}"


def scope_place(scope: str) -> str:
    return f"scope:{scope}"


def first_notice(session: Session, team_id: str, *, place: str, error: str, user_id: str, now: datetime) -> bool:
    """Note that `user_id` is told about `error` at `place`; False when they were told already.

    The unique constraint decides between two workers noting the same problem at once.
    """
    known = select(SlackProblem.id).where(SlackProblem.team_id == team_id, SlackProblem.place == place,
                                          SlackProblem.error == error, SlackProblem.user_id == user_id)
    if session.scalar(known) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(SlackProblem(team_id=team_id, place=place, error=error, user_id=user_id, told_at=now))
    except IntegrityError:
        return False
    return True


def mended(session: Session, team_id: str, places: Collection[str]) -> None:
    """A delivery to `places` worked: their problems are over, and told again if they come back."""
    session.execute(delete(SlackProblem).where(SlackProblem.team_id == team_id, SlackProblem.place.in_(places)))


def reached_channel(channel_id: str) -> list[str]:
    """What a post in a channel proves works: the channel."""
    return [channel_place(channel_id)]


def permissions_renewed(session: Session, team_id: str) -> None:
    """The app was (re)installed, with the permissions of its manifest: missing ones are told again if still so.

    Not on a delivery that worked: one permission can be missing for some work only (a scope
    for group DMs, say) while the rest goes on.
    """
    session.execute(delete(SlackProblem).where(SlackProblem.team_id == team_id,
                                               SlackProblem.place.startswith("scope:")))


def told(session: Session, team_id: str) -> list[SlackProblem]:
    """The problems of a workspace someone was told about, oldest first."""
    return list(session.scalars(select(SlackProblem).where(SlackProblem.team_id == team_id)
                                .order_by(SlackProblem.told_at, SlackProblem.id)))
