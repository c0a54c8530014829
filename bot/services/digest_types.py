"""What the weekly digest is made of: the week it covers and its sections, one per domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DigestWindow:
    """The week a digest covers, in one community."""

    team_id: str
    since: datetime
    until: datetime
    today: date


@dataclass(frozen=True)
class DigestSection:
    """One part of the weekly digest (see bot/services/digest.py): a title and one mrkdwn line an item."""

    title: str
    lines: list[str]
