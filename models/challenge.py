"""30-day challenges: the challenge, its daily posts (due rows), participants and journal entries."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, DueWork


class ChallengeStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    STOPPED = "stopped"  # the channel was archived or deleted mid-challenge; no more posts


class JournalSource(StrEnum):
    THREAD = "thread"  # a reply in the day's thread
    MODAL = "modal"  # written in the journal form


class Challenge(Base):
    """A challenge: a new activity posted in `channel_id` each challenge day at the local `post_time`."""

    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    creator_id: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date]
    end_date: Mapped[date]  # the local date of the last day
    days: Mapped[int] = mapped_column(Integer)
    post_time: Mapped[time]
    timezone: Mapped[str] = mapped_column(String(64))
    skip_weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    partners: Mapped[bool] = mapped_column(Boolean, default=True)
    nudge_delay_hours: Mapped[int | None] = mapped_column(Integer)
    meetup_date: Mapped[date | None]
    # The day's activities in order: [{"title": …, "do": …, "journal": …}, …], at least `days` of them.
    activities: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    template_name: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16), default=ChallengeStatus.ACTIVE)
    announcement_ts: Mapped[str | None] = mapped_column(String(32))
    stopped_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]


class ChallengeDay(DueWork, Base):
    """Day `number` of a challenge, due at its local post time (in UTC); `post_ts` once posted."""

    __tablename__ = "challenge_days"
    __table_args__ = (UniqueConstraint("challenge_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    local_date: Mapped[date]
    post_ts: Mapped[str | None] = mapped_column(String(32), index=True)
    # Not posted because a later day was already due when the job ran (the bot was down).
    missed: Mapped[bool] = mapped_column(Boolean, default=False)


class Participant(Base):
    """A member taking part; `left_at` is set when they leave (and cleared if they join again)."""

    __tablename__ = "challenge_participants"
    __table_args__ = (UniqueConstraint("challenge_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    joined_at: Mapped[datetime]
    left_at: Mapped[datetime | None]


class ChallengeInvitation(Base):
    """A non-participant was invited to join after replying in a day's thread: once per challenge."""

    __tablename__ = "challenge_invitations"
    __table_args__ = (UniqueConstraint("challenge_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    invited_at: Mapped[datetime]


class JournalEntry(Base):
    """One journal entry for a challenge day: a reply in the day's thread, or written in the modal.

    `slack_ts` is the message (the member's reply, or the bot's post of a public modal entry);
    unique per channel, so a retried event never stores a reply twice. Private entries have none.
    """

    __tablename__ = "journal_entries"
    __table_args__ = (
        UniqueConstraint("channel_id", "slack_ts"),
        Index("ix_journal_entries_challenge_user", "challenge_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    day_number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(8))  # a JournalSource
    channel_id: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]


class ActivitySet(Base):
    """A community's own set of daily activities, imported as YAML (the built-in sets are files)."""

    __tablename__ = "activity_sets"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(60))  # the name, lower-cased: names are unique ignoring case
    name: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
