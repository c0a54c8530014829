"""Slack problems someone was told about, so that each is told once until it is mended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class SlackProblem(Base):
    """A lasting Slack error at a place (a channel, a permission) that a member was told about, once.

    `place` is what is broken ("channel:C123", "scope:chat:write"); `user_id` who was told: the
    creator of a challenge, a lead, a coordinator. The row goes when a delivery to the place
    succeeds again (or the app is reinstalled, for a permission), so a problem that comes back is
    told again.
    """

    __tablename__ = "slack_problems"
    __table_args__ = (UniqueConstraint("team_id", "place", "error", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    place: Mapped[str] = mapped_column(String(80))
    error: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(32))
    told_at: Mapped[datetime]
