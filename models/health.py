"""The coordinators' view of community health: the participation chart, drawn at most once a day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class HealthChart(Base):
    """A workspace's latest participation chart, uploaded to Slack on `made_on` (the community's local date)."""

    __tablename__ = "health_charts"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    file_id: Mapped[str] = mapped_column(String(32))
    made_on: Mapped[date] = mapped_column(Date)
    made_at: Mapped[datetime]
