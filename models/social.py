"""The social side of a challenge: accountability partners, nudges, time away, wrap-up and meetup."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, DueWork


class SocialMessageKind(StrEnum):
    INTRO = "intro"  # partners introduced (or a group that changed)
    ALONE = "alone"  # no partner yet
    PARTNER_AWAY = "partner_away"
    PARTNER_BACK = "partner_back"
    PARTNERS_NUDGED = "partners_nudged"  # the day's note to a group about who is behind


class NudgeOutcome(StrEnum):
    SENT = "sent"
    JOURNALED = "journaled"
    NUDGES_OFF = "nudges_off"
    AWAY = "away"
    PAUSED = "paused"  # three ignored in a row
    LEFT = "left"
    OVER = "over"
    STALE = "stale"  # a later day is out
    NO_TIME = "no_time"  # no sensible hour to nudge that day
    UNREACHABLE = "unreachable"  # Slack would not deliver their DM (gone, a bot): not nudged again


class MilestoneKind(StrEnum):
    WRAPUP = "wrapup"
    MEETUP = "meetup"


class PartnerGroup(Base):
    """A pair or triad of accountability partners in one challenge."""

    __tablename__ = "partner_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]


class PartnerMember(Base):
    """A member's place in a group; `removed_at` once they leave it (left, re-paired or gone)."""

    __tablename__ = "partner_members"
    __table_args__ = (Index("ix_partner_members_challenge_user", "challenge_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("partner_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    added_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]


class MemberPrefs(Base):
    """What the bot keeps about a member of a workspace: their timezone, nudges off, gone."""

    __tablename__ = "member_prefs"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    timezone: Mapped[str | None] = mapped_column(String(64))  # their Slack timezone
    timezone_checked_at: Mapped[datetime | None]
    nudges_off: Mapped[bool] = mapped_column(Boolean, default=False)
    # Slack said account_inactive / user_not_found: they left the workspace; never paired or nudged again.
    gone_at: Mapped[datetime | None]


class TimeAway(Base):
    """A member away from `first_day` to `last_day` (their local dates, inclusive): no nudges."""

    __tablename__ = "time_away"
    __table_args__ = (Index("ix_time_away_team_user", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    first_day: Mapped[date]
    last_day: Mapped[date]
    created_at: Mapped[datetime]


class SocialMessage(DueWork, Base):
    """A DM to one member or a group DM to a few: a partner introduction, a note to partners, ….

    `key` makes each message once-only (e.g. "intro:12:U1,U2"); `kind` and `payload` say what
    to write when it is sent.
    """

    __tablename__ = "social_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # a SocialMessageKind
    user_ids: Mapped[list[str]] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Nudge(DueWork, Base):
    """A reminder to journal, for one participant and challenge day; `outcome` once handled."""

    __tablename__ = "nudges"
    __table_args__ = (UniqueConstraint("challenge_id", "user_id", "day_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    day_number: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16))  # a NudgeOutcome
    sent_at: Mapped[datetime | None]


class ChallengeMilestone(DueWork, Base):
    """A challenge's wrap-up after its last day, or its meetup reminder, each once."""

    __tablename__ = "challenge_milestones"
    __table_args__ = (UniqueConstraint("challenge_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # a MilestoneKind
    message_ts: Mapped[str | None] = mapped_column(String(32))
    chart_file_id: Mapped[str | None] = mapped_column(String(32))
    # The wrap-up's figures, for App Home and the digest: participants, entries, completion, …
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
