"""Nudges as due rows: planned once per participant and day, checked again just before sending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.services import members
from bot.services.challenges import is_over
from bot.services.nudge_timing import ignored_in_a_row, is_last_nudge, may_nudge, nudge_at
from bot.services.partners import eligible, partners_of, queue_message
from models import Challenge, ChallengeDay, JournalEntry, Participant
from models.challenge import ACTIVE
from models.social import Nudge

SENT = "sent"


@dataclass(frozen=True)
class ToPlan:
    challenge_id: int
    team_id: str
    user_ids: list[str]


def _today(session: Session, challenge: Challenge, now: datetime) -> tuple[ChallengeDay, ChallengeDay | None] | None:
    """The day posted last, if its time has come, and the day after it."""
    day = session.scalars(
        select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.due_at <= now)
        .order_by(ChallengeDay.number.desc()).limit(1)
    ).first()
    if day is None or day.post_ts is None:
        return None  # not posted (yet, or missed while the bot was down): nothing to nudge about
    following = session.scalars(
        select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.number == day.number + 1)
    ).first()
    return day, following


def _running(session: Session, now: datetime) -> list[Challenge]:
    return [
        c for c in session.scalars(
            select(Challenge).where(Challenge.status == ACTIVE, Challenge.nudge_delay_hours.is_not(None))
            .order_by(Challenge.id)
        ) if not is_over(c, now)
    ]


def to_plan(session: Session, now: datetime) -> list[ToPlan]:
    """Challenges whose posted day still has participants without a nudge row, and who they are."""
    found = []
    for challenge in _running(session, now):
        today = _today(session, challenge, now)
        if today is None:
            continue
        planned = set(session.scalars(select(Nudge.user_id).where(
            Nudge.challenge_id == challenge.id, Nudge.day_number == today[0].number)))
        missing = [u for u in eligible(session, challenge) if u not in planned]
        if missing:
            found.append(ToPlan(challenge.id, challenge.team_id, missing))
    return found


def plan(session: Session, challenge_id: int, now: datetime) -> int:
    """Add the day's nudge row for each participant who has none; return how many were added.

    The time is the nudge delay after the post (after joining, for someone who joined later),
    moved out of the night in the member's own timezone; a day with no sensible time gets a row
    that is already done, so it is not planned again.
    """
    challenge = session.scalars(select(Challenge).where(Challenge.id == challenge_id).with_for_update()).one()
    today = _today(session, challenge, now)
    if today is None or challenge.nudge_delay_hours is None:
        return 0
    day, following = today
    planned = set(session.scalars(select(Nudge.user_id).where(
        Nudge.challenge_id == challenge.id, Nudge.day_number == day.number)))
    joined = dict(session.execute(select(Participant.user_id, Participant.joined_at).where(
        Participant.challenge_id == challenge.id)).all())
    missing = [u for u in eligible(session, challenge) if u not in planned]
    zones = members.zones(session, challenge.team_id, missing)
    delay = timedelta(hours=challenge.nudge_delay_hours)
    for user_id in missing:
        start = max(day.due_at, joined.get(user_id, day.due_at))
        due = nudge_at(start, delay, zones[user_id] or challenge.timezone, following.due_at if following else None)
        session.add(Nudge(
            team_id=challenge.team_id, challenge_id=challenge.id, user_id=user_id, day_number=day.number,
            due_at=due or now, attempts=0, done_at=None if due else now, outcome=None if due else "no_time",
        ))
    session.flush()
    return len(missing)


@dataclass(frozen=True)
class NudgeToSend:
    challenge: Challenge
    day_number: int
    last: bool  # the last one before a pause: the message says so


def _outcome(session: Session, nudge_id: int, outcome: str) -> None:
    session.execute(update(Nudge).where(Nudge.id == nudge_id).values(outcome=outcome))


def decide(session: Session, nudge_id: int, now: datetime) -> NudgeToSend | None:
    """The nudge to send now, or None (with the reason stored) when it is no longer wanted."""
    nudge = session.get_one(Nudge, nudge_id)
    if nudge.outcome == SENT:
        return None
    challenge = session.get_one(Challenge, nudge.challenge_id)
    reason = _reason_not_to(session, challenge, nudge, now)
    if reason:
        _outcome(session, nudge.id, reason)
        return None
    sent = _sent_times(session, challenge.id, nudge.user_id)
    ignored = ignored_in_a_row(sent, _last_entry(session, challenge.id, nudge.user_id))
    if not may_nudge(ignored):
        _outcome(session, nudge.id, "paused")
        return None
    return NudgeToSend(challenge, nudge.day_number, is_last_nudge(ignored))


def _reason_not_to(session: Session, challenge: Challenge, nudge: Nudge, now: datetime) -> str | None:
    if challenge.status != ACTIVE or is_over(challenge, now):
        return "over"
    if nudge.user_id not in eligible(session, challenge):
        return "left"
    journaled = session.scalar(select(func.count()).select_from(JournalEntry).where(
        JournalEntry.challenge_id == challenge.id, JournalEntry.user_id == nudge.user_id,
        JournalEntry.day_number == nudge.day_number))
    if journaled:
        return "journaled"
    prefs = members.prefs(session, challenge.team_id, nudge.user_id)
    if prefs.nudges_off:
        return "nudges_off"
    periods = members.away_periods(session, challenge.team_id, [nudge.user_id])[nudge.user_id]
    if members.is_away(periods, members.local_today(prefs.timezone or challenge.timezone, now)):
        return "away"
    return None


def _sent_times(session: Session, challenge_id: int, user_id: str) -> list[datetime]:
    return [t for t in session.scalars(select(Nudge.sent_at).where(
        Nudge.challenge_id == challenge_id, Nudge.user_id == user_id, Nudge.outcome == SENT)) if t is not None]


def _last_entry(session: Session, challenge_id: int, user_id: str) -> datetime | None:
    return session.scalar(select(func.max(JournalEntry.created_at)).where(
        JournalEntry.challenge_id == challenge_id, JournalEntry.user_id == user_id))


def record_sent(session: Session, nudge_id: int, now: datetime) -> list[str]:
    """Mark the nudge sent and queue a note to each partner who is not away; return those partners."""
    nudge = session.get_one(Nudge, nudge_id)
    nudge.outcome, nudge.sent_at = SENT, now
    challenge = session.get_one(Challenge, nudge.challenge_id)
    told = []
    partners = partners_of(session, challenge.id, nudge.user_id) or []
    zones = members.zones(session, challenge.team_id, partners)
    periods = members.away_periods(session, challenge.team_id, partners)
    for partner in partners:
        if members.is_away(periods[partner], members.local_today(zones[partner] or challenge.timezone, now)):
            continue
        queue_message(session, challenge, f"nudged:{nudge.id}:{partner}", "partner_nudged", [partner], now,
                      user_id=nudge.user_id, day=nudge.day_number)
        told.append(partner)
    session.flush()
    return told
