"""Per-workspace community settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
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
