"""Nudges as due rows: planned once per participant and day, checked again just before sending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.challenges import members
from bot.services.challenges.lookup import is_over
from bot.services.challenges.nudge_timing import ignored_in_a_row, is_last_nudge, may_nudge, nudge_at
from bot.services.challenges.partners import eligible, group_of, members_of_group
from bot.services.challenges.social_queue import queue_message
from models import Challenge, ChallengeDay, JournalEntry, Participant
from models.challenge import ChallengeStatus
from models.social import Nudge, NudgeOutcome, SocialMessageKind

# How long the note to a partner group may wait for the group's other nudges of the day.
NOTE_WAIT_MAX = timedelta(hours=3)


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
            select(Challenge)
            .where(Challenge.status == ChallengeStatus.ACTIVE, Challenge.nudge_delay_hours.is_not(None))
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
    rows = []
    for user_id in missing:
        start = max(day.due_at, joined.get(user_id, day.due_at))
        due = nudge_at(start, delay, zones[user_id] or challenge.timezone, following.due_at if following else None)
        rows.append(dict(
            team_id=challenge.team_id, challenge_id=challenge.id, user_id=user_id, day_number=day.number,
            due_at=due or now, attempts=0, done_at=None if due else now, outcome=None if due else NudgeOutcome.NO_TIME,
        ))
    if rows:  # one executemany, not an INSERT per participant
        session.execute(insert(Nudge), rows)
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
    if nudge.outcome == NudgeOutcome.SENT:
        return None
    challenge = session.get_one(Challenge, nudge.challenge_id)
    reason = _reason_not_to(session, challenge, nudge, now)
    if reason:
        _outcome(session, nudge.id, reason)
        return None
    sent = _sent_times(session, challenge.id, nudge.user_id)
    ignored = ignored_in_a_row(sent, _last_entry(session, challenge.id, nudge.user_id))
    if not may_nudge(ignored):
        _outcome(session, nudge.id, NudgeOutcome.PAUSED)
        return None
    return NudgeToSend(challenge, nudge.day_number, is_last_nudge(ignored))


def _reason_not_to(session: Session, challenge: Challenge, nudge: Nudge, now: datetime) -> str | None:
    if challenge.status != ChallengeStatus.ACTIVE or is_over(challenge, now):
        return NudgeOutcome.OVER
    if _later_day_due(session, challenge.id, nudge.day_number, now):
        # The next day is out (the bot was down, or the row was held up): no nudge about the past.
        return NudgeOutcome.STALE
    if nudge.user_id not in eligible(session, challenge):
        return NudgeOutcome.LEFT
    if _unreachable(session, challenge.id, nudge.user_id):
        return NudgeOutcome.UNREACHABLE
    journaled = session.scalar(select(func.count()).select_from(JournalEntry).where(
        JournalEntry.challenge_id == challenge.id, JournalEntry.user_id == nudge.user_id,
        JournalEntry.day_number == nudge.day_number))
    if journaled:
        return NudgeOutcome.JOURNALED
    prefs = members.prefs(session, challenge.team_id, nudge.user_id)
    if prefs.nudges_off:
        return NudgeOutcome.NUDGES_OFF
    periods = members.away_periods(session, challenge.team_id, [nudge.user_id])[nudge.user_id]
    if members.is_away(periods, members.local_today(prefs.timezone or challenge.timezone, now)):
        return NudgeOutcome.AWAY
    return None


def _unreachable(session: Session, challenge_id: int, user_id: str) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Nudge).where(
        Nudge.challenge_id == challenge_id, Nudge.user_id == user_id, Nudge.outcome == NudgeOutcome.UNREACHABLE)))


def record_unreachable(session: Session, nudge_id: int) -> None:
    """Slack would not deliver the nudge (the member left, or is a bot): no more nudges in this challenge."""
    _outcome(session, nudge_id, NudgeOutcome.UNREACHABLE)


def _sent_times(session: Session, challenge_id: int, user_id: str) -> list[datetime]:
    return [t for t in session.scalars(select(Nudge.sent_at).where(
        Nudge.challenge_id == challenge_id, Nudge.user_id == user_id, Nudge.outcome == NudgeOutcome.SENT))
        if t is not None]


def _last_entry(session: Session, challenge_id: int, user_id: str) -> datetime | None:
    return session.scalar(select(func.max(JournalEntry.created_at)).where(
        JournalEntry.challenge_id == challenge_id, JournalEntry.user_id == user_id))


def record_sent(session: Session, nudge_id: int, now: datetime) -> None:
    """Mark the nudge sent, and queue the day's one note to the member's partner group.

    The note waits for the group's other nudges of the day (a few hours at most, partners live
    within a few hours of each other), so it names everyone still behind at once.
    """
    nudge = session.get_one(Nudge, nudge_id)
    nudge.outcome, nudge.sent_at = NudgeOutcome.SENT, now
    challenge = session.get_one(Challenge, nudge.challenge_id)
    group = group_of(session, challenge.id, nudge.user_id)
    if group is not None:
        group_id, everyone = group
        later = session.scalar(select(func.max(Nudge.due_at)).where(
            Nudge.challenge_id == challenge.id, Nudge.day_number == nudge.day_number, Nudge.user_id.in_(everyone),
            Nudge.done_at.is_(None), Nudge.id != nudge.id))
        due = min(max(later, now), now + NOTE_WAIT_MAX) if later else now
        try:
            with session.begin_nested():  # a partner's nudge sent by another worker may queue the same note now
                queue_message(session, challenge, f"nudged:{group_id}:{nudge.day_number}",
                              SocialMessageKind.PARTNERS_NUDGED, everyone, due, group_id=group_id,
                              day=nudge.day_number)
        except IntegrityError:
            pass  # queued already: one note a day
    session.flush()


@dataclass(frozen=True)
class PartnersNote:
    """The day's note in a partner group's conversation: who has not journaled, who may encourage them."""

    members: list[str]
    behind: list[str]
    helpers: list[str]
    day_number: int


def partners_note(session: Session, challenge: Challenge, group_id: int, day_number: int,
                  now: datetime) -> PartnersNote | None:
    """What the note about a nudged partner says now; None when it is no longer worth sending.

    Not when the day is past (its next day is posted), when everyone nudged has journaled since,
    or when nobody in the group could encourage them (all behind or away): a second reminder
    would only nag.
    """
    if challenge.status != ChallengeStatus.ACTIVE or is_over(challenge, now):
        return None
    if _later_day_due(session, challenge.id, day_number, now):
        return None
    grouped = members_of_group(session, group_id)
    gone = members.gone(session, challenge.team_id, grouped)  # left the workspace, not yet re-paired
    everyone = [u for u in grouped if u not in gone]
    if len(everyone) < 2:
        return None
    journaled = set(session.scalars(select(JournalEntry.user_id).where(
        JournalEntry.challenge_id == challenge.id, JournalEntry.day_number == day_number,
        JournalEntry.user_id.in_(everyone))))
    nudged = set(session.scalars(select(Nudge.user_id).where(
        Nudge.challenge_id == challenge.id, Nudge.day_number == day_number, Nudge.user_id.in_(everyone),
        Nudge.outcome == NudgeOutcome.SENT)))
    behind = [u for u in everyone if u in nudged and u not in journaled]
    zones = members.zones(session, challenge.team_id, everyone)
    periods = members.away_periods(session, challenge.team_id, everyone)
    helpers = [u for u in everyone if u not in behind
               and not members.is_away(periods[u], members.local_today(zones[u] or challenge.timezone, now))]
    if not behind or not helpers:
        return None
    return PartnersNote(everyone, behind, helpers, day_number)


def _later_day_due(session: Session, challenge_id: int, day_number: int, now: datetime) -> bool:
    """A later day of the challenge is due: a reminder about this one would be about the wrong day."""
    return bool(session.scalar(select(func.count()).select_from(ChallengeDay).where(
        ChallengeDay.challenge_id == challenge_id, ChallengeDay.number > day_number, ChallengeDay.due_at <= now)))
