"""Per-workspace community settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

DEFAULT_TIMEZONE = "UTC"


class Community(Base):
    """One Slack workspace: its community channel, coordinators and default timezone.

    `uninstalled_at` is set while the app is uninstalled (or its bot token revoked): the workspace's
    scheduled work waits, its data is kept, and a reinstall resumes it.
    """

    __tablename__ = "communities"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    community_channel_id: Mapped[str | None] = mapped_column(String(32))
    coordinator_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str | None] = mapped_column(String(32))
    uninstalled_at: Mapped[datetime | None]


class CoordinatorCopy(Base):
    """A coordinator's DM copy of a proposal (a practice group's or a charter's), updated when anyone acts on it."""

    __tablename__ = "coordinator_copies"
    __table_args__ = (UniqueConstraint("channel_id", "ts"), Index("ix_coordinator_copies_subject", "subject_kind",
                                                                   "subject_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    subject_kind: Mapped[str] = mapped_column(String(16))  # "group" or "charter", as in models/report.py
    subject_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
