"""Journal entries: replies in a day's thread (from message events) and entries written in the modal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.db import dialect_insert
from bot.errors import UserError
from bot.ids import JournalField
from bot.services.challenges.lookup import current_day, is_over
from bot.services.challenges.participation import participant
from models import Challenge, ChallengeDay, ChallengeInvitation, JournalEntry, Participant
from models.challenge import JournalSource

MAX_ENTRY = 3000


class Outcome(Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # a retried event: already stored
    NOT_PARTICIPANT = "not_participant"  # invite them to join: the first time only
    NOT_PARTICIPANT_AGAIN = "not_participant_again"  # already invited to this challenge: stay quiet
    IGNORED = "ignored"  # not a reply to a day's post


@dataclass(frozen=True)
class Capture:
    outcome: Outcome
    challenge: Challenge | None = None
    day: ChallengeDay | None = None


@cache
def _capture_statements(dialect: str) -> tuple[Any, Any]:
    """The two statements of a capture, built once per database kind (building them cost more than running them)."""
    find = (
        select(ChallengeDay.challenge_id, ChallengeDay.id, ChallengeDay.number, Participant.id)
        .join(Challenge, Challenge.id == ChallengeDay.challenge_id)
        .outerjoin(Participant, (Participant.challenge_id == Challenge.id)
                   & (Participant.user_id == bindparam("user_id")) & Participant.left_at.is_(None))
        .where(ChallengeDay.post_ts == bindparam("thread_ts"), Challenge.channel_id == bindparam("channel_id"),
               Challenge.team_id == bindparam("team_id"))
    )
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    store = (insert(JournalEntry).on_conflict_do_nothing(index_elements=["channel_id", "slack_ts"])
             .returning(JournalEntry.id))
    return find, store


def capture_reply(session: Session, team_id: str, *, channel_id: str, thread_ts: str, ts: str, user_id: str,
                  text: str, now: datetime) -> Capture:
    """Store a reply in a day's thread as the member's entry for that day (its own day, even if late).

    Two statements for a participant's reply: the thread's day joined to the member's participation,
    then one insert that the unique (channel, ts) turns into nothing for a retry, even one racing
    its original.
    """
    connection = session.connection()
    find, store = _capture_statements(connection.dialect.name)
    row = connection.execute(find, dict(user_id=user_id, thread_ts=thread_ts, channel_id=channel_id,
                                        team_id=team_id)).first()
    if row is None:
        return Capture(Outcome.IGNORED)
    challenge_id, day_id, day_number, participant_id = row
    if participant_id is None:
        challenge, day = session.get_one(Challenge, challenge_id), session.get_one(ChallengeDay, day_id)
        # Only a running challenge can be joined; a reply in a finished one is just a reply.
        if is_over(challenge, now):
            return Capture(Outcome.IGNORED, challenge, day)
        first = _invite_once(session, challenge, user_id, now)
        return Capture(Outcome.NOT_PARTICIPANT if first else Outcome.NOT_PARTICIPANT_AGAIN, challenge, day)
    stored = connection.execute(store, dict(
        team_id=team_id, challenge_id=challenge_id, user_id=user_id, day_number=day_number, text=text[:MAX_ENTRY * 4],
        private=False, source=JournalSource.THREAD, channel_id=channel_id, slack_ts=ts, created_at=now,
    )).first()
    return Capture(Outcome.STORED if stored else Outcome.DUPLICATE)


def _invite_once(session: Session, challenge: Challenge, user_id: str, now: datetime) -> bool:
    """Record that the member is invited to the challenge; False when they already were."""
    invited = session.execute(  # the unique (challenge, user) settles two replies at once
        dialect_insert(session, ChallengeInvitation).values(
            team_id=challenge.team_id, challenge_id=challenge.id, user_id=user_id, invited_at=now,
        ).on_conflict_do_nothing(index_elements=["challenge_id", "user_id"]).returning(ChallengeInvitation.id)
    ).first()
    return invited is not None


def _entry_at(session: Session, channel_id: str, ts: str) -> JournalEntry | None:
    return session.scalars(
        select(JournalEntry).where(JournalEntry.channel_id == channel_id, JournalEntry.slack_ts == ts)
    ).first()


def update_reply(session: Session, team_id: str, *, channel_id: str, ts: str, user_id: str | None, text: str,
                 now: datetime) -> JournalEntry | None:
    """An edited reply updates its entry (only its author's); the entry, or None when it is not one."""
    entry = _entry_at(session, channel_id, ts)
    if entry is None or entry.team_id != team_id or entry.source != JournalSource.THREAD:
        return None
    if user_id and entry.user_id != user_id:
        return None
    entry.text, entry.updated_at = text[:MAX_ENTRY * 4], now
    return entry


def delete_reply(session: Session, team_id: str, *, channel_id: str, ts: str,
                 user_id: str | None = None) -> JournalEntry | None:
    """A deleted reply removes its entry (only its author's); the removed entry, or None when it was not one."""
    entry = _entry_at(session, channel_id, ts)
    if entry is None or entry.team_id != team_id or entry.source != JournalSource.THREAD:
        return None
    if user_id and entry.user_id != user_id:
        return None
    session.execute(delete(JournalEntry).where(JournalEntry.id == entry.id))
    return entry


@dataclass(frozen=True)
class JournalTarget:
    """Where a modal entry goes: the challenge, the current day, and the member's earlier modal entry."""

    challenge: Challenge
    day: ChallengeDay
    entry: JournalEntry | None


def journal_target(session: Session, challenge: Challenge, user_id: str, *, now: datetime,
                   day_number: int | None = None) -> JournalTarget:
    """The day for the member's modal entry (today's unless `day_number`); a UserError when they are
    not taking part or the challenge has not begun."""
    if participant(session, challenge.id, user_id) is None:
        raise UserError("Join “{}” first: `/challenge join {}`.", field=JournalField.TEXT,
                        names=[challenge.title, challenge.title])
    if day_number is None:
        day = current_day(session, challenge.id, now)
    else:
        day = session.scalars(select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id,
                                                         ChallengeDay.number == day_number)).first()
    if day is None:
        raise UserError(f"“{{}}” starts on {challenge.start_date:%a %d %b}; "
                        "you can write your first entry once Day 1 is posted.", field=JournalField.TEXT,
                        names=[challenge.title])
    return JournalTarget(challenge, day, _modal_entry(session, challenge.id, user_id, day.number))


