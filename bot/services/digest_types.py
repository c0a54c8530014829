"""What the weekly digest is made of: the week it covers and its sections, one per domain.

A section holds what happened, not sentences: bot/views/digest.py words it, and makes what members
typed (names, titles) safe to repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.services.challenges.wrapup_stats import Summary
from bot.services.charters.ledger import Ledger
from bot.services.reports.reports import ReportLine
from bot.services.reports.subjects import SubjectInfo
from models import Challenge, Charter
from models.group import PracticeGroup


@dataclass(frozen=True)
class DigestWindow:
    """The week a digest covers, in one community."""

    team_id: str
    since: datetime
    until: datetime
    today: date


@dataclass(frozen=True)
class NewGroups:
    """Practice groups proposed this week."""

    groups: list[PracticeGroup]


@dataclass(frozen=True)
class CharterNews:
    """Charters proposed this week, charters at work, and charters that brought back their findings; the
    ledger of hours of those at work and those completed."""

    proposed: list[Charter]
    completed: list[Charter]
    active: list[Charter] = field(default_factory=list)
    ledgers: dict[int, Ledger] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportsBack:
    """Reports posted this week, with their feedback."""

    reports: list[ReportLine]


@dataclass(frozen=True)
class Overdue:
    """Subjects whose report is past due."""

    subjects: list[SubjectInfo]


@dataclass(frozen=True)
class WrappedUp:
    """Challenges wrapped up this week, with their figures."""

    challenges: list[tuple[Challenge, Summary]]


DigestSection = NewGroups | CharterNews | ReportsBack | Overdue | WrappedUp
