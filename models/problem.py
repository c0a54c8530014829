"""Slack problems someone was told about, so that each is told once until it is mended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class SlackProblem(Base):
    """A lasting Slack error at a place (a channel, a permission) that `audience` was told about, once.

    `place` is what is broken ("channel:C123", "scope:chat:write"); `audience` who was told about
    it ("challenge:12", "group:3", "coordinators"). The row goes when a delivery to the place
    succeeds again, so a problem that comes back is told again.
    """

    __tablename__ = "slack_problems"
    __table_args__ = (UniqueConstraint("team_id", "place", "error", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    place: Mapped[str] = mapped_column(String(80))
    error: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(64))
    told_at: Mapped[datetime]