def _modal_entry(session: Session, challenge_id: int, user_id: str, day_number: int) -> JournalEntry | None:
    return session.scalars(
        select(JournalEntry).where(JournalEntry.challenge_id == challenge_id, JournalEntry.user_id == user_id,
                                   JournalEntry.day_number == day_number, JournalEntry.source == JournalSource.MODAL)
    ).first()


def validate_entry(text: str) -> str:
    text = text.strip()
    if not text:
        raise UserError("Write something for today's entry.", field=JournalField.TEXT)
    if len(text) > MAX_ENTRY:
        raise UserError(f"Keep an entry under {MAX_ENTRY:,} characters.", field=JournalField.TEXT)
    return text


def save_modal_entry(session: Session, challenge: Challenge, user_id: str, day_number: int, *, text: str,
                     private: bool, now: datetime, channel_id: str | None = None,
                     slack_ts: str | None = None) -> JournalEntry:
    """Write (or rewrite) the member's modal entry for a day; `slack_ts` is where a public one was posted."""
    if participant(session, challenge.id, user_id) is None:
        raise UserError("You are not taking part in “{}” any more.", field=JournalField.TEXT,
                        names=[challenge.title])
    text = validate_entry(text)
    entry = _modal_entry(session, challenge.id, user_id, day_number)
    if entry is None:
        entry = JournalEntry(team_id=challenge.team_id, challenge_id=challenge.id, user_id=user_id,
                             day_number=day_number, source=JournalSource.MODAL, created_at=now)
        session.add(entry)
    else:
        entry.updated_at = now
    entry.text, entry.private = text, private
    entry.channel_id, entry.slack_ts = (None, None) if private else (channel_id, slack_ts)
    session.flush()
    return entry


def record_entry_post(session: Session, entry_id: int, channel_id: str, ts: str) -> None:
    """Where the public copy of a modal entry was posted."""
    session.execute(update(JournalEntry).where(JournalEntry.id == entry_id).values(channel_id=channel_id, slack_ts=ts))
