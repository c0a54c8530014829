"""Each participant's progress in a challenge: entries by day and streaks counted in challenge days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.challenges.home import away_days, away_until
from bot.services.challenges.lookup import current_day, is_over
from bot.services.challenges.participation import participant
from bot.services.challenges.partners import MyPartners, my_partners
from models import Challenge, ChallengeDay, JournalEntry, Participant
from models.challenge import ChallengeStatus


def streaks(entry_days: Iterable[int], current: int, *, excused: Iterable[int] = ()) -> tuple[int, int]:
    """(current streak, longest streak) over challenge days 1..`current`.

    Days are challenge days, so skipped weekends never break a streak. Today (`current`) without an
    entry yet does not break the current streak either: the day is still open. `excused` days
    (time away) neither count nor break.
    """
    done, skip = set(entry_days), set(excused)
    longest = run = 0
    for day in range(1, current + 1):
        if day in done:
            run += 1
            longest = max(longest, run)
        elif day not in skip:
            run = 0
    now = 0
    day = current if current in done else current - 1
    while day >= 1 and (day in done or day in skip):
        now += day in done
        day -= 1
    return now, longest


@dataclass(frozen=True)
class EntrySummary:
    """One of the member's entries, as `/challenge status` lists it."""

    day_number: int
    text: str
    private: bool
    source: str  # a JournalSource


@dataclass(frozen=True)
class Progress:
    challenge: Challenge
    day: ChallengeDay | None  # the current day; None before the first post time
    joined: bool
    entry_days: list[int]  # days with at least one entry, in order
    entries: int
    current_streak: int
    longest_streak: int
    entry_list: tuple[EntrySummary, ...] = ()  # the member's entries in day order

    @property
    def journaled_today(self) -> bool:
        return self.day is not None and self.day.number in self.entry_days


def member_entries(session: Session, challenge_id: int, user_id: str) -> list[EntrySummary]:
    """The member's entries in day order (one query)."""
    rows = session.execute(
        select(JournalEntry.day_number, JournalEntry.text, JournalEntry.private, JournalEntry.source)
        .where(JournalEntry.challenge_id == challenge_id, JournalEntry.user_id == user_id)
        .order_by(JournalEntry.day_number, JournalEntry.id)
    )
    return [EntrySummary(*row) for row in rows]


def progress(session: Session, challenge: Challenge, user_id: str, *, now: datetime,
             excused: Iterable[int] = ()) -> Progress:
    """Where the member stands in the challenge at `now`."""
    day = current_day(session, challenge.id, now)
    listed = member_entries(session, challenge.id, user_id)
    numbers = [entry.day_number for entry in listed]
    current, longest = streaks(numbers, day.number if day else 0, excused=excused)
    return Progress(
        challenge=challenge, day=day, joined=participant(session, challenge.id, user_id) is not None,
        entry_days=sorted(set(numbers)), entries=len(numbers), current_streak=current, longest_streak=longest,
        entry_list=tuple(listed),
    )


def home_challenges(session: Session, team_id: str, user_id: str, *, now: datetime) -> list[Progress]:
    """The member's progress in each running challenge they take part in, for App Home."""
    joined = session.scalars(
        select(Challenge).join(Participant, Participant.challenge_id == Challenge.id)
        .where(Challenge.team_id == team_id, Participant.user_id == user_id, Participant.left_at.is_(None),
               Challenge.status == ChallengeStatus.ACTIVE)
        .order_by(Challenge.start_date, Challenge.id)
    ).all()
    return [progress(session, challenge, user_id, now=now, excused=away_days(session, challenge, user_id))
            for challenge in joined if not is_over(challenge, now)]


@dataclass(frozen=True)
class MyStatus:
    """What `/challenge status` shows: the member's progress, their partners and their time away."""

    progress: Progress
    partners: MyPartners | None  # None when they are not taking part
    away_until: date | None


def my_status(session: Session, challenge: Challenge, user_id: str, *, now: datetime) -> MyStatus:
    taking_part = participant(session, challenge.id, user_id) is not None
    return MyStatus(
        progress=progress(session, challenge, user_id, now=now, excused=away_days(session, challenge, user_id)),
        partners=my_partners(session, challenge, user_id, now) if taking_part else None,
        away_until=away_until(session, challenge.team_id, user_id, now),
    )
