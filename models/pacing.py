"""Slack's rate limits as every replica sees them: one row per workspace and limited method (or channel)."""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class RateBucket(Base):
    """When the next call of a limited Slack method may go, for one workspace (bot/slack/limits.py).

    `bucket` is a method ("conversations.open") or a method in one channel ("chat.postMessage:C123").
    `next_at` is the bucket's theoretical arrival time (GCRA): each call reserves one interval after
    it, and a call may go up to a burst of intervals before it. `held_until` is when a 429's
    Retry-After ends. Both are seconds since the epoch (wall-clock time, shared by replicas).
    """

    __tablename__ = "rate_buckets"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    bucket: Mapped[str] = mapped_column(String(120), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float)
    held_until: Mapped[float] = mapped_column(Float, default=0.0)
